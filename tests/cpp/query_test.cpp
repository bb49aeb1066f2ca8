// Queries without re-parsing (SPEC §5): breakdowns of the headline KPIs by
// agent, channel, tag, status and period, and the comparison with the previous
// period of the same length. Values are hand-computed from the Zendesk fixture
// (../shared/fixtures/zendesk/expected.md and its audits; one line per ticket
// in the comments).
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

namespace {

const json *row(const json &r, const json &key) {
  for (const auto &x : r["breakdown"]["rows"])
    if (x["key"] == key)
      return &x;
  return nullptr;
}

void expect_summary(const json &s, int n, double median, double mean,
                    double p90) {
  EXPECT_EQ(s["n"], n);
  EXPECT_NEAR(s["median"].get<double>(), median, 1e-9);
  EXPECT_NEAR(s["mean"].get<double>(), mean, 1e-9);
  EXPECT_NEAR(s["p90"].get<double>(), p90, 1e-9);
}

void expect_rate(const json &r, int numerator, int denominator) {
  EXPECT_EQ(r["numerator"], numerator);
  EXPECT_EQ(r["denominator"], denominator);
  EXPECT_NEAR(r["rate"].get<double>(), double(numerator) / denominator, 1e-12);
}

} // namespace

TEST(Breakdown, ByChannelHeadlineKpis) {
  const json r =
      report(zendesk_fixture(), 1 << 20, R"({"breakdown":"channel"})");
  EXPECT_EQ(r["breakdown"]["by"], "channel");
  ASSERT_EQ(
      r["breakdown"]["rows"].size(),
      4u); // email, chat, web_form, sms: channels without tickets have no row
  // email: 5001, 5003, 5005, 5008. FRT 2700, 5400, 1200; full resolution 4500,
  // 95400, 1800.
  const json &email = (*row(r, "email"))["kpis"];
  EXPECT_EQ(email["ticket_volume"], 4);
  expect_summary(email["first_response_time"], 3, 2700, 3100,
                 2700 + 0.8 * 2700);
  expect_summary(email["resolution_time"], 3, 4500, 33900, 4500 + 0.8 * 90900);
  expect_rate(email["one_touch_resolution"], 2,
              3); // 5001, 5008 of 5001, 5003, 5008
  expect_rate(email["first_contact_resolution"], 1, 3); // only 5008
  expect_rate(email["reopen_rate"], 1, 3);              // 5003
  expect_rate(email["automated_resolution"], 0, 3);
  EXPECT_EQ(email["csat"]["n"], 2); // 5001 good, 5003 bad
  EXPECT_DOUBLE_EQ(email["csat"]["score"].get<double>(), 0.5);
  // chat (native_messaging): 5002 (FRT 180, resolved after 600 s, two replies)
  // and 5006 (automated after 120 s).
  const json &chat = (*row(r, "chat"))["kpis"];
  EXPECT_EQ(chat["ticket_volume"], 2);
  expect_summary(chat["first_response_time"], 1, 180, 180, 180);
  expect_summary(chat["resolution_time"], 2, 360, 360, 120 + 0.9 * 480);
  expect_rate(chat["one_touch_resolution"], 0, 1);
  expect_rate(chat["automated_resolution"], 1, 2);
  // web_form: 5004, new and unanswered: its durations are null, not 0.
  const json &web = (*row(r, "web_form"))["kpis"];
  EXPECT_EQ(web["ticket_volume"], 1);
  EXPECT_EQ(web["first_response_time"]["n"], 0);
  EXPECT_TRUE(web["first_response_time"]["median"].is_null());
  EXPECT_TRUE(web["one_touch_resolution"]["rate"].is_null());
  EXPECT_TRUE(web["csat"]["score"].is_null());
  expect_summary((*row(r, "sms"))["kpis"]["first_response_time"], 1, 300, 300,
                 300); // 5007
  EXPECT_EQ(r["settings"]["breakdown"], "channel");
}

