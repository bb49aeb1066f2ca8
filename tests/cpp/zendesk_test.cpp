// fixtures/zendesk/expected.md as assertions: tickets + audits + ratings through the whole engine.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

namespace {
const json& full() {
  static const json r = report(zendesk_fixture());
  return r;
}
const json& kpis() { return full()["kpis"]; }
const json* agent(const std::string& name) {
  for (const auto& a : kpis()["agents"])
    if (a["name"] == name) return &a;
  return nullptr;
}
}  // namespace

TEST(ZendeskFixture, SourcesAreDetectedWithTheirRoles) {
  const json& s = full()["sources"];
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0]["vendor"], "zendesk");
  EXPECT_EQ(s[0]["role"], "tickets+users");
  // Sources are listed by name (README "Determinism").
  EXPECT_EQ(s[1]["role"], "satisfaction_ratings");
  EXPECT_EQ(s[2]["role"], "audits");
  EXPECT_EQ(full()["data_quality"]["tickets_read"], 8);
  EXPECT_EQ(full()["data_quality"]["tickets_used"], 8);
  EXPECT_TRUE(full()["data_quality"]["warnings"].empty()) << full()["data_quality"]["warnings"].dump();
}

TEST(ZendeskFixture, VolumeByDayWeekAndChannel_1_1_and_1_2) {
  const json& v = kpis()["ticket_volume"];
  EXPECT_EQ(v["total"], 8);
  const int by_day[] = {2, 1, 1, 2, 2};
  ASSERT_EQ(v["by_day"].size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(v["by_day"][i]["count"], by_day[i]) << i;
  EXPECT_EQ(v["by_day"][0]["period"], "2025-03-03");
  EXPECT_EQ(v["by_week"][0]["period"], "2025-W10");
  EXPECT_EQ(v["by_week"][0]["count"], 8);
  EXPECT_EQ(v["by_raw_channel"]["email"], 4);
  EXPECT_EQ(v["by_raw_channel"]["native_messaging"], 2);
  EXPECT_EQ(v["by_raw_channel"]["web"], 1);
  EXPECT_EQ(v["by_raw_channel"]["sms"], 1);
  EXPECT_EQ(v["by_channel"]["chat"], 2);
  EXPECT_EQ(v["by_channel"]["web_form"], 1);
}

TEST(ZendeskFixture, OpenTicketsBacklog_1_3) {
  const json& o = kpis()["open_tickets"];
  EXPECT_EQ(o["total"], 3);
  EXPECT_EQ(o["by_status"]["new"], 1);
  EXPECT_EQ(o["by_status"]["on_hold"], 1);
  EXPECT_EQ(o["by_status"]["pending"], 1);
  EXPECT_EQ(o["unassigned"], 1);      // 5004
  EXPECT_EQ(o["awaiting_reply"], 2);  // 5004, 5005 (notes are not replies); 5007 waits on the customer
}

TEST(ZendeskFixture, FirstResponseTime_1_4) {
  const json& f = kpis()["first_response_time"];
  EXPECT_EQ(f["n"], 5);
  EXPECT_DOUBLE_EQ(f["median"].get<double>(), 1200);
  EXPECT_DOUBLE_EQ(f["mean"].get<double>(), 1956);
  EXPECT_DOUBLE_EQ(f["p90"].get<double>(), 4320);
  EXPECT_EQ(f["unanswered"], 3);
  EXPECT_EQ(f["unanswered_open"], 2);
  EXPECT_EQ(f["resolved_without_reply"], 1);
  EXPECT_EQ(f["source"], "events");
}

TEST(ZendeskFixture, ResponseTimeAllReplies_1_5) {
  const json& r = kpis()["response_time"];
  EXPECT_EQ(r["n"], 7);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1200);
  EXPECT_NEAR(r["mean"].get<double>(), 1585.714285, 1e-5);
}

