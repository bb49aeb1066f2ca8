// fixtures/freshdesk/expected.md as assertions: the bare ticket array (stats + embedded conversations) and the
// satisfaction ratings through the whole engine; plus the same tickets with their conversations in a separate file, and
// without conversations at all (stats only).
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

namespace {

std::vector<Input> freshdesk_fixture() {
  return {{"small.json", read_file(fixture("freshdesk/small.json"))},
          {"satisfaction_ratings.json", read_file(fixture("freshdesk/satisfaction_ratings.json"))}};
}

const json& full() {
  static const json r = report(freshdesk_fixture());
  return r;
}
const json& kpis() { return full()["kpis"]; }

const json& split_files() {
  static const json r =
      report({{"tickets.json", read_file(testdata("freshdesk/tickets_without_conversations.json"))},
              {"conversations.json", read_file(testdata("freshdesk/conversations.json"))},
              {"satisfaction_ratings.json", read_file(fixture("freshdesk/satisfaction_ratings.json"))}});
  return r;
}

const json& stats_only() {
  static const json r = report({{"tickets.json", read_file(testdata("freshdesk/tickets_without_conversations.json"))}});
  return r;
}

const json* agent(const json& report, const std::string& id) {
  for (const auto& a : report["kpis"]["agents"])
    if (a["id"] == id) return &a;
  return nullptr;
}

// One ticket in Freshdesk's shape, for the bad-input cases.
std::string ticket(int id, const std::string& extra) {
  return "{\"id\":" + std::to_string(id) +
         ",\"requester_id\":1,\"responder_id\":2,\"source\":1,\"created_at\":\"2025-03-03T09:00:00Z\"," + extra + "}";
}

}  // namespace

TEST(Freshdesk, FilesAreDetectedAsTicketsAndSatisfactionRatings) {
  const json& s = full()["sources"];
  ASSERT_EQ(s.size(), 2u);
  // Sources are listed by name: satisfaction_ratings.json before small.json.
  EXPECT_EQ(s[1]["vendor"], "freshdesk");
  EXPECT_EQ(s[1]["role"], "tickets");
  EXPECT_EQ(s[1]["records"], 8);
  EXPECT_EQ(s[0]["vendor"], "freshdesk");
  EXPECT_EQ(s[0]["role"], "satisfaction_ratings");
  EXPECT_EQ(s[0]["records"], 3);
  EXPECT_EQ(full()["data_quality"]["tickets_read"], 8);
  EXPECT_EQ(full()["data_quality"]["tickets_used"], 8);
  EXPECT_TRUE(full()["data_quality"]["warnings"].empty()) << full()["data_quality"]["warnings"].dump();
}

