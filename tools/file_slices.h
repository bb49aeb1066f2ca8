// Reads a file as consecutive slices of at most `chunk` bytes, for the native drivers (tools/hk_native.cpp,
// bench/native/hk_bench.cpp).
//
// A regular file is mapped, not read: reading a 100 MB export with read() spent 11-21 % of a native run in the
// kernel's copy into user space (perf, docs/benchmarks.md). The engine reads each slice once, front to back, and
// copies only what it keeps; it never reads past a slice's end (the splitter copies a record that ends too close to
// it), so the mapping needs no padding. Anything that cannot be mapped (a pipe, /dev/stdin) is read in chunks.
#pragma once
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace hk_tools {

// Calls on_slice(data, size) for each slice in order. False when the file cannot be opened or read.
template <typename OnSlice>
bool for_each_slice(const std::string& path, size_t chunk, OnSlice&& on_slice) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const size_t size = static_cast<size_t>(st.st_size);
    void* map = size ? mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : nullptr;
    if (size == 0 || map != MAP_FAILED) {
      if (size) madvise(map, size, MADV_SEQUENTIAL);
      const char* data = static_cast<const char*>(map);
      for (size_t at = 0; at < size; at += chunk) on_slice(data + at, std::min(chunk, size - at));
      if (size) munmap(map, size);
      close(fd);
      return true;
    }
  }
  std::vector<char> buf(chunk);
  for (;;) {
    const ssize_t n = read(fd, buf.data(), buf.size());
    if (n < 0) {
      close(fd);
      return false;
    }
    if (n == 0) break;
    on_slice(buf.data(), static_cast<size_t>(n));
  }
  close(fd);
  return true;
}

}  // namespace hk_tools