TEST(ZendeskFixture, ResolutionTimeFirstAndFull_1_6) {
  const json& r = kpis()["resolution_time"];
  EXPECT_EQ(r["n"], 5);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 20484);
  EXPECT_NEAR(r["p90"].get<double>(), 59040, 1e-6);
  EXPECT_EQ(r["excluding_automated"]["n"], 4);
  EXPECT_DOUBLE_EQ(r["excluding_automated"]["median"].get<double>(), 3150);
  EXPECT_DOUBLE_EQ(r["excluding_automated"]["mean"].get<double>(), 25575);
  EXPECT_NEAR(r["excluding_automated"]["p90"].get<double>(), 68130, 1e-6);
  EXPECT_EQ(r["first"]["n"], 5);
  EXPECT_DOUBLE_EQ(r["first"]["median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(r["first"]["mean"].get<double>(), 2496);
}

TEST(ZendeskFixture, OneTouchTwoTouchZeroTouch_1_9) {
  const json& o = kpis()["one_touch_resolution"];
  EXPECT_EQ(o["numerator"], 2);
  EXPECT_EQ(o["denominator"], 4);
  EXPECT_DOUBLE_EQ(o["rate"].get<double>(), 0.5);
  EXPECT_EQ(o["two_touch"], 2);
  EXPECT_EQ(o["multi_touch"], 0);
  EXPECT_EQ(o["zero_touch"], 1);
}

TEST(ZendeskFixture, FirstContactResolutionStrict_1_8) {
  const json& f = kpis()["first_contact_resolution"];
  EXPECT_EQ(f["numerator"], 1);  // only 5008
  EXPECT_EQ(f["denominator"], 4);
}

TEST(ZendeskFixture, ReopenRate_1_10) {
  EXPECT_EQ(kpis()["reopen_rate"]["numerator"], 1);
  EXPECT_EQ(kpis()["reopen_rate"]["denominator"], 5);
}

TEST(ZendeskFixture, AutomatedResolutionRate_1_17) {
  EXPECT_EQ(kpis()["automated_resolution"]["numerator"], 1);
  EXPECT_EQ(kpis()["automated_resolution"]["denominator"], 5);
}

TEST(ZendeskFixture, CsatScoreAndResponseRate_1_13) {
  const json& c = kpis()["csat"];
  EXPECT_EQ(c["n"], 3);
  EXPECT_NEAR(c["score"].get<double>(), 2.0 / 3.0, 1e-12);
  EXPECT_TRUE(c["mean"].is_null()) << "good/bad has no mean";
  EXPECT_EQ(c["distribution"]["good"], 2);
  EXPECT_EQ(c["distribution"]["bad"], 1);
  EXPECT_EQ(c["offered"], 4);
  EXPECT_DOUBLE_EQ(c["response_rate"].get<double>(), 0.75);
}

TEST(ZendeskFixture, ResolvedPerAgentUniqueAndEvents_1_12) {
  const json* alice = agent("Alice Archer");
  const json* bob = agent("Bob Baker");
  const json* automation = agent("Automation");
  ASSERT_TRUE(alice && bob && automation);
  EXPECT_EQ((*alice)["tickets_resolved"], 3);
  EXPECT_EQ((*alice)["resolutions"], 4) << "5003 was solved twice";
  EXPECT_EQ((*bob)["tickets_resolved"], 1);
  EXPECT_EQ((*automation)["tickets_resolved"], 1);
  const json* carol = agent("Carol Chen");
  ASSERT_TRUE(carol);
  EXPECT_EQ((*carol)["tickets_resolved"], 0) << "agents with nothing resolved are still listed";
}

TEST(ZendeskFixture, TopTopicsByTag_1_21) {
  const json& t = kpis()["top_topics"];
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0]["topic"], "order-status");
  EXPECT_EQ(t[0]["count"], 2);
  EXPECT_EQ(t[1]["topic"], "shipping");
  EXPECT_DOUBLE_EQ(t[1]["share"].get<double>(), 0.25);
}

