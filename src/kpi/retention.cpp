// 1.22 Repeat contact and customer retention.
// Repeat contact rate = share of the tickets created in P (filters applied) whose requester is known that are followed
// by another ticket of the same requester (any non-excluded ticket, G7) created after it and no later than
// `repeat_contact_days` (default 7) after its final resolution, or after its creation when it is not resolved.
// Requester = the normalised requester e-mail (ticket, else users table), else the requester id. The window looks
// forward: a ticket with no follow-up yet whose window runs past the data end is counted as `provisional` (it may still
// become a repeat) but stays in the rate. Also: customers (requesters with a ticket in P), returning_customers (with
// more than one ticket in P) and their share.
// With orders: repeat-purchase retention = share of the customers active (a non-cancelled order) in P−1 who are active
// in P, where P = the query period (missing ends: the first ticket / the data end) and P−1 the period of the same
// length just before; split by customers who contacted support (a ticket in P−1 or P, matched by e-mail or id) and
// those who did not. Descriptive only, not causal.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "kpi/customers.h"
#include "kpi/kpis.h"

namespace hk {
namespace {

json share_json(uint64_t customers, uint64_t retained) {
  json j;
  j["customers"] = customers;
  j["retained"] = retained;
  j["rate"] = customers ? json(static_cast<double>(retained) / static_cast<double>(customers)) : json(nullptr);
  return j;
}

json purchase_retention(const Scope& scope, const Requesters& who, int64_t end) {
  const Dataset& d = scope.data;
  if (d.orders.empty()) return nullptr;
  int64_t from = scope.query().from, to = scope.query().to;
  if (from == kNoTime) {
    for (uint32_t t = 0; t < d.ticket_count(); ++t)
      if (!is_excluded(d.status[t]) && d.created_at[t] != kNoTime && (from == kNoTime || d.created_at[t] < from))
        from = d.created_at[t];
    if (from == kNoTime)  // no tickets: the orders' own start
      for (const Order& o : d.orders.rows)
        if (o.created_at != kNoTime && (from == kNoTime || o.created_at < from)) from = o.created_at;
  }
  if (to == kNoTime && end != kNoTime) to = end + 1;
  if (from == kNoTime || to == kNoTime || to <= from) return nullptr;
  const int64_t prev_from = from - (to - from);

  // Customers: keyed by e-mail, else by customer id; each keeps the e-mail and id it was seen with.
  struct Customer {
    std::string_view email, id;
    bool previous = false, current = false;
  };
  std::unordered_map<std::string, Customer> customers;
  for (const Order& o : d.orders.rows) {
    if (o.cancelled || o.created_at == kNoTime || o.created_at < prev_from || o.created_at >= to) continue;
    const std::string_view email = d.text(o.email), id = d.text(o.customer_id);
    if (email.empty() && id.empty()) continue;
    Customer& c = customers[email.empty() ? "cid:" + std::string(id) : std::string(email)];
    if (c.email.empty()) c.email = email;
    if (c.id.empty()) c.id = id;
    (o.created_at < from ? c.previous : c.current) = true;
  }
  // Who contacted support in P−1 or P.
  std::unordered_set<std::string_view> emails, ids;
  for (uint32_t t = 0; t < d.ticket_count(); ++t) {
    if (is_excluded(d.status[t]) || d.created_at[t] < prev_from || d.created_at[t] >= to) continue;
    if (!who.email[t].empty()) emails.insert(who.email[t]);
    if (!who.id(t).empty()) ids.insert(who.id(t));
  }
  uint64_t previous = 0, retained = 0, contacted = 0, contacted_retained = 0;
  for (const auto& [key, c] : customers) {
    if (!c.previous) continue;
    ++previous;
    const bool kept = c.current;
    retained += kept;
    if ((!c.email.empty() && emails.count(c.email)) || (!c.id.empty() && ids.count(c.id))) {
      ++contacted;
      contacted_retained += kept;
    }
  }
  json j;
  j["period"] = {{"from", format_utc(from)}, {"to", format_utc(to)}};
  j["previous_period"] = {{"from", format_utc(prev_from)}, {"to", format_utc(from)}};
  j["previous_customers"] = previous;
  j["retained"] = retained;
  j["rate"] = previous ? json(static_cast<double>(retained) / static_cast<double>(previous)) : json(nullptr);
  j["contacted_support"] = share_json(contacted, contacted_retained);
  j["no_contact"] = share_json(previous - contacted, retained - contacted_retained);
  return j;
}

}  // namespace

void index_repeat_contacts(const Dataset& d, Facts& f, int64_t window, int64_t end) {
  f.repeat_contact.assign(d.ticket_count(), 0);
  for (uint32_t t = 0; t < d.ticket_count() && t < f.tickets.size(); ++t) {
    if (f.requester_group[t] == Facts::kNoGroup) continue;  // also every excluded ticket and every one without a creation time
    const int64_t resolved = f.tickets[t].final_resolved_at;
    const int64_t anchor = resolved != kNoTime ? std::max(resolved, d.created_at[t]) : d.created_at[t];
    const uint32_t next = f.next_same_requester[t];
    if (next != Facts::kNoGroup && d.created_at[next] <= anchor + window) f.repeat_contact[t] = Facts::kRepeatContact;
    else if (end == kNoTime || anchor + window > end) f.repeat_contact[t] = Facts::kProvisionalRepeat;
  }
}

json retention(const Scope& scope) {
  const Dataset& d = scope.data;
  const int64_t end = data_end(scope);

  // Requester groups and each ticket's repeat-contact outcome come precomputed (index_requesters,
  // index_repeat_contacts).
  const Facts& f = scope.facts;
  uint64_t tickets = 0, repeats = 0, provisional = 0, unknown = 0;
  std::vector<uint32_t> in_period(f.requester_groups, 0);  // requester → tickets created in P
  uint64_t customers = 0;
  for (uint32_t t : scope.created()) {
    if (d.created_at[t] == kNoTime) continue;  // in "the whole range", but a requester needs a creation time
    const uint32_t group = f.requester_group[t];
    if (group == Facts::kNoGroup) {
      ++unknown;
      continue;
    }
    ++tickets;
    customers += in_period[group]++ == 0;
    repeats += f.repeat_contact[t] == Facts::kRepeatContact;
    provisional += f.repeat_contact[t] == Facts::kProvisionalRepeat;
  }
  uint64_t returning = 0;
  for (uint32_t n : in_period) returning += n > 1;

  json j;
  j["repeat_contact_rate"] = tickets ? json(static_cast<double>(repeats) / static_cast<double>(tickets)) : json(nullptr);
  j["repeat_contacts"] = repeats;
  j["tickets"] = tickets;
  j["repeat_contact_days"] = scope.settings.repeat_contact_days;
  j["provisional"] = provisional;
  j["unknown_requester"] = unknown;
  j["customers"] = customers;
  j["returning_customers"] = returning;
  j["returning_rate"] =
      customers == 0 ? json(nullptr) : json(static_cast<double>(returning) / static_cast<double>(customers));
  j["purchase"] = d.orders.empty() ? json(nullptr) : purchase_retention(scope, Requesters(d), end);
  return j;
}

}  // namespace hk