TEST(Breakdown, ByAgentIsTheAssigneeWithAnUnassignedRow) {
  const json r = report(zendesk_fixture(), 1 << 20, R"({"breakdown":"agent"})");
  const json &rows = r["breakdown"]["rows"];
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["label"], "Alice Archer");
  EXPECT_EQ(rows[0]["key"], "361000001");
  EXPECT_EQ(rows[1]["label"], "Bob Baker");
  EXPECT_EQ(rows[2]["label"], "Carol Chen");
  EXPECT_TRUE(rows[3]["key"].is_null());
  EXPECT_EQ(rows[3]["label"], "(unassigned)");
  // Alice: 5001, 5003, 5008.
  EXPECT_EQ(rows[0]["kpis"]["ticket_volume"], 3);
  expect_summary(rows[0]["kpis"]["first_response_time"], 3, 2700, 3100, 4860);
  expect_rate(rows[0]["kpis"]["one_touch_resolution"], 2, 3);
  // Bob: 5002, 5005 (on hold, never answered in public).
  EXPECT_EQ(rows[1]["kpis"]["ticket_volume"], 2);
  expect_summary(rows[1]["kpis"]["resolution_time"], 1, 600, 600, 600);
  // Carol: 5007, pending: no resolution yet → null median.
  EXPECT_TRUE(rows[2]["kpis"]["resolution_time"]["median"].is_null());
  // Unassigned: 5004 and 5006 (resolved by a trigger).
  EXPECT_EQ(rows[3]["kpis"]["ticket_volume"], 2);
  expect_rate(rows[3]["kpis"]["automated_resolution"], 1, 1);
}

TEST(Breakdown, ByTagCountsATicketUnderEachOfItsTags) {
  const json r = report(zendesk_fixture(), 1 << 20, R"({"breakdown":"tag"})");
  const json &rows = r["breakdown"]["rows"];
  ASSERT_EQ(rows.size(), 7u); // every ticket has a tag: no "(no tag)" row
  EXPECT_EQ(rows[0]["key"], "order-status"); // 2 tickets, then by name
  EXPECT_EQ(rows[1]["key"], "shipping");
  EXPECT_EQ(rows[2]["key"], "billing");
  uint64_t sum = 0;
  for (const auto &x : rows)
    sum += x["kpis"]["ticket_volume"].get<uint64_t>();
  EXPECT_EQ(sum, 9u) << "5003 is tagged billing and refund";
  expect_summary((*row(r, "shipping"))["kpis"]["first_response_time"], 2, 1950,
                 1950, 1200 + 0.9 * 1500); // 5001, 5008
  EXPECT_FALSE(r["breakdown"]["truncated"]);
}

TEST(Breakdown, ByDayNarrowsThePeriodSoEachMetricKeepsItsAnchor) {
  const json r =
      report(zendesk_fixture(), 1 << 20,
             R"({"from":"2025-03-03","to":"2025-03-07","breakdown":"day"})");
  const json &rows = r["breakdown"]["rows"];
  ASSERT_EQ(rows.size(), 5u);
  const int volume[] = {2, 1, 1, 2, 2};
  const int frt_n[] = {
      2, 1, 0, 0,
      2}; // first replies: 03-03 5001 and 5002, 03-04 5003, 03-07 5007 and 5008
  const int resolved[] = {
      2, 0, 2, 0,
      1}; // final resolutions: 5001, 5002 | — | 5003, 5006 | — | 5008
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(rows[i]["kpis"]["ticket_volume"], volume[i]) << i;
    EXPECT_EQ(rows[i]["kpis"]["first_response_time"]["n"], frt_n[i]) << i;
    EXPECT_EQ(rows[i]["kpis"]["resolution_time"]["n"], resolved[i]) << i;
  }
  EXPECT_EQ(rows[0]["key"], "2025-03-03");
  EXPECT_EQ(rows[0]["from"], "2025-03-03T00:00:00Z");
  EXPECT_EQ(rows[0]["to"], "2025-03-04T00:00:00Z");
  // 03-05: 5003 resolved after 95400 s and 5006 after 120 s.
  expect_summary(rows[2]["kpis"]["resolution_time"], 2, 47760, 47760,
                 120 + 0.9 * 95280);
}

