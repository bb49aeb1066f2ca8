// 1.20 Consistency of resolutions across agents. Within each topic (tag) that has ≥ 2 agents with ≥ k resolved tickets
// in the period (k = settings.consistency_min_tickets, default 20), each agent's median full resolution time, one-touch
// rate and reopen rate are compared: the spread is the coefficient of variation (stdev / mean) across agents; an agent
// is an outlier when its value lies more than 1.5 × IQR outside the quartiles. Overall score = median over topics of
// (1 − CV of median resolution time), clipped to [0, 1]. Cells below k are hidden (not computed).
#include <algorithm>
#include <cmath>

#include "kpi/dense_index.h"
#include "kpi/kpis.h"
#include "kpi/ranked.h"

namespace hk {
namespace {

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

// A ticket's counts in a cell, from its replies and reopens.
uint8_t entry_flags(int32_t replies, int32_t reopens) {
  uint8_t f = 0;
  if (replies > 0) f |= ConsistencyCells::kTouched | (replies == 1 ? ConsistencyCells::kOneTouch : 0);
  if (reopens >= 0) f |= ConsistencyCells::kFirstResolved | (reopens > 0 ? ConsistencyCells::kReopened : 0);
  return f;
}

}  // namespace

void index_consistency(const Dataset& d, Facts& facts) {
  ConsistencyCells& cc = facts.consistency;
  cc = ConsistencyCells();
  // The tickets a query can keep: resolved (a final resolution time) by a human agent. Each of their tags is a cell.
  const auto eligible = [&](uint32_t t) {
    const uint32_t agent = facts.resolver_number[t];
    return agent != Facts::kNoAgent && agent != facts.automation_number &&
           facts.tickets[t].final_resolved_at != kNoTime;
  };
  const uint32_t n = static_cast<uint32_t>(facts.resolver_number.size());  // every ticket (index_agents)
  DenseIndex cells;
  std::vector<uint32_t> count, valued;
  for (uint32_t t = 0; t < n; ++t) {
    if (!eligible(t)) continue;
    const uint64_t agent = facts.agent_ids[facts.resolver_number[t]];
    const bool has_time = facts.tickets[t].full_resolution_s != kNoTime;
    for (uint32_t i = d.tags_begin[t], end = i + d.tags_count[t]; i < end; ++i) {
      const uint32_t c = cells.number(uint64_t(d.tag_pool[i]) << 32 | agent);
      if (c == count.size()) count.push_back(0), valued.push_back(0);
      ++count[c];
      valued[c] += has_time;
    }
  }
  // Output order: topics by tag text, agents within a topic by id text — not interning order, which follows file
  // order: the same sums, so the same bits, for any order.
  std::vector<uint32_t> order(cells.size());
  for (uint32_t c = 0; c < order.size(); ++c) order[c] = c;
  const auto tag_of = [&](uint32_t c) { return static_cast<uint32_t>(cells.key(c) >> 32); };
  const auto agent_of = [&](uint32_t c) { return static_cast<uint32_t>(cells.key(c)); };
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (tag_of(x) != tag_of(y)) return d.text(tag_of(x)) < d.text(tag_of(y));
    return d.text(agent_of(x)) < d.text(agent_of(y));
  });
  std::vector<uint32_t> place(order.size()), next_valued(order.size()), next_other(order.size());
  cc.begin.assign(order.size() + 1, 0);
  for (uint32_t rank = 0; rank < order.size(); ++rank) {
    const uint32_t c = order[rank];
    place[c] = rank;
    cc.keys.push_back(cells.key(c));
    cc.valued.push_back(valued[c]);
    cc.begin[rank + 1] = cc.begin[rank] + count[c];
    next_valued[rank] = cc.begin[rank];
    next_other[rank] = cc.begin[rank] + valued[c];
  }
  const uint32_t entries = cc.begin.back();
  // Each entry's tag occurrence (its index in Dataset::tag_pool) while the cells are filled and sorted.
  std::vector<uint32_t> occurrence(entries), ticket(entries);
  cc.flags.resize(entries);
  cc.resolution_s.resize(entries);
  cc.entry_of.assign(d.tag_pool.size(), ConsistencyCells::kNoEntry);
  for (uint32_t t = 0; t < n; ++t) {
    if (!eligible(t)) continue;
    const uint64_t agent = facts.agent_ids[facts.resolver_number[t]];
    const TicketFacts f = facts.tickets[t];
    for (uint32_t i = d.tags_begin[t], end = i + d.tags_count[t]; i < end; ++i) {
      const uint32_t rank = place[cells.number(uint64_t(d.tag_pool[i]) << 32 | agent)];
      const uint32_t at = f.full_resolution_s != kNoTime ? next_valued[rank]++ : next_other[rank]++;
      occurrence[at] = i;
      ticket[at] = t;
      cc.resolution_s[at] = f.full_resolution_s != kNoTime ? static_cast<double>(f.full_resolution_s) : 0.0;
    }
  }
  // Each cell's timed entries ascending by time (ties by ticket and occurrence, so the layout does not depend on the
  // sort), then every entry's flags and its place in entry_of.
  struct Timed {
    double resolution_s;
    uint32_t ticket, occurrence;
    bool operator<(const Timed& o) const {
      if (resolution_s != o.resolution_s) return resolution_s < o.resolution_s;
      return ticket != o.ticket ? ticket < o.ticket : occurrence < o.occurrence;
    }
  };
  std::vector<Timed> run;
  for (uint32_t rank = 0; rank < order.size(); ++rank) {
    const uint32_t b = cc.begin[rank], e = b + cc.valued[rank];
    run.clear();
    for (uint32_t j = b; j < e; ++j) run.push_back({cc.resolution_s[j], ticket[j], occurrence[j]});
    std::sort(run.begin(), run.end());
    for (uint32_t j = b; j < e; ++j) {
      cc.resolution_s[j] = run[j - b].resolution_s;
      ticket[j] = run[j - b].ticket;
      occurrence[j] = run[j - b].occurrence;
    }
  }
  for (uint32_t j = 0; j < entries; ++j) {
    cc.flags[j] = entry_flags(facts.tickets[ticket[j]].replies, facts.tickets[ticket[j]].reopens);
    cc.entry_of[occurrence[j]] = j;
  }
}

