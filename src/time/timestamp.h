// Timestamps: ISO-8601 / epoch parsing to UTC seconds, and civil-date arithmetic.
// Every instant in the engine is an int64 count of seconds since 1970-01-01T00:00:00Z.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace hk {

// "No value" for any instant or duration column: a duration whose end has not happened is null, never 0.
constexpr int64_t kNoTime = INT64_MIN;

struct ParsedTime {
  int64_t utc_seconds = kNoTime;
  bool had_offset = false;  // false: local time without a zone (read in the source zone; a warning is raised)
};

enum class TimeError { none, empty, syntax, out_of_range };

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]]" with "Z", "+HH:MM", "+HHMM", "+HH" or no offset, and a space
// instead of "T". Fractions are truncated to whole seconds. Years 1..9999; impossible dates (02-30) are errors.
TimeError parse_iso8601(std::string_view text, ParsedTime& out);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t days, int64_t& y, unsigned& m, unsigned& d);
bool is_valid_date(int64_t y, unsigned m, unsigned d);

// Floor division that rounds towards negative infinity (instants before 1970 bucket correctly).
inline int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// "2025-03-03T09:00:00Z"
std::string format_utc(int64_t seconds);
// "2025-03-03"
std::string format_date(int64_t days_since_epoch);

}  // namespace hk
