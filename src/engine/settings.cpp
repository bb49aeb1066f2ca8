#include "engine/settings.h"

#include <cmath>
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

// "2025-03-03" (local midnight in the report zone) or a full ISO-8601 instant (one without offset is local too).
bool read_instant(const json& j, const char* key, const ZoneOffsets& zone, int64_t& out, std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  ParsedTime p;
  if (!it->is_string() || parse_iso8601(it->get<std::string>(), p) != TimeError::none)
    return error = std::string("query.") + key + " must be a date like 2025-03-03 or an ISO-8601 time", false;
  out = p.had_offset ? p.utc_seconds : zone.to_utc(p.utc_seconds);
  return true;
}

// The largest duration or instant, in seconds, a setting may hold (about 31,700 years): far beyond any real value, and
// well inside int64, so a checked double converts without undefined behaviour (found by settings_query_fuzz).
constexpr double kMaxSeconds = 1e12;

double number_or(const json& j, const char* key, double fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

bool read_sla_targets(const json& j, SlaTargets& t) {
  if (!j.is_object()) return false;
  const double first = number_or(j, "first_response_s", static_cast<double>(t.first_response_s));
  const double resolution = number_or(j, "resolution_s", static_cast<double>(t.resolution_s));
  // Checked as doubles first: converting one beyond int64 (say 1e300) to an integer is undefined behaviour.
  if (!(first >= 0 && first <= kMaxSeconds && resolution >= 0 && resolution <= kMaxSeconds)) return false;
  t.first_response_s = static_cast<int64_t>(first);
  t.resolution_s = static_cast<int64_t>(resolution);
  return true;
}

const char* kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

bool read_business_hours(const json& b, Settings& out, std::string& error) {
  if (b.is_null()) return true;
  const char* what = "settings.business_hours must be {\"weekly\": {\"mon\": [[\"08:00\", \"18:00\"]], …}, \"holidays\": [\"2025-12-25\", …]}";
  if (!b.is_object() || !b.contains("weekly") || !b["weekly"].is_object()) return error = what, false;
  for (int d = 0; d < 7; ++d) {
    auto it = b["weekly"].find(kDays[d]);
    if (it == b["weekly"].end() || it->is_null()) continue;
    if (!it->is_array()) return error = what, false;
    for (const auto& iv : *it) {
      OpenInterval i;
      if (!iv.is_array() || iv.size() != 2 || !iv[0].is_string() || !iv[1].is_string() ||
          !parse_clock(iv[0].get<std::string>(), i.from_s) || !parse_clock(iv[1].get<std::string>(), i.to_s) ||
          i.to_s <= i.from_s)
        return error = std::string("settings.business_hours.weekly.") + kDays[d] +
                       " must hold [\"HH:MM\", \"HH:MM\"] pairs, opening before closing", false;
      out.weekly[d].push_back(i);
    }
  }
  if (auto h = b.find("holidays"); h != b.end() && !h->is_null()) {
    if (!h->is_array()) return error = what, false;
    for (const auto& d : *h) {
      ParsedTime p;
      if (!d.is_string() || d.get<std::string>().size() != 10 || parse_iso8601(d.get<std::string>(), p) != TimeError::none)
        return error = "settings.business_hours.holidays must be dates like 2025-12-25", false;
      out.holidays.insert(floor_div(p.utc_seconds, 86400));
      out.holiday_dates.push_back(d.get<std::string>());
    }
  }
  out.has_business_hours = true;
  out.business_hours_json = b.dump();
  return true;
}

// {"1-5": 4, "1-3": 3, "1-2": 2, "1-10": 9, "great_okay_not_good": "great"|"okay"}: the lowest satisfied value per scale.
bool read_csat_mapping(const json& j, CsatMapping& out, std::string& error) {
  if (!j.is_object()) return error = "settings.csat_satisfied must be an object like {\"1-5\": 4, \"1-10\": 9}", false;
  struct Scale { const char* key; int32_t* value; int32_t max; };
  const Scale scales[] = {{"1-5", &out.one_to_five, 5}, {"1-3", &out.one_to_three, 3}, {"1-2", &out.one_to_two, 2},
                          {"1-10", &out.one_to_ten, 10}};
  for (const Scale& s : scales) {
    auto it = j.find(s.key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > s.max)
      return error = std::string("settings.csat_satisfied.") + s.key + " must be a whole number from 1 to " +
                     std::to_string(s.max) + " (the lowest satisfied score)", false;
    *s.value = static_cast<int32_t>(it->get<int64_t>());
  }
  if (auto it = j.find("great_okay_not_good"); it != j.end() && !it->is_null()) {
    if (*it == "great") out.great_okay_bad = 3;
    else if (*it == "okay") out.great_okay_bad = 2;
    else return error = "settings.csat_satisfied.great_okay_not_good must be \"great\" or \"okay\"", false;
  }
  return true;
}

}  // namespace

