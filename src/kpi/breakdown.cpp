// Breakdowns and the previous-period comparison (SPEC §5: "every KPI can be
// broken down by agent, channel, tag and period … with comparison to the
// previous period of the same length").
//
// Each breakdown row and the previous period is a narrower Scope over the same
// store; the headline KPIs are the very functions that fill `kpis` (no second
// implementation of any rule), trimmed to their main figures. So a row's
// figures are exactly what the report would say with that row's filter or
// period.
//   agent   the ticket's assignee (unassigned tickets form a row with key
//   null): rows partition the tickets channel the canonical channel: rows
//   partition the tickets status  the canonical status now: rows partition the
//   tickets tag     each tag (a ticket with several tags is in several rows;
//   untagged tickets form a row with key null);
//           the 50 tags with the most tickets created in the period, then the
//           rest dropped ("truncated": true)
//   day / week / month / quarter   calendar buckets of the report zone (week
//   start, fiscal quarters from the settings);
//           each row is the query with its period narrowed to the bucket, so
//           every metric keeps its own anchor event
#include <algorithm>
#include <map>

#include "kpi/breakdown.h"
#include "time/buckets.h"

namespace hk {
namespace {

constexpr size_t kMaxTagRows = 50;
constexpr size_t kMaxPeriodRows = 1000;

json pick(const json &from, std::initializer_list<const char *> keys) {
  json out = json::object();
  for (const char *k : keys)
    out[k] = from[k];
  return out;
}

// Current minus previous, null when either is null.
json difference(const json &now, const json &before) {
  if (!now.is_number() || !before.is_number())
    return nullptr;
  return now.get<double>() - before.get<double>();
}

struct Row {
  json key; // string, or null for "no agent" / "no tag"
  std::string label;
  std::vector<uint8_t> keep; // empty for period rows
  int64_t from = kNoTime, to = kNoTime;
  uint64_t tickets =
      0; // tickets of the row created in the period (for ranking tags)
};

std::string user_label(const Dataset &d, uint32_t id) {
  auto it = d.users.find(id);
  if (it != d.users.end() && it->second.name != kNoString)
    return std::string(d.text(it->second.name));
  return std::string(d.text(id));
}

// Rows keyed by one value per ticket (agent, channel, status): one pass assigns
// each ticket its row.
template <class KeyOf>
std::vector<Row> partition_rows(const Scope &scope, KeyOf key_of,
                                std::map<uint32_t, Row> &rows_by_key) {
  const Dataset &d = scope.data;
  const size_t n = d.ticket_count();
  for (uint32_t t = 0; t < n; ++t) {
    if (!scope.ticket(t))
      continue;
    Row &row = rows_by_key[key_of(t)];
    if (row.keep.empty())
      row.keep.assign(n, 0);
    row.keep[t] = 1;
    if (scope.in_period(d.created_at[t]))
      ++row.tickets;
  }
  std::vector<Row> out;
  for (auto &[k, r] : rows_by_key)
    out.push_back(std::move(r));
  return out;
}

std::vector<Row> agent_rows(const Scope &scope) {
  const Dataset &d = scope.data;
  std::map<uint32_t, Row> by_key;
  std::vector<Row> rows = partition_rows(
      scope, [&](uint32_t t) { return d.assignee[t]; }, by_key);
  // Keys are re-derived from the interned ids, in the map's order; rows then
  // sort by label for a stable reading order.
  size_t i = 0;
  for (const auto &entry : by_key) {
    const uint32_t id = entry.first;
    rows[i].key =
        id == kNoString ? json(nullptr) : json(std::string(d.text(id)));
    rows[i].label = id == kNoString ? "(unassigned)" : user_label(d, id);
    ++i;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
    if (a.key.is_null() != b.key.is_null())
      return b.key.is_null(); // "(unassigned)" last
    if (a.label != b.label)
      return a.label < b.label;
    // Two agents of one name: by id text, not interning order (which follows the order of the files).
    return !a.key.is_null() && a.key.get<std::string>() < b.key.get<std::string>();
  });
  return rows;
}

template <class Enum, class NameOf>
std::vector<Row> enum_rows(const Scope &scope,
                           Enum (*value)(const Dataset &, uint32_t),
                           NameOf name_of) {
  std::map<uint32_t, Row> by_key;
  std::vector<Row> rows = partition_rows(
      scope,
      [&](uint32_t t) { return static_cast<uint32_t>(value(scope.data, t)); },
      by_key);
  size_t i = 0;
  for (const auto &entry : by_key) {
    const std::string name(name_of(static_cast<Enum>(entry.first)));
    rows[i].key = name;
    rows[i].label = name;
    ++i;
  }
  return rows;
}

Channel channel_of(const Dataset &d, uint32_t t) { return d.channel[t]; }
Status status_of(const Dataset &d, uint32_t t) { return d.status[t]; }

std::vector<Row> tag_rows(const Scope &scope, bool &truncated) {
  const Dataset &d = scope.data;
  const size_t n = d.ticket_count();
  std::map<uint32_t, Row> by_tag; // kNoString = untagged
  for (uint32_t t = 0; t < n; ++t) {
    if (!scope.ticket(t))
      continue;
    const bool created = scope.in_period(d.created_at[t]);
    auto add = [&](uint32_t tag) {
      Row &row = by_tag[tag];
      if (row.keep.empty())
        row.keep.assign(n, 0);
      row.keep[t] = 1;
      if (created)
        ++row.tickets;
    };
    if (d.tags_count[t] == 0)
      add(kNoString);
    for (uint32_t i = 0; i < d.tags_count[t]; ++i)
      add(d.tag_pool[d.tags_begin[t] + i]);
  }
  std::vector<Row> rows;
  Row untagged;
  bool has_untagged = false;
  for (auto &[tag, row] : by_tag) {
    row.key = tag == kNoString ? json(nullptr) : json(std::string(d.text(tag)));
    row.label = tag == kNoString ? "(no tag)" : std::string(d.text(tag));
    if (tag == kNoString)
      untagged = std::move(row), has_untagged = true;
    else
      rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
    if (a.tickets != b.tickets)
      return a.tickets > b.tickets;
    return a.label < b.label;
  });
  truncated = rows.size() > kMaxTagRows;
  if (truncated)
    rows.resize(kMaxTagRows);
  if (has_untagged)
    rows.push_back(std::move(untagged));
  return rows;
}

