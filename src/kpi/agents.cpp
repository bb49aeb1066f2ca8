// 1.12 Tickets closed per agent: "tickets_resolved" = unique tickets whose final resolution is in the period, credited to
// the resolver of that final resolution; "resolutions" = every resolution event in the period (a reopen and re-solve
// counts twice). Bot and automation resolutions go to the pseudo-agent "Automation". Context columns: replies sent,
// FRT of the tickets the agent answered first, CSAT of ratings attributed to the agent (or the assignee), one-touch rate.
#include <algorithm>
#include <utility>

#include "kpi/dense_index.h"
#include "kpi/kpis.h"

namespace hk {
namespace {

struct AgentRow {
  uint64_t tickets_resolved = 0, resolutions = 0, replies = 0, csat_n = 0, csat_satisfied = 0;
  uint64_t one_touch = 0, touched_resolved = 0, frt_n = 0;
  bool known = false;  // listed even with nothing in the period
  // Listed: a known agent, or one with something counted in the query. Decided from the counts afterwards, not set
  // in the loops: a bool store there may alias the vectors' data pointers and forces them to be reloaded per ticket.
  bool listed() const { return known || tickets_resolved || resolutions || replies || csat_n || frt_n; }
};

// Events grouped by agent, in their order within each agent (a stable counting sort), and the run of each agent: a
// query counts an agent's events in one run instead of looking the agent up per event (a whole-range re-query at 1M
// tickets walks millions of replies). Events without an agent are dropped: nothing counts them.
template <typename Event>
std::vector<Facts::AgentRun> group_by_agent(std::vector<Event>& events, DenseIndex& agents) {
  std::vector<uint32_t> number(events.size()), count;
  for (size_t i = 0; i < events.size(); ++i) {
    number[i] = events[i].agent == kNoString ? Facts::kNoAgent : agents.number(events[i].agent);
    if (number[i] == Facts::kNoAgent) continue;
    if (number[i] >= count.size()) count.resize(number[i] + 1, 0);
    ++count[number[i]];
  }
  std::vector<Facts::AgentRun> runs;
  std::vector<uint32_t> next(count.size());
  uint32_t placed = 0;
  for (uint32_t k = 0; k < count.size(); ++k) {
    next[k] = placed;
    if (count[k]) runs.push_back({placed, placed + count[k], k});
    placed += count[k];
  }
  std::vector<Event> grouped(placed);
  for (size_t i = 0; i < events.size(); ++i)
    if (number[i] != Facts::kNoAgent) grouped[next[number[i]]++] = events[i];
  events = std::move(grouped);
  return runs;
}

// Adds to each agent's `field` the number of its events that are in the scope and the period (branch-free per run).
template <typename Event>
void count_by_agent(const Scope& scope, const std::vector<Event>& events, const std::vector<Facts::AgentRun>& runs,
                    std::vector<AgentRow>& rows, uint64_t AgentRow::*field) {
  for (const Facts::AgentRun& run : runs) {
    uint64_t n = 0;
    for (uint32_t i = run.begin; i < run.end; ++i)
      n += static_cast<uint64_t>(scope.ticket(events[i].ticket)) & static_cast<uint64_t>(scope.in_period(events[i].at));
    rows[run.agent].*field += n;
  }
}

}  // namespace

void index_agents(const Dataset& d, Facts& f) {
  DenseIndex agents;
  const auto number = [&](uint32_t id) { return id == kNoString ? Facts::kNoAgent : agents.number(id); };
  f.known_agents.clear();
  for (const auto& [id, user] : d.users)
    if (user.kind == AuthorKind::agent) f.known_agents.push_back(number(id));
  const uint32_t n = static_cast<uint32_t>(f.tickets.size());
  f.resolver_number.resize(n);
  f.first_replier_number.resize(n);
  for (uint32_t t = 0; t < n; ++t) {
    const TicketFacts tf = f.tickets[t];
    f.resolver_number[t] = number(tf.resolver);
    f.first_replier_number[t] = number(tf.first_reply_agent);
  }
  f.rating_agent_number.resize(d.ratings.size());
  for (size_t i = 0; i < d.ratings.size(); ++i) {
    const Rating& r = d.ratings[i];
    const uint32_t agent = r.agent != kNoString ? r.agent : r.ticket < d.ticket_count() ? d.assignee[r.ticket] : kNoString;
    f.rating_agent_number[i] = number(agent);
  }
  f.resolution_runs = group_by_agent(f.resolutions, agents);
  f.reply_runs = group_by_agent(f.replies, agents);
  f.agent_ids.resize(agents.size());
  f.automation_number = Facts::kNoAgent;
  for (uint32_t k = 0; k < agents.size(); ++k) {
    f.agent_ids[k] = static_cast<uint32_t>(agents.key(k));
    if (f.agent_ids[k] == kAutomationAgent) f.automation_number = k;
  }
}

json tickets_per_agent(const Scope& scope) {
  const Dataset& d = scope.data;
  const Facts& facts = scope.facts;
  // One row per agent number, and a spare last row for the ratings with no agent (never listed).
  std::vector<AgentRow> rows(facts.agent_ids.size() + 1);
  const uint32_t spare = static_cast<uint32_t>(facts.agent_ids.size());
  // Every known agent is listed, even with nothing in the period.
  for (uint32_t a : facts.known_agents) rows[a].known = true;
  for (uint32_t t : scope.resolved()) {
    const uint32_t a = facts.resolver_number[t];
    if (a == Facts::kNoAgent) continue;
    AgentRow& r = rows[a];
    ++r.tickets_resolved;
    const int32_t replies = facts.tickets[t].replies;
    if (replies > 0) {
      ++r.touched_resolved;
      if (replies == 1) ++r.one_touch;
    }
  }
  // First response per first replier: a bit per kept ticket in the ranking grouped by agent (kpi/ranked.h), whose
  // groups are the agent numbers.
  RankedPopulation frt(facts.ranked_first_reply_by_agent);
  for (uint32_t t : scope.anchored()) {
    const uint32_t a = facts.first_replier_number[t];
    if (a == Facts::kNoAgent) continue;
    const TicketFacts& f = facts.tickets[t];
    if (f.first_reply_s != kNoTime && scope.in_period(f.first_reply_at)) frt.add(t, f.first_reply_s);
  }
  for (uint32_t a = 0; a < spare; ++a) rows[a].frt_n = frt.count(a);
  count_by_agent(scope, facts.resolutions, facts.resolution_runs, rows, &AgentRow::resolutions);
  count_by_agent(scope, facts.replies, facts.reply_runs, rows, &AgentRow::replies);
  // Ratings without a branch on whether each counts (which the filter makes random): an uncounted one adds 0, and
  // one with no agent goes to the spare row.
  for (size_t i = 0; i < d.ratings.size(); ++i) {
    const Rating& r = d.ratings[i];
    const uint32_t a = facts.rating_agent_number[i];
    const uint64_t counted = static_cast<uint64_t>(r.answered) & static_cast<uint64_t>(scope.ticket(r.ticket)) &
                             static_cast<uint64_t>(scope.in_period(facts.rating_at[i]));
    AgentRow& row = rows[a == Facts::kNoAgent ? spare : a];
    row.csat_n += counted;
    row.csat_satisfied += counted & static_cast<uint64_t>(is_satisfied(r, scope.settings.csat));
  }
  json out = json::array();
  for (uint32_t number = 0; number < spare; ++number) {
    AgentRow& r = rows[number];
    if (!r.listed()) continue;
    const uint32_t id = facts.agent_ids[number];
    json a;
    const bool automation = id == kAutomationAgent;
    a["id"] = automation ? "automation" : std::string(d.text(id));
    std::string_view name;
    if (!automation) {
      auto u = d.users.find(id);
      if (u != d.users.end()) name = d.text(u->second.name);
    }
    a["name"] = automation ? "Automation" : name.empty() ? std::string(d.text(id)) : std::string(name);
    a["is_automation"] = automation;
    a["tickets_resolved"] = r.tickets_resolved;
    a["resolutions"] = r.resolutions;
    a["replies"] = r.replies;
    a["first_response_time"] = {{"n", r.frt_n}, {"median", r.frt_n ? json(frt.median(number)) : json(nullptr)}};
    a["csat"] = {{"n", r.csat_n},
                 {"score", r.csat_n ? json(static_cast<double>(r.csat_satisfied) / static_cast<double>(r.csat_n))
                                    : json(nullptr)}};
    a["one_touch_rate"] =
        r.touched_resolved ? json(static_cast<double>(r.one_touch) / static_cast<double>(r.touched_resolved)) : json(nullptr);
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const json& x, const json& y) {
    if (x["tickets_resolved"] != y["tickets_resolved"]) return x["tickets_resolved"].get<uint64_t>() > y["tickets_resolved"].get<uint64_t>();
    if (x["name"] != y["name"]) return x["name"].get<std::string>() < y["name"].get<std::string>();
    return x["id"].get<std::string>() < y["id"].get<std::string>();  // not interning order: file order must not matter
  });
  return out;
}

}  // namespace hk
