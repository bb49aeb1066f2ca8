// Settings of issue 3 beyond zone, week start and business hours: the fiscal
// year's first month (G1, by_quarter buckets follow it), the list of authors to
// treat as bots/automations (G8), and the CSAT scale mapping (1.13).
#include <gtest/gtest.h>

#include "test_util.h"
#include "time/buckets.h"

using namespace hk_test;

namespace {

std::string quarter_of(int64_t y, unsigned m, unsigned d,
                       unsigned fiscal_start) {
  const hk::BucketRule rule{hk::Granularity::quarter, false, fiscal_start};
  return hk::bucket_label(hk::bucket_of_day(hk::days_from_civil(y, m, d), rule),
                          rule);
}

std::string settings_error(const std::string &text) {
  hk::Settings s;
  std::string error;
  EXPECT_FALSE(hk::parse_settings(text, s, error)) << text;
  return error;
}

} // namespace

TEST(FiscalQuarter_G1, BucketsStartAtTheFiscalYearsFirstMonth) {
  EXPECT_EQ(quarter_of(2025, 3, 15, 1),
            "2025-Q1"); // calendar quarters by default
  EXPECT_EQ(
      quarter_of(2025, 3, 31, 4),
      "FY2025-Q4"); // April start: Jan–Mar closes FY2025 (Apr 2024–Mar 2025)
  EXPECT_EQ(quarter_of(2025, 4, 1, 4), "FY2026-Q1");
  EXPECT_EQ(quarter_of(2025, 12, 31, 4), "FY2026-Q3");
  EXPECT_EQ(quarter_of(2024, 10, 1, 10),
            "FY2025-Q1"); // October start (US federal): Oct 2024 opens FY2025
  EXPECT_EQ(quarter_of(2025, 2, 28, 2), "FY2026-Q1");
  EXPECT_EQ(quarter_of(2025, 1, 31, 2), "FY2025-Q4");
  // A quarter's first day and the next quarter's, across a year end.
  const hk::BucketRule rule{hk::Granularity::quarter, false, 11};
  const int64_t b = hk::bucket_of_day(hk::days_from_civil(2025, 1, 20), rule);
  EXPECT_EQ(b, hk::days_from_civil(2024, 11, 1));
  EXPECT_EQ(hk::next_bucket(b, rule), hk::days_from_civil(2025, 2, 1));
}

TEST(FiscalQuarter_G1, VolumeByQuarterAndQuarterBreakdownFollowTheSetting) {
  const json r =
      report(zendesk_fixture(), 1 << 20, R"({"breakdown":"quarter"})",
             R"({"fiscal_year_start_month":4})");
  ASSERT_EQ(r["kpis"]["ticket_volume"]["by_quarter"].size(), 1u);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["by_quarter"][0]["period"], "FY2025-Q4");
  EXPECT_EQ(r["kpis"]["ticket_volume"]["by_quarter"][0]["count"], 8);
  EXPECT_EQ(r["breakdown"]["rows"][0]["key"], "FY2025-Q4");
  EXPECT_EQ(r["breakdown"]["rows"][0]["from"], "2025-01-01T00:00:00Z");
  EXPECT_EQ(r["settings"]["fiscal_year_start_month"], 4);
  // The default stays calendar quarters.
  EXPECT_EQ(report(zendesk_fixture())["kpis"]["ticket_volume"]["by_quarter"][0]
                                     ["period"],
            "2025-Q1");
  EXPECT_EQ(settings_error(R"({"fiscal_year_start_month":13})"),
            "settings.fiscal_year_start_month must be a month number from 1 "
            "(January) to 12");
}

TEST(AutomationAuthors_G8, ListedAuthorsAreBotsNotAgents) {
  // Bob Baker (361000002) wrote 5002's two replies and solved it. As an
  // automation: 5002 has no human reply, so no FRT, and it is an automated
  // resolution (no human reply, a bot took part).
  const json base = report(zendesk_fixture());
  const json r = report(zendesk_fixture(), 1 << 20, "{}",
                        R"({"automation_authors":["Bob Baker"]})");
  const json &k = r["kpis"];
  EXPECT_EQ(base["kpis"]["first_response_time"]["n"], 5);
  EXPECT_EQ(k["first_response_time"]["n"], 4); // 2700, 5400, 300, 1200
  EXPECT_DOUBLE_EQ(k["first_response_time"]["median"].get<double>(), 1950);
  EXPECT_EQ(k["first_response_time"]["resolved_without_reply"],
            2); // 5002 and 5006
  EXPECT_EQ(k["automated_resolution"]["numerator"], 2);
  EXPECT_EQ(k["automated_resolution"]["denominator"], 5);
  EXPECT_EQ(k["response_time"]["n"],
            5); // 5002's episodes (180 s, 120 s) were closed by Bob
  // The same by id, and an author no export names changes nothing.
  EXPECT_EQ(report(zendesk_fixture(), 1 << 20, "{}",
                   R"({"automation_authors":["361000002"]})")["kpis"],
            k);
  EXPECT_EQ(report(zendesk_fixture(), 1 << 20, "{}",
                   R"({"automation_authors":["Nobody"]})")["kpis"],
            base["kpis"]);
  EXPECT_EQ(r["settings"]["automation_authors"], json::array({"Bob Baker"}));
  EXPECT_EQ(settings_error(R"({"automation_authors":"Bob"})"),
            "settings.automation_authors must be an array of author ids, names "
            "or emails");
}

