// Interned strings: every repeated text (ids, channels, tags, names) is stored once and referred to by a 32-bit id.
//
// Interning runs several times per ingested record, so it is built for that: the bytes live in an arena of large blocks
// (one allocation per 64 KiB, never moved, so views stay valid), and the index is an open-addressing table of
// (id, hash tag) pairs probed linearly — no node per string, no std::string per string. Ids are handed out in order of
// first appearance (0 is the empty string), exactly as before: nothing observable depends on the table's layout.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace hk {

constexpr uint32_t kNoString = 0;  // id 0 is the empty string / "none"

class StringPool {
 public:
  StringPool() {
    views_.emplace_back();  // id 0: ""
    slots_.assign(kInitialSlots, Slot{});
  }
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  uint32_t intern(std::string_view s) {
    if (s.empty()) return kNoString;
    const uint32_t tag = tag_of(s);
    size_t i = home(tag);
    for (;;) {
      const Slot slot = slots_[i];
      if (slot.id == 0) return insert(s, tag, i);
      if (slot.tag == tag && equal(views_[slot.id], s)) return slot.id;
      i = (i + 1) & (slots_.size() - 1);
    }
  }
  // Returns kNoString when s was never interned (lookups must not grow the pool).
  uint32_t find(std::string_view s) const {
    if (s.empty()) return kNoString;
    const uint32_t tag = tag_of(s);
    size_t i = home(tag);
    for (;;) {
      const Slot slot = slots_[i];
      if (slot.id == 0) return kNoString;
      if (slot.tag == tag && equal(views_[slot.id], s)) return slot.id;
      i = (i + 1) & (slots_.size() - 1);
    }
  }
  std::string_view get(uint32_t id) const { return id < views_.size() ? views_[id] : std::string_view(); }
  size_t size() const { return views_.size(); }
  // Bytes held (arena blocks and index), for the engine's memory ceiling.
  size_t memory_bytes() const {
    return block_bytes_ + views_.capacity() * sizeof(std::string_view) + slots_.capacity() * sizeof(Slot) +
           blocks_.capacity() * sizeof(blocks_[0]);
  }

 private:
  struct Slot {
    uint32_t id = 0;   // 0: empty (the empty string is never in the table)
    uint32_t tag = 0;  // 32 bits of the string's hash: skips most string compares, and gives the slot's place
  };
  static constexpr size_t kInitialSlots = 1024;   // a power of two
  static constexpr int kInitialShift = 32 - 10;   // 32 - log2(kInitialSlots)

  static uint32_t tag_of(std::string_view s) { return static_cast<uint32_t>(hash(s) >> 32); }
  // A slot's first place, from its tag alone (Fibonacci hashing: the top bits of tag × 2^32/φ), so that growing the
  // table moves slots without reading their strings again: at a million tickets that was a cache miss or two per
  // string per doubling, on top of the lookups themselves.
  size_t home(uint32_t tag) const { return static_cast<size_t>((tag * 0x9E3779B1u) >> shift_); }
  static constexpr size_t kBlockBytes = 64 << 10;  // arena block; longer strings get a block of their own

  // a == b, 8 bytes at a time: a `string_view ==` is a memcmp call in wasm, and a hit compares every time.
  static bool equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    size_t n = a.size();
    for (; n >= 8; p += 8, q += 8, n -= 8) {
      uint64_t x, y;
      std::memcpy(&x, p, 8);
      std::memcpy(&y, q, 8);
      if (x != y) return false;
    }
    for (; n; ++p, ++q, --n)
      if (*p != *q) return false;
    return true;
  }

  static uint64_t hash(std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xFF51AFD7ED558CCDULL);
    while (n >= 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      h = (h ^ v) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 29;
      p += 8;
      n -= 8;
    }
    uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * 0x94D049BB133111EBULL;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
  }

  uint32_t insert(std::string_view s, uint32_t tag, size_t slot) {
    const uint32_t id = static_cast<uint32_t>(views_.size());
    views_.push_back(store(s));
    slots_[slot] = Slot{id, tag};
    if (views_.size() * 2 > slots_.size()) grow();  // load factor <= 1/2
    return id;
  }

  std::string_view store(std::string_view s) {
    if (s.size() > left_) {
      const size_t size = s.size() > kBlockBytes / 4 ? s.size() : kBlockBytes;
      blocks_.emplace_back(new char[size]);
      block_bytes_ += size;
      char* block = blocks_.back().get();
      if (size != kBlockBytes) {  // a long string: its own block; the current block keeps filling
        std::memcpy(block, s.data(), s.size());
        return std::string_view(block, s.size());
      }
      next_ = block;
      left_ = size;
    }
    char* at = next_;
    std::memcpy(at, s.data(), s.size());
    next_ += s.size();
    left_ -= s.size();
    return std::string_view(at, s.size());
  }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    --shift_;
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.id == 0) continue;
      size_t i = home(slot.tag);
      while (slots_[i].id != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<std::string_view> views_;  // by id
  std::vector<Slot> slots_;              // open addressing, size a power of two
  int shift_ = kInitialShift;            // 32 - log2(slots_.size())
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t block_bytes_ = 0;
};

}  // namespace hk
