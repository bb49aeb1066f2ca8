// The canonical format helpdesk-kpi/1 (docs/formats/canonical.md): examples/canonical/helpdesk-kpi-export.json (the
// document form) and .ndjson (the same story one record a line) through the whole engine.
//
// Hand-written oracle — the eight-ticket story of ../shared/fixtures/README.md, written with the full fidelity the
// format allows (events, channels, a 1–5 CSAT with T8's survey offered and unanswered):
//   volume 8, by day 03-03 2 (T1, T2) · 03-04 1 · 03-05 1 · 03-06 2 · 03-07 2; channels email 4 (T1, T3, T5, T8),
//   chat 2 (T2, T6), web_form 1 (T4), sms 1 (T7).
//   FRT: T1 09:00→09:45 2700 · T2 14:00→14:03 180 · T3 08:00→09:30 5400 · T7 09:00→09:05 300 · T8 15:00→15:20 1200
//     → sorted 180, 300, 1200, 2700, 5400: median 1200, mean 9780/5 = 1956, p90 = 2700 + 0.6·(5400−2700) = 4320;
//     unanswered 3 (T4 nobody, T5 notes only, T6 bot only).
//   Full resolution: T1 4500 · T2 600 · T3 08:00 → 03-05 10:30 = 95400 · T6 120 · T8 1800 → median 1800,
//     mean 102420/5 = 20484; first resolution T3 = 5460 → mean (4500+600+5460+120+1800)/5 = 2496.
//   One-touch: resolved with ≥ 1 reply T1 (1), T2 (2), T3 (2), T8 (1) → 2/4; zero-touch T6.
//   Reopen: T3 (resolved → open) of 5 resolved → 1/5. Automation: T6 (bot message, bot resolves, no human) → 1/5.
//   Backlog: T4 new, T5 on_hold, T7 pending = 3; unassigned T4 = 1; awaiting a reply T4, T5 = 2.
//   CSAT 1–5: T1 5, T2 4, T3 2 → satisfied 2/3; T8 offered → response rate 3/4.
//   Repeat contact: Dana's T1 (resolved 03-03 10:15) is followed by T8 (03-07 15:00) within 7 days → 1/8.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

namespace {

std::string example(const std::string& ext) {
  return read_file(testdata("../../examples/canonical/helpdesk-kpi-export." + ext));
}

const json& doc_report() {
  static const json r = report({{"helpdesk-kpi-export.json", example("json")}});
  return r;
}

void expect_story(const json& r, const std::string& what) {
  const json& k = r["kpis"];
  EXPECT_EQ(r["data_quality"]["tickets_read"], 8) << what;
  EXPECT_EQ(r["data_quality"]["tickets_used"], 8) << what;
  EXPECT_TRUE(r["data_quality"]["warnings"].empty()) << what << r["data_quality"]["warnings"].dump();
  EXPECT_EQ(k["ticket_volume"]["total"], 8) << what;
  const int by_day[] = {2, 1, 1, 2, 2};
  ASSERT_EQ(k["ticket_volume"]["by_day"].size(), 5u) << what;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(k["ticket_volume"]["by_day"][i]["count"], by_day[i]) << what << i;
  const json& ch = k["ticket_volume"]["by_channel"];
  EXPECT_EQ(ch["email"], 4) << what;
  EXPECT_EQ(ch["chat"], 2) << what;
  EXPECT_EQ(ch["web_form"], 1) << what;
  EXPECT_EQ(ch["sms"], 1) << what;
  const json& f = k["first_response_time"];
  EXPECT_EQ(f["n"], 5) << what;
  EXPECT_DOUBLE_EQ(f["median"].get<double>(), 1200) << what;
  EXPECT_DOUBLE_EQ(f["mean"].get<double>(), 1956) << what;
  EXPECT_NEAR(f["p90"].get<double>(), 4320, 1e-6) << what;
  EXPECT_EQ(f["unanswered"], 3) << what;
  EXPECT_EQ(f["source"], "events") << what;
  const json& res = k["resolution_time"];
  EXPECT_EQ(res["n"], 5) << what;
  EXPECT_DOUBLE_EQ(res["median"].get<double>(), 1800) << what;
  EXPECT_DOUBLE_EQ(res["mean"].get<double>(), 20484) << what;
  EXPECT_DOUBLE_EQ(res["first"]["mean"].get<double>(), 2496) << what;
  EXPECT_EQ(k["one_touch_resolution"]["numerator"], 2) << what;
  EXPECT_EQ(k["one_touch_resolution"]["denominator"], 4) << what;
  EXPECT_EQ(k["one_touch_resolution"]["zero_touch"], 1) << what;
  EXPECT_EQ(k["reopen_rate"]["numerator"], 1) << what;
  EXPECT_EQ(k["reopen_rate"]["denominator"], 5) << what;
  EXPECT_EQ(k["automated_resolution"]["numerator"], 1) << what;
  EXPECT_EQ(k["automated_resolution"]["denominator"], 5) << what;
  EXPECT_EQ(k["open_tickets"]["total"], 3) << what;
  EXPECT_EQ(k["open_tickets"]["unassigned"], 1) << what;
  EXPECT_EQ(k["open_tickets"]["awaiting_reply"], 2) << what;
  EXPECT_EQ(k["csat"]["n"], 3) << what;
  EXPECT_NEAR(k["csat"]["score"].get<double>(), 2.0 / 3, 1e-12) << what;
  EXPECT_DOUBLE_EQ(k["csat"]["response_rate"].get<double>(), 0.75) << what;
  EXPECT_DOUBLE_EQ(k["retention"]["repeat_contact_rate"].get<double>(), 0.125) << what;
}

std::string one_ticket(const std::string& extra = "") {
  return R"({"id":"X1","created_at":"2025-03-03T09:00:00Z","status":"open","channel":"email")" + extra + "}";
}

}  // namespace