const char* breakdown_name(BreakdownBy b) {
  switch (b) {
    case BreakdownBy::none: return "none";
    case BreakdownBy::agent: return "agent";
    case BreakdownBy::channel: return "channel";
    case BreakdownBy::tag: return "tag";
    case BreakdownBy::status: return "status";
    case BreakdownBy::day: return "day";
    case BreakdownBy::week: return "week";
    case BreakdownBy::month: return "month";
    case BreakdownBy::quarter: return "quarter";
  }
  return "none";
}

bool parse_settings(std::string_view text, Settings& out, std::string& error) {
  json j;
  if (!parse_object(text, j, error, "settings")) return false;
  if (auto it = j.find("timezone"); it != j.end() && !it->is_null()) {
    if (!it->is_string()) return error = "settings.timezone must be a zone name like \"Europe/Paris\"", false;
    out.timezone = it->get<std::string>();
  }
  if (auto it = j.find("utc_offsets"); it != j.end() && !it->is_null()) {
    std::vector<std::pair<int64_t, int32_t>> transitions;
    if (!it->is_array()) return error = "settings.utc_offsets must be [[utc_seconds, offset_seconds], …]", false;
    for (const auto& t : *it) {
      if (!t.is_array() || t.size() != 2 || !t[0].is_number() || !t[1].is_number() || std::abs(t[1].get<double>()) > 18 * 3600 ||
          !(std::abs(t[0].get<double>()) <= kMaxSeconds))
        return error = "settings.utc_offsets must be [[utc_seconds, offset_seconds], …]", false;
      transitions.emplace_back(t[0].get<int64_t>(), static_cast<int32_t>(t[1].get<int64_t>()));
    }
    out.zone = ZoneOffsets(std::move(transitions));
  }
  if (auto it = j.find("business_hours"); it != j.end() && !read_business_hours(*it, out, error)) return false;
  if (auto it = j.find("now"); it != j.end() && !it->is_null()) {
    ParsedTime p;
    if (!it->is_string() || parse_iso8601(it->get<std::string>(), p) != TimeError::none)
      return error = "settings.now must be an ISO-8601 time", false;
    out.now = p.had_offset ? p.utc_seconds : out.zone.to_utc(p.utc_seconds);
  }
  if (auto it = j.find("sla"); it != j.end() && !it->is_null()) {
    if (!it->is_object() || !read_sla_targets(*it, out.sla.targets))
      return error = "settings.sla must be {\"first_response_s\": …, \"resolution_s\": …, \"business_hours\": bool}", false;
    // Every value is type-checked before it is read: nlohmann's value() of the wrong type throws, and this build has no
    // exceptions, so it would abort (found by settings_query_fuzz with {"sla":{"business_hours":1}}).
    if (auto bh = it->find("business_hours"); bh != it->end() && !bh->is_null()) {
      if (!bh->is_boolean()) return error = "settings.sla.business_hours must be true or false", false;
      out.sla.business_hours = bh->get<bool>();
    }
    if (auto bc = it->find("by_channel"); bc != it->end() && bc->is_object())
      for (auto& [channel, targets] : bc->items()) {
        SlaTargets t = out.sla.targets;
        if (!read_sla_targets(targets, t)) return error = "settings.sla.by_channel." + channel + " is malformed", false;
        out.sla.by_channel[channel] = t;
      }
    out.sla.enabled = out.sla.targets.first_response_s > 0 || out.sla.targets.resolution_s > 0 || !out.sla.by_channel.empty();
  }
  if (auto it = j.find("costs"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return error = "settings.costs must be an object of amounts", false;
    CostSettings& c = out.costs;
    if (auto cur = it->find("currency"); cur != it->end() && !cur->is_null()) {
      if (!cur->is_string()) return error = "settings.costs.currency must be a currency code like \"EUR\"", false;
      c.currency = cur->get<std::string>();
    }
    c.agent_labour = number_or(*it, "agent_labour", 0);
    c.indirect = number_or(*it, "indirect", 0);
    c.tools = number_or(*it, "tools", 0);
    c.overhead = number_or(*it, "overhead", 0);
    c.bot = number_or(*it, "bot", 0);
    if (c.agent_labour < 0 || c.indirect < 0 || c.tools < 0 || c.overhead < 0 || c.bot < 0)
      return error = "settings.costs amounts must not be negative", false;
    c.enabled = c.total() > 0;
  }
  if (auto it = j.find("consistency_min_tickets"); it != j.end() && it->is_number_unsigned())
    out.consistency_min_tickets = std::max<int64_t>(1, it->get<int64_t>());
  if (auto it = j.find("week_start"); it != j.end()) {
    if (!it->is_string() || (*it != "monday" && *it != "sunday"))
      return error = "settings.week_start must be \"monday\" or \"sunday\"", false;
    out.week_start = it->get<std::string>();
  }
  if (auto it = j.find("fiscal_year_start_month"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 12)
      return error = "settings.fiscal_year_start_month must be a month number from 1 (January) to 12", false;
    out.fiscal_year_start_month = static_cast<unsigned>(it->get<int64_t>());
  }
  if (auto it = j.find("automation_authors"); it != j.end() && !it->is_null()) {
    const char* what = "settings.automation_authors must be an array of author ids, names or emails";
    if (!it->is_array()) return error = what, false;
    for (const auto& a : *it) {
      if (!a.is_string() && !a.is_number_integer()) return error = what, false;
      out.automation_authors.push_back(a.is_string() ? a.get<std::string>() : std::to_string(a.get<int64_t>()));
    }
  }
  if (auto it = j.find("csat_satisfied"); it != j.end() && !it->is_null() && !read_csat_mapping(*it, out.csat, error))
    return false;
  if (auto it = j.find("automation_window_hours"); it != j.end()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 24 * 365)
      return error = "settings.automation_window_hours must be a number of hours", false;
    out.automation_window_hours = it->get<int64_t>();
  }
  // 1.18 conversion window and 1.22 repeat-contact window, in whole days.
  if (auto it = j.find("conversion_window_days"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 30)
      return error = "settings.conversion_window_days must be a whole number of days from 1 to 30", false;
    out.conversion_window_days = it->get<int64_t>();
  }
  if (auto it = j.find("repeat_contact_days"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 90)
      return error = "settings.repeat_contact_days must be a whole number of days from 1 to 90", false;
    out.repeat_contact_days = it->get<int64_t>();
  }
  if (auto it = j.find("max_record_bytes"); it != j.end()) {
    if (!it->is_number_unsigned() || it->get<uint64_t>() < 1024)
      return error = "settings.max_record_bytes must be a whole number ≥ 1024", false;
    out.max_record_bytes = it->get<uint64_t>();
  }
  if (auto it = j.find("max_memory_bytes"); it != j.end() && !it->is_null()) {
    if (!it->is_number_unsigned())
      return error = "settings.max_memory_bytes must be a whole number of bytes (0: no limit)", false;
    out.max_memory_bytes = it->get<uint64_t>();
  }
  if (auto it = j.find("sources"); it != j.end() && it->is_object()) {
    for (auto& [name, s] : it->items())
      if (s.is_object() && s.contains("vendor") && s["vendor"].is_string())
        out.vendor_override[name] = s["vendor"].get<std::string>();
  }
  return true;
}