TEST(Freshdesk, VolumeIs8ByDay21122) {
  const json& v = kpis()["ticket_volume"];
  EXPECT_EQ(v["total"], 8);
  const int by_day[] = {2, 1, 1, 2, 2};
  ASSERT_EQ(v["by_day"].size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(v["by_day"][i]["count"], by_day[i]) << i;
  EXPECT_EQ(v["by_day"][0]["period"], "2025-03-03");
}

TEST(Freshdesk, VolumeBySourceCodeKeepsTheLabels) {
  const json& raw = kpis()["ticket_volume"]["by_raw_channel"];
  EXPECT_EQ(raw["email"], 4);
  EXPECT_EQ(raw["chat"], 1);
  EXPECT_EQ(raw["portal"], 1);
  EXPECT_EQ(raw["bot"], 1);
  EXPECT_EQ(raw["facebook"], 1);
  const json& ch = kpis()["ticket_volume"]["by_channel"];
  EXPECT_EQ(ch["web_form"], 1);  // 2 portal
  EXPECT_EQ(ch["social"], 1);    // 6 facebook
}

TEST(Freshdesk, OpenTicketsBacklogIs3WithPendingCountedAsOpen) {
  const json& o = kpis()["open_tickets"];
  EXPECT_EQ(o["total"], 3);  // 104, 105 (status 2) and 107 (status 3)
  EXPECT_EQ(o["by_status"]["open"], 2);
  EXPECT_EQ(o["by_status"]["pending"], 1);
  EXPECT_EQ(o["unassigned"], 1);  // 104 has no responder_id
}

TEST(Freshdesk, FirstResponseTimeMedianIs1200) {
  EXPECT_EQ(kpis()["first_response_time"]["n"], 5);
  EXPECT_DOUBLE_EQ(kpis()["first_response_time"]["median"].get<double>(), 1200);
}

TEST(Freshdesk, FirstResponseTimeMeanIs1956) {
  EXPECT_DOUBLE_EQ(kpis()["first_response_time"]["mean"].get<double>(), 1956);
}

TEST(Freshdesk, FirstResponseTimeP90Is4320) {
  EXPECT_NEAR(kpis()["first_response_time"]["p90"].get<double>(), 4320, 1e-6);
}

TEST(Freshdesk, PrivateNotesAndTheBotAreNotReplies) {
  const json& f = kpis()["first_response_time"];
  EXPECT_EQ(f["unanswered"], 3);              // 104, 105 (two private notes), 106 (bot)
  EXPECT_EQ(f["unanswered_open"], 2);         // 104, 105
  EXPECT_EQ(f["resolved_without_reply"], 1);  // 106
  EXPECT_EQ(f["source"], "events");
}

TEST(Freshdesk, FirstResponseTimeFromStatsAloneIsTheSame) {
  const json& f = stats_only()["kpis"]["first_response_time"];
  EXPECT_EQ(f["n"], 5);
  EXPECT_DOUBLE_EQ(f["median"].get<double>(), 1200);
  EXPECT_DOUBLE_EQ(f["mean"].get<double>(), 1956);
  EXPECT_NEAR(f["p90"].get<double>(), 4320, 1e-6);
  EXPECT_EQ(f["source"], "vendor");
  // Without conversations the number of replies is unknown, so one-touch has nothing to count.
  EXPECT_EQ(stats_only()["kpis"]["one_touch_resolution"]["denominator"], 0);
  EXPECT_EQ(stats_only()["kpis"]["one_touch_resolution"]["unknown_replies"], 4);
}

TEST(Freshdesk, FullResolutionMedianIs1800FromResolvedAtNotClosedAt) {
  const json& r = kpis()["resolution_time"];
  EXPECT_EQ(r["n"], 5);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1800);
  // 101 is closed 48 h after its resolution; with closed_at the mean would be 55044.
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 20484);
  EXPECT_NEAR(r["p90"].get<double>(), 59040, 1e-6);
  EXPECT_EQ(r["source"], "vendor");
}

TEST(Freshdesk, FullResolutionExcludingAutomatedMedianIs3150) {
  const json& r = kpis()["resolution_time"]["excluding_automated"];
  EXPECT_EQ(r["n"], 4);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 3150);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 25575);
}

TEST(Freshdesk, FirstResolutionOfTheReopenedTicketIsUnknown) {
  // Only the latest resolved_at is kept: 103's first resolution is not in the export, so n is 4, not 5.
  const json& r = kpis()["resolution_time"]["first"];
  EXPECT_EQ(r["n"], 4);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1200);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 1755);
}

TEST(Freshdesk, OneTouchIsTwoOfFour) {
  const json& o = kpis()["one_touch_resolution"];
  EXPECT_EQ(o["numerator"], 2);  // 101, 108
  EXPECT_EQ(o["denominator"], 4);
  EXPECT_DOUBLE_EQ(o["rate"].get<double>(), 0.5);
  EXPECT_EQ(o["two_touch"], 2);   // 102, 103
  EXPECT_EQ(o["zero_touch"], 1);  // 106
}

TEST(Freshdesk, ReopenRateIsOneOfFiveFromReopenedAt) {
  const json& r = kpis()["reopen_rate"];
  EXPECT_EQ(r["numerator"], 1);  // 103
  EXPECT_EQ(r["denominator"], 5);
  EXPECT_DOUBLE_EQ(r["rate"].get<double>(), 0.2);
}

TEST(Freshdesk, AutomatedResolutionIsOneOfFiveForTheBotSource) {
  const json& a = kpis()["automated_resolution"];
  EXPECT_EQ(a["numerator"], 1);  // 106, source 12
  EXPECT_EQ(a["denominator"], 5);
}

TEST(Freshdesk, CsatIsOneSatisfiedOfThreeOnTheClassicScale) {
  const json& c = kpis()["csat"];
  EXPECT_EQ(c["n"], 3);
  EXPECT_NEAR(c["score"].get<double>(), 1.0 / 3, 1e-9);
  EXPECT_EQ(c["distribution"]["great"], 1);     // 103
  EXPECT_EQ(c["distribution"]["okay"], 1);      // 100
  EXPECT_EQ(c["distribution"]["not_good"], 1);  // -103
  EXPECT_TRUE(c["mean"].is_null());             // the codes are not averaged
  EXPECT_TRUE(c["response_rate"].is_null());    // surveys sent are not in the export
}

