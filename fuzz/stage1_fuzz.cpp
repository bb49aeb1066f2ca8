// libFuzzer target: our stage 1 (src/ingest/simd_stage1.h) against simdjson's own SIMD stage 1 on arbitrary bytes.
// Input: byte 0 is unused (the seeds' header byte); the rest is the text. Checks, beyond ASan/UBSan: both give the same
// error code and, when they got as far as writing it, the same structural index. Only run where simdjson has a SIMD
// kernel and the CPU has SSSE3 (this machine); elsewhere the target checks nothing.
#include <cstdint>
#include <memory>
#include <vector>

#include "fuzz_util.h"
#include "ingest/simd_stage1.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool comparable =
      hk::own_stage1_supported() && simdjson::get_active_implementation()->name() != "fallback";
  if (!comparable || size < 1) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const simdjson::padded_string padded(text);
  const uint8_t* buf = reinterpret_cast<const uint8_t*>(padded.data());

  static std::unique_ptr<simdjson::internal::dom_parser_implementation> theirs;
  static size_t capacity = 0;
  if (!theirs || capacity < text.size()) {
    capacity = std::max<size_t>(text.size(), 1 << 16);
    if (simdjson::get_active_implementation()->create_dom_parser_implementation(capacity, 1024, theirs))
      hk_fuzz::fail("simdjson could not allocate its parser");
  }
  const simdjson::error_code want = theirs->stage1(buf, text.size(), simdjson::stage1_mode::regular);
  std::vector<uint32_t> ours;
  const simdjson::error_code got = hk::own_stage1_index(buf, text.size(), ours);
  if (got != want) hk_fuzz::fail("our stage 1 gives another error code than simdjson's");
  if (want == simdjson::SUCCESS || want == simdjson::UTF8_ERROR) {
    if (ours.size() != theirs->n_structural_indexes) hk_fuzz::fail("our stage 1 finds another number of structurals");
    for (size_t i = 0; i < ours.size(); ++i)
      if (ours[i] != theirs->structural_indexes[i]) hk_fuzz::fail("our stage 1 puts a structural elsewhere");
  }
  return 0;
}
