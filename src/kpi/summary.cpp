#include "kpi/summary.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hk {

double percentile_inc(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

namespace {

// The value at PERCENTILE.INC position q of `values`, found by selection instead of a full sort. `values[from..]` must
// hold exactly the values ranked from `from` up (true for the whole vector, and after a selection at rank r for the
// part above r). Leaves the rank-`lo` value at values[lo] and every larger-ranked value after it. Same arithmetic as
// percentile_inc, so the result is bit-identical to sorting first. Used for small populations.
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

// Below this many values, selection on the vector itself is cheaper than a 64K-bucket histogram: clearing its 320 KB
// of tables costs about what selection among 64K values does (the consistency table summarises hundreds of
// populations of a few thousand values per query).
constexpr size_t kRadixMin = size_t(1) << 16;
constexpr int kRadixBits = 16;

// A key with the order of the doubles (sign flipped for positives, all bits for negatives), so that a histogram of its
// top bits puts values in ascending buckets. Durations hold no NaN.
uint64_t order_key(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits >> 63 ? ~bits : bits | (uint64_t(1) << 63);
}

// PERCENTILE.INC at each of the ascending `qs` (at most two) of a large population, with percentile_inc's arithmetic,
// so bit-identical to sorting first, and the values' sum (in their order, as a loop of its own would add them) —
// without sorting or moving the values. One pass counts them per bucket of the key's top 16 bits and sums them; that
// tells the bucket of each wanted rank and its rank within the bucket. A second pass copies out the values of those
// buckets only (durations spread over thousands of buckets, so usually a few percent of them), and selection within
// each copy gives the exact values. At 1M durations this is a few milliseconds where nth_element over the whole
// vector was over ten, and a re-query summarises about ten such populations (docs/benchmarks.md).
void radix_percentiles(const std::vector<double>& values, const double* qs, size_t m, double* out, double& sum) {
  const size_t n = values.size();
  // Each quantile needs the values at two ranks, lo and lo + 1 (the last rank at the top).
  size_t ranks[4];
  double pos[2];
  for (size_t j = 0; j < m; ++j) {
    pos[j] = qs[j] * static_cast<double>(n - 1);
    ranks[2 * j] = static_cast<size_t>(std::floor(pos[j]));
    ranks[2 * j + 1] = std::min(ranks[2 * j] + 1, n - 1);
  }
  const size_t k = 2 * m;
  std::vector<uint32_t> count(size_t(1) << kRadixBits, 0);
  double total = 0;
  for (double v : values) {
    total += v;
    ++count[order_key(v) >> (64 - kRadixBits)];
  }
  sum = total;
  uint32_t bucket_of[4], offset_of[4];
  size_t below = 0, r = 0;
  for (uint32_t b = 0; b < count.size() && r < k; ++b) {
    while (r < k && ranks[r] < below + count[b]) {
      bucket_of[r] = b;
      offset_of[r] = static_cast<uint32_t>(ranks[r] - below);
      ++r;
    }
    below += count[b];
  }
  // Distinct wanted buckets, each with its own copy.
  std::vector<uint8_t> slot(count.size(), UINT8_MAX);
  std::vector<double> copies[4];
  uint64_t lowest[4], highest[4];
  uint8_t slots = 0;
  for (size_t i = 0; i < k; ++i)
    if (slot[bucket_of[i]] == UINT8_MAX) {
      copies[slots].reserve(count[bucket_of[i]]);
      lowest[slots] = UINT64_MAX;
      highest[slots] = 0;
      slot[bucket_of[i]] = slots++;
    }
  for (double v : values) {
    const uint64_t key = order_key(v);
    const uint8_t s = slot[key >> (64 - kRadixBits)];
    if (s == UINT8_MAX) continue;
    copies[s].push_back(v);
    lowest[s] = std::min(lowest[s], key);
    highest[s] = std::max(highest[s], key);
  }
  double at[4];
  for (size_t i = 0; i < k; ++i) {
    const uint8_t s = slot[bucket_of[i]];
    std::vector<double>& c = copies[s];
    // A bucket of one value (small integers such as reply counts fill whole buckets) needs no selection.
    if (lowest[s] != highest[s]) std::nth_element(c.begin(), c.begin() + offset_of[i], c.end());
    at[i] = c[offset_of[i]];
  }
  for (size_t j = 0; j < m; ++j)
    out[j] = at[2 * j] + (at[2 * j + 1] - at[2 * j]) * (pos[j] - static_cast<double>(ranks[2 * j]));
}

}  // namespace

double median_of(std::vector<double>& values) {
  if (values.size() >= kRadixMin) {
    const double q = 0.5;
    double median = 0, sum = 0;
    radix_percentiles(values, &q, 1, &median, sum);
    return median;
  }
  size_t rank = 0;
  return select_percentile(values, 0.5, 0, rank);
}

Summary summarize(std::vector<double>& values) {
  Summary s;
  s.n = values.size();
  if (values.empty()) return s;
  if (values.size() >= kRadixMin) {
    const double qs[2] = {0.5, 0.9};
    double at[2], sum = 0;
    radix_percentiles(values, qs, 2, at, sum);
    s.mean = sum / static_cast<double>(values.size());
    s.median = at[0];
    s.p90 = at[1];
    return s;
  }
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
