// 1.20 Consistency of resolutions across agents. Within each topic (tag) that has ≥ 2 agents with ≥ k resolved tickets
// in the period (k = settings.consistency_min_tickets, default 20), each agent's median full resolution time, one-touch
// rate and reopen rate are compared: the spread is the coefficient of variation (stdev / mean) across agents; an agent
// is an outlier when its value lies more than 1.5 × IQR outside the quartiles. Overall score = median over topics of
// (1 − CV of median resolution time), clipped to [0, 1]. Cells below k are hidden (not computed).
#include <algorithm>
#include <cmath>

#include "kpi/dense_index.h"
#include "kpi/kpis.h"

namespace hk {
namespace {

struct AgentTopic {
  std::vector<double> resolution;
  uint64_t touched = 0, one_touch = 0, first_resolved = 0, reopened = 0;
};

std::optional<double> coefficient_of_variation(const std::vector<double>& v) {
  if (v.size() < 2) return std::nullopt;
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  if (mean == 0) return std::nullopt;
  double var = 0;
  for (double x : v) var += (x - mean) * (x - mean);
  return std::sqrt(var / static_cast<double>(v.size())) / mean;
}

std::vector<bool> outliers(const std::vector<double>& v) {
  std::vector<double> s(v);
  std::sort(s.begin(), s.end());
  const double q1 = percentile_inc(s, 0.25), q3 = percentile_inc(s, 0.75), iqr = q3 - q1;
  std::vector<bool> out;
  for (double x : v) out.push_back(x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr);
  return out;
}

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json consistency(const Scope& scope) {
  const Dataset& d = scope.data;
  const uint64_t k = static_cast<uint64_t>(scope.settings.consistency_min_tickets);
  // (tag, agent) → figures. This runs per tag of every resolved ticket on each query, so the cell is found through a
  // table over the tag and agent numbers given at finish (index_volume_keys, index_agents) when that table is small,
  // else through a DenseIndex of (tag id, agent id). The output order comes from sorting by text below.
  const Facts& facts = scope.facts;
  const size_t agents = facts.agent_ids.size();
  const bool by_table = facts.tag_ids.size() * agents <= (size_t(1) << 20);
  constexpr uint32_t kNoCell = UINT32_MAX;
  std::vector<uint32_t> cell_of(by_table ? facts.tag_ids.size() * agents : 0, kNoCell);
  DenseIndex cells;
  std::vector<uint64_t> keys;  // per cell: tag id << 32 | agent id
  std::vector<AgentTopic> figures;
  const auto add_cell = [&](uint64_t key) {
    keys.push_back(key);
    figures.emplace_back();
    return static_cast<uint32_t>(figures.size() - 1);
  };
  for (uint32_t t : scope.resolved()) {
    // Human resolvers only; through the resolver's number, so the resolver column itself is not read.
    const uint32_t agent = facts.resolver_number[t];
    if (agent == Facts::kNoAgent || agent == facts.automation_number) continue;
    const TicketFacts& f = facts.tickets[t];
    const uint32_t resolver = facts.agent_ids[agent];
    for (uint32_t i = d.tags_begin[t], end = i + d.tags_count[t]; i < end; ++i) {
      uint32_t c;
      if (by_table) {
        uint32_t& slot = cell_of[facts.tag_number[i] * agents + agent];
        if (slot == kNoCell) slot = add_cell(uint64_t(d.tag_pool[i]) << 32 | resolver);
        c = slot;
      } else {
        const uint64_t key = uint64_t(d.tag_pool[i]) << 32 | resolver;
        c = cells.number(key);
        if (c == figures.size()) add_cell(key);
      }
      AgentTopic& a = figures[c];
      if (f.full_resolution_s != kNoTime) a.resolution.push_back(static_cast<double>(f.full_resolution_s));
      if (f.replies > 0) {
        ++a.touched;
        if (f.replies == 1) ++a.one_touch;
      }
      if (f.reopens >= 0) {
        ++a.first_resolved;
        if (f.reopens > 0) ++a.reopened;
      }
    }
  }
  // Topics by tag text, agents within a topic by id text — not interning order, which follows file order: the same
  // sums, so the same bits, for any order.
  const auto tag_of = [&](uint32_t c) { return static_cast<uint32_t>(keys[c] >> 32); };
  const auto agent_of = [&](uint32_t c) { return static_cast<uint32_t>(keys[c]); };
  std::vector<uint32_t> order(figures.size());
  for (uint32_t c = 0; c < order.size(); ++c) order[c] = c;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (tag_of(x) != tag_of(y)) return d.text(tag_of(x)) < d.text(tag_of(y));
    return d.text(agent_of(x)) < d.text(agent_of(y));
  });
  json out_topics = json::array();
  std::vector<double> scores;
  for (size_t begin = 0; begin < order.size();) {
    const uint32_t tag = tag_of(order[begin]);
    size_t end = begin;
    while (end < order.size() && tag_of(order[end]) == tag) ++end;
    std::vector<uint32_t> kept;  // cells of agents with at least k resolutions
    std::vector<double> medians, one_touch, reopen;
    for (size_t i = begin; i < end; ++i) {
      AgentTopic& a = figures[order[i]];
      if (a.resolution.size() < k) continue;
      kept.push_back(order[i]);
      medians.push_back(median_of(a.resolution));  // k ≥ 1 (settings), so never empty
      one_touch.push_back(a.touched ? static_cast<double>(a.one_touch) / static_cast<double>(a.touched) : 0.0);
      reopen.push_back(a.first_resolved ? static_cast<double>(a.reopened) / static_cast<double>(a.first_resolved) : 0.0);
    }
    begin = end;
    if (kept.size() < 2) continue;
    const auto cv = coefficient_of_variation(medians);
    if (cv) scores.push_back(std::clamp(1.0 - *cv, 0.0, 1.0));
    const std::vector<bool> out = outliers(medians);
    json rows = json::array();
    for (size_t i = 0; i < kept.size(); ++i) {
      const uint32_t agent = agent_of(kept[i]);
      auto u = d.users.find(agent);
      const std::string_view name = u != d.users.end() && u->second.name ? d.text(u->second.name) : d.text(agent);
      rows.push_back({{"id", d.text(agent)},
                      {"name", name},
                      {"n", figures[kept[i]].resolution.size()},
                      {"median_resolution_s", medians[i]},
                      {"one_touch_rate", one_touch[i]},
                      {"reopen_rate", reopen[i]},
                      {"outlier", static_cast<bool>(out[i])}});
    }
    out_topics.push_back({{"topic", d.text(tag)},
                          {"agents", rows},
                          {"cv",
                           {{"median_resolution", opt(cv)},
                            {"one_touch_rate", opt(coefficient_of_variation(one_touch))},
                            {"reopen_rate", opt(coefficient_of_variation(reopen))}}}});
  }
  std::optional<double> score;
  if (!scores.empty()) {
    std::sort(scores.begin(), scores.end());
    score = percentile_inc(scores, 0.5);
  }
  return {{"min_tickets", k}, {"score", opt(score)}, {"topics", out_topics}};
}

}  // namespace hk
