// A report query: the period and the filters (SPEC §5: every KPI can be filtered by date range and by multi-select
// agent, channel, tag and status), an optional breakdown, and the comparison with the previous period.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "time/timestamp.h"

namespace hk {

// What the headline KPIs are broken down by (SPEC §5: by agent, channel, tag and period).
enum class BreakdownBy : uint8_t { none, agent, channel, tag, status, day, week, month, quarter };

struct Query {
  int64_t from = kNoTime;  // inclusive (UTC)
  int64_t to = kNoTime;    // exclusive (UTC)
  std::vector<std::string> agents, channels, tags, statuses;  // multi-select; empty = all
  BreakdownBy breakdown = BreakdownBy::none;
  bool compare_previous = false;  // also report the previous period of the same length (needs from and to)
};

const char* breakdown_name(BreakdownBy b);

}  // namespace hk
