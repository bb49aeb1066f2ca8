// tests/data/intercom/expected.md as assertions: retrieved conversations with parts (one per line) through the whole
// engine, and the conversation list page whose items carry only `statistics`.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

namespace {

std::vector<Input> intercom_fixture() {
  return {{"conversations.jsonl", read_file(testdata("intercom/conversations.jsonl"))}};
}

const json& full() {
  static const json r = report(intercom_fixture());
  return r;
}
const json& kpis() { return full()["kpis"]; }

const json& list_only() {
  static const json r = report({{"conversation_list.json", read_file(testdata("intercom/conversation_list.json"))}});
  return r;
}

const json* agent(const json& report, const std::string& name) {
  for (const auto& a : report["kpis"]["agents"])
    if (a["name"] == name) return &a;
  return nullptr;
}

// One conversation in Intercom's shape.
std::string conversation(const std::string& id, const std::string& extra) {
  return "{\"type\":\"conversation\",\"id\":\"" + id +
         "\",\"created_at\":1741003200,\"source\":{\"type\":\"email\",\"author\":{\"type\":\"user\",\"id\":\"u1\"}}," +
         extra + "}";
}

}  // namespace

TEST(Intercom, RetrievedConversationsAreDetectedAsIntercom) {
  const json& s = full()["sources"];
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["vendor"], "intercom");
  EXPECT_EQ(s[0]["role"], "tickets");
  EXPECT_EQ(s[0]["records"], 8);
  EXPECT_EQ(full()["data_quality"]["tickets_read"], 8);
  EXPECT_TRUE(full()["data_quality"]["warnings"].empty()) << full()["data_quality"]["warnings"].dump();
}

TEST(Intercom, VolumeIs8ByDay21122FromEpochSeconds) {
  const json& v = kpis()["ticket_volume"];
  EXPECT_EQ(v["total"], 8);
  const int by_day[] = {2, 1, 1, 2, 2};
  ASSERT_EQ(v["by_day"].size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(v["by_day"][i]["count"], by_day[i]) << i;
  EXPECT_EQ(v["by_day"][0]["period"], "2025-03-03");
}

TEST(Intercom, VolumeByChannelEmail5Chat2Sms1) {
  const json& ch = kpis()["ticket_volume"]["by_channel"];
  EXPECT_EQ(ch["email"], 5);
  EXPECT_EQ(ch["chat"], 2);  // source.type "conversation" = the Messenger
  EXPECT_EQ(ch["sms"], 1);
}

TEST(Intercom, OpenTicketsBacklogIs3WithSnoozedCountedAsOpen) {
  const json& o = kpis()["open_tickets"];
  EXPECT_EQ(o["total"], 3);
  EXPECT_EQ(o["by_status"]["open"], 2);
  EXPECT_EQ(o["by_status"]["snoozed"], 1);
  EXPECT_EQ(o["unassigned"], 1);
  EXPECT_EQ(o["awaiting_reply"], 2);
}

TEST(Intercom, FirstResponseTimeMedianIs1200) {
  EXPECT_EQ(kpis()["first_response_time"]["n"], 5);
  EXPECT_DOUBLE_EQ(kpis()["first_response_time"]["median"].get<double>(), 1200);
}

TEST(Intercom, FirstResponseTimeMeanIs1956) {
  EXPECT_DOUBLE_EQ(kpis()["first_response_time"]["mean"].get<double>(), 1956);
}

TEST(Intercom, FirstResponseTimeP90Is4320) {
  EXPECT_NEAR(kpis()["first_response_time"]["p90"].get<double>(), 4320, 1e-6);
}

TEST(Intercom, NotesAndFinAreNotReplies) {
  const json& f = kpis()["first_response_time"];
  EXPECT_EQ(f["unanswered"], 3);
  EXPECT_EQ(f["resolved_without_reply"], 1);  // …006
  EXPECT_EQ(f["source"], "events");
}

TEST(Intercom, ResponseTimeAllRepliesIs7EpisodesMedian1200) {
  const json& r = kpis()["response_time"];
  EXPECT_EQ(r["n"], 7);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1200);
}

TEST(Intercom, FullResolutionMedianIs1800) {
  const json& r = kpis()["resolution_time"];
  EXPECT_EQ(r["n"], 5);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 20484);
  EXPECT_NEAR(r["p90"].get<double>(), 59040, 1e-6);
  EXPECT_EQ(r["source"], "events");
}

TEST(Intercom, FirstResolutionFromCloseParts) {
  const json& r = kpis()["resolution_time"]["first"];
  EXPECT_EQ(r["n"], 5);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 2496);
}

TEST(Intercom, OneTouchIsTwoOfFour) {
  const json& o = kpis()["one_touch_resolution"];
  EXPECT_EQ(o["numerator"], 2);
  EXPECT_EQ(o["denominator"], 4);
  EXPECT_EQ(o["zero_touch"], 1);
}

TEST(Intercom, ReopenRateIsOneOfFiveFromACustomerReplyAfterClose) {
  const json& r = kpis()["reopen_rate"];
  EXPECT_EQ(r["numerator"], 1);
  EXPECT_EQ(r["denominator"], 5);
}

TEST(Intercom, AutomatedResolutionIsOneOfFiveForFin) {
  const json& a = kpis()["automated_resolution"];
  EXPECT_EQ(a["numerator"], 1);
  EXPECT_EQ(a["denominator"], 5);
  ASSERT_NE(agent(full(), "Automation"), nullptr);
  EXPECT_EQ((*agent(full(), "Automation"))["tickets_resolved"], 1);
  EXPECT_EQ(agent(full(), "Fin"), nullptr);  // a bot is not an agent
}

