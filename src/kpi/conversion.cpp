// 1.18 Converted tickets: a ticket T is converted when an order O of the same customer has
// T.created_at < O.created_at ≤ T.created_at + W (W = `conversion_window_days`, default 5). Same customer = the same
// normalised e-mail (requester vs order), or the same id (order customer id vs ticket requester id) when both sides
// have one. Each order goes to at most one ticket: the customer's most recently created ticket before it, if that one
// is inside W. Cancelled/voided orders are left out. Spam, deleted and merged tickets (G7) are never candidates.
// Rate = converted / tickets created in P (cohort on ticket creation, query filters applied). Tickets whose window
// runs past the data end (the latest instant in tickets and orders, or the `now` setting) are "provisional": left
// out of the rate and counted separately. Revenue = Σ (total − refunded) of the orders attributed to the converted
// tickets counted, per currency; `revenue` is null when they are in more than one currency (never summed across),
// 0 when no ticket of a non-empty cohort converted.
// Null when there are no orders.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "kpi/customers.h"
#include "kpi/kpis.h"

namespace hk {
namespace {

using TicketList = std::vector<uint32_t>;  // ticket rows sorted by (created_at, row)

// The latest ticket of `list` created strictly before `at`, or UINT32_MAX.
uint32_t latest_before(const Dataset& d, const TicketList& list, int64_t at) {
  auto it = std::lower_bound(list.begin(), list.end(), at, [&](uint32_t t, int64_t v) { return d.created_at[t] < v; });
  return it == list.begin() ? UINT32_MAX : *(it - 1);
}

}  // namespace

json converted_tickets(const Scope& scope) {
  const Dataset& d = scope.data;
  if (d.orders.empty()) return nullptr;
  const int64_t window = scope.settings.conversion_window_days * 86400;
  const int64_t end = data_end(scope);
  const Requesters who(d);

  // Candidate tickets per e-mail and per requester id (query-independent, so attribution is stable across filters).
  std::unordered_map<std::string_view, TicketList> by_email, by_id;
  for (uint32_t t = 0; t < d.ticket_count(); ++t) {
    if (is_excluded(d.status[t]) || d.created_at[t] == kNoTime) continue;
    if (!who.email[t].empty()) by_email[who.email[t]].push_back(t);
    if (!who.id(t).empty()) by_id[who.id(t)].push_back(t);
  }
  auto by_time = [&](uint32_t a, uint32_t b) { return d.created_at[a] != d.created_at[b] ? d.created_at[a] < d.created_at[b] : a < b; };
  for (auto& [k, list] : by_email) std::sort(list.begin(), list.end(), by_time);
  for (auto& [k, list] : by_id) std::sort(list.begin(), list.end(), by_time);

  // Attribute each order to one ticket.
  std::unordered_map<uint32_t, std::vector<uint32_t>> orders_of;  // ticket row → attributed order indices
  uint64_t cancelled = 0, considered = 0;
  for (uint32_t i = 0; i < d.orders.rows.size(); ++i) {
    const Order& o = d.orders.rows[i];
    if (o.cancelled) {
      ++cancelled;
      continue;
    }
    if (o.created_at == kNoTime) continue;
    ++considered;
    uint32_t best = UINT32_MAX;
    auto consider = [&](const std::unordered_map<std::string_view, TicketList>& index, std::string_view key) {
      if (key.empty()) return;
      auto it = index.find(key);
      if (it == index.end()) return;
      const uint32_t t = latest_before(d, it->second, o.created_at);
      if (t != UINT32_MAX && (best == UINT32_MAX || by_time(best, t))) best = t;
    };
    consider(by_email, d.text(o.email));
    consider(by_id, d.text(o.customer_id));
    if (best != UINT32_MAX && o.created_at - d.created_at[best] <= window) orders_of[best].push_back(i);
  }

  // The cohort: tickets created in P that pass the filters.
  uint64_t denominator = 0, numerator = 0, provisional = 0, provisional_converted = 0, attributed = 0;
  std::map<std::string_view, int64_t> revenue, provisional_revenue;  // currency → thousandths
  for (uint32_t t = 0; t < d.ticket_count(); ++t) {
    if (!scope.ticket(t) || d.created_at[t] == kNoTime || !scope.in_period(d.created_at[t])) continue;
    auto it = orders_of.find(t);
    const bool converted = it != orders_of.end();
    const bool incomplete = end == kNoTime || d.created_at[t] + window > end;
    auto& sums = incomplete ? provisional_revenue : revenue;
    if (converted)
      for (uint32_t i : it->second) {
        const Order& o = d.orders.rows[i];
        sums[d.text(o.currency)] += o.net_milli();
        if (!incomplete) ++attributed;
      }
    if (incomplete) {
      ++provisional;
      if (converted) ++provisional_converted;
      continue;
    }
    ++denominator;
    if (converted) ++numerator;
  }

  Rate r{numerator, denominator};
  json j = rate_json(r);
  j["window_days"] = scope.settings.conversion_window_days;
  const bool one_currency = revenue.size() == 1;
  // No converted ticket in a non-empty cohort earns 0; an empty cohort or several currencies cannot give one number.
  j["revenue"] = one_currency                      ? json(money_value(revenue.begin()->second))
                 : revenue.empty() && denominator ? json(0)
                                                  : json(nullptr);
  j["currency"] = one_currency ? json(std::string(revenue.begin()->first)) : json(nullptr);
  json by_currency = json::object();
  for (const auto& [c, v] : revenue) by_currency[std::string(c)] = money_value(v);
  j["revenue_by_currency"] = by_currency;
  j["provisional"] = provisional;
  j["provisional_converted"] = provisional_converted;
  json prov = json::object();
  for (const auto& [c, v] : provisional_revenue) prov[std::string(c)] = money_value(v);
  j["provisional_revenue_by_currency"] = prov;
  j["orders_attributed"] = attributed;
  j["orders_considered"] = considered;
  j["orders_cancelled"] = cancelled;
  j["data_end"] = end == kNoTime ? json(nullptr) : json(format_utc(end));
  return j;
}

}  // namespace hk