TEST(ZendeskFixture, TicketsFileAloneFallsBackToMetricSet_G11) {
  json r = report({{"small.json", read_file(fixture("zendesk/small.json"))}});
  const json& f = r["kpis"]["first_response_time"];
  EXPECT_EQ(f["source"], "vendor");
  EXPECT_EQ(f["n"], 5);
  EXPECT_DOUBLE_EQ(f["median"].get<double>(), 1200);
  EXPECT_DOUBLE_EQ(f["mean"].get<double>(), 1956);
  const json& res = r["kpis"]["resolution_time"];
  EXPECT_EQ(res["source"], "vendor");
  EXPECT_DOUBLE_EQ(res["median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(res["mean"].get<double>(), 20484);
  EXPECT_EQ(r["kpis"]["reopen_rate"]["numerator"], 1);
  EXPECT_EQ(r["kpis"]["one_touch_resolution"]["numerator"], 2);
  EXPECT_EQ(r["kpis"]["one_touch_resolution"]["denominator"], 4);
  EXPECT_EQ(r["kpis"]["automated_resolution"]["numerator"], 1);
}

TEST(ZendeskFixture, ChunkSizeDoesNotChangeTheReport) {
  const std::string whole = report_text(zendesk_fixture(), 1 << 20);
  EXPECT_EQ(report_text(zendesk_fixture(), 1), whole);
  EXPECT_EQ(report_text(zendesk_fixture(), 7), whole);
  EXPECT_EQ(report_text(zendesk_fixture(), 4096), whole);
}

TEST(ZendeskFixture, PeriodFilterAnchorsEachMetricOnItsEvent_G2) {
  json r = report(zendesk_fixture(), 1 << 20, R"({"from":"2025-03-03","to":"2025-03-04"})");
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 3);   // created 03-03 and 03-04
  EXPECT_EQ(r["kpis"]["first_response_time"]["n"], 3);  // replies on 03-03 (2700, 180) and 03-04 (5400)
  // 5003's final solve is on 03-05: outside; 5001 and 5002 were solved on 03-03.
  EXPECT_EQ(r["kpis"]["resolution_time"]["n"], 2);
  EXPECT_EQ(r["kpis"]["reopen_rate"]["denominator"], 3);  // first resolutions on 03-03, 03-03, 03-04
}

TEST(ZendeskFixture, ChannelFilterPartitionsTheVolume) {
  int sum = 0;
  for (const char* c : {"email", "chat", "web_form", "sms", "voice", "social", "api", "other"})
    sum += report(zendesk_fixture(), 1 << 20, std::string(R"({"filters":{"channel":[")") + c + "\"]}}")["kpis"]
               ["ticket_volume"]["total"]
                   .get<int>();
  EXPECT_EQ(sum, 8);
  EXPECT_EQ(report(zendesk_fixture(), 1 << 20, R"({"filters":{"channel":["native_messaging"]}})")["kpis"]["ticket_volume"]
                  ["total"],
            2)
      << "raw vendor channel values filter too";
}

TEST(ZendeskFixture, DuplicatesKeepTheLatestUpdatedAt_G6) {
  auto inputs = zendesk_fixture();
  const std::string older = R"({"tickets":[{"id":5004,"via":{"channel":"web"},"created_at":"2025-03-06T16:00:00Z",
    "updated_at":"2025-03-06T15:59:00Z","status":"solved","requester_id":1}]})";
  const std::string newer = R"({"tickets":[{"id":5004,"via":{"channel":"web"},"created_at":"2025-03-06T16:00:00Z",
    "updated_at":"2025-03-09T16:00:00Z","status":"closed","requester_id":1}]})";
  inputs.push_back({"older.json", older});
  json r = report(inputs);
  EXPECT_EQ(r["data_quality"]["excluded"]["duplicate"], 1);
  EXPECT_EQ(r["kpis"]["open_tickets"]["total"], 3) << "the older copy (solved) must not replace the newer (new)";
  inputs.push_back({"newer.json", newer});
  json r2 = report(inputs);
  EXPECT_EQ(r2["kpis"]["open_tickets"]["total"], 2) << "the newer copy (closed) wins";
}

