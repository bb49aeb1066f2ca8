// Engine settings and report queries, read from small JSON documents (nlohmann, no exceptions).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "kpi/scope.h"

namespace hk {

struct Settings {
  std::string timezone = "UTC";
  std::string week_start = "monday";
  int64_t automation_window_hours = 72;
  uint64_t max_record_bytes = uint64_t(64) << 20;
  std::map<std::string, std::string> vendor_override;  // source name → vendor
};

// Both return false and fill `error` (one line) on malformed input; unknown keys are ignored.
bool parse_settings(std::string_view json_text, Settings& out, std::string& error);
bool parse_query(std::string_view json_text, Query& out, std::string& error);

}  // namespace hk
