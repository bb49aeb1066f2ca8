#include <gtest/gtest.h>

#include "time/buckets.h"
#include "time/timestamp.h"

using namespace hk;

static int64_t utc(const char* s) {
  ParsedTime p;
  EXPECT_EQ(parse_iso8601(s, p), TimeError::none) << s;
  return p.utc_seconds;
}

TEST(Timestamp, ZuluAndOffsetsGiveTheSameInstant) {
  EXPECT_EQ(utc("2025-03-03T09:00:00Z"), 1740992400);
  EXPECT_EQ(utc("2025-03-03T10:00:00+01:00"), 1740992400);
  EXPECT_EQ(utc("2025-03-03T04:00:00-0500"), 1740992400);
  EXPECT_EQ(utc("2025-03-03T09:00:00.123456+00:00"), 1740992400);  // Gorgias: microseconds, +00:00
  EXPECT_EQ(utc("2025-03-03 09:00:00Z"), 1740992400);
}

TEST(Timestamp, NoOffsetIsFlagged) {
  ParsedTime p;
  ASSERT_EQ(parse_iso8601("2025-03-03T09:00:00", p), TimeError::none);
  EXPECT_FALSE(p.had_offset);
  ASSERT_EQ(parse_iso8601("2025-03-03T09:00:00Z", p), TimeError::none);
  EXPECT_TRUE(p.had_offset);
}

TEST(Timestamp, ImpossibleDatesAreRejected) {
  ParsedTime p;
  EXPECT_EQ(parse_iso8601("2025-02-30T00:00:00Z", p), TimeError::out_of_range);
  EXPECT_EQ(parse_iso8601("0000-01-01T00:00:00Z", p), TimeError::out_of_range);
  EXPECT_EQ(parse_iso8601("99999-01-01T00:00:00Z", p), TimeError::syntax);
  EXPECT_EQ(parse_iso8601("2025-03-03T24:00:00Z", p), TimeError::out_of_range);
  EXPECT_EQ(parse_iso8601("2025-03-03T09:00:00+25:00", p), TimeError::out_of_range);
  EXPECT_EQ(parse_iso8601("yesterday", p), TimeError::syntax);
  EXPECT_EQ(parse_iso8601("", p), TimeError::empty);
  EXPECT_EQ(parse_iso8601("2024-02-29T00:00:00Z", p), TimeError::none);  // leap day
}

TEST(Buckets, IsoWeekAndQuarterLabels) {
  const int64_t day = days_from_civil(2025, 3, 5);  // a Wednesday
  BucketRule week{Granularity::week, false};
  EXPECT_EQ(format_date(bucket_of_day(day, week)), "2025-03-03");
  EXPECT_EQ(bucket_label(bucket_of_day(day, week), week), "2025-W10");
  // 2024-12-30 belongs to ISO week 2025-W01.
  EXPECT_EQ(bucket_label(bucket_of_day(days_from_civil(2024, 12, 31), week), week), "2025-W01");
  BucketRule sunday{Granularity::week, true};
  EXPECT_EQ(format_date(bucket_of_day(day, sunday)), "2025-03-02");
  BucketRule quarter{Granularity::quarter, false};
  EXPECT_EQ(bucket_label(bucket_of_day(day, quarter), quarter), "2025-Q1");
  EXPECT_EQ(format_date(next_bucket(bucket_of_day(day, quarter), quarter)), "2025-04-01");
}
