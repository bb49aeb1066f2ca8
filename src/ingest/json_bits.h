// Bit tricks over 64-byte blocks of JSON (bit i = byte i), shared by the splitter and our stage 1.
#pragma once
#include <cstdint>

namespace hk {

// Bits of the bytes escaped by a backslash (simdjson's branchless scheme: runs of backslashes escape alternately);
// `carry` in: the block's first byte is escaped; out: the next block's is.
inline uint64_t escaped_bits(uint64_t backslash, uint64_t& carry) {
  backslash &= ~carry;
  const uint64_t follows_escape = backslash << 1 | carry;
  const uint64_t even = 0x5555555555555555ULL;
  const uint64_t odd_starts = backslash & ~even & ~follows_escape;
  uint64_t even_starts;
  carry = __builtin_add_overflow(odd_starts, backslash, &even_starts) ? 1 : 0;
  return (even ^ (even_starts << 1)) & follows_escape;
}

// Applied to the unescaped quotes: bit i set when byte i lies inside a string (its opening quote included, its
// closing quote not). Shifts instead of a carry-less multiply, which wasm does not have.
inline uint64_t prefix_xor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

}  // namespace hk
