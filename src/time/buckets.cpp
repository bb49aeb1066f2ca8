#include "time/buckets.h"

#include <cstdio>

#include "time/timestamp.h"

namespace hk {

int64_t bucket_of_day(int64_t day, const BucketRule& rule) {
  int64_t y;
  unsigned m, d;
  switch (rule.granularity) {
    case Granularity::day:
      return day;
    case Granularity::week: {
      // 1970-01-01 was a Thursday: weekday index with Monday = 0 is (day + 3) mod 7.
      const int64_t shift = rule.week_starts_sunday ? 4 : 3;
      return day - (((day + shift) % 7) + 7) % 7;
    }
    case Granularity::month:
      civil_from_days(day, y, m, d);
      return days_from_civil(y, m, 1);
    case Granularity::quarter: {
      civil_from_days(day, y, m, d);
      // Months since the fiscal year's first month (0–11), rounded down to a multiple of 3.
      const unsigned f = rule.fiscal_year_start_month;
      const unsigned into = (m + 12 - f) % 12 / 3 * 3;
      const unsigned first = (f - 1 + into) % 12 + 1;
      return days_from_civil(first > m ? y - 1 : y, first, 1);
    }
  }
  return day;
}

int64_t next_bucket(int64_t first, const BucketRule& rule) {
  int64_t y;
  unsigned m, d;
  switch (rule.granularity) {
    case Granularity::day:
      return first + 1;
    case Granularity::week:
      return first + 7;
    case Granularity::month:
      civil_from_days(first, y, m, d);
      return m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
    case Granularity::quarter:
      civil_from_days(first, y, m, d);
      return m >= 10 ? days_from_civil(y + 1, m - 9, 1) : days_from_civil(y, m + 3, 1);
  }
  return first + 1;
}

std::string bucket_label(int64_t first, const BucketRule& rule) {
  int64_t y;
  unsigned m, d;
  char buf[32];
  switch (rule.granularity) {
    case Granularity::day:
      return format_date(first);
    case Granularity::week: {
      if (rule.week_starts_sunday) return format_date(first);
      // ISO week: the week belongs to the year of its Thursday.
      const int64_t thursday = first + 3;
      civil_from_days(thursday, y, m, d);
      const int64_t week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
      std::snprintf(buf, sizeof buf, "%04lld-W%02lld", static_cast<long long>(y), static_cast<long long>(week));
      return buf;
    }
    case Granularity::month:
      civil_from_days(first, y, m, d);
      std::snprintf(buf, sizeof buf, "%04lld-%02u", static_cast<long long>(y), m);
      return buf;
    case Granularity::quarter: {
      civil_from_days(first, y, m, d);
      const unsigned f = rule.fiscal_year_start_month;
      if (f == 1) {
        std::snprintf(buf, sizeof buf, "%04lld-Q%u", static_cast<long long>(y), (m - 1) / 3 + 1);
        return buf;
      }
      const int64_t fiscal_year = m >= f ? y + 1 : y;  // named by the year it ends
      std::snprintf(buf, sizeof buf, "FY%04lld-Q%u", static_cast<long long>(fiscal_year), (m + 12 - f) % 12 / 3 + 1);
      return buf;
    }
  }
  return "";
}

}  // namespace hk