TEST(Breakdown, ByWeekFollowsTheWeekStartAndTheZone) {
  // Sunday-start weeks: 03-02..03-08 holds all eight tickets. In Tokyo (UTC+9)
  // 5004, created 03-06 16:00 UTC, is on 03-07 local; the weeks do not change.
  const json r = report(zendesk_fixture(), 1 << 20, R"({"breakdown":"week"})",
                        R"({"week_start":"sunday"})");
  ASSERT_EQ(r["breakdown"]["rows"].size(), 1u);
  EXPECT_EQ(r["breakdown"]["rows"][0]["key"], "2025-03-02");
  EXPECT_EQ(r["breakdown"]["rows"][0]["kpis"]["ticket_volume"], 8);
}

TEST(Breakdown, TooManyPeriodRowsIsAnError) {
  const json r =
      report(zendesk_fixture(), 1 << 20,
             R"({"from":"2020-01-01","to":"2025-03-07","breakdown":"day"})");
  ASSERT_TRUE(r.contains("error"));
  EXPECT_NE(r["error"].get<std::string>().find("more than 1000 rows"),
            std::string::npos);
}

TEST(Breakdown, UnknownDimensionIsAClearError) {
  const json r =
      report(zendesk_fixture(), 1 << 20, R"({"breakdown":"planet"})");
  EXPECT_EQ(r["error"], "query.breakdown must be one of agent, channel, tag, "
                        "status, day, week, month, quarter");
}

TEST(Breakdown, AbsentUnlessAsked) {
  const json r = report(zendesk_fixture());
  EXPECT_TRUE(r["breakdown"].is_null());
  EXPECT_TRUE(r["previous"].is_null());
}

