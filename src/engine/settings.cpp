#include "engine/settings.h"

#include <nlohmann/json.hpp>

#include "time/timestamp.h"

namespace hk {
namespace {

using nlohmann::json;

bool parse_object(std::string_view text, json& j, std::string& error, const char* what) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    j = json::object();
    return true;
  }
  j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = std::string(what) + " must be a JSON object";
    return false;
  }
  return true;
}

bool read_strings(const json& j, const char* key, std::vector<std::string>& out, std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_array()) return error = std::string("query.") + key + " must be an array of strings", false;
  for (const auto& v : *it) {
    if (!v.is_string()) return error = std::string("query.") + key + " must be an array of strings", false;
    out.push_back(v.get<std::string>());
  }
  return true;
}

// "2025-03-03" (start of that UTC day) or a full ISO-8601 instant.
bool read_instant(const json& j, const char* key, int64_t& out, std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  ParsedTime p;
  if (!it->is_string() || parse_iso8601(it->get<std::string>(), p) != TimeError::none)
    return error = std::string("query.") + key + " must be a date like 2025-03-03 or an ISO-8601 time", false;
  out = p.utc_seconds;
  return true;
}

}  // namespace

bool parse_settings(std::string_view text, Settings& out, std::string& error) {
  json j;
  if (!parse_object(text, j, error, "settings")) return false;
  if (auto it = j.find("timezone"); it != j.end() && it->is_string()) out.timezone = it->get<std::string>();
  if (auto it = j.find("week_start"); it != j.end()) {
    if (!it->is_string() || (*it != "monday" && *it != "sunday"))
      return error = "settings.week_start must be \"monday\" or \"sunday\"", false;
    out.week_start = it->get<std::string>();
  }
  if (auto it = j.find("automation_window_hours"); it != j.end()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 24 * 365)
      return error = "settings.automation_window_hours must be a number of hours", false;
    out.automation_window_hours = it->get<int64_t>();
  }
  if (auto it = j.find("max_record_bytes"); it != j.end()) {
    if (!it->is_number_unsigned() || it->get<uint64_t>() < 1024)
      return error = "settings.max_record_bytes must be a whole number ≥ 1024", false;
    out.max_record_bytes = it->get<uint64_t>();
  }
  if (auto it = j.find("sources"); it != j.end() && it->is_object()) {
    for (auto& [name, s] : it->items())
      if (s.is_object() && s.contains("vendor") && s["vendor"].is_string())
        out.vendor_override[name] = s["vendor"].get<std::string>();
  }
  return true;
}

bool parse_query(std::string_view text, Query& out, std::string& error) {
  json j;
  if (!parse_object(text, j, error, "query")) return false;
  if (!read_instant(j, "from", out.from, error) || !read_instant(j, "to", out.to, error)) return false;
  // A bare end date means "through that day".
  if (auto it = j.find("to"); it != j.end() && it->is_string() && it->get<std::string>().size() == 10 && out.to != kNoTime)
    out.to += 86400;
  if (out.from != kNoTime && out.to != kNoTime && out.to <= out.from)
    return error = "query.to must be after query.from", false;
  const json filters = j.value("filters", json::object());
  if (!filters.is_object()) return error = "query.filters must be an object", false;
  return read_strings(filters, "agent", out.agents, error) && read_strings(filters, "channel", out.channels, error) &&
         read_strings(filters, "tag", out.tags, error) && read_strings(filters, "status", out.statuses, error);
}

}  // namespace hk