bool parse_query(std::string_view text, const ZoneOffsets& zone, Query& out, std::string& error) {
  json j;
  if (!parse_object(text, j, error, "query")) return false;
  if (!read_instant(j, "from", zone, out.from, error) || !read_instant(j, "to", zone, out.to, error)) return false;
  // A bare end date means "through that day".
  if (auto it = j.find("to"); it != j.end() && it->is_string() && it->get<std::string>().size() == 10 && out.to != kNoTime)
    out.to = zone.to_utc(zone.to_local(out.to) + 86400);
  if (out.from != kNoTime && out.to != kNoTime && out.to <= out.from)
    return error = "query.to must be after query.from", false;
  if (auto it = j.find("breakdown"); it != j.end() && !it->is_null()) {
    static const BreakdownBy kinds[] = {BreakdownBy::agent, BreakdownBy::channel, BreakdownBy::tag,  BreakdownBy::status,
                                        BreakdownBy::day,   BreakdownBy::week,    BreakdownBy::month, BreakdownBy::quarter};
    for (BreakdownBy b : kinds)
      if (it->is_string() && *it == breakdown_name(b)) out.breakdown = b;
    if (out.breakdown == BreakdownBy::none)
      return error = "query.breakdown must be one of agent, channel, tag, status, day, week, month, quarter", false;
  }
  if (auto it = j.find("compare"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return error = "query.compare must be true or false", false;
    out.compare_previous = it->get<bool>();
    // The previous period has the length of this one: without both ends there is no length.
    if (out.compare_previous && (out.from == kNoTime || out.to == kNoTime))
      return error = "query.compare needs both query.from and query.to (the previous period has the same length)", false;
  }
  const json filters = j.value("filters", json::object());
  if (!filters.is_object()) return error = "query.filters must be an object", false;
  return read_strings(filters, "agent", out.agents, error) && read_strings(filters, "channel", out.channels, error) &&
         read_strings(filters, "tag", out.tags, error) && read_strings(filters, "status", out.statuses, error);
}

}  // namespace hk
