// tests/data/helpscout/expected.md as assertions: a HAL conversations page with embedded threads (newest first) through
// the whole engine, plus a Ratings API object.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

namespace {

std::vector<Input> helpscout_fixture() {
  return {{"conversations.json", read_file(testdata("helpscout/conversations.json"))}};
}

const json& full() {
  static const json r = report(helpscout_fixture());
  return r;
}
const json& kpis() { return full()["kpis"]; }

const json* agent(const std::string& name) {
  for (const auto& a : kpis()["agents"])
    if (a["name"] == name) return &a;
  return nullptr;
}

// One conversation in Help Scout's shape with the given threads, wrapped in a HAL page.
std::string page(const std::string& conversation) {
  return "{\"_embedded\":{\"conversations\":[" + conversation + "]},\"page\":{\"size\":25,\"totalElements\":1}}";
}

}  // namespace

TEST(HelpScout, HalPageIsDetectedAsHelpScoutConversations) {
  const json& s = full()["sources"];
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["vendor"], "helpscout");
  EXPECT_EQ(s[0]["role"], "tickets");
  EXPECT_EQ(s[0]["records"], 8);
  EXPECT_EQ(full()["data_quality"]["tickets_read"], 8);
  EXPECT_EQ(full()["data_quality"]["tickets_used"], 8);
  EXPECT_TRUE(full()["data_quality"]["warnings"].empty()) << full()["data_quality"]["warnings"].dump();
}

TEST(HelpScout, VolumeIs8ByDay21122) {
  const json& v = kpis()["ticket_volume"];
  EXPECT_EQ(v["total"], 8);
  const int by_day[] = {2, 1, 1, 2, 2};
  ASSERT_EQ(v["by_day"].size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(v["by_day"][i]["count"], by_day[i]) << i;
}

TEST(HelpScout, VolumeByChannelEmail4Chat3WebForm1) {
  const json& ch = kpis()["ticket_volume"]["by_channel"];
  EXPECT_EQ(ch["email"], 4);
  EXPECT_EQ(ch["chat"], 3);
  EXPECT_EQ(ch["web_form"], 1);  // 1004 through the Beacon
  EXPECT_EQ(kpis()["ticket_volume"]["by_raw_channel"]["beacon"], 1);
  EXPECT_EQ(kpis()["ticket_volume"]["by_raw_channel"]["mobile"], 1);
}

TEST(HelpScout, OpenTicketsBacklogIs3ActiveActivePending) {
  const json& o = kpis()["open_tickets"];
  EXPECT_EQ(o["total"], 3);
  EXPECT_EQ(o["by_status"]["open"], 2);
  EXPECT_EQ(o["by_status"]["pending"], 1);
  EXPECT_EQ(o["unassigned"], 1);
  EXPECT_EQ(o["awaiting_reply"], 2);
}

TEST(HelpScout, FirstResponseTimeMedianIs1200) {
  EXPECT_EQ(kpis()["first_response_time"]["n"], 5);
  EXPECT_DOUBLE_EQ(kpis()["first_response_time"]["median"].get<double>(), 1200);
}

TEST(HelpScout, FirstResponseTimeMeanIs1956) {
  EXPECT_DOUBLE_EQ(kpis()["first_response_time"]["mean"].get<double>(), 1956);
}

TEST(HelpScout, FirstResponseTimeP90Is4320) {
  EXPECT_NEAR(kpis()["first_response_time"]["p90"].get<double>(), 4320, 1e-6);
}

TEST(HelpScout, ThreadsNewestFirstAreReadInTimeOrder) {
  // 1003's first reply (03-04 09:30) is listed after its newer threads; FRT still ends there (5400 s = the p90 input).
  const json r = report(helpscout_fixture(), 1 << 20, R"({"from":"2025-03-04","to":"2025-03-05"})");
  EXPECT_EQ(r["kpis"]["first_response_time"]["n"], 1);
  EXPECT_DOUBLE_EQ(r["kpis"]["first_response_time"]["median"].get<double>(), 5400);
}

TEST(HelpScout, NotesAndTheAiUserAreNotReplies) {
  const json& f = kpis()["first_response_time"];
  EXPECT_EQ(f["unanswered"], 3);              // 1004, 1005 (notes), 1006 (system_user)
  EXPECT_EQ(f["resolved_without_reply"], 1);  // 1006
}

TEST(HelpScout, ResponseTimeAllRepliesIs7EpisodesMedian1200) {
  const json& r = kpis()["response_time"];
  EXPECT_EQ(r["n"], 7);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1200);
  EXPECT_NEAR(r["mean"].get<double>(), 1585.714285, 1e-5);
}

TEST(HelpScout, FullResolutionMedianIs1800) {
  const json& r = kpis()["resolution_time"];
  EXPECT_EQ(r["n"], 5);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 20484);
  EXPECT_NEAR(r["p90"].get<double>(), 59040, 1e-6);
  EXPECT_EQ(r["source"], "events");
}

TEST(HelpScout, FirstResolutionFromThreadStatusesIncludes5460) {
  const json& r = kpis()["resolution_time"]["first"];
  EXPECT_EQ(r["n"], 5);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 2496);
}

TEST(HelpScout, OneTouchIsTwoOfFour) {
  const json& o = kpis()["one_touch_resolution"];
  EXPECT_EQ(o["numerator"], 2);
  EXPECT_EQ(o["denominator"], 4);
  EXPECT_EQ(o["two_touch"], 2);
  EXPECT_EQ(o["zero_touch"], 1);
}

TEST(HelpScout, ReopenRateIsOneOfFiveFromAnActiveThreadAfterClosed) {
  const json& r = kpis()["reopen_rate"];
  EXPECT_EQ(r["numerator"], 1);
  EXPECT_EQ(r["denominator"], 5);
}

