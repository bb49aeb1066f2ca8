// Breakdowns of the headline KPIs (by agent, channel, tag, status or period)
// and the previous period of the same length, for report.breakdown and
// report.previous (schema/report.schema.json, docs/queries.md).
#pragma once
#include <string>

#include "kpi/kpis.h"

namespace hk {

// The headline figures of a scope: volume, FRT and resolution time summaries,
// FCR, one-touch, reopen and automation rates, CSAT — each the same value the
// full report gives for that scope.
json headline_kpis(const Scope &scope);
// report.breakdown for the query's `breakdown` (null when none); false with
// `error` when it would be too large.
bool breakdown(const Scope &scope, json &out, std::string &error);
// report.previous: the headline KPIs of [from − length, from) and their change;
// null unless the query asks for it.
json previous_period(const Scope &scope, const json &current_headline);

} // namespace hk
