// KPIs that depend on settings: SLA compliance (1.23), cost per resolution (1.19), consistency across agents (1.20),
// and subject keywords for top topics (1.21), including Japanese subjects without spaces.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

TEST(Sla_1_23, FixtureFirstResponseAndResolutionTargets) {
  json r = report(zendesk_fixture(), 1 << 20, "{}",
                  R"({"now":"2025-03-08T00:00:00Z","sla":{"first_response_s":3600,"resolution_s":86400}})");
  const json& frt = r["kpis"]["sla"]["first_response"];
  EXPECT_EQ(frt["met"], 4);     // 5001 2700, 5002 180, 5007 300, 5008 1200
  EXPECT_EQ(frt["missed"], 3);  // 5003 5400, and 5004, 5005 never answered (open breaches)
  EXPECT_EQ(frt["open_breaches"], 2);
  EXPECT_NEAR(frt["rate"].get<double>(), 4.0 / 7.0, 1e-12);
  const json& res = r["kpis"]["sla"]["resolution"];
  EXPECT_EQ(res["met"], 4);      // 5001, 5002, 5006, 5008
  EXPECT_EQ(res["missed"], 3);   // 5003 (95400 s), 5004 and 5005 open for more than a day
  EXPECT_EQ(res["pending"], 1);  // 5007, created 15 h before "now"
  EXPECT_EQ(r["kpis"]["sla"]["clock"], "calendar");
  EXPECT_EQ(r["settings"]["now"], "2025-03-08T00:00:00Z");
}

TEST(Sla_1_23, NullWithoutTargets) { EXPECT_TRUE(report(zendesk_fixture())["kpis"]["sla"].is_null()); }

TEST(Sla_1_23, PerChannelTargetOverrides) {
  json r = report(zendesk_fixture(), 1 << 20, "{}",
                  R"({"now":"2025-03-08T00:00:00Z","sla":{"first_response_s":3600,"by_channel":{"chat":{"first_response_s":60}}}})");
  // 5002 (chat, 180 s) now misses its 60 s target.
  EXPECT_EQ(r["kpis"]["sla"]["first_response"]["met"], 3);
  EXPECT_EQ(r["kpis"]["sla"]["first_response"]["missed"], 4);
}

TEST(CostPerResolution_1_19, TotalOverResolvedAndCreated) {
  json r = report(zendesk_fixture(), 1 << 20, "{}",
                  R"({"costs":{"currency":"EUR","agent_labour":700,"tools":200,"bot":100}})");
  const json& c = r["kpis"]["cost_per_resolution"];
  EXPECT_DOUBLE_EQ(c["value"].get<double>(), 1000.0 / 5);       // 5 resolved
  EXPECT_DOUBLE_EQ(c["per_ticket"].get<double>(), 1000.0 / 8);  // 8 created
  EXPECT_DOUBLE_EQ(c["human_per_human_resolution"].get<double>(), 900.0 / 4);  // 5006 was automated
  EXPECT_EQ(c["currency"], "EUR");
  EXPECT_TRUE(report(zendesk_fixture())["kpis"]["cost_per_resolution"].is_null()) << "no costs, no value";
}

TEST(CostPerResolution_1_19, NullWhenNothingResolved) {
  json r = report(zendesk_fixture(), 1 << 20, R"({"filters":{"status":["new"]}})", R"({"costs":{"agent_labour":10}})");
  EXPECT_TRUE(r["kpis"]["cost_per_resolution"]["value"].is_null());
}

namespace {
// Solved tickets tagged "x", resolved by the assignee after `minutes` (from metric_set: no audits).
// Solved tickets: (assignee, full resolution minutes), each tagged "x", then `noise` more, each with a tag and an
// assignee of its own.
std::string solved_page(const std::vector<std::pair<int, int>>& assignee_minutes, int noise = 0) {
  std::string s = R"({"tickets":[)";
  int id = 1;
  const auto add = [&](int agent, int minutes, const std::string& tag) {
    if (id > 1) s += ",";
    s += R"({"id":)" + std::to_string(id++) + R"(,"via":{"channel":"email"},"created_at":"2025-03-03T09:00:00Z",)"
         R"("status":"solved","requester_id":1,"assignee_id":)" + std::to_string(agent) + R"(,"tags":[")" + tag + R"("],)"
         R"("metric_set":{"replies":1,"reopens":0,"full_resolution_time_in_minutes":{"calendar":)" +
         std::to_string(minutes) + "}}}";
  };
  for (auto [agent, minutes] : assignee_minutes) add(agent, minutes, "x");
  for (int i = 0; i < noise; ++i) add(100 + i, 5, "noise" + std::to_string(i));
  return s + "]}";
}
}  // namespace

