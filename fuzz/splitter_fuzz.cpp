// libFuzzer target: the streaming structural splitter (src/ingest/json_splitter.cpp) on arbitrary bytes.
// Input: byte 0 picks the chunking and the record size limit; the rest is the file. Checks, beyond ASan/UBSan:
//   * every record span is readable up to its stated capacity (size + padding), and
//   * any chunking yields exactly the records, offsets, lines and error of feeding the file whole.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "ingest/json_splitter.h"

namespace {

struct Outcome {
  std::vector<std::string> records;  // key, offset, line, index, size and bytes, one string per record
  bool ok = true;
  uint64_t error_offset = 0, error_line = 0, non_object = 0;
  std::string error;
};

constexpr size_t kPadding = 64;

void on_record(const hk::RecordSpan& s, Outcome& out) {
  std::string r = std::string(s.list_key) + "|" + std::to_string(s.offset) + "|" + std::to_string(s.line) + "|" +
                  std::to_string(s.index) + "|" + std::to_string(s.size) + "|";
  if (s.data) {
    if (s.capacity < s.size + kPadding) hk_fuzz::fail("record capacity below size + padding");
    volatile char sink = 0;
    for (size_t i = 0; i < s.capacity; ++i) sink = sink ^ s.data[i];  // ASan: the whole capacity must be readable
    r.append(s.data, s.size);
  } else {
    r += "<oversized>";
  }
  out.records.push_back(std::move(r));
}

Outcome run(std::string_view file, size_t max_record, int seed) {
  hk::JsonSplitter splitter(max_record, kPadding);
  Outcome out;
  auto cb = [&](const hk::RecordSpan& s) { on_record(s, out); };
  if (seed < 0) {
    std::vector<char> whole(file.begin(), file.end());
    out.ok = splitter.feed(whole.data(), whole.size(), cb);
  } else {
    hk_fuzz::feed_in_chunks(file, static_cast<uint8_t>(seed), [&](const char* p, size_t n) {
      if (out.ok) out.ok = splitter.feed(p, n, cb);
    });
  }
  if (out.ok) out.ok = splitter.finish();
  out.error = splitter.error().message;
  out.error_offset = splitter.error().offset;
  out.error_line = splitter.error().line;
  out.non_object = splitter.non_object_elements();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t seed = data[0];
  const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t max_record = (seed & 1) ? 256 : size_t(1) << 20;
  const Outcome whole = run(file, max_record, -1);
  const Outcome chunked = run(file, max_record, seed);
  if (whole.ok != chunked.ok) hk_fuzz::fail("success depends on the chunking");
  if (whole.records != chunked.records) hk_fuzz::fail("records depend on the chunking");
  if (whole.error != chunked.error || whole.error_offset != chunked.error_offset || whole.error_line != chunked.error_line)
    hk_fuzz::fail("the error depends on the chunking");
  if (whole.non_object != chunked.non_object) hk_fuzz::fail("non-object count depends on the chunking");
  return 0;
}