json consistency(const Scope& scope) {
  const Dataset& d = scope.data;
  const uint64_t k = static_cast<uint64_t>(scope.settings.consistency_min_tickets);
  const ConsistencyCells& cc = scope.facts.consistency;
  // The entries this query keeps, as bits: those of the tickets resolved in the period, in the selection. Setting them
  // costs a write per kept tag; reading a cell costs a word per 64 entries plus a step per kept entry.
  PlaceBits kept_bits(cc.begin.empty() ? 0 : cc.begin.back());
  // (entry_of covers every tag once index_consistency has run; the bound only keeps a store without it safe.)
  const uint32_t tags_indexed = static_cast<uint32_t>(cc.entry_of.size());
  for (uint32_t t : scope.resolved())
    for (uint32_t i = d.tags_begin[t], end = std::min(i + d.tags_count[t], tags_indexed); i < end; ++i) {
      const uint32_t e = cc.entry_of[i];
      if (e != ConsistencyCells::kNoEntry) kept_bits.set(e);
    }
  const auto tag_of = [&](uint32_t c) { return static_cast<uint32_t>(cc.keys[c] >> 32); };
  const auto agent_of = [&](uint32_t c) { return static_cast<uint32_t>(cc.keys[c]); };
  json out_topics = json::array();
  std::vector<double> scores;
  const uint32_t cell_count = static_cast<uint32_t>(cc.keys.size());
  for (uint32_t begin = 0; begin < cell_count;) {
    const uint32_t tag = tag_of(begin);
    uint32_t end = begin;
    while (end < cell_count && tag_of(end) == tag) ++end;
    std::vector<uint32_t> kept;  // cells of agents with at least k resolutions
    std::vector<uint64_t> resolutions;
    std::vector<double> medians, one_touch, reopen;
    for (uint32_t c = begin; c < end; ++c) {
      const uint32_t b = cc.begin[c], v = b + cc.valued[c], e = cc.begin[c + 1];
      const uint64_t n = kept_bits.count(b, v);
      if (n < k) continue;
      uint64_t touched = 0, one = 0, first_resolved = 0, reopened = 0;
      kept_bits.each(b, e, [&](uint32_t j) {
        const uint8_t f = cc.flags[j];
        touched += (f & ConsistencyCells::kTouched) != 0;
        one += (f & ConsistencyCells::kOneTouch) != 0;
        first_resolved += (f & ConsistencyCells::kFirstResolved) != 0;
        reopened += (f & ConsistencyCells::kReopened) != 0;
        return true;
      });
      kept.push_back(c);
      resolutions.push_back(n);
      // The median of the kept durations, read off the cell's ascending entries (k ≥ 1, so never empty).
      medians.push_back(kept_bits.percentile(b, n, 0.5, [&](uint32_t j) { return cc.resolution_s[j]; }));
      one_touch.push_back(touched ? static_cast<double>(one) / static_cast<double>(touched) : 0.0);
      reopen.push_back(first_resolved ? static_cast<double>(reopened) / static_cast<double>(first_resolved) : 0.0);
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
                      {"n", resolutions[i]},
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
