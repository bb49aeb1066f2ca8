// A report time zone as a table of UTC-offset transitions. The engine has no tz database (it runs in wasm with no
// files): the JS side resolves the IANA zone with Intl and passes the transitions in the settings; native tests pass
// them by hand. Every bucket and business-hours computation goes through this, so DST is handled in one place.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "time/timestamp.h"

namespace hk {

class ZoneOffsets {
 public:
  ZoneOffsets() = default;  // UTC
  // Each pair: from this UTC instant on, local time = UTC + offset seconds. Sorted by instant; the first offset also
  // applies before the first instant.
  explicit ZoneOffsets(std::vector<std::pair<int64_t, int32_t>> transitions);

  int32_t offset_at(int64_t utc) const;
  int64_t to_local(int64_t utc) const { return utc + offset_at(utc); }
  // The local day of an instant: days since 1970-01-01 in this zone.
  int64_t local_day(int64_t utc) const { return floor_div(to_local(utc), 86400); }
  // The UTC instant of a local wall-clock time. In a gap (spring forward) the time after the gap is used; in an
  // overlap (fall back) the earlier instant.
  int64_t to_utc(int64_t local) const;
  bool is_utc() const { return transitions_.empty(); }
  const std::vector<std::pair<int64_t, int32_t>>& transitions() const { return transitions_; }

 private:
  std::vector<std::pair<int64_t, int32_t>> transitions_;
};

}  // namespace hk
