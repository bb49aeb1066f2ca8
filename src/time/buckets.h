// Calendar buckets for time series (kpi-definitions G1): day, ISO week (or Sunday-start weeks), month, quarter.
// Buckets are computed on local days: `offset_s` shifts UTC instants into the report zone (0 = UTC).
#pragma once
#include <cstdint>
#include <string>

namespace hk {

enum class Granularity { day, week, month, quarter };

struct BucketRule {
  Granularity granularity = Granularity::day;
  bool week_starts_sunday = false;
  // Quarters follow the fiscal year (G1): 1 = calendar quarters; 4 = Q1 is April–June, and so on.
  unsigned fiscal_year_start_month = 1;
};

// A bucket is identified by the local day number (days since 1970-01-01) of its first day.
int64_t bucket_of_day(int64_t local_day, const BucketRule& rule);
int64_t next_bucket(int64_t bucket_first_day, const BucketRule& rule);
// "2025-03-03", "2025-W10" (ISO; Sunday-start weeks are labelled by their first day), "2025-03", "2025-Q1"; fiscal
// quarters are "FY2026-Q1", the fiscal year named by the calendar year in which it ends (April 2025–March 2026 is FY2026).
std::string bucket_label(int64_t bucket_first_day, const BucketRule& rule);

}  // namespace hk
