#include "time/zone.h"

#include <algorithm>

namespace hk {

ZoneOffsets::ZoneOffsets(std::vector<std::pair<int64_t, int32_t>> transitions) : transitions_(std::move(transitions)) {
  std::sort(transitions_.begin(), transitions_.end());
  // A table that is UTC throughout is plain UTC.
  if (std::all_of(transitions_.begin(), transitions_.end(), [](const auto& t) { return t.second == 0; }))
    transitions_.clear();
}

int32_t ZoneOffsets::offset_at(int64_t utc) const {
  if (transitions_.empty()) return 0;
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), std::make_pair(utc, INT32_MAX));
  if (it == transitions_.begin()) return transitions_.front().second;
  return std::prev(it)->second;
}

int64_t ZoneOffsets::to_utc(int64_t local) const {
  if (transitions_.empty()) return local;
  // Try the offsets in force around that moment; prefer the earliest instant that maps back to `local`.
  const int32_t a = offset_at(local - 86400), b = offset_at(local + 86400);
  const int64_t u1 = local - std::max(a, b), u2 = local - std::min(a, b);
  if (to_local(u1) == local) return u1;
  if (to_local(u2) == local) return u2;
  // In a gap: the wall-clock time does not exist; move forward by the gap.
  return local - std::min(a, b);
}

}  // namespace hk