TEST(Freshdesk, ResolvedPerAgentIsAlice3Bob1Automation1) {
  ASSERT_NE(agent(full(), "43000000001"), nullptr);
  EXPECT_EQ((*agent(full(), "43000000001"))["tickets_resolved"], 3);
  EXPECT_EQ((*agent(full(), "43000000002"))["tickets_resolved"], 1);
  ASSERT_NE(agent(full(), "automation"), nullptr);
  EXPECT_EQ((*agent(full(), "automation"))["tickets_resolved"], 1);
}

TEST(Freshdesk, ConversationsFileJoinsItsTickets) {
  const json& s = split_files()["sources"];
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0]["vendor"], "freshdesk");  // sources are listed by name: conversations.json first
  EXPECT_EQ(s[0]["role"], "conversations");
  EXPECT_EQ(s[0]["records"], 13);
  const json& k = split_files()["kpis"];
  EXPECT_EQ(split_files()["data_quality"]["tickets_read"], 8);
  EXPECT_EQ(k["first_response_time"], kpis()["first_response_time"]);
  EXPECT_EQ(k["response_time"], kpis()["response_time"]);
  EXPECT_EQ(k["one_touch_resolution"], kpis()["one_touch_resolution"]);
  EXPECT_EQ(k["resolution_time"], kpis()["resolution_time"]);
  EXPECT_EQ(k["csat"], kpis()["csat"]);
  EXPECT_TRUE(split_files()["data_quality"]["warnings"].empty()) << split_files()["data_quality"]["warnings"].dump();
}

TEST(Freshdesk, SameKpisWhateverTheChunkSize) {
  const json small_chunks = report(freshdesk_fixture(), 7);
  EXPECT_EQ(small_chunks["kpis"], kpis());
}

TEST(Freshdesk, SpamAndDeletedTicketsAreExcludedAndCounted) {
  const json r =
      report({{"t.json", "[" + ticket(1, "\"status\":2,\"spam\":true") + "," +
                             ticket(2, "\"status\":5,\"deleted\":true") + "," + ticket(3, "\"status\":2") + "]"}});
  EXPECT_EQ(r["data_quality"]["excluded"]["spam"], 1);
  EXPECT_EQ(r["data_quality"]["excluded"]["deleted"], 1);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 1);
}

TEST(Freshdesk, AccountDefinedStatusCountsAsOpenWithAWarning) {
  const json r = report({{"t.json", "[" + ticket(7, "\"status\":7") + "]"}});
  EXPECT_EQ(r["kpis"]["open_tickets"]["total"], 1);
  EXPECT_EQ(r["kpis"]["open_tickets"]["by_status"]["on_hold"], 1);
  EXPECT_NE(warning_message(r, "custom_status").find("ticket 7"), std::string::npos);
}

TEST(Freshdesk, UndefinedStatusCodeIsNamedInAWarning) {
  const json r = report({{"t.json", "[" + ticket(9, "\"status\":1") + "]"}});
  const std::string m = warning_message(r, "unknown_status");
  EXPECT_NE(m.find("t.json"), std::string::npos);
  EXPECT_NE(m.find("ticket 9"), std::string::npos);
  EXPECT_EQ(r["kpis"]["open_tickets"]["unknown_status"], 1);
}

TEST(Freshdesk, TicketWithoutCreatedAtIsSkippedAndNamed) {
  const json r = report(
      {{"t.json", "[{\"id\":5,\"requester_id\":1,\"stats\":{},\"status\":2}," + ticket(6, "\"status\":2") + "]"}});
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 1);
  EXPECT_EQ(r["data_quality"]["excluded"]["invalid"], 1);
  EXPECT_NE(warning_message(r, "invalid_record").find("ticket 5"), std::string::npos);
}

TEST(Freshdesk, RatingOffTheScaleIsIgnoredWithAWarning) {
  const json r = report({{"t.json", "[" + ticket(1, "\"status\":4") + "]"},
                         {"r.json",
                          "[{\"id\":1,\"survey_id\":2,\"ticket_id\":1,\"created_at\":\"2025-03-03T10:00:00Z\","
                          "\"ratings\":{\"default_question\":55}}]"}});
  EXPECT_EQ(r["kpis"]["csat"]["n"], 0);
  EXPECT_TRUE(has_warning(r, "unknown_rating"));
}
