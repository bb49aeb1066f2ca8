// Numbers 64-bit keys 0, 1, 2, … in order of first sight: a small open-addressing table probed linearly, for the
// per-query tables of the KPIs (an agent's row, an agent-within-a-topic cell). A re-query looks a key up for each
// ticket in scope; with std::unordered_map (a node per key) or a vector the size of the string pool (allocated and
// filled on every query) those lookups were a large part of a whole-range re-query at 1M tickets
// (docs/benchmarks.md). Here the table holds only the keys seen — tens to hundreds — and stays in the cache.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hk {

class DenseIndex {
 public:
  DenseIndex() : slots_(16, kEmpty) {}
  // The key's number, adding it (as size()) when new. The lookup is always inlined (it runs per ticket; clang, the wasm
  // build, left it a call), the insertion never.
  [[gnu::always_inline]] uint32_t number(uint64_t key) {
    size_t i = slot_of(key);
    for (;;) {
      const uint32_t n = slots_[i];
      if (n == kEmpty) return add(key, i);
      if (keys_[n] == key) return n;
      i = (i + 1) & (slots_.size() - 1);
    }
  }
  size_t size() const { return keys_.size(); }
  uint64_t key(uint32_t n) const { return keys_[n]; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  size_t slot_of(uint64_t key) const {
    // Fibonacci hashing: keys are interned-string ids, small and dense, so their low bits alone would cluster.
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & (slots_.size() - 1);
  }
  [[gnu::noinline]] uint32_t add(uint64_t key, size_t slot) {
    const uint32_t n = static_cast<uint32_t>(keys_.size());
    keys_.push_back(key);
    slots_[slot] = n;
    if (keys_.size() * 2 > slots_.size()) grow();
    return n;
  }
  void grow() {
    slots_.assign(slots_.size() * 2, kEmpty);
    for (uint32_t n = 0; n < keys_.size(); ++n) {
      size_t i = slot_of(keys_[n]);
      while (slots_[i] != kEmpty) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = n;
    }
  }
  std::vector<uint32_t> slots_;
  std::vector<uint64_t> keys_;
};

}  // namespace hk
