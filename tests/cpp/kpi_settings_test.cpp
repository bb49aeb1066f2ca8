// KPIs that depend on settings: SLA compliance (1.23), cost per resolution (1.19), consistency across agents (1.20),
// and subject keywords for top topics (1.21), including Japanese subjects without spaces.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

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
  // 1,031 tags × 1,032 agents: a million possible (tag, agent) cells, of which the noise tickets fill a thousand, each
  // below k, so the table must equal the one without them.
  const std::vector<std::pair<int, int>> core = {{1, 10}, {1, 10}, {1, 10}, {2, 30}, {2, 30}, {2, 30}};
  const char* settings = R"({"consistency_min_tickets":3})";
  json small = report({{"p.json", solved_page(core)}}, 1 << 20, "{}", settings);
  json large = report({{"p.json", solved_page(core, 1030)}}, 1 << 20, "{}", settings);
  ASSERT_EQ(small["kpis"]["consistency"]["topics"].size(), 1u);
  EXPECT_EQ(large["kpis"]["consistency"], small["kpis"]["consistency"]);
  EXPECT_EQ(large["data_quality"]["tickets_used"], 1036);
}

// The table's counts and medians per (tag, agent) under a filter, against a computation from the export itself: the
// kept tickets' durations sorted, PERCENTILE.INC at 0.5; one-touch = replies == 1 among replies > 0; reopen = reopens
// > 0 among all. (The engine reads each cell off entries sorted once at finish; this gathers and sorts per query.)
TEST(Consistency_1_20, FilteredTableEqualsAComputationFromTheExport) {
  struct Ticket {
    int agent, minutes, replies, reopens;  // minutes < 0: no full resolution time
    std::vector<std::string> tags;
    std::string channel;
  };
  std::vector<Ticket> tickets;
  uint32_t x = 12345;
  const auto next = [&](uint32_t m) { return ((x = x * 1103515245u + 12345u) >> 8 & 0xFFFFFFu) % m; };
  const char* channels[] = {"email", "chat", "web"};
  const char* tag_names[] = {"billing", "shipping", "returns"};
  std::string page = R"({"tickets":[)";
  for (int id = 1; id <= 900; ++id) {
    Ticket t{1 + static_cast<int>(next(5)), next(10) == 0 ? -1 : 1 + static_cast<int>(next(3000)),
             static_cast<int>(next(4)), static_cast<int>(next(3)), {}, channels[next(3)]};
    t.tags.push_back(tag_names[next(3)]);
    if (next(2)) t.tags.push_back(tag_names[next(3)]);  // at times the same tag twice: counted twice, as by the engine
    if (id > 1) page += ",";
    page += R"({"id":)" + std::to_string(id) + R"(,"via":{"channel":")" + t.channel +
            R"("},"created_at":"2025-03-03T09:00:00Z","status":"solved","requester_id":)" + std::to_string(id) +
            R"(,"assignee_id":)" + std::to_string(t.agent) + R"(,"tags":[)";
    for (size_t i = 0; i < t.tags.size(); ++i) page += (i ? ",\"" : "\"") + t.tags[i] + "\"";
    page += R"(],"metric_set":{"replies":)" + std::to_string(t.replies) + R"(,"reopens":)" + std::to_string(t.reopens) +
            R"(,"full_resolution_time_in_minutes":{"calendar":)" +
            (t.minutes < 0 ? std::string("null") : std::to_string(t.minutes)) + "}}}";
    tickets.push_back(t);
  }
  page += "]}";
  const int k = 8;
  for (const std::string channel : {"email", "chat"}) {
    json r = report({{"p.json", page}}, 1 << 20, R"({"filters":{"channel":[")" + channel + R"("]}})",
                    R"({"consistency_min_tickets":)" + std::to_string(k) + "}");
    // Expected: per (tag, agent) among the kept tickets.
    struct Cell {
      std::vector<double> durations;
      int touched = 0, one_touch = 0, reopened = 0, all = 0;
    };
    std::map<std::string, std::map<std::string, Cell>> expected;
    for (const Ticket& t : tickets) {
      // Without a resolution time the export does not say when the ticket was resolved: not a resolved ticket.
      if (t.channel != channel || t.minutes < 0) continue;
      for (const std::string& tag : t.tags) {
        Cell& c = expected[tag][std::to_string(t.agent)];
        if (t.minutes >= 0) c.durations.push_back(t.minutes * 60.0);
        c.touched += t.replies > 0;
        c.one_touch += t.replies == 1;
        c.reopened += t.reopens > 0;
        ++c.all;
      }
    }
    size_t topics = 0;
    for (auto& [tag, agents] : expected) {
      size_t qualified = 0;
      for (auto& [agent, c] : agents) qualified += c.durations.size() >= k;
      if (qualified < 2) continue;
      ++topics;
      const json* topic = nullptr;
      for (const json& t : r["kpis"]["consistency"]["topics"])
        if (t["topic"] == tag) topic = &t;
      ASSERT_NE(topic, nullptr) << channel << ": topic " << tag;
      ASSERT_EQ((*topic)["agents"].size(), qualified) << channel << ": " << tag;
      for (const json& row : (*topic)["agents"]) {
        Cell& c = agents.at(row["id"].get<std::string>());
        std::sort(c.durations.begin(), c.durations.end());
        const double pos = 0.5 * static_cast<double>(c.durations.size() - 1);
        const size_t lo = static_cast<size_t>(pos), hi = std::min(lo + 1, c.durations.size() - 1);
        const double median = c.durations[lo] + (c.durations[hi] - c.durations[lo]) * (pos - static_cast<double>(lo));
        EXPECT_EQ(row["n"].get<size_t>(), c.durations.size()) << channel << " " << tag << " " << row["id"];
        EXPECT_EQ(row["median_resolution_s"].get<double>(), median) << channel << " " << tag << " " << row["id"];
        EXPECT_EQ(row["one_touch_rate"].get<double>(), static_cast<double>(c.one_touch) / c.touched);
        EXPECT_EQ(row["reopen_rate"].get<double>(), static_cast<double>(c.reopened) / c.all);
      }
    }
    EXPECT_EQ(r["kpis"]["consistency"]["topics"].size(), topics) << channel;
    EXPECT_GE(topics, 2u) << "the data must exercise the table";
  }
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
