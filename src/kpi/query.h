// A report query: the period and the filters (SPEC §5: every KPI can be filtered by date range and by multi-select
// agent, channel, tag and status).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "time/timestamp.h"

namespace hk {

struct Query {
  int64_t from = kNoTime;  // inclusive (UTC)
  int64_t to = kNoTime;    // exclusive (UTC)
  std::vector<std::string> agents, channels, tags, statuses;  // multi-select; empty = all
  bool compare_previous = false;  // also report the previous period of the same length
};

}  // namespace hk