TEST(Intercom, ResolvedPerAgentIsAlice3Bob1) {
  ASSERT_NE(agent(full(), "Alice Archer"), nullptr);
  EXPECT_EQ((*agent(full(), "Alice Archer"))["tickets_resolved"], 3);
  EXPECT_EQ((*agent(full(), "Alice Archer"))["resolutions"], 4);
  ASSERT_NE(agent(full(), "Bob Baker"), nullptr);
  EXPECT_EQ((*agent(full(), "Bob Baker"))["tickets_resolved"], 1);
}

TEST(Intercom, CsatIs2Of3SatisfiedMean3667) {
  const json& c = kpis()["csat"];
  EXPECT_EQ(c["n"], 3);
  EXPECT_NEAR(c["score"].get<double>(), 2.0 / 3, 1e-9);
  EXPECT_NEAR(c["mean"].get<double>(), 11.0 / 3, 1e-9);
}

TEST(Intercom, CsatResponseRateIs3Of4Requested) {
  EXPECT_EQ(kpis()["csat"]["offered"], 4);
  EXPECT_DOUBLE_EQ(kpis()["csat"]["response_rate"].get<double>(), 0.75);
}

TEST(Intercom, CsatIsAnchoredOnWhenTheRatingWasGiven) {
  // …001 was requested at 10:15 and rated at 12:00 on 03-03: a period from 11:00 still holds it.
  const json r = report(intercom_fixture(), 1 << 20, R"({"from":"2025-03-03T11:00:00Z","to":"2025-03-04"})");
  EXPECT_EQ(r["kpis"]["csat"]["n"], 2);  // 5 at 12:00 and 4 at 15:00
}

TEST(Intercom, ListItemsWithoutPartsUseStatistics) {
  const json& k = list_only()["kpis"];
  EXPECT_EQ(list_only()["sources"][0]["vendor"], "intercom");
  EXPECT_EQ(list_only()["data_quality"]["tickets_read"], 8);
  const json& f = k["first_response_time"];
  EXPECT_EQ(f["n"], 5);
  EXPECT_DOUBLE_EQ(f["median"].get<double>(), 1200);
  EXPECT_DOUBLE_EQ(f["mean"].get<double>(), 1956);
  EXPECT_EQ(f["source"], "vendor");
  EXPECT_DOUBLE_EQ(k["resolution_time"]["median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(k["resolution_time"]["mean"].get<double>(), 20484);
  EXPECT_DOUBLE_EQ(k["resolution_time"]["first"]["mean"].get<double>(), 2496);  // first_close_at
  EXPECT_EQ(k["resolution_time"]["source"], "vendor");
  EXPECT_EQ(k["reopen_rate"]["numerator"], 1);  // count_reopens
  EXPECT_EQ(k["reopen_rate"]["denominator"], 5);
  EXPECT_EQ(k["automated_resolution"]["numerator"], 1);
  EXPECT_EQ(k["one_touch_resolution"]["denominator"], 0);  // replies unknown without parts
  EXPECT_EQ(k["one_touch_resolution"]["unknown_replies"], 4);
  EXPECT_EQ(k["csat"], kpis()["csat"]);
}

TEST(Intercom, ListAndRetrievedConversationsMergeById) {
  const json r = report({{"conversation_list.json", read_file(testdata("intercom/conversation_list.json"))},
                         {"conversations.jsonl", read_file(testdata("intercom/conversations.jsonl"))}});
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 8);
  EXPECT_EQ(r["data_quality"]["excluded"]["duplicate"], 8);
  EXPECT_EQ(r["kpis"]["first_response_time"]["source"], "events");
  EXPECT_EQ(r["kpis"]["one_touch_resolution"], kpis()["one_touch_resolution"]);
}

TEST(Intercom, SameKpisWhateverTheChunkSize) { EXPECT_EQ(report(intercom_fixture(), 11)["kpis"], kpis()); }

TEST(Intercom, AdminPartFromTheAiAgentIsABot) {
  const json r =
      report({{"c.json", conversation("1", R"("state":"open","conversation_parts":{"conversation_parts":[)"
                                           R"({"id":"p1","part_type":"comment","created_at":1741003260,)"
                                           R"("author":{"type":"admin","id":"a1","from_ai_agent":true}}]})")}});
  EXPECT_EQ(r["kpis"]["first_response_time"]["n"], 0);
  EXPECT_EQ(r["kpis"]["first_response_time"]["unanswered"], 1);
}

TEST(Intercom, OpenFlagStandsInForAMissingState) {
  const json r = report({{"c.json", conversation("2", R"("open":false,"statistics":{"last_close_at":1741004100})")}});
  EXPECT_EQ(r["kpis"]["resolution_time"]["n"], 1);
  EXPECT_DOUBLE_EQ(r["kpis"]["resolution_time"]["median"].get<double>(), 900);
}

TEST(Intercom, UnknownStateIsNamedInAWarning) {
  const json r = report({{"c.json", conversation("3", R"("state":"archived","statistics":null)")}});
  const std::string m = warning_message(r, "unknown_status");
  EXPECT_NE(m.find("conversation 3"), std::string::npos);
  EXPECT_NE(m.find("c.json"), std::string::npos);
}

TEST(Intercom, RatingOffTheScaleSkipsTheConversationWithItsId) {
  const json r = report({{"c.json", conversation("4", R"("state":"closed","conversation_rating":{"rating":9})")}});
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 0);
  EXPECT_NE(warning_message(r, "invalid_record").find("ticket 4"), std::string::npos);
}
