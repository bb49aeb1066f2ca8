// Shared by the libFuzzer targets: deterministic chunkings drawn from a seed byte, and copying each chunk into a buffer
// of exactly its size so AddressSanitizer catches any read past the bytes the engine was given.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <string_view>
#include <vector>

namespace hk_fuzz {

// Chunk sizes from 1 byte to 64 KiB, varying chunk to chunk, reproducible from `seed`.
class Chunker {
 public:
  explicit Chunker(uint8_t seed) : state_(seed * 2654435761u + 1) {}
  size_t next(size_t remaining) {
    state_ = state_ * 1103515245u + 12345u;
    static const size_t kSizes[] = {1, 2, 3, 7, 16, 63, 64, 65, 200, 4096, 65536};
    const size_t n = kSizes[(state_ >> 16) % (sizeof kSizes / sizeof kSizes[0])];
    return n < remaining ? n : remaining;
  }

 private:
  uint32_t state_;
};

// Calls feed(ptr, n) for consecutive chunks of `bytes`, each from its own exactly-sized heap buffer.
template <class Feed>
void feed_in_chunks(std::string_view bytes, uint8_t seed, Feed&& feed) {
  Chunker chunker(seed);
  std::vector<char> buf;
  for (size_t at = 0; at < bytes.size();) {
    const size_t n = chunker.next(bytes.size() - at);
    buf.assign(bytes.data() + at, bytes.data() + at + n);
    buf.shrink_to_fit();
    feed(buf.data(), n);
    at += n;
  }
}

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

// For a determinism failure: shows where two outputs part (stderr), then aborts.
[[noreturn]] inline void fail_diff(const char* what, std::string_view a, std::string_view b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const size_t from = i > 200 ? i - 200 : 0;
  std::fprintf(stderr, "first difference at byte %zu:\n  %.*s\n  %.*s\n", i, static_cast<int>(std::min<size_t>(a.size() - from, 400)),
               a.data() + from, static_cast<int>(std::min<size_t>(b.size() - from, 400)), b.data() + from);
  fail(what);
}

}  // namespace hk_fuzz
