#include "report/report.h"

#include "engine/engine.h"
#include "kpi/breakdown.h"
#include "kpi/kpis.h"

namespace hk {

std::string build_report(const Engine& engine, const Query& query) {
  const Dataset& d = engine.dataset();
  const Scope scope(d, engine.facts(), engine.settings(), query);
  json r;
  r["schema_version"] = kSchemaVersion;
  r["generator"] = kGenerator;
  const Settings& s = engine.settings();
  r["settings"] = {{"timezone", s.timezone},
                   {"week_start", s.week_start},
                   {"fiscal_year_start_month", s.fiscal_year_start_month},
                   {"from", query.from == kNoTime ? json(nullptr) : json(format_utc(query.from))},
                   {"to", query.to == kNoTime ? json(nullptr) : json(format_utc(query.to))},
                   {"business_hours", json::parse(s.business_hours_json, nullptr, false)},
                   {"now", scope.now() == kNoTime ? json(nullptr) : json(format_utc(scope.now()))},
                   {"automation_window_hours", s.automation_window_hours},
                   {"conversion_window_days", s.conversion_window_days},
                   {"repeat_contact_days", s.repeat_contact_days},
                   {"automation_authors", s.automation_authors},
                   {"csat_satisfied",
                    {{"1-5", s.csat.one_to_five},
                     {"1-3", s.csat.one_to_three},
                     {"1-2", s.csat.one_to_two},
                     {"1-10", s.csat.one_to_ten},
                     {"great_okay_not_good", s.csat.great_okay_bad >= 3 ? "great" : "okay"}}},
                   {"breakdown", query.breakdown == BreakdownBy::none ? json(nullptr) : json(breakdown_name(query.breakdown))},
                   {"compare", query.compare_previous},
                   {"filters",
                    {{"agent", query.agents}, {"channel", query.channels}, {"tag", query.tags}, {"status", query.statuses}}}};
  json sources = json::array();
  for (const SourceInfo& src : engine.sources()) {
    json j = {{"name", src.name},       {"vendor", src.vendor.empty() ? json(nullptr) : json(src.vendor)},
              {"role", src.role.empty() ? json(nullptr) : json(src.role)},
              {"bytes", src.bytes},     {"records", src.records},
              {"skipped", src.skipped}, {"error", src.error.empty() ? json(nullptr) : json(src.error)}};
    sources.push_back(std::move(j));
  }
  r["sources"] = sources;

  const DataQuality& q = d.quality;
  uint64_t used = 0;
  for (uint32_t t = 0; t < d.ticket_count(); ++t) used += is_excluded(d.status[t]) ? 0 : 1;
  json warnings = json::array();
  for (const Warning* wp : q.sorted_warnings()) {
    const Warning& w = *wp;
    warnings.push_back({{"code", w.code}, {"message", w.message}, {"count", w.count}, {"examples", w.examples}});
  }
  r["data_quality"] = {{"tickets_read", q.tickets_read},
                       {"tickets_used", used},
                       {"excluded",
                        {{"spam", q.excluded.spam},
                         {"deleted", q.excluded.deleted},
                         {"merged", q.excluded.merged},
                         {"duplicate", q.excluded.duplicate},
                         {"invalid", q.excluded.invalid}}},
                       {"warnings", warnings}};

  json k;
  k["ticket_volume"] = ticket_volume(scope);
  k["open_tickets"] = open_tickets(scope);
  k["first_response_time"] = first_response_time(scope);
  k["response_time"] = response_time(scope);
  k["resolution_time"] = resolution_time(scope);
  k["handle_time"] = nullptr;  // no time-tracking field in the supported exports yet (1.11: never inferred)
  k["first_contact_resolution"] = first_contact_resolution(scope);
  k["one_touch_resolution"] = one_touch_resolution(scope);
  k["reopen_rate"] = reopen_rate(scope);
  k["automated_resolution"] = automated_resolution(scope);
  k["csat"] = csat(scope);
  k["nps"] = nps(scope);
  k["ces"] = ces(scope);
  k["esat"] = esat(scope);
  k["converted_tickets"] = converted_tickets(scope);
  k["cost_per_resolution"] = cost_per_resolution(scope);
  k["agents"] = tickets_per_agent(scope);
  json topics = top_topics(scope);
  for (auto& t : subject_topics(scope)) topics.push_back(std::move(t));
  k["top_topics"] = topics;
  k["consistency"] = consistency(scope);
  k["sla"] = sla(scope, engine.business_hours());
  k["messages_per_ticket"] = messages_per_ticket(scope);
  k["retention"] = retention(scope);
  r["kpis"] = k;
  // Breakdown rows and the previous period come after the full KPIs (schema: report.breakdown, report.previous).
  json rows;
  std::string error;
  if (!breakdown(scope, rows, error)) return json{{"error", error}}.dump(-1, ' ', false, json::error_handler_t::replace);
  r["breakdown"] = std::move(rows);
  r["previous"] = query.compare_previous ? previous_period(scope, headline_kpis(scope)) : json(nullptr);
  // Text from the files (CSV fields, names, ids) may hold invalid UTF-8: written as U+FFFD instead of nlohmann's
  // default, which throws, i.e. aborts with exceptions off (found by fuzzing: a Shopify CSV order name "#\xC7001").
  return r.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace hk
