// 1.20 Consistency of resolutions across agents. Within each topic (tag) that has ≥ 2 agents with ≥ k resolved tickets
// in the period (k = settings.consistency_min_tickets, default 20), each agent's median full resolution time, one-touch
// rate and reopen rate are compared: the spread is the coefficient of variation (stdev / mean) across agents; an agent
// is an outlier when its value lies more than 1.5 × IQR outside the quartiles. Overall score = median over topics of
// (1 − CV of median resolution time), clipped to [0, 1]. Cells below k are hidden (not computed).
#include <algorithm>
#include <cmath>
#include <unordered_map>

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
  // tag → agent → figures. Hash maps, not ordered ones: this runs per tag of every resolved ticket on each query, and
  // the output order comes from sorting by text below anyway.
  std::unordered_map<uint32_t, std::unordered_map<uint32_t, AgentTopic>> topics;
  for (uint32_t t : scope.anchored()) {
    if (!scope.ticket(t)) continue;
    const TicketFacts& f = scope.facts.tickets[t];
    if (f.final_resolved_at == kNoTime || !scope.in_period(f.final_resolved_at)) continue;
    if (f.resolver == kNoString || f.resolver == kAutomationAgent) continue;
    for (uint32_t i = 0; i < d.tags_count[t]; ++i) {
      AgentTopic& a = topics[d.tag_pool[d.tags_begin[t] + i]][f.resolver];
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
  json out_topics = json::array();
  std::vector<double> scores;
  // Topics by tag text, not interning order (file order must not matter).
  std::vector<uint32_t> tag_order;
  for (auto& entry : topics) tag_order.push_back(entry.first);
  std::sort(tag_order.begin(), tag_order.end(), [&](uint32_t x, uint32_t y) { return d.text(x) < d.text(y); });
  for (uint32_t tag : tag_order) {
    auto& agents = topics[tag];
    // Agents by id text, not interning order (that follows file order): the same sums, so the same bits, for any order.
    std::vector<uint32_t> order;
    for (auto& [agent, a] : agents) order.push_back(agent);
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return d.text(x) < d.text(y); });
    std::vector<uint32_t> ids;
    std::vector<double> medians, one_touch, reopen;
    for (uint32_t agent : order) {
      AgentTopic& a = agents[agent];
      if (a.resolution.size() < k) continue;
      ids.push_back(agent);
      medians.push_back(*summarize(a.resolution).median);
      one_touch.push_back(a.touched ? static_cast<double>(a.one_touch) / static_cast<double>(a.touched) : 0.0);
      reopen.push_back(a.first_resolved ? static_cast<double>(a.reopened) / static_cast<double>(a.first_resolved) : 0.0);
    }
    if (ids.size() < 2) continue;
    const auto cv = coefficient_of_variation(medians);
    if (cv) scores.push_back(std::clamp(1.0 - *cv, 0.0, 1.0));
    const std::vector<bool> out = outliers(medians);
    json rows = json::array();
    for (size_t i = 0; i < ids.size(); ++i) {
      auto u = d.users.find(ids[i]);
      const std::string_view name = u != d.users.end() && u->second.name ? d.text(u->second.name) : d.text(ids[i]);
      rows.push_back({{"id", d.text(ids[i])},
                      {"name", name},
                      {"n", agents[ids[i]].resolution.size()},
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