TEST(CsatScaleMapping_1_13, ThresholdsPerScaleFromSettings) {
  // Gorgias fixture: answered 5, 4 and 2 on 1–5. Default 4–5 satisfied: 2/3.
  const std::vector<Input> g = {
      {"small.json", read_file(fixture("gorgias/small.json"))}};
  EXPECT_NEAR(report(g)["kpis"]["csat"]["score"].get<double>(), 2.0 / 3, 1e-12);
  EXPECT_NEAR(report(g, 1 << 20, "{}",
                     R"({"csat_satisfied":{"1-5":5}})")["kpis"]["csat"]["score"]
                  .get<double>(),
              1.0 / 3, 1e-12);
  const json lenient =
      report(g, 1 << 20, "{}", R"({"csat_satisfied":{"1-5":2}})");
  EXPECT_DOUBLE_EQ(lenient["kpis"]["csat"]["score"].get<double>(), 1.0);
  EXPECT_EQ(lenient["kpis"]["csat"]["mean"], report(g)["kpis"]["csat"]["mean"])
      << "the mean does not depend on it";
  EXPECT_EQ(lenient["settings"]["csat_satisfied"]["1-5"], 2);
  // Good/bad has no threshold: the Zendesk fixture's 2 good of 3 stay 2/3
  // whatever the numeric settings say.
  EXPECT_NEAR(report(zendesk_fixture(), 1 << 20, "{}",
                     R"({"csat_satisfied":{"1-5":5}})")["kpis"]["csat"]["score"]
                  .get<double>(),
              2.0 / 3, 1e-12);
  // Help Scout's great / okay / not good (1001 great, 1008 okay, 1003 not
  // good): "okay" may count as satisfied.
  const std::vector<Input> hs = {
      {"conversations.json",
       read_file(testdata("helpscout/conversations.json"))}};
  EXPECT_NEAR(report(hs)["kpis"]["csat"]["score"].get<double>(), 1.0 / 3,
              1e-12);
  EXPECT_NEAR(report(hs, 1 << 20, "{}",
                     R"({"csat_satisfied":{"great_okay_not_good":"okay"}})")
                  ["kpis"]["csat"]["score"]
                      .get<double>(),
              2.0 / 3, 1e-12);
  EXPECT_EQ(settings_error(R"({"csat_satisfied":{"1-5":6}})"),
            "settings.csat_satisfied.1-5 must be a whole number from 1 to 5 "
            "(the lowest satisfied score)");
  EXPECT_EQ(
      settings_error(R"({"csat_satisfied":{"great_okay_not_good":"fine"}})"),
      "settings.csat_satisfied.great_okay_not_good must be \"great\" or "
      "\"okay\"");
}

// Found by settings_query_fuzz (2026-11-30): numbers beyond int64 were converted to integers (undefined behaviour).
// They are refused with the setting's message instead.
TEST(SettingsNumbers, OutOfRangeInstantsAndDurationsAreRefusedNotConverted) {
  EXPECT_EQ(settings_error(R"({"utc_offsets": [[0, 3600], [1743123456789012345678906400, 7200]]})"),
            "settings.utc_offsets must be [[utc_seconds, offset_seconds], …]");
  EXPECT_EQ(settings_error(R"({"sla": {"first_response_s": 1e300}})").rfind("settings.sla must be", 0), 0u);
  EXPECT_EQ(settings_error(R"({"sla": {"resolution_s": -1}})").rfind("settings.sla must be", 0), 0u);
  hk::Settings s;
  std::string error;
  EXPECT_TRUE(hk::parse_settings(R"({"sla": {"first_response_s": 14400, "resolution_s": 172800}})", s, error)) << error;
  EXPECT_EQ(s.sla.targets.first_response_s, 14400);
  EXPECT_EQ(s.sla.targets.resolution_s, 172800);
}