TEST(Consistency_1_20, CoefficientOfVariationOfMedianResolution) {
  // Agent 1: medians 10 min; agent 2: 30 min → mean 20, population stdev 10 → CV 0.5 → score 0.5.
  const std::string page = solved_page({{1, 10}, {1, 10}, {1, 10}, {2, 30}, {2, 30}, {2, 30}});
  json r = report({{"p.json", page}}, 1 << 20, "{}", R"({"consistency_min_tickets":3})");
  const json& c = r["kpis"]["consistency"];
  ASSERT_EQ(c["topics"].size(), 1u);
  EXPECT_NEAR(c["topics"][0]["cv"]["median_resolution"].get<double>(), 0.5, 1e-12);
  EXPECT_NEAR(c["score"].get<double>(), 0.5, 1e-12);
  // With k = 4 neither agent qualifies: hidden, not computed.
  json hidden = report({{"p.json", page}}, 1 << 20, "{}", R"({"consistency_min_tickets":4})");
  EXPECT_TRUE(hidden["kpis"]["consistency"]["topics"].empty());
  EXPECT_TRUE(hidden["kpis"]["consistency"]["score"].is_null());
}

TEST(Consistency_1_20, ManyTagsAndAgentsGiveTheSameTable) {
  // 1,031 tags × 1,032 agents is past the size where a query finds (tag, agent) cells through a table over their
  // numbers, so the cells come from the hash index instead; the noise tickets are below k, so the table must equal
  // the one without them.
  const std::vector<std::pair<int, int>> core = {{1, 10}, {1, 10}, {1, 10}, {2, 30}, {2, 30}, {2, 30}};
  const char* settings = R"({"consistency_min_tickets":3})";
  json small = report({{"p.json", solved_page(core)}}, 1 << 20, "{}", settings);
  json large = report({{"p.json", solved_page(core, 1030)}}, 1 << 20, "{}", settings);
  ASSERT_EQ(small["kpis"]["consistency"]["topics"].size(), 1u);
  EXPECT_EQ(large["kpis"]["consistency"], small["kpis"]["consistency"]);
  EXPECT_EQ(large["data_quality"]["tickets_used"], 1036);
}

TEST(TopTopics_1_21, SubjectKeywordsSplitJapaneseByScript) {
  const std::string page = R"({"tickets":[
    {"id":1,"via":{"channel":"email"},"created_at":"2025-03-03T09:00:00Z","status":"open","subject":"注文の配送状況について"},
    {"id":2,"via":{"channel":"email"},"created_at":"2025-03-03T10:00:00Z","status":"open","subject":"配送状況を教えてください"},
    {"id":3,"via":{"channel":"email"},"created_at":"2025-03-03T11:00:00Z","status":"open","subject":"キャンセルのお願い"},
    {"id":4,"via":{"channel":"email"},"created_at":"2025-03-03T12:00:00Z","status":"open","subject":"Where is my ORDER? order #1001"}]})";
  json r = report({{"p.json", page}});
  std::map<std::string, int> subject;
  for (const auto& t : r["kpis"]["top_topics"])
    if (t["source"] == "subject") subject[t["topic"].get<std::string>()] = t["count"].get<int>();
  EXPECT_EQ(subject["配送状況"], 2);
  EXPECT_EQ(subject["注文"], 1);
  EXPECT_EQ(subject["キャンセル"], 1);
  EXPECT_EQ(subject["order"], 1) << "counted once per ticket, lower-cased";
  EXPECT_EQ(subject.count("where"), 0u) << "stop words are dropped";
  EXPECT_EQ(subject.count("1001"), 0u) << "numbers are not topics";
  EXPECT_EQ(subject.count("の"), 0u) << "hiragana particles separate";
}