TEST(ZendeskBadInput, TicketWithoutCreatedAtIsSkippedWithItsIdAndOffset) {
  const std::string page = R"({"tickets":[{"id":1,"via":{"channel":"email"},"created_at":"2025-03-03T09:00:00Z","status":"open","requester_id":5},
{"id":77,"via":{"channel":"email"},"status":"open","requester_id":5}]})";
  json r = report({{"page.json", page}});
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 1);
  EXPECT_EQ(r["data_quality"]["excluded"]["invalid"], 1);
  const std::string m = warning_message(r, "invalid_record");
  EXPECT_NE(m.find("page.json"), std::string::npos) << m;
  EXPECT_NE(m.find("offset " + std::to_string(page.find("{\"id\":77"))), std::string::npos) << m;
  EXPECT_NE(m.find("line 2"), std::string::npos) << m;
  EXPECT_NE(m.find("ticket 77"), std::string::npos) << m;
  EXPECT_NE(m.find("created_at"), std::string::npos) << m;
}

TEST(ZendeskBadInput, MalformedRecordIsSkippedAndTheRestKept) {
  const std::string page = R"({"tickets":[{"id":1,"via":{"channel":"email"},"created_at":"2025-03-03T09:00:00Z","status":"open"},
{"id":2,"created_at": tru},
{"id":3,"via":{"channel":"sms"},"created_at":"2025-03-04T09:00:00Z","status":"open"}]})";
  json r = report({{"page.json", page}});
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 2);
  EXPECT_EQ(r["data_quality"]["excluded"]["invalid"], 1);
  EXPECT_TRUE(has_warning(r, "invalid_record"));
}

TEST(ZendeskBadInput, TruncatedFileKeepsCompleteTicketsAndSaysWhere) {
  std::string page = read_file(fixture("zendesk/small.json"));
  page.resize(page.size() / 2);
  json r = report({{"cut.json", page}});
  const json& src = r["sources"][0];
  ASSERT_TRUE(src["error"].is_string());
  EXPECT_NE(src["error"].get<std::string>().find("cut.json"), std::string::npos);
  EXPECT_NE(src["error"].get<std::string>().find("truncated"), std::string::npos);
  EXPECT_GT(r["kpis"]["ticket_volume"]["total"].get<int>(), 0);
  EXPECT_LT(r["kpis"]["ticket_volume"]["total"].get<int>(), 8);
}

