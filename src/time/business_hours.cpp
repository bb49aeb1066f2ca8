#include "time/business_hours.h"

#include <algorithm>

#include "time/timestamp.h"

namespace hk {

bool parse_clock(const std::string& t, int32_t& seconds) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (int i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return false;
  const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
  seconds = h * 3600 + m * 60;
  return true;
}

BusinessHours::BusinessHours(std::vector<OpenInterval> weekly[7], std::set<int64_t> holidays, const ZoneOffsets* zone)
    : holidays_(std::move(holidays)), zone_(zone) {
  for (int d = 0; d < 7; ++d) {
    weekly_[d] = weekly[d];
    std::sort(weekly_[d].begin(), weekly_[d].end(), [](const OpenInterval& a, const OpenInterval& b) { return a.from_s < b.from_s; });
    for (const OpenInterval& i : weekly_[d]) week_open_s_ += std::max(0, i.to_s - i.from_s);
  }
  enabled_ = week_open_s_ > 0;
}

int64_t BusinessHours::seconds_between(int64_t start, int64_t end) const {
  if (!enabled_ || end <= start) return 0;
  static const ZoneOffsets utc;
  const ZoneOffsets& zone = zone_ ? *zone_ : utc;
  const int64_t first_day = zone.local_day(start);
  const int64_t last_day = zone.local_day(end);
  int64_t total = 0;
  for (int64_t day = first_day; day <= last_day; ++day) {
    if (holidays_.count(day)) continue;
    const int weekday = static_cast<int>(((day + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday; Monday = 0
    for (const OpenInterval& i : weekly_[weekday]) {
      const int64_t open = zone.to_utc(day * 86400 + i.from_s);
      const int64_t close = zone.to_utc(day * 86400 + i.to_s);
      const int64_t a = std::max(open, start), b = std::min(close, end);
      if (b > a) total += b - a;
    }
  }
  return total;
}

}  // namespace hk
