// Our stage 1 (see the header). The scheme is simdjson's own (its "generic" stage 1): per 64-byte block, bit masks of
// whitespace, operators, quotes and backslashes; strings from the prefix XOR of the unescaped quotes; structurals are
// the operators and the first byte of every scalar outside strings. UTF-8 is checked with simdjson's lookup scheme
// (Keiser & Lemire, "Validating UTF-8 in less than one instruction per byte"), and only in blocks that hold a byte
// above 0x7F. Written with SSSE3 intrinsics: Emscripten maps them onto wasm SIMD (i8x16 compares, swizzle, bitmask).
#include "ingest/simd_stage1.h"

#include <cstring>
#include <memory>
#include <new>

#include "ingest/json_bits.h"

#if defined(__wasm_simd128__) || ((defined(__x86_64__) || defined(__i386__)) && !defined(__wasm__))
#define HK_OWN_STAGE1 1
#include <tmmintrin.h>
#if defined(__wasm__)
#define HK_SSSE3
#else
// Natively the engine is built for the x86-64 baseline (SSE2): only these functions use SSSE3, and only once
// own_stage1_supported() has seen the CPU has it (tests run ours natively; the engine uses simdjson's kernels there).
#define HK_SSSE3 __attribute__((target("ssse3")))
#endif
#endif

namespace hk {

using simdjson::error_code;

#if defined(HK_OWN_STAGE1)
namespace {

HK_SSSE3 inline uint64_t mask16(__m128i v, int chunk) {
  return uint64_t(static_cast<uint32_t>(_mm_movemask_epi8(v))) << (16 * chunk);
}

// simdjson's UTF-8 check, 16 bytes at a time: each byte is checked against the one, two and three before it.
struct Utf8Checker {
  __m128i error = _mm_setzero_si128();
  __m128i prev_input = _mm_setzero_si128();
  __m128i prev_incomplete = _mm_setzero_si128();  // the previous block ends inside a multi-byte character

  static HK_SSSE3 inline __m128i high_nibbles(__m128i v) {
    return _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F));
  }