// Buckets covering the query's period, or without one the data's (first
// creation to the latest event).
bool period_rows(const Scope &scope, Granularity g, std::vector<Row> &rows,
                 std::string &error) {
  const Dataset &d = scope.data;
  const ZoneOffsets &zone = scope.settings.zone;
  int64_t lo = scope.query().from,
          hi = scope.query().to; // UTC instants, hi exclusive
  if (lo == kNoTime || hi == kNoTime) {
    int64_t first = INT64_MAX;
    for (uint32_t t = 0; t < d.ticket_count(); ++t)
      if (scope.ticket(t) && d.created_at[t] != kNoTime)
        first = std::min(first, d.created_at[t]);
    if (first == INT64_MAX || scope.facts.latest_time == kNoTime)
      return true; // nothing to bucket
    if (lo == kNoTime)
      lo = first;
    if (hi == kNoTime)
      hi = std::max(scope.facts.latest_time, first) + 1;
  }
  const BucketRule rule{g, scope.settings.week_start == "sunday",
                        scope.settings.fiscal_year_start_month};
  const int64_t last_day = scope.local_day(hi - 1);
  for (int64_t b = bucket_of_day(scope.local_day(lo), rule); b <= last_day;
       b = next_bucket(b, rule)) {
    if (rows.size() == kMaxPeriodRows) {
      error = std::string("query.breakdown: by ") +
              breakdown_name(scope.query().breakdown) + " gives more than " +
              std::to_string(kMaxPeriodRows) +
              " rows; narrow the period or use a longer bucket";
      return false;
    }
    Row row;
    row.label = bucket_label(b, rule);
    row.key = row.label;
    // Cut to the query's period; without one the buckets stay whole.
    row.from = zone.to_utc(b * 86400);
    row.to = zone.to_utc(next_bucket(b, rule) * 86400);
    if (scope.query().from != kNoTime)
      row.from = std::max(row.from, scope.query().from);
    if (scope.query().to != kNoTime)
      row.to = std::min(row.to, scope.query().to);
    rows.push_back(std::move(row));
  }
  return true;
}

} // namespace

