// Small helpers for reading vendor JSON with simdjson On-Demand: ids that may be numbers or strings, timestamps, …
#pragma once
#include <string>
#include <vector>
#include <string_view>

#include "ingest/simdjson_config.h"
#include "time/timestamp.h"

namespace hk {

// The key of an object field, as unescaped_key().get(out) gives it, but without copying it into simdjson's string
// buffer when it holds no escape (every key real exports use): keys are the most frequent strings of an export.
inline simdjson::error_code read_key(simdjson::simdjson_result<simdjson::ondemand::field>& f, std::string_view& out) {
  if (simdjson::error_code e = f.escaped_key().get(out)) return e;
  for (char c : out)  // keys are short: a loop, not a memchr call (a call per key shows in wasm profiles)
    if (c == '\\') return f.unescaped_key().get(out);
  return simdjson::SUCCESS;
}

// Reads a number or string id as text into `out` (cleared first); null → empty. Returns false on another type.
bool read_id(simdjson::ondemand::value v, std::string& out);
// Reads a string (or null → empty). Returns false on another type.
bool read_string(simdjson::ondemand::value v, std::string_view& out);
// Reads an ISO-8601 string, epoch seconds (number) or null (→ kNoTime). Returns false on an unreadable value;
// `no_offset` is set when the text had no zone offset.
bool read_time(simdjson::ondemand::value v, int64_t& out, bool& no_offset);
// Reads an integer (or null → `null_value`). Returns false on another type.
bool read_int(simdjson::ondemand::value v, int64_t& out, int64_t null_value);
bool read_bool(simdjson::ondemand::value v, bool& out);
// An array of strings (tags): each non-empty string appended to `out`; null is an empty array. False on anything else
// (not an array, or an element that is not a string); `out` may then hold a part, which the caller drops.
bool read_string_array(simdjson::ondemand::value v, std::vector<std::string_view>& out);
bool is_null(simdjson::ondemand::value v);

// The text of a top-level scalar field of a record simdjson could not read (a string's contents unescaped-as-written, a
// number's token), found by a plain scan that tolerates the damage; "" when absent or not a scalar. Lets a message
// about a broken record still name its ticket (SPEC §7).
std::string scan_top_level_field(std::string_view record, std::string_view key);

}  // namespace hk
