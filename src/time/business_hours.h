// Business hours (kpi-definitions G3): a weekly schedule plus holidays, in the report zone. The business-time value
// of a duration is the part of [start, end] that falls in open hours, computed on local days (DST-safe: each open
// interval is converted to UTC on its own day). Time outside hours counts 0; a duration entirely outside hours is 0.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "time/zone.h"

namespace hk {

struct OpenInterval {
  int32_t from_s;  // seconds after local midnight
  int32_t to_s;    // exclusive; at most 86400
};

class BusinessHours {
 public:
  BusinessHours() = default;
  // weekly[0] = Monday … weekly[6] = Sunday; holidays are local day numbers (days since 1970-01-01).
  BusinessHours(std::vector<OpenInterval> weekly[7], std::set<int64_t> holidays, const ZoneOffsets* zone);

  bool enabled() const { return enabled_; }
  // Business seconds within [start, end); 0 when end <= start.
  int64_t seconds_between(int64_t start, int64_t end) const;

 private:
  std::vector<OpenInterval> weekly_[7];
  std::set<int64_t> holidays_;
  const ZoneOffsets* zone_ = nullptr;
  int64_t week_open_s_ = 0;
  bool enabled_ = false;
};

// Parses "HH:MM" into seconds after midnight ("24:00" allowed as the end of a day); false on bad input.
bool parse_clock(const std::string& text, int32_t& seconds);

}  // namespace hk