json headline_kpis(const Scope &scope) {
  uint64_t created = 0;
  for (uint32_t t = 0; t < scope.data.ticket_count(); ++t)
    if (scope.ticket(t) && scope.in_period(scope.data.created_at[t]))
      ++created;
  json k;
  k["ticket_volume"] = created; // 1.1: tickets created in the period
  k["first_response_time"] =
      pick(first_response_time(scope), {"n", "median", "mean", "p90"});
  k["resolution_time"] =
      pick(resolution_time(scope), {"n", "median", "mean", "p90"});
  k["first_contact_resolution"] = pick(first_contact_resolution(scope),
                                       {"rate", "numerator", "denominator"});
  k["one_touch_resolution"] =
      pick(one_touch_resolution(scope), {"rate", "numerator", "denominator"});
  k["reopen_rate"] = reopen_rate(scope);
  k["automated_resolution"] = automated_resolution(scope);
  k["csat"] = pick(csat(scope), {"n", "score"});
  return k;
}

bool breakdown(const Scope &scope, json &out, std::string &error) {
  const BreakdownBy by = scope.query().breakdown;
  std::vector<Row> rows;
  bool truncated = false;
  switch (by) {
  case BreakdownBy::none:
    out = nullptr;
    return true;
  case BreakdownBy::agent:
    rows = agent_rows(scope);
    break;
  case BreakdownBy::channel:
    rows = enum_rows<Channel>(scope, channel_of, channel_name);
    break;
  case BreakdownBy::status:
    rows = enum_rows<Status>(scope, status_of, status_name);
    break;
  case BreakdownBy::tag:
    rows = tag_rows(scope, truncated);
    break;
  case BreakdownBy::day:
    if (!period_rows(scope, Granularity::day, rows, error))
      return false;
    break;
  case BreakdownBy::week:
    if (!period_rows(scope, Granularity::week, rows, error))
      return false;
    break;
  case BreakdownBy::month:
    if (!period_rows(scope, Granularity::month, rows, error))
      return false;
    break;
  case BreakdownBy::quarter:
    if (!period_rows(scope, Granularity::quarter, rows, error))
      return false;
    break;
  }
  const bool by_period = by == BreakdownBy::day || by == BreakdownBy::week ||
                         by == BreakdownBy::month || by == BreakdownBy::quarter;
  json list = json::array();
  for (const Row &row : rows) {
    const Scope narrow = by_period ? Scope(scope, nullptr, row.from, row.to)
                                   : Scope(scope, &row.keep, scope.query().from,
                                           scope.query().to);
    json r;
    r["key"] = row.key;
    r["label"] = row.label;
    if (by_period) {
      r["from"] = format_utc(row.from);
      r["to"] = format_utc(row.to);
    }
    r["kpis"] = headline_kpis(narrow);
    list.push_back(std::move(r));
  }
  out = json::object();
  out["by"] = breakdown_name(by);
  out["rows"] = std::move(list);
  out["truncated"] = truncated;
  return true;
}

json previous_period(const Scope &scope, const json &current_headline) {
  const Query &q = scope.query();
  if (!q.compare_previous || q.from == kNoTime || q.to == kNoTime)
    return nullptr;
  // The same length in local time (a March period is compared with the 31 days
  // before it, DST-safe).
  const ZoneOffsets &zone = scope.settings.zone;
  const int64_t length = zone.to_local(q.to) - zone.to_local(q.from);
  const int64_t from = zone.to_utc(zone.to_local(q.from) - length);
  const Scope before(scope, nullptr, from, q.from);
  json p;
  p["from"] = format_utc(from);
  p["to"] = format_utc(q.from);
  p["kpis"] = headline_kpis(before);
  const json &b = p["kpis"];
  const json &c = current_headline;
  json delta;
  delta["ticket_volume"] = difference(c["ticket_volume"], b["ticket_volume"]);
  delta["first_response_time_median"] = difference(
      c["first_response_time"]["median"], b["first_response_time"]["median"]);
  delta["resolution_time_median"] = difference(c["resolution_time"]["median"],
                                               b["resolution_time"]["median"]);
  for (const char *rate : {"first_contact_resolution", "one_touch_resolution",
                           "reopen_rate", "automated_resolution"})
    delta[rate] = difference(c[rate]["rate"], b[rate]["rate"]);
  delta["csat_score"] = difference(c["csat"]["score"], b["csat"]["score"]);
  p["change"] = std::move(delta);
  return p;
}

} // namespace hk
