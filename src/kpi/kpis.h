// One function per KPI family (SPEC §5); each reads the store and per-ticket facts through a Scope and returns the
// report fragment of SPEC §6.1. The rule each implements is named in its file's first lines.
#pragma once
#include <nlohmann/json.hpp>

#include "kpi/scope.h"
#include "kpi/summary.h"

namespace hk {

class BusinessHours;
using json = nlohmann::ordered_json;

json summary_json(const Summary& s);
json rate_json(const Rate& r);

json ticket_volume(const Scope& scope);            // 1.1, 1.2
json open_tickets(const Scope& scope);             // 1.3
json first_response_time(const Scope& scope);      // 1.4
json response_time(const Scope& scope);            // 1.5
json resolution_time(const Scope& scope);          // 1.6
json first_contact_resolution(const Scope& scope); // 1.8
json one_touch_resolution(const Scope& scope);     // 1.9
json reopen_rate(const Scope& scope);              // 1.10
json tickets_per_agent(const Scope& scope);        // 1.12 (with the agent table's context columns)
json csat(const Scope& scope);                     // 1.13
json automated_resolution(const Scope& scope);     // 1.17
json top_topics(const Scope& scope);               // 1.21
json messages_per_ticket(const Scope& scope);      // 1.24
json consistency(const Scope& scope);              // 1.20
json cost_per_resolution(const Scope& scope);      // 1.19
json sla(const Scope& scope, const BusinessHours* business);  // 1.23
json subject_topics(const Scope& scope);           // 1.21 (subject keywords)
void index_subject_keywords(const Dataset& data, Facts& facts);  // 1.21, once at finish()
void index_agents(const Dataset& data, Facts& facts);            // 1.12, once at finish()
void index_consistency(const Dataset& data, Facts& facts);       // 1.20, once at finish(), after index_agents
// 1.4, 1.6, 1.12, 1.24, once at finish(), after index_agents; the business-hours columns only with a schedule.
void index_ranked_durations(Facts& facts, bool business_hours);
void index_volume_keys(const Dataset& data, Facts& facts, const ZoneOffsets& zone);  // 1.1, 1.2, 1.21, once at finish()
// 1.2, once at finish(): when each rating counts for period filters (Facts::rating_at): its own time, else its
// ticket's final resolution, else the ticket's creation.
void index_rating_anchors(const Dataset& data, Facts& facts);
json ces(const Scope& scope);                      // 1.14 (survey file)
json nps(const Scope& scope);                      // 1.15 (survey file)
json esat(const Scope& scope);                     // 1.16 (survey file)
json converted_tickets(const Scope& scope);        // 1.18 (orders)
json retention(const Scope& scope);                // 1.22 (requester identity; orders for purchase retention)

// Satisfied / answered for one rating (1.13 scale mapping, thresholds from the settings).
bool is_satisfied(const Rating& r, const CsatMapping& mapping);

}  // namespace hk
