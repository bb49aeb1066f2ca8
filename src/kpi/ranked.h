// Durations ranked once at finish(), so that a query's percentiles are read off one bit per kept ticket.
//
// A re-query summarises populations of up to every ticket (first response, resolution, each agent's first response).
// Gathering each population's values and selecting its percentiles cost a few milliseconds per population at 1M
// tickets, a fifth of a whole-range re-query. The order of each duration column does not depend on the query: it is
// computed once (RankedDurations); a query sets the bit of each ticket it keeps and walks the bits to the wanted ranks
// (RankedPopulation). The figures are the same bits as summarize() and median_of() over the same values: the same
// values at the same ranks, the same PERCENTILE.INC arithmetic, the mean from a sum in the order the query added them.
#pragma once
#include <cstdint>
#include <vector>

#include "kpi/summary.h"

namespace hk {

struct RankedDurations {
  static constexpr uint32_t kNoPlace = UINT32_MAX;
  // The tickets with a value are ranked ascending by (group, value, ticket); group g holds places
  // [begin[g], begin[g + 1]). Per ticket its place, kNoPlace when it has no value (kNoTime) or no group; per place
  // its value. (12 bytes a ticket at most: 5 columns cost about 21 MB at a 1 GB export's 350k tickets.)
  std::vector<uint32_t> place;
  std::vector<int64_t> value;
  std::vector<uint32_t> begin;

  // `values[t]` is ticket t's duration (kNoTime: none); `groups[t]` its group number (kNoPlace: in none), or every
  // ticket in group 0 when `groups` is null.
  void build(const std::vector<int64_t>& values, const std::vector<uint32_t>* groups = nullptr, uint32_t group_count = 1);
  bool built() const { return !begin.empty(); }
};

// The tickets one query keeps in one population of a RankedDurations (each ticket at most once).
class RankedPopulation {
 public:
  explicit RankedPopulation(const RankedDurations& ranked);
  // Keeps ticket t, whose value in the ranked column is v (passed in: the caller has just read it, and the ranked copy
  // sits at a random place).
  void add(uint32_t t, int64_t v) {
    const uint32_t p = ranked_.place[t];
    bits_[p >> 6] |= uint64_t(1) << (p & 63);
    ++n_;
    sum_ += static_cast<double>(v);
  }
  uint64_t size() const { return n_; }
  // n, median, mean and p90 of every kept ticket (summarize()'s figures).
  Summary summary() const;
  // The kept tickets of group g: how many, and their median (median_of()'s figure; the group must hold one).
  uint64_t count(uint32_t g) const;
  double median(uint32_t g) const;

 private:
  // PERCENTILE.INC at q among the n > 0 kept places from `from` on (a group's start; ranks stay within its n).
  double percentile(uint32_t from, uint64_t n, double q) const;
  // The place of the kept entry of rank r (0-based) among the kept places from `from` on.
  uint32_t kept_at(uint32_t from, uint64_t r) const;

  const RankedDurations& ranked_;
  std::vector<uint64_t> bits_;
  uint64_t n_ = 0;
  double sum_ = 0;
};

}  // namespace hk
