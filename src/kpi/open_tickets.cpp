// 1.3 Open tickets now: not resolved/closed and not excluded, by status; unassigned; awaiting reply (a customer message
// newer than the last human reply, or no human reply yet). Pending and on-hold count as open.
#include "kpi/kpis.h"

namespace hk {

json open_tickets(const Scope& scope) {
  const Dataset& d = scope.data;
  uint64_t total = 0, unassigned = 0, awaiting = 0, unknown = 0;
  uint64_t by_status[kStatusCount] = {};
  // Every ticket of the scope, without a branch on it: which tickets a filter keeps is as random as the field it
  // filters on.
  for (uint32_t t = 0; t < d.ticket_count(); ++t) {
    const uint64_t selected = scope.ticket(t) ? 1 : 0;
    const Status s = d.status[t];
    unknown += selected & (s == Status::unknown);
    const uint64_t open = selected & (s != Status::unknown) & !is_resolved(s);
    total += open;
    by_status[static_cast<int>(s)] += open;
    unassigned += open & (d.assignee[t] == kNoString);
    awaiting += open & scope.facts.tickets[t].awaiting_reply;
  }
  json j;
  j["total"] = total;
  json bs = json::object();
  for (Status s : {Status::new_, Status::open, Status::pending, Status::on_hold, Status::snoozed})
    bs[std::string(status_name(s))] = by_status[static_cast<int>(s)];
  j["by_status"] = bs;
  j["unassigned"] = unassigned;
  j["awaiting_reply"] = awaiting;
  j["unknown_status"] = unknown;
  return j;
}

}  // namespace hk
