// Duration aggregates (kpi-definitions G4): median (primary), mean, p90 and n, with percentiles by linear interpolation
// between closest ranks (PERCENTILE.INC). An empty population has n = 0 and null statistics, never 0.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

namespace hk {

struct Summary {
  uint64_t n = 0;
  std::optional<double> median, mean, p90;
};

// PERCENTILE.INC over sorted values; q in [0, 1].
double percentile_inc(const std::vector<double>& sorted, double q);
// Summarises `values`; may reorder them (small populations are partially sorted in place), never changes them.
Summary summarize(std::vector<double>& values);

// Summary::median alone (the same bits), for callers that need no mean or p90. `values` must not be empty.
double median_of(std::vector<double>& values);

struct Rate {
  uint64_t numerator = 0, denominator = 0;
  std::optional<double> rate() const {
    if (denominator == 0) return std::nullopt;
    return static_cast<double>(numerator) / static_cast<double>(denominator);
  }
};

}  // namespace hk
