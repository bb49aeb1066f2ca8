// Our own stage 1 for simdjson On-Demand: the structural index of a record, 64 bytes at a time with 128-bit SIMD.
//
// simdjson has no wasm SIMD kernel: in wasm it runs its scalar "fallback" kernel, byte by byte, and that stage 1 was a
// third of ingest there (docs/benchmarks.md, toolchain-notes pitfall 6). Natively simdjson picks a SIMD kernel at run
// time and ours is not used. The index is the one simdjson's SIMD kernels compute (same positions, same error codes in
// the same order), so On-Demand reads a record identically whichever stage 1 ran; tests/cpp/simd_stage1_test.cpp
// compares the two on every input it has.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ingest/simdjson_config.h"

namespace hk {

// Whether this build and CPU can run our stage 1 (wasm SIMD; SSSE3 natively).
bool own_stage1_supported();
// Whether simdjson's own stage 1 would run its scalar kernel here (then ours is faster).
bool simdjson_stage1_is_scalar();
// Makes `parser` run our stage 1 from now on (it allocates the parser). False, and nothing changed, when unsupported.
bool use_own_stage1(simdjson::ondemand::parser& parser);

// For tests: our stage 1 over buf[0, len) (readable up to len + SIMDJSON_PADDING): the structural positions, and the
// error code simdjson's stage 1 would return.
simdjson::error_code own_stage1_index(const uint8_t* buf, size_t len, std::vector<uint32_t>& positions);

}  // namespace hk
