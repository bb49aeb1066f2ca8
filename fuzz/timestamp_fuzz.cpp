// libFuzzer target: the ISO-8601 parser and civil-date arithmetic (src/time/timestamp.cpp).
// Beyond ASan/UBSan: an accepted time is within years 1..9999 (± a day of offset), formats back to text that parses to
// the same instant, and days_from_civil / civil_from_days are inverse on every accepted date.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "time/timestamp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);  // own allocation: ASan sees any over-read
  hk::ParsedTime p;
  if (hk::parse_iso8601(text, p) != hk::TimeError::none) return 0;
  constexpr int64_t kYear1 = -62135596800, kYear10000 = 253402300800;
  if (p.utc_seconds < kYear1 - 86400 || p.utc_seconds >= kYear10000 + 86400) hk_fuzz::fail("instant out of range");
  const int64_t days = hk::floor_div(p.utc_seconds, 86400);
  int64_t y;
  unsigned m, d;
  hk::civil_from_days(days, y, m, d);
  if (hk::days_from_civil(y, m, d) != days) hk_fuzz::fail("civil date round trip");
  const std::string back = hk::format_utc(p.utc_seconds);
  hk::ParsedTime q;
  if (y >= 1 && y <= 9999) {
    if (hk::parse_iso8601(back, q) != hk::TimeError::none) hk_fuzz::fail("formatted time does not parse");
    if (q.utc_seconds != p.utc_seconds || !q.had_offset) hk_fuzz::fail("format/parse round trip");
  }
  return 0;
}
