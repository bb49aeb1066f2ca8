// Duration summaries (kpi-definitions G4) are computed by selection, not by sorting (src/kpi/summary.cpp). Checked
// against the definition itself, PERCENTILE.INC over the sorted values, on many random populations: bit-identical.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
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
      EXPECT_EQ(hk::median_of(values), hk::percentile_inc(sorted, 0.5)) << "n=" << n;
      std::sort(values.begin(), values.end());
      EXPECT_EQ(values, sorted);  // reordered, never changed
    }
  }
}

// From 65,536 values on, percentiles come from a histogram of the values' top bits and selection within the buckets
// that hold the wanted ranks. Populations that stress it: durations spread wide, a few distinct values (whole buckets
// of ties), everything in one bucket, negative and mixed-sign values, and sizes around the switch-over.
TEST(Summary, LargePopulationsGiveExactlyThePercentilesOfTheSortedValues) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> durations(8.0, 2.0);
  const size_t sizes[] = {4097, 65535, 65536, 65537, 250001};
  for (size_t n : sizes) {
    for (int shape = 0; shape < 6; ++shape) {
      std::vector<double> values(n);
      for (double& v : values) {
        switch (shape) {
          case 0: v = std::floor(durations(rng)); break;                      // seconds, long tail
          case 1: v = static_cast<double>(rng() % 8 + 1); break;              // replies: ties only
          case 2: v = 4096.0 + static_cast<double>(rng() % 256); break;      // one top-16-bit bucket
          case 3: v = -static_cast<double>(rng() % 100000); break;            // negative
          case 4: v = static_cast<double>(static_cast<int64_t>(rng() % 2001) - 1000) * 0.25; break;  // mixed sign
          default: v = 1234.0; break;                                         // all equal
        }
      }
      std::vector<double> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      double sum = 0;  // in the values' order, as the mean is defined
      for (double v : values) sum += v;
      const hk::Summary s = hk::summarize(values);
      ASSERT_EQ(s.n, n);
      EXPECT_EQ(*s.mean, sum / static_cast<double>(n)) << "n=" << n << " shape=" << shape;
      EXPECT_EQ(*s.median, hk::percentile_inc(sorted, 0.5)) << "n=" << n << " shape=" << shape;
      EXPECT_EQ(*s.p90, hk::percentile_inc(sorted, 0.9)) << "n=" << n << " shape=" << shape;
      EXPECT_EQ(hk::median_of(values), hk::percentile_inc(sorted, 0.5)) << "n=" << n << " shape=" << shape;
      std::sort(values.begin(), values.end());
      EXPECT_EQ(values, sorted);
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
