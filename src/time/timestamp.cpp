#include "time/timestamp.h"

#include <cstdio>

namespace hk {
namespace {

bool read_digits(std::string_view s, size_t pos, size_t count, int64_t& out) {
  if (pos + count > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

bool is_valid_date(int64_t y, unsigned m, unsigned d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const unsigned max_day = (m == 2 && leap) ? 29 : kDays[m - 1];
  return d <= max_day;
}

TimeError parse_iso8601(std::string_view s, ParsedTime& out) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return TimeError::empty;
  int64_t year, month, day;
  if (!read_digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !read_digits(s, 5, 2, month) || s[7] != '-' ||
      !read_digits(s, 8, 2, day))
    return TimeError::syntax;
  if (!is_valid_date(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) return TimeError::out_of_range;
  int64_t hour = 0, minute = 0, second = 0;
  size_t pos = 10;
  bool had_offset = false;
  int64_t offset_seconds = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return TimeError::syntax;
    ++pos;
    if (!read_digits(s, pos, 2, hour) || pos + 2 >= s.size() || s[pos + 2] != ':' || !read_digits(s, pos + 3, 2, minute))
      return TimeError::syntax;
    pos += 5;
    if (pos < s.size() && s[pos] == ':') {
      if (!read_digits(s, pos + 1, 2, second)) return TimeError::syntax;
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        size_t digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos, ++digits;
        if (digits == 0) return TimeError::syntax;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return TimeError::out_of_range;
    if (second == 60) second = 59;  // leap second: clamp rather than reject
    if (pos < s.size()) {
      const char c = s[pos];
      if ((c == 'Z' || c == 'z') && pos + 1 == s.size()) {
        had_offset = true;
      } else if (c == '+' || c == '-') {
        int64_t oh = 0, om = 0;
        std::string_view rest = s.substr(pos + 1);
        bool ok = false;
        if (rest.size() == 2) ok = read_digits(rest, 0, 2, oh);
        else if (rest.size() == 4) ok = read_digits(rest, 0, 2, oh) && read_digits(rest, 2, 2, om);
        else if (rest.size() == 5 && rest[2] == ':') ok = read_digits(rest, 0, 2, oh) && read_digits(rest, 3, 2, om);
        if (!ok) return TimeError::syntax;
        if (oh > 18 || om > 59) return TimeError::out_of_range;  // real zones stay within ±14:00
        offset_seconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
        had_offset = true;
      } else {
        return TimeError::syntax;
      }
    }
  }
  const int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  out.utc_seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  out.had_offset = had_offset;
  return TimeError::none;
}

std::string format_date(int64_t days) {
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string format_utc(int64_t seconds) {
  if (seconds == kNoTime) return "";
  const int64_t days = floor_div(seconds, 86400);
  const int64_t rem = seconds - days * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ", format_date(days).c_str(), static_cast<long long>(rem / 3600),
                static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  return buf;
}

}  // namespace hk
