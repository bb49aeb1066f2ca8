// Duration summaries (kpi-definitions G4) are computed by selection, not by sorting (src/kpi/summary.cpp). Checked
// against the definition itself, PERCENTILE.INC over the sorted values, on many random populations: bit-identical.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "kpi/summary.h"

TEST(Summary, SelectionGivesExactlyThePercentilesOfTheSortedValues) {
  std::mt19937_64 rng(42);
  for (size_t n = 1; n <= 200; ++n) {
    for (int trial = 0; trial < 5; ++trial) {
      std::vector<double> values(n);
      // Few distinct values in some trials (ties), wide ranges in others.
      const int64_t range = trial % 2 ? 5 : 1000000;
      for (double& v : values) v = static_cast<double>(static_cast<int64_t>(rng() % range));
      std::vector<double> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      double sum = 0;
      for (double v : sorted) sum += v;
      const hk::Summary s = hk::summarize(values);
      ASSERT_EQ(s.n, n);
      EXPECT_EQ(*s.median, hk::percentile_inc(sorted, 0.5)) << "n=" << n;
      EXPECT_EQ(*s.p90, hk::percentile_inc(sorted, 0.9)) << "n=" << n;
      EXPECT_EQ(*s.mean, sum / static_cast<double>(n)) << "n=" << n;
      std::sort(values.begin(), values.end());
      EXPECT_EQ(values, sorted);  // reordered, never changed
    }
  }
}

TEST(Summary, HandComputedSmallPopulations) {
  std::vector<double> one = {7};
  EXPECT_EQ(*hk::summarize(one).p90, 7);
  std::vector<double> two = {10, 0};  // median 5; p90 at position 0.9: 0 + 10 × 0.9
  const hk::Summary s2 = hk::summarize(two);
  EXPECT_EQ(*s2.median, 5);
  EXPECT_DOUBLE_EQ(*s2.p90, 9);
  std::vector<double> empty;
  const hk::Summary s0 = hk::summarize(empty);
  EXPECT_EQ(s0.n, 0u);
  EXPECT_FALSE(s0.median.has_value());
}