TEST(ZendeskBadInput, NonZendeskJsonIsRejectedAsUnknownFormat) {
  json r = report({{"package.json", R"({"name":"x","version":"1.0.0","dependencies":{}})"}});
  ASSERT_TRUE(r["sources"][0]["error"].is_string());
  const std::string e = r["sources"][0]["error"];
  EXPECT_NE(e.find("package.json"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown export format"), std::string::npos) << e;
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 0);
  EXPECT_TRUE(r["kpis"]["first_response_time"]["median"].is_null()) << "no data is null, never 0";
}

TEST(ZendeskBadInput, GzipAndPngAreNamed) {
  json gz = report({{"x.json", std::string("\x1f\x8b\x08\x00", 4)}});
  EXPECT_NE(gz["sources"][0]["error"].get<std::string>().find("gzip"), std::string::npos);
  json png = report({{"x.png", std::string("\x89PNG\r\n\x1a\n", 8)}});
  EXPECT_NE(png["sources"][0]["error"].get<std::string>().find("PNG"), std::string::npos);
}

// A JSONL file may hold any of Zendesk's record kinds, line by line; each is read as what its keys make it. A line is
// first read as a ticket when the line before was one, and read again from its keys when that guess fails: the report
// must be the one the same records give under their list keys, whatever the order of the kinds.
TEST(ZendeskJsonl, MixedKindsGiveTheReportOfTheSameRecordsUnderTheirListKeys) {
  const json page = json::parse(read_file(fixture("zendesk/small.json")));
  const json audits = json::parse(read_file(fixture("zendesk/small.ticket_audits.json")));
  const json ratings = json::parse(read_file(fixture("zendesk/small.satisfaction_ratings.json")));
  const std::vector<const json*> lists = {&page["tickets"], &page["users"], &audits["audits"],
                                          &ratings["satisfaction_ratings"]};
  // Runs of 1, 2 and 3 lines of each kind in turn (the first line is a ticket: it decides the vendor).
  std::string jsonl;
  std::vector<size_t> next(lists.size(), 0);
  size_t lines = 0;
  for (size_t round = 0; lines < 60; ++round)
    for (size_t k = 0; k < lists.size(); ++k)
      for (size_t n = 0; n < round % 3 + 1 && next[k] < lists[k]->size(); ++n, ++lines)
        jsonl += (*lists[k])[next[k]++].dump() + "\n";
  for (size_t k = 0; k < lists.size(); ++k) ASSERT_EQ(next[k], lists[k]->size()) << "every record is in the file";

  const json from_lines = report({{"export.jsonl", jsonl}});
  const json from_pages = report(zendesk_fixture());
  EXPECT_EQ(from_lines["kpis"], from_pages["kpis"]);
  EXPECT_EQ(from_lines["data_quality"]["tickets_read"], from_pages["data_quality"]["tickets_read"]);
  EXPECT_EQ(from_lines["data_quality"]["excluded"], from_pages["data_quality"]["excluded"]);
  EXPECT_EQ(from_lines["kpis"]["ticket_volume"]["total"], 8);
  EXPECT_EQ(from_lines["sources"][0]["records"], next[0] + next[1] + next[2] + next[3]);
}

// A ticket line that cannot be kept, after a ticket line and after a user line: named as in a page of tickets.
TEST(ZendeskJsonl, AnUnreadableTicketLineIsNamedWhateverTheLineBeforeIt) {
  const std::string jsonl =
      R"({"id":1,"via":{"channel":"email"},"created_at":"2025-03-03T09:00:00Z","status":"open","requester_id":5})" "\n"
      R"({"id":77,"via":{"channel":"email"},"status":"open","requester_id":5})" "\n"
      R"({"id":5,"name":"Dana","email":"dana@example.com","role":"end-user"})" "\n"
      R"({"id":78,"via":{"channel":"email"},"status":"open","requester_id":5})" "\n"
      R"({"id":2,"via":{"channel":"sms"},"created_at":"2025-03-04T09:00:00Z","status":"open","requester_id":5})" "\n";
  const json r = report({{"export.jsonl", jsonl}});
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 2);
  EXPECT_EQ(r["data_quality"]["excluded"]["invalid"], 2);
  EXPECT_EQ(r["data_quality"]["tickets_read"], 4) << "the user line is not a ticket";
  const json* invalid = nullptr;
  for (const auto& w : r["data_quality"]["warnings"])
    if (w["code"] == "invalid_record") invalid = &w;
  ASSERT_NE(invalid, nullptr);
  EXPECT_EQ((*invalid)["count"], 2);
  EXPECT_EQ((*invalid)["examples"], json::array({"77", "78"}));
  const std::string m = (*invalid)["message"];  // the first one's
  EXPECT_NE(m.find("export.jsonl, offset " + std::to_string(jsonl.find("{\"id\":77")) + " (line 2)"), std::string::npos)
      << m;
  EXPECT_NE(m.find("ticket 77: the ticket has no \"created_at\""), std::string::npos) << m;
}