  HK_SSSE3 inline void check16(__m128i input, __m128i prev) {
    // Errors a byte and the byte before it can show, as bits; a pair is wrong when all three lookups agree on a bit.
    constexpr uint8_t kTooShort = 1 << 0;   // 11______ 0_______ or 11______ 11______
    constexpr uint8_t kTooLong = 1 << 1;    // 0_______ 10______
    constexpr uint8_t kOverlong3 = 1 << 2;  // 11100000 100_____
    constexpr uint8_t kTooLarge = 1 << 3;   // 11110100 1001____, 11110100 101_____, 11110101+ 10______
    constexpr uint8_t kSurrogate = 1 << 4;  // 11101101 101_____
    constexpr uint8_t kOverlong2 = 1 << 5;  // 1100000_ 10______
    constexpr uint8_t kTooLarge1000 = 1 << 6;  // 11110101+ 1000____
    constexpr uint8_t kOverlong4 = 1 << 6;     // 11110000 1000____
    constexpr uint8_t kTwoConts = 1 << 7;      // 10______ 10______
    constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;
    const __m128i prev1 = _mm_alignr_epi8(input, prev, 15);
    const __m128i byte_1_high = _mm_shuffle_epi8(
        _mm_setr_epi8(kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, char(kTwoConts),
                      char(kTwoConts), char(kTwoConts), char(kTwoConts), kTooShort | kOverlong2, kTooShort,
                      kTooShort | kOverlong3 | kSurrogate, kTooShort | kTooLarge | kTooLarge1000 | kOverlong4),
        high_nibbles(prev1));
    const __m128i byte_1_low = _mm_shuffle_epi8(
        _mm_setr_epi8(char(kCarry | kOverlong3 | kOverlong2 | kOverlong4), char(kCarry | kOverlong2), char(kCarry),
                      char(kCarry), char(kCarry | kTooLarge), char(kCarry | kTooLarge | kTooLarge1000),
                      char(kCarry | kTooLarge | kTooLarge1000), char(kCarry | kTooLarge | kTooLarge1000),
                      char(kCarry | kTooLarge | kTooLarge1000), char(kCarry | kTooLarge | kTooLarge1000),
                      char(kCarry | kTooLarge | kTooLarge1000), char(kCarry | kTooLarge | kTooLarge1000),
                      char(kCarry | kTooLarge | kTooLarge1000), char(kCarry | kTooLarge | kTooLarge1000 | kSurrogate),
                      char(kCarry | kTooLarge | kTooLarge1000), char(kCarry | kTooLarge | kTooLarge1000)),
        _mm_and_si128(prev1, _mm_set1_epi8(0x0F)));
    constexpr uint8_t kCont1000 = kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4;
    constexpr uint8_t kCont1001 = kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge;
    constexpr uint8_t kCont101 = kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge;
    const __m128i byte_2_high = _mm_shuffle_epi8(
        _mm_setr_epi8(kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
                      char(kCont1000), char(kCont1001), char(kCont101), char(kCont101), kTooShort, kTooShort,
                      kTooShort, kTooShort),
        high_nibbles(input));
    const __m128i special = _mm_and_si128(_mm_and_si128(byte_1_high, byte_1_low), byte_2_high);
    // The third and fourth bytes of 3- and 4-byte characters must be continuations, and nothing else may be.
    const __m128i prev2 = _mm_alignr_epi8(input, prev, 14);
    const __m128i prev3 = _mm_alignr_epi8(input, prev, 13);
    const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(char(0xE0 - 0x80)));   // >= 0x80 only after 111_____
    const __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(char(0xF0 - 0x80)));  // >= 0x80 only after 1111____
    const __m128i must_be_continuation = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(char(0x80)));
    error = _mm_or_si128(error, _mm_xor_si128(must_be_continuation, special));
  }

  HK_SSSE3 inline void check_block(const __m128i (&v)[4], bool ascii) {
    if (ascii) {  // nothing to check, but a character cut off at the end of the previous block is an error
      error = _mm_or_si128(error, prev_incomplete);
      return;
    }
    check16(v[0], prev_input);
    check16(v[1], v[0]);
    check16(v[2], v[1]);
    check16(v[3], v[2]);
    // Lead bytes too close to the end for their character: 111_____ in the last three, 11______ in the last one, …
    prev_incomplete = _mm_subs_epu8(v[3], _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                                        char(0xF0 - 1), char(0xE0 - 1), char(0xC0 - 1)));
    prev_input = v[3];
  }

  HK_SSSE3 inline bool failed() const {
    const __m128i all = _mm_or_si128(error, prev_incomplete);
    return _mm_movemask_epi8(_mm_cmpeq_epi8(all, _mm_setzero_si128())) != 0xFFFF;
  }
};

struct Indexer {
  explicit Indexer(uint32_t* out) : tail(out) {}
  uint32_t* tail;
  uint64_t escape_carry = 0;  // the next block's first byte is escaped
  uint64_t in_string = 0;     // all ones when the previous block ended inside a string
  uint64_t prev_scalar = 0;   // the previous block ended with a scalar's byte (not a quote)
  uint64_t unescaped_in_string = 0;
  Utf8Checker utf8;

  // The positions of the set bits, idx + bit. Writes up to 7 entries past the last (the index has room for them).
  inline void write(uint32_t idx, uint64_t bits) {
    if (!bits) return;
    const int count = __builtin_popcountll(bits);
    for (int i = 0; i < count; i += 8) {
      for (int j = 0; j < 8; ++j) {
        // | bit 63: never zero, so ctz is defined; when bits is 0 the entry is past the last and is overwritten.
        tail[i + j] = idx + uint32_t(__builtin_ctzll(bits | (uint64_t(1) << 63)));
        bits &= bits - 1;
      }
    }
    tail += count;
  }