TEST(Canonical, DocumentIsDetectedWithItsRoles) {
  const json& s = doc_report()["sources"][0];
  EXPECT_EQ(s["vendor"], "canonical");
  EXPECT_EQ(s["role"], "users+tickets+messages+status_changes+ratings");
  EXPECT_EQ(s["records"], 25);  // 11 users + 8 tickets + T8's 2 messages, 3 status changes and 1 rating
  EXPECT_EQ(s["skipped"], 0);
}

TEST(Canonical, DocumentTellsTheWholeStory) { expect_story(doc_report(), "document"); }

TEST(Canonical, NdjsonTellsTheSameStoryInAnyChunking) {
  for (size_t chunk : {size_t(1), size_t(4096), size_t(1) << 20}) {
    const json r = report({{"helpdesk-kpi-export.ndjson", example("ndjson")}}, chunk);
    EXPECT_EQ(r["sources"][0]["vendor"], "canonical");
    EXPECT_EQ(r["sources"][0]["role"], "records");
    expect_story(r, "ndjson chunk " + std::to_string(chunk));
    EXPECT_EQ(r["kpis"], doc_report()["kpis"]);
  }
}

TEST(Canonical, RawChannelIsKeptForDrillDown) {
  const json& raw = doc_report()["kpis"]["ticket_volume"]["by_raw_channel"];
  EXPECT_EQ(raw["web_chat"], 1);      // T2's own value
  EXPECT_EQ(raw["contact_form"], 1);  // T4's
  EXPECT_EQ(raw["email"], 4);         // no raw value: the canonical one
}

TEST(Canonical, DetectedByTheFormatMarkerAlone) {
  // The ticket has no telling keys (no channel); the marker before it decides.
  const std::string doc = R"({"format": "helpdesk-kpi/1", "tickets": [{"id":"X1","created_at":"2025-03-03T09:00:00Z","status":"open"}]})";
  for (size_t chunk : {size_t(1), size_t(1) << 20}) {
    const json r = report({{"x.json", doc}}, chunk);
    EXPECT_EQ(r["sources"][0]["vendor"], "canonical") << chunk;
    EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 1) << chunk;
    EXPECT_EQ(r["kpis"]["ticket_volume"]["by_channel"]["other"], 1) << chunk;  // channel absent → other
  }
}

TEST(Canonical, VendorOverrideReadsAFileDetectionCannotPlace) {
  const std::string doc = R"({"tickets":[{"id":"X1","created_at":"2025-03-03T09:00:00Z","status":"open"}]})";
  const json without = report({{"x.json", doc}});
  EXPECT_NE(without["sources"][0]["error"].get<std::string>().find("docs/formats/canonical.md"), std::string::npos);
  const json with = report({{"x.json", doc}}, 1 << 20, "{}", R"({"sources":{"x.json":{"vendor":"canonical"}}})");
  EXPECT_EQ(with["sources"][0]["vendor"], "canonical");
  EXPECT_EQ(with["kpis"]["ticket_volume"]["total"], 1);
}

