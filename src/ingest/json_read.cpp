#include "ingest/json_read.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace hk {
namespace {

// A string value's text (the caller knows it is a string). Without a backslash — nearly every string of an export —
// it is the bytes between the quotes in the record itself, as read_key does for keys: simdjson's get_string() would
// copy it byte by byte into its string buffer first (2 % of ingest in wasm). With one, simdjson unescapes it. The
// view lives as long as the record, like one into the string buffer.
bool string_text(simdjson::ondemand::value& v, std::string_view& out) {
  std::string_view raw = v.raw_json_token();  // the quoted string, and any whitespace up to the next structural
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
    raw.remove_suffix(1);
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
    const std::string_view inner = raw.substr(1, raw.size() - 2);
    bool escaped = false;
    for (char c : inner)  // short strings: a loop, not a memchr call (see read_key)
      escaped |= c == '\\';
    if (!escaped) {
      out = inner;
      return true;
    }
  }
  return !v.get_string().get(out);
}

}  // namespace

bool is_null(simdjson::ondemand::value v) {
  bool null = false;
  return !v.is_null().get(null) && null;
}

bool read_id(simdjson::ondemand::value v, std::string& out) {
  out.clear();
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  switch (t) {
    case simdjson::ondemand::json_type::null:
      return true;
    case simdjson::ondemand::json_type::string: {
      std::string_view s;
      if (!string_text(v, s)) return false;
      out.assign(s);
      return true;
    }
    case simdjson::ondemand::json_type::number: {
      std::string_view raw = v.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t' ||
                              raw.back() == ',' || raw.back() == '}' || raw.back() == ']'))
        raw.remove_suffix(1);
      out.assign(raw);
      return true;
    }
    default:
      return false;
  }
}

bool read_string(simdjson::ondemand::value v, std::string_view& out) {
  out = {};
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::string) return false;
  return string_text(v, out);
}

bool read_string_array(simdjson::ondemand::value v, std::vector<std::string_view>& out) {
  if (is_null(v)) return true;
  simdjson::ondemand::array a;
  if (v.get_array().get(a)) return false;
  for (auto element : a) {
    simdjson::ondemand::value e;
    simdjson::ondemand::json_type t;
    std::string_view s;
    if (element.get(e) || e.type().get(t) || t != simdjson::ondemand::json_type::string || !string_text(e, s)) return false;
    if (!s.empty()) out.push_back(s);
  }
  return true;
}

bool read_time(simdjson::ondemand::value v, int64_t& out, bool& no_offset) {
  out = kNoTime;
  no_offset = false;
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t == simdjson::ondemand::json_type::number) {
    double d;
    if (v.get_double().get(d) || !std::isfinite(d)) return false;
    // Epoch values in milliseconds are told apart by size: 1e11 s is in the year 5138, 1e11 ms in 1973. The range
    // check (years 1..9999, like parse_iso8601) comes after the conversion, or every millisecond value failed it.
    if (std::fabs(d) >= 1e11) d /= 1000;
    if (d < -62135596800.0 || d > 253402300799.0) return false;
    out = static_cast<int64_t>(std::floor(d));
    return true;
  }
  if (t != simdjson::ondemand::json_type::string) return false;
  std::string_view s;
  if (!string_text(v, s)) return false;
  if (s.empty()) return true;
  ParsedTime p;
  if (parse_iso8601(s, p) != TimeError::none) return false;
  out = p.utc_seconds;
  no_offset = !p.had_offset;
  return true;
}

bool read_int(simdjson::ondemand::value v, int64_t& out, int64_t null_value) {
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  if (t == simdjson::ondemand::json_type::null) return out = null_value, true;
  if (t != simdjson::ondemand::json_type::number) return false;
  double d;
  if (v.get_double().get(d) || !std::isfinite(d) || std::fabs(d) > 9.0e15) return false;
  out = static_cast<int64_t>(std::llround(d));
  return true;
}

bool read_bool(simdjson::ondemand::value v, bool& out) { return !v.get_bool().get(out); }

std::string scan_top_level_field(std::string_view r, std::string_view key) {
  int depth = 0;
  bool expect_key = false;
  for (size_t i = 0; i < r.size(); ++i) {
    const char c = r[i];
    if (c == '{' || c == '[') {
      ++depth;
      expect_key = depth == 1 && c == '{';
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',') {
      expect_key = depth == 1;
    } else if (c == '"') {
      size_t end = i + 1;
      while (end < r.size() && r[end] != '"') end += r[end] == '\\' ? 2 : 1;
      if (end >= r.size()) return "";
      const std::string_view text = r.substr(i + 1, end - i - 1);
      i = end;
      if (!expect_key) continue;
      expect_key = false;
      if (text != key) continue;
      size_t v = end + 1;
      while (v < r.size() && (r[v] == ' ' || r[v] == '\t' || r[v] == '\n' || r[v] == '\r' || r[v] == ':')) ++v;
      if (v >= r.size()) return "";
      if (r[v] == '"') {
        const size_t close = r.find('"', v + 1);
        return close == std::string_view::npos || close - v > 65 ? "" : std::string(r.substr(v + 1, close - v - 1));
      }
      size_t e = v;
      while (e < r.size() && e - v < 64 && (std::isalnum(static_cast<unsigned char>(r[e])) || r[e] == '-' || r[e] == '+' || r[e] == '.')) ++e;
      const std::string_view token = r.substr(v, e - v);
      return token == "null" || token == "true" || token == "false" ? "" : std::string(token);
    }
  }
  return "";
}

}  // namespace hk