  HK_SSSE3 inline void block(const uint8_t* p, uint32_t idx) {
    // By low nibble: the whitespace byte with that nibble (fillers that match no byte with that nibble), and the
    // operator with that nibble after | 0x20 ('[' → '{', ']' → '}'). A byte >= 0x80 looks up 0 and matches neither.
    const __m128i whitespace_table = _mm_setr_epi8(' ', 100, 100, 100, 17, 100, 113, 2, 100, '\t', '\n', 112, 100,
                                                   '\r', 100, 100);
    const __m128i op_table = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ':', '{', ',', '}', 0, 0);
    const __m128i quote_byte = _mm_set1_epi8('"'), backslash_byte = _mm_set1_epi8('\\'), lower = _mm_set1_epi8(0x20);
    __m128i v[4];
    uint64_t whitespace = 0, op = 0, quote = 0, backslash = 0;
    for (int i = 0; i < 4; ++i) {
      v[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      whitespace |= mask16(_mm_cmpeq_epi8(v[i], _mm_shuffle_epi8(whitespace_table, v[i])), i);
      op |= mask16(_mm_cmpeq_epi8(_mm_or_si128(v[i], lower), _mm_shuffle_epi8(op_table, v[i])), i);
      quote |= mask16(_mm_cmpeq_epi8(v[i], quote_byte), i);
      backslash |= mask16(_mm_cmpeq_epi8(v[i], backslash_byte), i);
    }
    const uint64_t escaped = escaped_bits(backslash, escape_carry);
    const uint64_t real_quote = quote & ~escaped;
    const uint64_t strings = prefix_xor(real_quote) ^ in_string;  // opening quotes in, closing quotes out
    in_string = uint64_t(int64_t(strings) >> 63);
    const uint64_t scalar = ~(op | whitespace);
    const uint64_t nonquote_scalar = scalar & ~real_quote;
    const uint64_t follows_scalar = nonquote_scalar << 1 | prev_scalar;
    prev_scalar = nonquote_scalar >> 63;
    const uint64_t string_tail = strings ^ real_quote;  // string bytes and closing quotes
    write(idx, (op | (scalar & ~follows_scalar)) & ~string_tail);

    // Bytes 0x00–0x1F must be escaped inside strings; checked only in blocks that hold one.
    const __m128i max_control = _mm_set1_epi8(0x1F);
    __m128i controls[4];
    for (int i = 0; i < 4; ++i) controls[i] = _mm_cmpeq_epi8(_mm_max_epu8(v[i], max_control), max_control);
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(controls[0], controls[1]), _mm_or_si128(controls[2], controls[3])))) {
      uint64_t control = 0;
      for (int i = 0; i < 4; ++i) control |= mask16(controls[i], i);
      unescaped_in_string |= control & strings;
    }
    const __m128i any = _mm_or_si128(_mm_or_si128(v[0], v[1]), _mm_or_si128(v[2], v[3]));
    utf8.check_block(v, _mm_movemask_epi8(any) == 0);
  }
};

HK_SSSE3 error_code index_record(const uint8_t* buf, size_t len, uint32_t* out, uint32_t& count) {
  count = 0;
  if (len == 0) return simdjson::EMPTY;
  Indexer ix(out);
  size_t i = 0;
  for (; i + 64 <= len; i += 64) ix.block(buf + i, uint32_t(i));
  // The last block, padded with spaces as simdjson does (the bytes past the end are not ours to look at).
  alignas(16) uint8_t last[64];
  std::memset(last, ' ', sizeof last);
  std::memcpy(last, buf + i, len - i);
  ix.block(last, uint32_t(i));
  // The checks in simdjson's order.
  if (ix.in_string) return simdjson::UNCLOSED_STRING;
  if (ix.unescaped_in_string) return simdjson::UNESCAPED_CHARS;
  count = uint32_t(ix.tail - out);
  out[count] = uint32_t(len);
  out[count + 1] = uint32_t(len);
  out[count + 2] = 0;
  if (count == 0) return simdjson::EMPTY;
  if (ix.utf8.failed()) return simdjson::UTF8_ERROR;
  return simdjson::SUCCESS;
}

// Room for the index of `capacity` bytes: one entry per byte at most, the 3 closing entries and write()'s overshoot.
size_t index_entries(size_t capacity) { return (capacity + 63) / 64 * 64 + 16; }

