// Durations ranked at finish (src/kpi/ranked.h): a query's percentiles read off a bit per kept ticket must be the
// figures summarize() and median_of() give over the same values added in the same order — checked bit for bit against
// PERCENTILE.INC over the sorted kept values, on random columns and random selections.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "kpi/ranked.h"
#include "time/timestamp.h"

namespace {

// A column of n tickets: some without a value (kNoTime), the rest drawn from one of a few shapes.
std::vector<int64_t> random_column(std::mt19937_64& rng, size_t n, int shape) {
  std::vector<int64_t> v(n);
  for (int64_t& x : v) {
    if (rng() % 5 == 0) x = hk::kNoTime;
    else if (shape == 0) x = static_cast<int64_t>(rng() % 1000000);           // durations spread wide
    else if (shape == 1) x = static_cast<int64_t>(rng() % 4);                 // many ties
    else if (shape == 2) x = static_cast<int64_t>(rng() % 2000) - 1000;       // negative values (sorted, not radix)
    else x = static_cast<int64_t>(rng() % 3) * (int64_t(1) << 33) + 5;       // beyond 32 bits
  }
  return v;
}

double expected_percentile(std::vector<double> kept, double q) {
  std::sort(kept.begin(), kept.end());
  return hk::percentile_inc(kept, q);
}

}  // namespace

TEST(RankedDurations, KeptTicketsGiveTheSummaryOfTheirValues) {
  std::mt19937_64 rng(11);
  for (size_t n : {1u, 2u, 3u, 63u, 64u, 65u, 200u, 1000u, 70000u}) {
    for (int shape = 0; shape < 4; ++shape) {
      const std::vector<int64_t> column = random_column(rng, n, shape);
      hk::RankedDurations ranked;
      ranked.build(column);
      for (int trial = 0; trial < 3; ++trial) {
        hk::RankedPopulation kept(ranked);
        std::vector<double> values;  // what a KPI used to gather, in the same order
        for (uint32_t t = 0; t < n; ++t)
          if (column[t] != hk::kNoTime && rng() % 3 != 0) {
            kept.add(t, column[t]);
            values.push_back(static_cast<double>(column[t]));
          }
        const hk::Summary got = kept.summary();
        std::vector<double> copy = values;
        const hk::Summary want = hk::summarize(copy);
        ASSERT_EQ(got.n, values.size());
        if (values.empty()) {
          EXPECT_FALSE(got.median || got.mean || got.p90);
          continue;
        }
        EXPECT_EQ(*got.median, *want.median) << "n=" << n << " shape=" << shape;
        EXPECT_EQ(*got.p90, *want.p90) << "n=" << n << " shape=" << shape;
        EXPECT_EQ(*got.mean, *want.mean) << "n=" << n << " shape=" << shape;
        EXPECT_EQ(*got.median, expected_percentile(values, 0.5));
        EXPECT_EQ(*got.p90, expected_percentile(values, 0.9));
      }
    }
  }
}

// Grouped (first response per agent): each group's count and median are those of its own kept tickets; tickets in no
// group are never ranked.
TEST(RankedDurations, EachGroupGivesTheMedianOfItsKeptTickets) {
  std::mt19937_64 rng(12);
  for (size_t n : {5u, 300u, 20000u}) {
    for (int shape = 0; shape < 4; ++shape) {
      const uint32_t groups = 1 + static_cast<uint32_t>(rng() % 40);
      const std::vector<int64_t> column = random_column(rng, n, shape);
      std::vector<uint32_t> group(n);
      for (uint32_t& g : group) g = rng() % 7 == 0 ? hk::RankedDurations::kNoPlace : static_cast<uint32_t>(rng() % groups);
      hk::RankedDurations ranked;
      ranked.build(column, &group, groups);
      for (uint32_t t = 0; t < n; ++t)
        EXPECT_EQ(ranked.place[t] == hk::RankedDurations::kNoPlace,
                  column[t] == hk::kNoTime || group[t] == hk::RankedDurations::kNoPlace);
      hk::RankedPopulation kept(ranked);
      std::vector<std::vector<double>> values(groups);
      for (uint32_t t = 0; t < n; ++t)
        if (ranked.place[t] != hk::RankedDurations::kNoPlace && rng() % 2) {
          kept.add(t, column[t]);
          values[group[t]].push_back(static_cast<double>(column[t]));
        }
      for (uint32_t g = 0; g < groups; ++g) {
        ASSERT_EQ(kept.count(g), values[g].size()) << "group " << g;
        if (values[g].empty()) continue;
        std::vector<double> copy = values[g];
        EXPECT_EQ(kept.median(g), hk::median_of(copy)) << "group " << g << " n=" << n << " shape=" << shape;
        EXPECT_EQ(kept.median(g), expected_percentile(values[g], 0.5));
      }
    }
  }
}
