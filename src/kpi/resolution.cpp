// 1.6 Resolution time: first = start → first transition into resolved/closed; full = start → last such transition,
//     only while the ticket is resolved; each anchored on its own end event.
// 1.8 First contact resolution: of tickets finally resolved in the period with ≥ 1 human reply (automated excluded),
//     those with (a) no public customer message after the first reply and (b) no reopen.
// 1.9 One-touch: of tickets finally resolved in the period with ≥ 1 human reply, those with exactly 1 (two-touch 2,
//     multi-touch ≥ 3); zero-touch = resolved with 0 replies.
// 1.10 Reopen rate: tickets first resolved in the period that were reopened at least once.
// 1.17 Automated resolution: resolved in the period with no human reply and a bot involved / all resolved.
// 1.24 Messages per ticket (public customer + human messages per resolved ticket) and replies to resolve.
#include "kpi/kpis.h"

namespace hk {
json resolution_time(const Scope& scope) {
  const Facts& facts = scope.facts;
  // Each population sets a bit per kept ticket in its column's ranking (kpi/ranked.h). Business-hours values exist
  // only with a schedule, and then their rankings are built.
  RankedPopulation full(facts.ranked_full_resolution), full_human(facts.ranked_full_resolution),
      first(facts.ranked_first_resolution), full_business(facts.ranked_full_resolution_business),
      first_business(facts.ranked_first_resolution_business);
  uint64_t from_vendor = 0, from_events = 0;
  for (uint32_t t : scope.anchored()) {
    const TicketFacts& f = facts.tickets[t];
    if (f.full_resolution_s != kNoTime && scope.in_period(f.final_resolved_at)) {
      full.add(t, f.full_resolution_s);
      if (!f.automated) full_human.add(t, f.full_resolution_s);
      if (f.full_resolution_business_s != kNoTime) full_business.add(t, f.full_resolution_business_s);
      (f.resolution_source == FactSource::vendor ? from_vendor : from_events)++;
    }
    if (f.first_resolution_s != kNoTime && scope.in_period(f.first_resolved_at)) {
      first.add(t, f.first_resolution_s);
      if (f.first_resolution_business_s != kNoTime) first_business.add(t, f.first_resolution_business_s);
    }
  }
  json j = summary_json(full.summary());
  j["first"] = summary_json(first.summary());
  j["excluding_automated"] = summary_json(full_human.summary());
  if (scope.settings.has_business_hours) {
    j["business"] = summary_json(full_business.summary());
    j["first"]["business"] = summary_json(first_business.summary());
  } else {
    j["business"] = nullptr;
  }
  j["source"] = from_vendor == 0 ? "events" : from_events == 0 ? "vendor" : "mixed";
  return j;
}

json one_touch_resolution(const Scope& scope) {
  Rate one;
  uint64_t two = 0, multi = 0, zero = 0, unknown = 0;
  for (uint32_t t : scope.resolved()) {
    const int32_t r = scope.facts.tickets[t].replies;
    if (r < 0) ++unknown;
    else if (r == 0) ++zero;
    else {
      ++one.denominator;
      if (r == 1) ++one.numerator;
      else if (r == 2) ++two;
      else ++multi;
    }
  }
  json j = rate_json(one);
  j["two_touch"] = two;
  j["multi_touch"] = multi;
  j["zero_touch"] = zero;
  j["unknown_replies"] = unknown;
  return j;
}

json first_contact_resolution(const Scope& scope) {
  Rate fcr;
  for (uint32_t t : scope.resolved()) {
    const TicketFacts& f = scope.facts.tickets[t];
    if (f.replies <= 0 || f.automated || !f.has_messages || f.reopens < 0) continue;
    ++fcr.denominator;
    if (!f.customer_wrote_after_first_reply && f.reopens == 0) ++fcr.numerator;
  }
  json j = rate_json(fcr);
  j["conditions"] = json::array({"no customer message after the first reply", "no reopen"});
  return j;
}

json reopen_rate(const Scope& scope) {
  Rate r;
  for (uint32_t t : scope.anchored()) {
    const TicketFacts& f = scope.facts.tickets[t];
    if (f.first_resolved_at == kNoTime || f.reopens < 0 || !scope.in_period(f.first_resolved_at)) continue;
    ++r.denominator;
    if (f.reopens > 0) ++r.numerator;
  }
  return rate_json(r);
}

json automated_resolution(const Scope& scope) {
  Rate r;
  for (uint32_t t : scope.resolved()) {
    ++r.denominator;
    if (scope.facts.tickets[t].automated) ++r.numerator;
  }
  return rate_json(r);
}

json messages_per_ticket(const Scope& scope) {
  uint64_t messages = 0, tickets = 0;
  RankedPopulation replies(scope.facts.ranked_replies);  // a bit per kept ticket (kpi/ranked.h)
  for (uint32_t t : scope.resolved()) {
    const TicketFacts& f = scope.facts.tickets[t];
    if (f.has_messages) {
      messages += static_cast<uint64_t>(f.public_messages);
      ++tickets;
    }
    if (f.replies > 0) replies.add(t, f.replies);
  }
  json j;
  j["messages_per_resolved_ticket"] = tickets ? json(static_cast<double>(messages) / static_cast<double>(tickets)) : json(nullptr);
  j["tickets"] = tickets;
  j["replies_to_resolve"] = summary_json(replies.summary());
  return j;
}

}  // namespace hk