// The parser side simdjson On-Demand talks to: only stage 1 and the index are ours. The DOM entry points are never
// reached from On-Demand; strings are decoded by simdjson's built-in kernel.
class OwnStage1Parser final : public simdjson::internal::dom_parser_implementation {
 public:
  explicit OwnStage1Parser(const simdjson::implementation* strings) {
    if (strings->create_dom_parser_implementation(0, simdjson::DEFAULT_MAX_DEPTH, strings_)) strings_.reset();
  }
  error_code parse(const uint8_t*, size_t, simdjson::dom::document&) noexcept override {
    return simdjson::UNSUPPORTED_ARCHITECTURE;
  }
  error_code stage1(const uint8_t* buf, size_t len, simdjson::stage1_mode mode) noexcept override {
    if (mode != simdjson::stage1_mode::regular) return simdjson::UNSUPPORTED_ARCHITECTURE;  // no document streams here
    if (len > _capacity) return simdjson::CAPACITY;
    next_structural_index = 0;
    return index_record(buf, len, structural_indexes.get(), n_structural_indexes);
  }
  error_code stage2(simdjson::dom::document&) noexcept override { return simdjson::UNSUPPORTED_ARCHITECTURE; }
  error_code stage2_next(simdjson::dom::document&) noexcept override { return simdjson::UNSUPPORTED_ARCHITECTURE; }
  uint8_t* parse_string(const uint8_t* src, uint8_t* dst, bool allow_replacement) const noexcept override {
    return strings_ ? strings_->parse_string(src, dst, allow_replacement) : nullptr;
  }
  uint8_t* parse_wobbly_string(const uint8_t* src, uint8_t* dst) const noexcept override {
    return strings_ ? strings_->parse_wobbly_string(src, dst) : nullptr;
  }
  error_code set_capacity(size_t capacity) noexcept override {
    structural_indexes.reset(new (std::nothrow) uint32_t[index_entries(capacity)]);
    _capacity = structural_indexes ? capacity : 0;
    return structural_indexes ? simdjson::SUCCESS : simdjson::MEMALLOC;
  }
  error_code set_max_depth(size_t max_depth) noexcept override {
    _max_depth = max_depth;
    return simdjson::SUCCESS;
  }

 private:
  std::unique_ptr<simdjson::internal::dom_parser_implementation> strings_;
};

class OwnStage1Implementation final : public simdjson::implementation {
 public:
  OwnStage1Implementation()
      : implementation("hk_simd128", "helpdesk-kpi's 128-bit SIMD stage 1 for On-Demand", 0),
        builtin_(simdjson::builtin_implementation()) {}
  error_code create_dom_parser_implementation(
      size_t capacity, size_t max_depth,
      std::unique_ptr<simdjson::internal::dom_parser_implementation>& dst) const noexcept override {
    dst.reset(new (std::nothrow) OwnStage1Parser(builtin_));
    if (!dst) return simdjson::MEMALLOC;
    return dst->allocate(capacity, max_depth);
  }
  error_code minify(const uint8_t* buf, size_t len, uint8_t* dst, size_t& dst_len) const noexcept override {
    return builtin_->minify(buf, len, dst, dst_len);
  }
  bool validate_utf8(const char* buf, size_t len) const noexcept override { return builtin_->validate_utf8(buf, len); }

 private:
  const simdjson::implementation* builtin_;
};

}  // namespace
#endif  // HK_OWN_STAGE1

bool own_stage1_supported() {
#if defined(HK_OWN_STAGE1) && defined(__wasm__)
  return true;
#elif defined(HK_OWN_STAGE1)
  return __builtin_cpu_supports("ssse3");
#else
  return false;
#endif
}

bool simdjson_stage1_is_scalar() { return simdjson::get_active_implementation()->name() == "fallback"; }

bool use_own_stage1(simdjson::ondemand::parser& parser) {
#if defined(HK_OWN_STAGE1)
  if (!own_stage1_supported()) return false;
  static const OwnStage1Implementation own;
  // On-Demand creates its stage 1 from the active implementation when it first allocates, and keeps it: make ours
  // active just for that allocation. (simdjson's DOM parser, used for error messages, still gets simdjson's own.)
  auto& active = simdjson::get_active_implementation();
  const simdjson::implementation* before = active;
  active = &own;
  const error_code e = parser.allocate(64 * 1024, parser.max_depth());
  active = before;
  return e == simdjson::SUCCESS;
#else
  (void)parser;
  return false;
#endif
}

error_code own_stage1_index(const uint8_t* buf, size_t len, std::vector<uint32_t>& positions) {
  positions.clear();
#if defined(HK_OWN_STAGE1)
  if (!own_stage1_supported()) return simdjson::UNSUPPORTED_ARCHITECTURE;
  std::vector<uint32_t> index(index_entries(len));
  uint32_t count = 0;
  const error_code e = index_record(buf, len, index.data(), count);
  positions.assign(index.begin(), index.begin() + count);
  return e;
#else
  (void)buf, (void)len;
  return simdjson::UNSUPPORTED_ARCHITECTURE;
#endif
}

}  // namespace hk
