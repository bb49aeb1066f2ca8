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
  uint64_t one_touch = 0, touched_resolved = 0;
  std::vector<double> frt;
};

// Rows by agent id (kAutomationAgent included), numbered by a DenseIndex: several lookups per ticket on every
// re-query. Rows are listed in the order the JSON is sorted in afterwards, so their order here does not matter.
class AgentRows {
 public:
  [[gnu::always_inline]] AgentRow& operator[](uint32_t agent) {
    const uint32_t n = index_.number(agent);
    if (n == rows_.size()) add(agent);
    return rows_[n].second;
  }
  std::vector<std::pair<uint32_t, AgentRow>>& rows() { return rows_; }

 private:
  [[gnu::noinline]] void add(uint32_t agent) { rows_.emplace_back(agent, AgentRow{}); }
  DenseIndex index_;
  std::vector<std::pair<uint32_t, AgentRow>> rows_;
};

}  // namespace

namespace {

// Events grouped by agent, in their order within each agent (a stable counting sort), so that a query counts each
// agent's events in one run instead of looking the agent up per event: a whole-range re-query at 1M tickets walks
// millions of replies, and a lookup and a branch on the filter per reply were the per-agent table's largest cost.
template <typename Event>
void group_by_agent(std::vector<Event>& events) {
  DenseIndex agents;
  std::vector<size_t> start;
  for (const Event& e : events)
    if (agents.number(e.agent) == start.size()) start.push_back(0);
  std::vector<uint32_t> number(events.size());
  for (size_t i = 0; i < events.size(); ++i) ++start[number[i] = agents.number(events[i].agent)];
  size_t sum = 0;
  for (size_t& s : start) sum += std::exchange(s, sum);
  std::vector<Event> grouped(events.size());
  for (size_t i = 0; i < events.size(); ++i) grouped[start[number[i]]++] = events[i];
  events = std::move(grouped);
}

// Adds to each agent's `field` the number of its events that are in the scope and the period. Events come grouped by
// agent (group_by_agent); the count of a run is branch-free. A row is made only for an agent with a counted event.
template <typename Event, typename Rows>
void count_by_agent(const Scope& scope, const std::vector<Event>& events, Rows& rows, uint64_t AgentRow::*field) {
  for (size_t i = 0; i < events.size();) {
    const uint32_t agent = events[i].agent;
    uint64_t n = 0;
    for (; i < events.size() && events[i].agent == agent; ++i)
      n += static_cast<uint64_t>(scope.ticket(events[i].ticket)) & static_cast<uint64_t>(scope.in_period(events[i].at));
    if (n && agent != kNoString) rows[agent].*field += n;
  }
}

}  // namespace

void index_agents(const Dataset& d, Facts& facts) {
  facts.agents.clear();
  for (const auto& [id, user] : d.users)
    if (user.kind == AuthorKind::agent) facts.agents.push_back(id);
  group_by_agent(facts.resolutions);
  group_by_agent(facts.replies);
}

json tickets_per_agent(const Scope& scope) {
  const Dataset& d = scope.data;
  AgentRows rows;
  // Every known agent is listed, even with nothing in the period.
  for (uint32_t id : scope.facts.agents) rows[id];
  for (uint32_t t : scope.resolved()) {
    const TicketFacts& f = scope.facts.tickets[t];
    if (f.resolver == kNoString) continue;
    AgentRow& r = rows[f.resolver];
    ++r.tickets_resolved;
    if (f.replies > 0) {
      ++r.touched_resolved;
      if (f.replies == 1) ++r.one_touch;
    }
  }
  for (uint32_t t : scope.anchored()) {
    const TicketFacts& f = scope.facts.tickets[t];
    if (f.first_reply_s != kNoTime && f.first_reply_agent != kNoString && scope.in_period(f.first_reply_at))
      rows[f.first_reply_agent].frt.push_back(static_cast<double>(f.first_reply_s));
  }
  count_by_agent(scope, scope.facts.resolutions, rows, &AgentRow::resolutions);
  count_by_agent(scope, scope.facts.replies, rows, &AgentRow::replies);
  for (size_t i = 0; i < d.ratings.size(); ++i) {
    const Rating& r = d.ratings[i];
    if (!r.answered || !scope.ticket(r.ticket) || !scope.in_period(scope.facts.rating_at[i])) continue;
    const uint32_t agent = r.agent != kNoString ? r.agent : d.assignee[r.ticket];
    if (agent == kNoString) continue;
    AgentRow& row = rows[agent];
    ++row.csat_n;
    if (is_satisfied(r, scope.settings.csat)) ++row.csat_satisfied;
  }
  json out = json::array();
  for (auto& [id, r] : rows.rows()) {
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
    const Summary frt = summarize(r.frt);
    a["first_response_time"] = {{"n", frt.n}, {"median", frt.median ? json(*frt.median) : json(nullptr)}};
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
