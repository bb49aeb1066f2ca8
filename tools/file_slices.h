// Reads a file as consecutive slices of at most `chunk` bytes, for the native drivers (tools/hk_native.cpp,
// bench/native/hk_bench.cpp).
//
// A regular file is mapped, not read: reading a 100 MB export with read() spent 11-21 % of a native run in the
// kernel's copy into user space (perf, docs/benchmarks.md). The engine reads each slice once, front to back, and
// copies what it keeps before feed() returns; it never reads past a slice's end (the splitter copies a record that
// ends too close to it), so a mapping needs no padding. Anything that cannot be mapped (a pipe, /dev/stdin) is read
// in chunks.
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

// The file behind `fd` read in chunks (a pipe, or a file that cannot be mapped). False on a read error.
template <typename OnSlice>
bool read_slices(int fd, size_t chunk, OnSlice& on_slice) {
  std::vector<char> buf(chunk);
  for (;;) {
    const ssize_t n = read(fd, buf.data(), buf.size());
    if (n <= 0) return n == 0;
    on_slice(buf.data(), static_cast<size_t>(n));
  }
}

// Calls on_slice(data, size) for each slice in order. False when the file cannot be opened or read.
template <typename OnSlice>
bool for_each_slice(const std::string& path, size_t chunk, OnSlice&& on_slice) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  struct stat st;
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  bool ok = true, read_instead = true;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && chunk % page == 0) {
    // One mapping per slice, dropped once the engine has it: the whole file mapped at once would count in the
    // process's resident memory (the benchmark's peak memory) for its whole size.
    read_instead = false;
    const size_t size = static_cast<size_t>(st.st_size);
    for (size_t at = 0; at < size; at += chunk) {
      const size_t n = std::min(chunk, size - at);
      void* map = mmap(nullptr, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, static_cast<off_t>(at));
      if (map == MAP_FAILED) {
        if (at == 0) read_instead = true;  // this file cannot be mapped: read it
        else ok = false;                   // the slices before were fed already
        break;
      }
      on_slice(static_cast<const char*>(map), n);
      munmap(map, n);
    }
  }
  if (read_instead) ok = read_slices(fd, chunk, on_slice);
  close(fd);
  return ok;
}

}  // namespace hk_tools
