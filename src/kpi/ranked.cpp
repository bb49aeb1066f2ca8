#include "kpi/ranked.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "time/timestamp.h"

namespace hk {

void RankedDurations::build(const std::vector<int64_t>& values, const std::vector<uint32_t>* groups,
                            uint32_t group_count) {
  const uint32_t n = static_cast<uint32_t>(values.size());
  const auto group_of = [&](uint32_t t) { return groups ? (*groups)[t] : 0u; };
  place.assign(n, kNoPlace);
  begin.assign(group_count + 1, 0);
  std::vector<uint32_t> order;  // the ranked tickets, ascending
  bool narrow = true;           // every value fits 32 bits unsigned: two 16-bit radix passes order them
  for (uint32_t t = 0; t < n; ++t) {
    if (values[t] == kNoTime || group_of(t) == kNoPlace) continue;
    order.push_back(t);
    ++begin[group_of(t) + 1];
    narrow = narrow && values[t] >= 0 && values[t] <= int64_t(UINT32_MAX);
  }
  for (uint32_t g = 0; g < group_count; ++g) begin[g + 1] += begin[g];
  if (narrow) {
    // Stable counting sorts from the least significant key up (low 16 bits of the value, high 16 bits, group) leave
    // the tickets, which start ascending, in (group, value, ticket) order in linear time.
    std::vector<uint32_t> other(order.size()), next(size_t(1) << 16);
    for (int shift : {0, 16}) {
      std::fill(next.begin(), next.end(), 0u);
      for (uint32_t t : order) ++next[(static_cast<uint64_t>(values[t]) >> shift) & 0xFFFF];
      uint32_t at = 0;
      for (uint32_t& c : next) at += std::exchange(c, at);
      for (uint32_t t : order) other[next[(static_cast<uint64_t>(values[t]) >> shift) & 0xFFFF]++] = t;
      order.swap(other);
    }
    if (groups) {
      std::vector<uint32_t> at(begin.begin(), begin.end() - 1);
      for (uint32_t t : order) other[at[group_of(t)]++] = t;
      order.swap(other);
    }
  } else {
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      if (group_of(a) != group_of(b)) return group_of(a) < group_of(b);
      return values[a] != values[b] ? values[a] < values[b] : a < b;
    });
  }
  value.resize(order.size());
  for (uint32_t p = 0; p < order.size(); ++p) {
    value[p] = values[order[p]];
    place[order[p]] = p;
  }
}

uint64_t PlaceBits::count(uint32_t from, uint32_t to) const {
  uint64_t n = 0;
  for (uint32_t w = from >> 6; from < to && w <= (to - 1) >> 6; ++w)
    n += static_cast<uint64_t>(__builtin_popcountll(word_in(w, from, to)));
  return n;
}

uint32_t PlaceBits::nth(uint32_t from, uint64_t r) const {
  uint32_t w = from >> 6;
  uint64_t bits = words_[w] & (~uint64_t(0) << (from & 63));
  for (;;) {
    const uint64_t c = static_cast<uint64_t>(__builtin_popcountll(bits));
    if (r < c) {
      for (; r; --r) bits &= bits - 1;
      return (w << 6) + static_cast<uint32_t>(__builtin_ctzll(bits));
    }
    r -= c;
    bits = words_[++w];
  }
}

RankedPopulation::RankedPopulation(const RankedDurations& ranked) : ranked_(ranked), bits_(ranked.value.size()) {}

double RankedPopulation::percentile(uint32_t from, uint64_t n, double q) const {
  return bits_.percentile(from, n, q, [&](uint32_t p) { return static_cast<double>(ranked_.value[p]); });
}

Summary RankedPopulation::summary() const {
  Summary s;
  s.n = n_;
  if (n_ == 0) return s;
  s.mean = sum_ / static_cast<double>(n_);
  s.median = percentile(0, n_, 0.5);
  s.p90 = percentile(0, n_, 0.9);
  return s;
}

double RankedPopulation::median(uint32_t g) const { return percentile(ranked_.begin[g], count(g), 0.5); }

}  // namespace hk

// The Facts columns KPIs summarise (kpis.h). Here rather than in each KPI's file: they share one pass over the facts.
#include "kpi/kpis.h"

namespace hk {

void index_ranked_durations(Facts& facts, bool business_hours) {
  const size_t n = facts.tickets.size();
  const TicketFactsColumns& tickets = facts.tickets;
  std::vector<int64_t> column(n);
  // A getter per column (not a member pointer), so that reading one field of tickets[t] loads only that column.
  const auto rank = [&](RankedDurations& out, auto get, const std::vector<uint32_t>* groups = nullptr,
                        uint32_t group_count = 1) {
    for (size_t t = 0; t < n; ++t) column[t] = get(t);
    out.build(column, groups, group_count);
  };
  rank(facts.ranked_first_reply, [&](size_t t) { return tickets[t].first_reply_s; });
  rank(facts.ranked_first_resolution, [&](size_t t) { return tickets[t].first_resolution_s; });
  rank(facts.ranked_full_resolution, [&](size_t t) { return tickets[t].full_resolution_s; });
  rank(facts.ranked_replies, [&](size_t t) { return tickets[t].replies > 0 ? int64_t(tickets[t].replies) : kNoTime; });
  rank(facts.ranked_first_reply_by_agent, [&](size_t t) { return tickets[t].first_reply_s; }, &facts.first_replier_number,
       static_cast<uint32_t>(facts.agent_ids.size()));
  if (!business_hours) return;
  rank(facts.ranked_first_reply_business, [&](size_t t) { return tickets[t].first_reply_business_s; });
  rank(facts.ranked_first_resolution_business, [&](size_t t) { return tickets[t].first_resolution_business_s; });
  rank(facts.ranked_full_resolution_business, [&](size_t t) { return tickets[t].full_resolution_business_s; });
}

}  // namespace hk
