// StringPool hands out ids in order of first appearance, whatever its table does inside (it grows by doubling and
// places slots by their hash tags). Checked against a plain map over enough strings for many doublings, with repeats
// interleaved, strings that share their first bytes, long strings and embedded zero bytes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/string_pool.h"

namespace hk {
namespace {

std::string text_of(uint32_t n, std::mt19937& rng) {
  switch (n % 5) {
    case 0: return std::to_string(n);                                  // ids
    case 1: return "user" + std::to_string(n) + "@example.com";        // shared prefix
    case 2: return std::string(1 + rng() % 300, char('a' + n % 26)) + std::to_string(n);  // long
    case 3: return std::string("with\0zero", 9) + std::to_string(n);  // embedded zero byte
    default: return "件名 " + std::to_string(n);                      // UTF-8
  }
}

TEST(StringPool, IdsFollowFirstAppearanceAcrossEveryDoubling) {
  std::mt19937 rng(7);
  StringPool pool;
  std::unordered_map<std::string, uint32_t> oracle;  // the id each text must have: 1, 2, … in order of first appearance
  std::vector<std::string> seen;
  for (uint32_t step = 0; step < 200000; ++step) {
    // Mostly new strings, with repeats of earlier ones interleaved (as exports repeat statuses, agents and tags).
    std::string s = (!seen.empty() && rng() % 3 == 0) ? seen[rng() % seen.size()] : text_of(step, rng);
    auto [it, fresh] = oracle.emplace(s, static_cast<uint32_t>(oracle.size() + 1));
    if (fresh) seen.push_back(s);
    ASSERT_EQ(pool.intern(s), it->second) << "step " << step;
  }
  EXPECT_EQ(pool.size(), oracle.size() + 1);  // and id 0, the empty string
  for (const auto& [text, id] : oracle) {
    ASSERT_EQ(pool.find(text), id);
    ASSERT_EQ(pool.get(id), text);
  }
}

TEST(StringPool, FindNeverAddsAndTheEmptyStringIsIdZero) {
  StringPool pool;
  EXPECT_EQ(pool.intern(""), kNoString);
  EXPECT_EQ(pool.find("absent"), kNoString);
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.intern("a"), 1u);
  EXPECT_EQ(pool.intern("b"), 2u);
  EXPECT_EQ(pool.intern("a"), 1u);
  EXPECT_EQ(pool.find("b"), 2u);
  EXPECT_EQ(pool.find("c"), kNoString);
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool.get(99), "");
}

}  // namespace
}  // namespace hk