TEST(HelpScout, FirstContactResolutionIsOneOfFour) {
  const json& f = kpis()["first_contact_resolution"];
  EXPECT_EQ(f["numerator"], 1);  // 1008
  EXPECT_EQ(f["denominator"], 4);
}

TEST(HelpScout, AutomatedResolutionIsOneOfFiveForTheWorkflowClose) {
  const json& a = kpis()["automated_resolution"];
  EXPECT_EQ(a["numerator"], 1);
  EXPECT_EQ(a["denominator"], 5);
  ASSERT_NE(agent("Automation"), nullptr);
  EXPECT_EQ((*agent("Automation"))["tickets_resolved"], 1);
}

TEST(HelpScout, ResolvedPerAgentIsAlice3WithFourResolutionEvents) {
  ASSERT_NE(agent("Alice Archer"), nullptr);
  EXPECT_EQ((*agent("Alice Archer"))["tickets_resolved"], 3);
  EXPECT_EQ((*agent("Alice Archer"))["resolutions"], 4);  // 1003 closed twice
  ASSERT_NE(agent("Bob Baker"), nullptr);
  EXPECT_EQ((*agent("Bob Baker"))["tickets_resolved"], 1);
  EXPECT_EQ(agent("AI Answers"), nullptr);  // the AI user is not an agent
}

TEST(HelpScout, CsatIsOneGreatOfThreeRatedReplies) {
  const json& c = kpis()["csat"];
  EXPECT_EQ(c["n"], 3);
  EXPECT_NEAR(c["score"].get<double>(), 1.0 / 3, 1e-9);
  EXPECT_EQ(c["distribution"]["great"], 1);
  EXPECT_EQ(c["distribution"]["okay"], 1);
  EXPECT_EQ(c["distribution"]["not_good"], 1);
  EXPECT_TRUE(c["mean"].is_null());
  EXPECT_TRUE(c["response_rate"].is_null());  // no survey-sent flag in the format
}

TEST(HelpScout, RatingIsCreditedToTheRatedRepliesAuthor) {
  ASSERT_NE(agent("Alice Archer"), nullptr);
  EXPECT_EQ((*agent("Alice Archer"))["csat"]["n"], 3);
}

TEST(HelpScout, RatingsApiObjectGivesTheRatingItsTime) {
  const json r = report({{"conversations.json", read_file(testdata("helpscout/conversations.json"))},
                         {"rating_1003.json", read_file(testdata("helpscout/rating_1003.json"))}},
                        1 << 20, R"({"from":"2025-03-05T10:45:00Z","to":"2025-03-06"})");
  EXPECT_EQ(r["sources"][1]["role"], "ratings");
  EXPECT_EQ(r["kpis"]["csat"]["n"], 1);
  EXPECT_EQ(r["kpis"]["csat"]["distribution"]["not_good"], 1);
  EXPECT_NE(warning_message(r, "time_without_offset").find("conversation 1003"), std::string::npos);
}

TEST(HelpScout, SameKpisWhateverTheChunkSize) { EXPECT_EQ(report(helpscout_fixture(), 3)["kpis"], kpis()); }

TEST(HelpScout, SpamAndDeletedConversationsAreExcludedAndCounted) {
  const json r =
      report({{"p.json", page(R"({"id":1,"status":"spam","createdAt":"2025-03-03T09:00:00Z","type":"email"},)"
                              R"({"id":2,"status":"closed","state":"deleted","createdAt":"2025-03-03T09:00:00Z"},)"
                              R"({"id":3,"status":"active","createdAt":"2025-03-03T09:00:00Z"})")}});
  EXPECT_EQ(r["data_quality"]["excluded"]["spam"], 1);
  EXPECT_EQ(r["data_quality"]["excluded"]["deleted"], 1);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 1);
}

TEST(HelpScout, ClosedWithoutThreadsFallsBackToClosedAt) {
  const json r = report({{"p.json", page(R"({"id":9,"status":"closed","createdAt":"2025-03-03T09:00:00Z",)"
                                         R"("closedAt":"2025-03-03T09:30:00Z","type":"email"})")}});
  EXPECT_EQ(r["kpis"]["resolution_time"]["n"], 1);
  EXPECT_DOUBLE_EQ(r["kpis"]["resolution_time"]["median"].get<double>(), 1800);
  EXPECT_EQ(r["kpis"]["resolution_time"]["source"], "vendor");
}

TEST(HelpScout, UnknownStatusIsNamedInAWarning) {
  const json r = report({{"p.json", page(R"({"id":7,"status":"archived","createdAt":"2025-03-03T09:00:00Z"})")}});
  const std::string m = warning_message(r, "unknown_status");
  EXPECT_NE(m.find("conversation 7"), std::string::npos);
  EXPECT_NE(m.find("p.json"), std::string::npos);
}

TEST(HelpScout, DraftThreadIsNotAReply) {
  const json r = report(
      {{"p.json",
        page(
            R"({"id":8,"status":"active","createdAt":"2025-03-03T09:00:00Z","_embedded":{"threads":[)"
            R"({"id":2,"type":"message","state":"draft","createdAt":"2025-03-03T09:10:00Z","createdBy":{"id":5,"type":"user"}},)"
            R"({"id":1,"type":"customer","status":"active","createdAt":"2025-03-03T09:00:00Z","createdBy":{"id":6,"type":"customer"}}]}})")}});
  EXPECT_EQ(r["kpis"]["first_response_time"]["n"], 0);
  EXPECT_EQ(r["kpis"]["first_response_time"]["unanswered"], 1);
}
