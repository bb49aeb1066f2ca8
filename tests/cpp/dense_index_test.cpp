// DenseIndex (src/kpi/dense_index.h) numbers keys in order of first sight, checked against std::map over many keys
// (so through several table growths), including the automation pseudo-agent and keys built from two ids.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "kpi/dense_index.h"
#include "kpi/ticket_facts.h"

TEST(DenseIndex, NumbersKeysInOrderOfFirstSightThroughGrowth) {
  hk::DenseIndex index;
  std::map<uint64_t, uint32_t> expected;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20000; ++i) {
    // Interned ids are small and dense; combined (tag << 32 | agent) keys and the pseudo-agent are large.
    uint64_t key = rng() % 3 == 0 ? (rng() % 50) << 32 | (rng() % 40) : rng() % 5000;
    if (i % 997 == 0) key = hk::kAutomationAgent;
    const auto it = expected.emplace(key, static_cast<uint32_t>(expected.size())).first;
    ASSERT_EQ(index.number(key), it->second) << "key " << key;
  }
  ASSERT_EQ(index.size(), expected.size());
  for (const auto& [key, n] : expected) EXPECT_EQ(index.key(n), key);
}
