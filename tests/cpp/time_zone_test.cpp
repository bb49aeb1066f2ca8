// Time zones and business hours (kpi-definitions G1, G3): DST transitions (Europe/Berlin, America/New_York), Asia/Tokyo
// bucketing, holidays, and the business values of fixtures/zendesk/expected.md.
#include <gtest/gtest.h>

#include "test_util.h"
#include "time/business_hours.h"
#include "time/zone.h"

using namespace hk;
using namespace hk_test;

namespace {

int64_t at(const char* iso) {
  ParsedTime p;
  EXPECT_EQ(parse_iso8601(iso, p), TimeError::none) << iso;
  return p.utc_seconds;
}

// Europe/Berlin 2025: CET (+1) until 2025-03-30 01:00 UTC, CEST (+2) until 2025-10-26 01:00 UTC.
ZoneOffsets berlin() {
  return ZoneOffsets({{at("2024-10-27T01:00:00Z"), 3600}, {at("2025-03-30T01:00:00Z"), 7200}, {at("2025-10-26T01:00:00Z"), 3600}});
}
const char* kBerlinSettings =
    R"("timezone":"Europe/Berlin","utc_offsets":[[1729990800,3600],[1743296400,7200],[1761440400,3600]])";

std::vector<OpenInterval> nine_to_five() { return {{9 * 3600, 17 * 3600}}; }

BusinessHours weekdays(const ZoneOffsets* zone, std::set<int64_t> holidays = {}) {
  std::vector<OpenInterval> week[7];
  for (int d = 0; d < 5; ++d) week[d] = nine_to_five();
  return BusinessHours(week, std::move(holidays), zone);
}

}  // namespace

TEST(Zone, BerlinOffsetsAroundTheSpringTransition) {
  ZoneOffsets z = berlin();
  EXPECT_EQ(z.offset_at(at("2025-03-30T00:59:59Z")), 3600);
  EXPECT_EQ(z.offset_at(at("2025-03-30T01:00:00Z")), 7200);
  // 02:30 local does not exist on 2025-03-30: the time after the gap is used.
  EXPECT_EQ(z.to_utc(at("2025-03-30T02:30:00Z")), at("2025-03-30T01:30:00Z"));
  // 02:30 local happens twice on 2025-10-26: the earlier instant.
  EXPECT_EQ(z.to_utc(at("2025-10-26T02:30:00Z")), at("2025-10-26T00:30:00Z"));
}

TEST(BusinessHoursG3, SpansAWeekendAcrossTheBerlinDstChange) {
  ZoneOffsets z = berlin();
  BusinessHours b = weekdays(&z);
  // Fri 2025-03-28 16:00 CET → Mon 2025-03-31 10:00 CEST: one hour on Friday, one on Monday.
  EXPECT_EQ(b.seconds_between(at("2025-03-28T15:00:00Z"), at("2025-03-31T08:00:00Z")), 7200);
  // Entirely outside hours counts 0.
  EXPECT_EQ(b.seconds_between(at("2025-03-29T10:00:00Z"), at("2025-03-30T10:00:00Z")), 0);
}

TEST(BusinessHoursG3, NewYorkFallBackDayHasItsOwnOffsets) {
  // America/New_York: EDT (−4) until 2025-11-02 06:00 UTC, then EST (−5).
  ZoneOffsets z({{at("2025-03-09T07:00:00Z"), -4 * 3600}, {at("2025-11-02T06:00:00Z"), -5 * 3600}});
  BusinessHours b = weekdays(&z);
  // Fri 2025-10-31 16:00 EDT (20:00Z) → Mon 2025-11-03 10:00 EST (15:00Z): 1 h + 1 h.
  EXPECT_EQ(b.seconds_between(at("2025-10-31T20:00:00Z"), at("2025-11-03T15:00:00Z")), 7200);
}

TEST(BusinessHoursG3, HolidaysAreClosed) {
  ZoneOffsets utc;
  BusinessHours open = weekdays(&utc);
  BusinessHours holiday = weekdays(&utc, {days_from_civil(2025, 3, 4)});
  EXPECT_EQ(open.seconds_between(at("2025-03-03T16:00:00Z"), at("2025-03-05T10:00:00Z")), 3600 + 8 * 3600 + 3600);
  EXPECT_EQ(holiday.seconds_between(at("2025-03-03T16:00:00Z"), at("2025-03-05T10:00:00Z")), 3600 + 3600);
}