TEST(ComparePrevious, SameLengthPeriodBeforeWithHandComputedKpis) {
  // Current 03-05..03-07 (three days); previous 03-02..03-04.
  const json r =
      report(zendesk_fixture(), 1 << 20,
             R"({"from":"2025-03-05","to":"2025-03-07","compare":true})");
  const json &p = r["previous"];
  EXPECT_EQ(p["from"], "2025-03-02T00:00:00Z");
  EXPECT_EQ(p["to"], "2025-03-05T00:00:00Z");
  const json &k = p["kpis"];
  EXPECT_EQ(k["ticket_volume"], 3); // 5001, 5002, 5003
  expect_summary(k["first_response_time"], 3, 2700, 2760,
                 4860); // 2700, 180, 5400
  expect_summary(k["resolution_time"], 2, 2550, 2550,
                 600 + 0.9 * 3900);             // 5001 4500, 5002 600
  expect_rate(k["one_touch_resolution"], 1, 2); // 5001 of 5001, 5002
  expect_rate(k["first_contact_resolution"], 0, 2);
  expect_rate(k["reopen_rate"], 1,
              3); // first resolved 03-03/03-04: 5001, 5002, 5003 (reopened)
  expect_rate(k["automated_resolution"], 0, 2);
  EXPECT_EQ(k["csat"]["n"], 2);
  EXPECT_DOUBLE_EQ(k["csat"]["score"].get<double>(), 1.0);
  // The current period's headline figures agree with the full report's.
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 5);
  EXPECT_DOUBLE_EQ(r["kpis"]["first_response_time"]["median"].get<double>(),
                   750); // 5007 300, 5008 1200
  EXPECT_DOUBLE_EQ(r["kpis"]["resolution_time"]["median"].get<double>(),
                   1800); // 120, 1800, 95400
  const json &c = p["change"];
  EXPECT_DOUBLE_EQ(c["ticket_volume"].get<double>(), 2);
  EXPECT_DOUBLE_EQ(c["first_response_time_median"].get<double>(), 750 - 2700);
  EXPECT_DOUBLE_EQ(c["resolution_time_median"].get<double>(), 1800 - 2550);
  EXPECT_DOUBLE_EQ(c["first_contact_resolution"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(c["one_touch_resolution"].get<double>(), 0.0);
  EXPECT_NEAR(c["reopen_rate"].get<double>(), -1.0 / 3, 1e-12);
  EXPECT_NEAR(c["automated_resolution"].get<double>(), 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(c["csat_score"].get<double>(),
                   -1.0); // 5003 bad vs 5001, 5002 good
}

TEST(ComparePrevious, ChangeIsNullWhenEitherSideIsNull) {
  // The three days before 03-03 hold no ticket at all: every previous figure is
  // null or 0, every change of a median null.
  const json r =
      report(zendesk_fixture(), 1 << 20,
             R"({"from":"2025-03-03","to":"2025-03-05","compare":true})");
  EXPECT_EQ(r["previous"]["kpis"]["ticket_volume"], 0);
  EXPECT_TRUE(r["previous"]["kpis"]["first_response_time"]["median"].is_null());
  EXPECT_TRUE(r["previous"]["change"]["first_response_time_median"].is_null());
  EXPECT_TRUE(r["previous"]["change"]["csat_score"].is_null());
  EXPECT_DOUBLE_EQ(r["previous"]["change"]["ticket_volume"].get<double>(), 4);
}

TEST(ComparePrevious, SameLocalLengthAcrossADstChange) {
  // Europe/Berlin: 2025-03-30 has 23 hours. A two-day period 03-30..03-31 is
  // compared with 03-28..03-29 local.
  const std::string settings =
      R"({"timezone":"Europe/Berlin","utc_offsets":[[-9000000000,3600],[1743296400,7200]]})";
  const json r = report(
      zendesk_fixture(), 1 << 20,
      R"({"from":"2025-03-30","to":"2025-03-31","compare":true})", settings);
  EXPECT_EQ(r["settings"]["from"], "2025-03-29T23:00:00Z");
  EXPECT_EQ(r["previous"]["from"], "2025-03-27T23:00:00Z");
  EXPECT_EQ(r["previous"]["to"], "2025-03-29T23:00:00Z");
}

TEST(ComparePrevious, NeedsBothEndsOfThePeriod) {
  const json r = report(zendesk_fixture(), 1 << 20,
                        R"({"from":"2025-03-05","compare":true})");
  EXPECT_EQ(r["error"], "query.compare needs both query.from and query.to (the "
                        "previous period has the same length)");
}

TEST(Breakdown, RowsComeWithTheFiltersApplied) {
  // A channel filter keeps only the email row; a breakdown never widens the
  // query.
  const json r =
      report(zendesk_fixture(), 1 << 20,
             R"({"breakdown":"channel","filters":{"channel":["email"]}})");
  ASSERT_EQ(r["breakdown"]["rows"].size(), 1u);
  EXPECT_EQ(r["breakdown"]["rows"][0]["key"], "email");
  EXPECT_EQ(r["breakdown"]["rows"][0]["kpis"]["ticket_volume"], 4);
}

TEST(Filters, ChannelMatchesTheCanonicalOrTheVendorsOwnName) {
  // The fixture's chats are Zendesk "native_messaging" (canonical chat) and its web form ticket "web" (canonical
  // web_form): either name selects them, a name no ticket carries selects nothing, and names add up.
  const auto volume = [](const char *query) {
    return report(zendesk_fixture(), 1 << 20, query)["kpis"]["ticket_volume"]["total"].get<int>();
  };
  EXPECT_EQ(volume(R"({"filters":{"channel":["chat"]}})"), 2);
  EXPECT_EQ(volume(R"({"filters":{"channel":["native_messaging"]}})"), 2);
  EXPECT_EQ(volume(R"({"filters":{"channel":["web"]}})"), 1);
  EXPECT_EQ(volume(R"({"filters":{"channel":["web_form","native_messaging","email"]}})"), 7);
  EXPECT_EQ(volume(R"({"filters":{"channel":["fax"]}})"), 0);
}