TEST(Canonical, UnknownStatusIsKeptAndNamed) {
  const json r = report({{"x.ndjson", one_ticket() + "\n" + R"({"id":"X2","created_at":"2025-03-03T10:00:00Z","status":"escalated","channel":"email"})" + "\n"}});
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 2);
  const std::string m = warning_message(r, "unknown_status");
  EXPECT_NE(m.find("x.ndjson"), std::string::npos) << m;
  EXPECT_NE(m.find("line 2"), std::string::npos) << m;
  EXPECT_NE(m.find("X2"), std::string::npos) << m;
  EXPECT_NE(m.find("escalated"), std::string::npos) << m;
}

TEST(Canonical, BadRecordsAreSkippedNamedAndTheRestKept) {
  // Line 2: a ticket whose rating is off its scale → the ticket is skipped whole (invalid), named.
  // Line 3: a message without ticket_id → skipped, named; it is not a ticket, so not counted as an invalid ticket.
  // Line 4: a message of X1 → kept: the agent's reply to X1's nested customer message.
  const std::string file =
      one_ticket(R"(,"messages":[{"at":"2025-03-03T09:00:00Z","author_kind":"customer"}])") + "\n" +
      R"({"id":"X3","created_at":"2025-03-03T09:00:00Z","status":"resolved","channel":"email",)"
      R"("ratings":[{"at":"2025-03-03T12:00:00Z","scale":"1-5","score":7}]})" "\n" + R"({"record":"message","at":"2025-03-03T09:30:00Z","author_kind":"agent"})" + "\n" +
      R"({"record":"message","ticket_id":"X1","at":"2025-03-03T09:30:00Z","author_kind":"agent"})" + "\n";
  const json r = report({{"bad.ndjson", file}});
  EXPECT_EQ(r["sources"][0]["records"], 2);
  EXPECT_EQ(r["sources"][0]["skipped"], 2);
  EXPECT_EQ(r["data_quality"]["tickets_read"], 2);
  EXPECT_EQ(r["data_quality"]["tickets_used"], 1);
  EXPECT_EQ(r["data_quality"]["excluded"]["invalid"], 1);
  const std::string ticket = warning_message(r, "invalid_record");
  EXPECT_NE(ticket.find("bad.ndjson"), std::string::npos) << ticket;
  EXPECT_NE(ticket.find("line 2"), std::string::npos) << ticket;
  EXPECT_NE(ticket.find("X3"), std::string::npos) << ticket;
  EXPECT_NE(ticket.find("\"7\""), std::string::npos) << ticket;
  const std::string event = warning_message(r, "invalid_event");
  EXPECT_NE(event.find("line 3"), std::string::npos) << event;
  EXPECT_NE(event.find("ticket_id"), std::string::npos) << event;
  // X1's agent message at 09:30 is its first reply: FRT 1800 s.
  ASSERT_EQ(r["kpis"]["first_response_time"]["n"], 1);
  EXPECT_DOUBLE_EQ(r["kpis"]["first_response_time"]["median"].get<double>(), 1800);
}

TEST(Canonical, AnotherFormatVersionIsNamed) {
  const json r = report({{"v2.ndjson", std::string(R"({"format":"helpdesk-kpi/2"})") + "\n" + one_ticket() + "\n"}},
                        1 << 20, "{}", R"({"sources":{"v2.ndjson":{"vendor":"canonical"}}})");
  const std::string m = warning_message(r, "unsupported_format");
  EXPECT_NE(m.find("helpdesk-kpi/2"), std::string::npos) << m;
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 1);  // the rest is still read
}

TEST(Canonical, ResolvedAtStandsInWhenThereIsNoHistory) {
  // No status changes: resolved_at gives the full resolution, 09:00 → 10:15 = 4500 s, and says it is the vendor's.
  const json r = report({{"x.json", R"({"format":"helpdesk-kpi/1","tickets":[{"id":"X1","created_at":"2025-03-03T09:00:00Z",)"
                                    R"("status":"resolved","channel":"email","resolved_at":"2025-03-03T10:15:00Z"}]})"}});
  EXPECT_EQ(r["kpis"]["resolution_time"]["n"], 1);
  EXPECT_DOUBLE_EQ(r["kpis"]["resolution_time"]["median"].get<double>(), 4500);
}