// Found by settings_query_fuzz in CI (2026-11-30): {"sla":{"business_hours":1}} and {"costs":{"currency":1001}} aborted,
// because nlohmann's value() throws on a wrong type and this build has no exceptions. Every key, at every level the
// parsers read, given every JSON type: each either parses or is refused with a message naming the setting.
TEST(SettingsTypes, EveryKeyOfEveryWrongTypeIsParsedOrRefusedNeverAborts) {
  const std::vector<std::string> values = {"null", "true", "1", "-1", "1.5", "1e300", "\"x\"", "[]", "[1]",
                                           "[[1,2]]", "[\"a\"]", "{}", "{\"a\":1}"};
  // "%" stands for each value in turn.
  const std::vector<std::string> settings_shapes = {
      R"({"timezone":%})", R"({"utc_offsets":%})", R"({"utc_offsets":[%]})", R"({"business_hours":%})",
      R"({"business_hours":{"weekly":%}})", R"({"business_hours":{"weekly":{"mon":%}}})",
      R"({"business_hours":{"weekly":{"mon":[%]}}})", R"({"business_hours":{"weekly":{},"holidays":%}})",
      R"({"business_hours":{"weekly":{},"holidays":[%]}})", R"({"now":%})", R"({"sla":%})",
      R"({"sla":{"first_response_s":%}})", R"({"sla":{"business_hours":%}})", R"({"sla":{"by_channel":%}})",
      R"({"sla":{"by_channel":{"email":%}}})", R"({"costs":%})", R"({"costs":{"currency":%}})",
      R"({"costs":{"agent_labour":%}})", R"({"consistency_min_tickets":%})", R"({"week_start":%})",
      R"({"fiscal_year_start_month":%})", R"({"automation_authors":%})", R"({"automation_authors":[%]})",
      R"({"csat_satisfied":%})", R"({"csat_satisfied":{"1-5":%}})", R"({"csat_satisfied":{"great_okay_not_good":%}})",
      R"({"automation_window_hours":%})", R"({"conversion_window_days":%})", R"({"repeat_contact_days":%})",
      R"({"max_record_bytes":%})", R"({"max_memory_bytes":%})", R"({"sources":%})", R"({"sources":{"a.json":%}})",
      R"({"sources":{"a.json":{"vendor":%}}})"};
  const std::vector<std::string> query_shapes = {
      R"({"from":%})", R"({"to":%})", R"({"breakdown":%})", R"({"compare":%})", R"({"filters":%})",
      R"({"filters":{"agent":%}})", R"({"filters":{"channel":[%]}})", R"({"filters":{"tag":%}})",
      R"({"filters":{"status":[%]}})"};
  auto fill = [](std::string shape, const std::string& value) { return shape.replace(shape.find('%'), 1, value); };
  int refused = 0;
  for (const std::string& shape : settings_shapes)
    for (const std::string& value : values) {
      hk::Settings s;
      std::string error;
      const std::string text = fill(shape, value);
      if (!hk::parse_settings(text, s, error)) {
        ++refused;
        EXPECT_EQ(error.rfind("settings.", 0), 0u) << text << " → " << error;
      }
    }
  for (const std::string& shape : query_shapes)
    for (const std::string& value : values) {
      hk::Query q;
      std::string error;
      const std::string text = fill(shape, value);
      if (!hk::parse_query(text, hk::ZoneOffsets(), q, error)) {
        ++refused;
        EXPECT_EQ(error.rfind("query.", 0), 0u) << text << " → " << error;
      }
    }
  EXPECT_GT(refused, 100);  // most wrong types are refused, not silently taken
}

TEST(SettingsTypes, WrongTypesFoundByTheFuzzerAreRefusedWithTheirSetting) {
  EXPECT_EQ(settings_error(R"({"sla":{"first_response_s":3600,"business_hours":1}})"),
            "settings.sla.business_hours must be true or false");
  EXPECT_EQ(settings_error(R"({"costs":{"currency":1001,"agent_labour":1000}})"),
            "settings.costs.currency must be a currency code like \"EUR\"");
  EXPECT_EQ(settings_error(R"({"timezone":7200})"), "settings.timezone must be a zone name like \"Europe/Paris\"");
  hk::Settings s;
  std::string error;
  ASSERT_TRUE(hk::parse_settings(R"({"sla":{"resolution_s":60,"business_hours":true},"costs":{"currency":"EUR","tools":5}})",
                                 s, error)) << error;
  EXPECT_TRUE(s.sla.business_hours);
  EXPECT_EQ(s.costs.currency, "EUR");
}