TEST(ZendeskFixture, BusinessHoursValuesOfExpectedMd_G3) {
  const std::string settings =
      R"({"business_hours":{"weekly":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],
          "thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]]}}})";
  json r = report(zendesk_fixture(), 1 << 20, "{}", settings);
  const json& frt = r["kpis"]["first_response_time"]["business"];
  ASSERT_TRUE(frt.is_object());
  EXPECT_EQ(frt["n"], 5);
  EXPECT_DOUBLE_EQ(frt["median"].get<double>(), 1200);
  const json& res = r["kpis"]["resolution_time"]["business"];
  // 4500, 600, 45000 (5003: 600 min on 03-04 + 150 min on 03-05 = 750 min), 120, 1800
  EXPECT_EQ(res["n"], 5);
  EXPECT_DOUBLE_EQ(res["mean"].get<double>(), (4500 + 600 + 45000 + 120 + 1800) / 5.0);
  EXPECT_DOUBLE_EQ(res["median"].get<double>(), 1800);
  EXPECT_FALSE(r["settings"]["business_hours"].is_null());
  json no_schedule = report(zendesk_fixture());
  EXPECT_TRUE(no_schedule["kpis"]["first_response_time"]["business"].is_null());
}

TEST(ZendeskFixture, HolidayRemovesADayFromBusinessResolution_G3) {
  const std::string settings =
      R"({"business_hours":{"weekly":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],
          "thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]]},"holidays":["2025-03-05"]}})";
  json r = report(zendesk_fixture(), 1 << 20, "{}", settings);
  // 5003 loses its 150 minutes of 03-05; 5006 (03-05 12:00 → 12:02) counts 0.
  EXPECT_DOUBLE_EQ(r["kpis"]["resolution_time"]["business"]["mean"].get<double>(), (4500 + 600 + 36000 + 0 + 1800) / 5.0);
}

TEST(VolumeBuckets, TokyoBucketsByLocalDay_G1) {
  const std::string page = R"({"tickets":[
    {"id":1,"via":{"channel":"email"},"created_at":"2025-03-03T16:00:00Z","status":"open","requester_id":1},
    {"id":2,"via":{"channel":"email"},"created_at":"2025-03-03T14:59:59Z","status":"open","requester_id":1}]})";
  const std::string tokyo = R"({"timezone":"Asia/Tokyo","utc_offsets":[[0,32400]]})";
  json r = report({{"p.json", page}}, 1 << 20, "{}", tokyo);
  const json& days = r["kpis"]["ticket_volume"]["by_day"];
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0]["period"], "2025-03-03");  // 23:59:59 JST
  EXPECT_EQ(days[1]["period"], "2025-03-04");  // 01:00 JST
  // A bare date in a query is local midnight: 2025-03-04 JST = 2025-03-03T15:00Z.
  json q = report({{"p.json", page}}, 1 << 20, R"({"from":"2025-03-04","to":"2025-03-04"})", tokyo);
  EXPECT_EQ(q["kpis"]["ticket_volume"]["total"], 1);
  EXPECT_EQ(r["settings"]["timezone"], "Asia/Tokyo");
}

TEST(VolumeBuckets, BerlinDaysAcrossBothDstChanges_G1) {
  const std::string page = R"({"tickets":[
    {"id":1,"via":{"channel":"email"},"created_at":"2025-03-29T23:30:00Z","status":"open","requester_id":1},
    {"id":2,"via":{"channel":"email"},"created_at":"2025-10-25T22:30:00Z","status":"open","requester_id":1}]})";
  json r = report({{"p.json", page}}, 1 << 20, "{}", std::string("{") + kBerlinSettings + "}");
  const json& days = r["kpis"]["ticket_volume"]["by_day"];
  EXPECT_EQ(days.front()["period"], "2025-03-30");  // 00:30 CET
  EXPECT_EQ(days.back()["period"], "2025-10-26");   // 00:30 CEST
  size_t nonzero = 0;
  for (const auto& d : days) nonzero += d["count"].get<int>() > 0;
  EXPECT_EQ(nonzero, 2u);
}

TEST(VolumeBuckets, SundayWeeksStartOnSunday_G1) {
  json r = report(zendesk_fixture(), 1 << 20, "{}", R"({"week_start":"sunday"})");
  EXPECT_EQ(r["kpis"]["ticket_volume"]["by_week"][0]["period"], "2025-03-02");
  EXPECT_EQ(r["settings"]["week_start"], "sunday");
}
