#include "kpi/summary.h"

#include <algorithm>
#include <cmath>

namespace hk {

double percentile_inc(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

namespace {

// The value at PERCENTILE.INC position q of `values`, found by selection instead of a full sort (re-queries summarise
// hundreds of thousands of durations; sorting them was 16% of a re-query, docs/benchmarks.md). `values[from..]` must
// hold exactly the values ranked from `from` up (true for the whole vector, and after a selection at rank r for the
// part above r). Leaves the rank-`lo` value at values[lo] and every larger-ranked value after it. Same arithmetic as
// percentile_inc, so the result is bit-identical to sorting first.
double select_percentile(std::vector<double>& values, double q, size_t from, size_t& lo) {
  const size_t n = values.size();
  const double pos = q * static_cast<double>(n - 1);
  lo = static_cast<size_t>(std::floor(pos));
  // lo < from: the rank-lo value is the one an earlier selection already put in place.
  if (lo >= from)
    std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from), values.begin() + static_cast<std::ptrdiff_t>(lo),
                     values.end());
  const double low = values[lo];
  const double high = lo + 1 < n ? *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo + 1), values.end()) : low;
  return low + (high - low) * (pos - static_cast<double>(lo));
}

}  // namespace

Summary summarize(std::vector<double>& values) {
  Summary s;
  s.n = values.size();
  if (values.empty()) return s;
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  size_t median_rank = 0, p90_rank = 0;
  s.median = select_percentile(values, 0.5, 0, median_rank);
  // The 90th percentile ranks at or above the median: select it among the values above the median's rank.
  s.p90 = select_percentile(values, 0.9, median_rank + 1, p90_rank);
  return s;
}

}  // namespace hk
