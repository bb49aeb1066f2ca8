// Durations ranked once at finish(), so that a query's percentiles are read off one bit per kept ticket.
//
// A re-query summarises populations of up to every ticket (first response, resolution, each agent's first response).
// Gathering each population's values and selecting its percentiles cost a few milliseconds per population at 1M
// tickets, a fifth of a whole-range re-query. The order of each duration column does not depend on the query: it is
// computed once (RankedDurations); a query sets the bit of each ticket it keeps and walks the bits to the wanted ranks
// (RankedPopulation). The figures are the same bits as summarize() and median_of() over the same values: the same
// values at the same ranks, the same PERCENTILE.INC arithmetic, the mean from a sum in the order the query added them.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "kpi/summary.h"

namespace hk {

// A query's kept places (of a ranking, or of the consistency table's cells) as bits, and the reads made of them.
class PlaceBits {
 public:
  explicit PlaceBits(size_t places) : words_((places + 63) / 64 + 1, 0) {}  // (+1: nth() may load the next word)
  void set(uint32_t p) { words_[p >> 6] |= uint64_t(1) << (p & 63); }
  // How many places in [from, to) are set.
  uint64_t count(uint32_t from, uint32_t to) const;
  // Calls visit(p) for each set place in [from, to), ascending, until it returns false.
  template <class Visit>
  void each(uint32_t from, uint32_t to, Visit visit) const {
    for (uint32_t w = from >> 6; from < to && w <= (to - 1) >> 6; ++w)
      for (uint64_t bits = word_in(w, from, to); bits; bits &= bits - 1)
        if (!visit((w << 6) + static_cast<uint32_t>(__builtin_ctzll(bits)))) return;
  }
  // The set place of rank r (0-based) among those from `from` on; there must be more than r of them.
  uint32_t nth(uint32_t from, uint64_t r) const;
  // PERCENTILE.INC at q of value(p) over the n > 0 set places from `from` on (ascending values), with percentile_inc's
  // arithmetic (summary.cpp): the same bits as sorting the values first.
  template <class Value>
  double percentile(uint32_t from, uint64_t n, double q, Value value) const;

 private:
  // Word w masked to [from, to).
  uint64_t word_in(uint32_t w, uint32_t from, uint32_t to) const {
    uint64_t bits = words_[w];
    if (w == from >> 6) bits &= ~uint64_t(0) << (from & 63);
    if (w == (to - 1) >> 6 && (to & 63)) bits &= (uint64_t(1) << (to & 63)) - 1;
    return bits;
  }
  std::vector<uint64_t> words_;
};

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
    bits_.set(ranked_.place[t]);
    ++n_;
    sum_ += static_cast<double>(v);
  }
  uint64_t size() const { return n_; }
  // n, median, mean and p90 of every kept ticket (summarize()'s figures).
  Summary summary() const;
  // The kept tickets of group g: how many, and their median (median_of()'s figure; the group must hold one).
  uint64_t count(uint32_t g) const { return bits_.count(ranked_.begin[g], ranked_.begin[g + 1]); }
  double median(uint32_t g) const;

 private:
  double percentile(uint32_t from, uint64_t n, double q) const;

  const RankedDurations& ranked_;
  PlaceBits bits_;
  uint64_t n_ = 0;
  double sum_ = 0;
};

template <class Value>
double PlaceBits::percentile(uint32_t from, uint64_t n, double q, Value value) const {
  const double pos = q * static_cast<double>(n - 1);
  const uint64_t lo = static_cast<uint64_t>(std::floor(pos));
  const uint64_t hi = std::min(lo + 1, n - 1);
  const double low = value(nth(from, lo));
  const double high = hi == lo ? low : value(nth(from, hi));
  return low + (high - low) * (pos - static_cast<double>(lo));
}

}  // namespace hk
