// 1.4 First response time: created (or the customer's first message, for outbound tickets) → first public reply by a
// human agent; anchored on that reply; null (and counted as unanswered) when there is none.
// 1.5 Response time, all replies: every customer-wait episode closed by a human reply, pooled, anchored on the reply.
#include "kpi/kpis.h"

namespace hk {

json first_response_time(const Scope& scope) {
  const Dataset& d = scope.data;
  // A bit per kept ticket in the column's ranking (kpi/ranked.h); business-hours values exist only with a schedule.
  RankedPopulation values(scope.facts.ranked_first_reply), business(scope.facts.ranked_first_reply_business);
  uint64_t unanswered = 0, unanswered_open = 0, resolved_without_reply = 0, from_events = 0, from_vendor = 0;
  for (uint32_t t : scope.anchored()) {
    const TicketFacts& f = scope.facts.tickets[t];
    if (f.first_reply_s == kNoTime) {
      // Unanswered tickets are placed by creation; outbound tickets the customer never answered are not eligible.
      if (f.start == kNoTime || !scope.in_period(d.created_at[t])) continue;
      ++unanswered;
      if (is_resolved(d.status[t])) ++resolved_without_reply;
      else ++unanswered_open;
      continue;
    }
    if (!scope.in_period(f.first_reply_at)) continue;
    values.add(t, f.first_reply_s);
    if (f.first_reply_business_s != kNoTime) business.add(t, f.first_reply_business_s);
    (f.first_reply_source == FactSource::vendor ? from_vendor : from_events)++;
  }
  json j = summary_json(values.summary());
  j["unanswered"] = unanswered;
  j["unanswered_open"] = unanswered_open;
  j["resolved_without_reply"] = resolved_without_reply;
  // Business-hours values need a schedule in the settings (G3); without one: null.
  j["business"] = scope.settings.has_business_hours ? summary_json(business.summary()) : json(nullptr);
  j["source"] = from_vendor == 0 ? "events" : from_events == 0 ? "vendor" : "mixed";
  return j;
}

json response_time(const Scope& scope) {
  std::vector<double> values, business;
  for (const ResponseEpisode& e : scope.facts.episodes) {
    if (!scope.ticket(e.ticket) || !scope.in_period(e.closed)) continue;
    values.push_back(static_cast<double>(e.closed - e.opened));
    if (e.business_s != kNoTime) business.push_back(static_cast<double>(e.business_s));
  }
  json j = summary_json(summarize(values));
  j["business"] = scope.settings.has_business_hours ? summary_json(summarize(business)) : json(nullptr);
  return j;
}

}  // namespace hk
