// Engine settings and report queries, read from small JSON documents (nlohmann, no exceptions).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kpi/query.h"
#include "time/business_hours.h"
#include "time/zone.h"

namespace hk {

// SLA targets (kpi-definitions 1.23), in seconds; 0 = no target. `by_channel` overrides per canonical channel.
struct SlaTargets {
  int64_t first_response_s = 0;
  int64_t resolution_s = 0;
};
struct SlaSettings {
  bool enabled = false;
  bool business_hours = false;  // measure against business time (needs a schedule)
  SlaTargets targets;
  std::map<std::string, SlaTargets> by_channel;
};

// Costs for the reporting period (1.19), in one currency.
struct CostSettings {
  bool enabled = false;
  std::string currency;
  double agent_labour = 0, indirect = 0, tools = 0, overhead = 0, bot = 0;
  double total() const { return agent_labour + indirect + tools + overhead + bot; }
};

// 1.13: the lowest value that counts as satisfied on each numeric scale (good/bad is always "good").
struct CsatMapping {
  int32_t one_to_five = 4, one_to_three = 3, one_to_two = 2, one_to_ten = 9;
  int32_t great_okay_bad = 3;  // 3 = only "great"; 2 = "okay" too
};

struct Settings {
  std::string timezone = "UTC";
  ZoneOffsets zone;                     // offsets of `timezone`, resolved by the caller (JS: Intl)
  std::string week_start = "monday";
  unsigned fiscal_year_start_month = 1;  // G1: first month of the fiscal year; by_quarter buckets follow it
  std::vector<std::string> automation_authors;  // G8: author ids, names or emails to treat as bots/automations
  CsatMapping csat;
  bool has_business_hours = false;
  std::vector<OpenInterval> weekly[7];  // Monday first
  std::set<int64_t> holidays;           // local day numbers
  std::vector<std::string> holiday_dates;
  int64_t now = kNoTime;                // "now" for ages and open SLA breaches; default: latest time in the data
  int64_t automation_window_hours = 72;
  int64_t consistency_min_tickets = 20;
  int64_t conversion_window_days = 5;   // 1.18: an order within this many days after a ticket converts it (1–30)
  int64_t repeat_contact_days = 7;      // 1.22: another ticket within this many days after resolution is a repeat
  uint64_t max_record_bytes = uint64_t(64) << 20;
  // Memory ceiling (issue 6): when the data read so far would need more than this (Dataset::memory_bytes), reading
  // stops with a "too large for this browser" error on the file being read; what was read is kept and reported.
  // 0 = no ceiling (native default); the JS wrapper sets one for wasm (web/src/session.mjs).
  uint64_t max_memory_bytes = 0;
  SlaSettings sla;
  CostSettings costs;
  std::map<std::string, std::string> vendor_override;  // source name → vendor
  std::string business_hours_json = "null";            // echo for the report
};

// Both return false and fill `error` (one line) on malformed input; unknown keys are ignored.
bool parse_settings(std::string_view json_text, Settings& out, std::string& error);
// Bare dates ("2025-03-03") are local midnight in the report zone; "to" as a bare date includes that day.
bool parse_query(std::string_view json_text, const ZoneOffsets& zone, Query& out, std::string& error);

}  // namespace hk
