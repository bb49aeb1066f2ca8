#include "ingest/json_splitter.h"

#include "ingest/json_bits.h"

#include <cstdio>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace hk {
namespace {

// The byte loop is the hot path of ingest: most bytes of an export are string bodies and the insides of records, where
// only a few byte values matter. These scanners jump to the next such byte 16 (SSE2) or 8 (SWAR: wasm32 without SIMD)
// bytes at a time. They never read past `end`.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HK_SPLITTER_SWAR 1
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;
inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
// High bit set in the lowest byte of v equal to c (bytes above the first match may be flagged spuriously; only the
// lowest flagged byte is ever used).
inline uint64_t match(uint64_t v, unsigned char c) {
  const uint64_t x = v ^ (kOnes * c);
  return (x - kOnes) & ~x & kHighs;
}
inline const char* first_flagged(const char* p, uint64_t m) { return p + (__builtin_ctzll(m) >> 3); }
#endif

// The next '"' or '\\' in [p, end), or end.
inline const char* find_quote_or_backslash(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (m) return p + __builtin_ctz(static_cast<unsigned>(m));
    p += 16;
  }
#endif
#if defined(HK_SPLITTER_SWAR)
  while (end - p >= 8) {
    const uint64_t v = load64(p);
    const uint64_t m = match(v, '"') | match(v, '\\');
    if (m) return first_flagged(p, m);
    p += 8;
  }
#endif
  while (p < end && *p != '"' && *p != '\\') ++p;
  return p;
}

// JSONL: the next '"', '\\' or '\n' in [p, end), or end (a line break ends a JSONL line even inside a string).
inline const char* find_quote_backslash_or_newline(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int m = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                                 _mm_cmpeq_epi8(v, newline)));
    if (m) return p + __builtin_ctz(static_cast<unsigned>(m));
    p += 16;
  }
#endif
#if defined(HK_SPLITTER_SWAR)
  while (end - p >= 8) {
    const uint64_t v = load64(p);
    const uint64_t m = match(v, '"') | match(v, '\\') | match(v, '\n');
    if (m) return first_flagged(p, m);
    p += 8;
  }
#endif
  while (p < end && *p != '"' && *p != '\\' && *p != '\n') ++p;
  return p;
}

// Inside a record (or a skipped value), outside strings, only these bytes change the state: '"', '{', '[', '}', ']'
// and '\n' (line count). The next one in [p, end), or end. ('[' | 0x20) == '{' and (']' | 0x20) == '}'.
inline const char* find_record_structural(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), newline = _mm_set1_epi8('\n'), open = _mm_set1_epi8('{'),
                close = _mm_set1_epi8('}'), lower = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i f = _mm_or_si128(v, lower);
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, newline)),
                                     _mm_or_si128(_mm_cmpeq_epi8(f, open), _mm_cmpeq_epi8(f, close)));
    const int m = _mm_movemask_epi8(hit);
    if (m) return p + __builtin_ctz(static_cast<unsigned>(m));
    p += 16;
  }
#endif
#if defined(HK_SPLITTER_SWAR)
  while (end - p >= 8) {
    const uint64_t v = load64(p);
    const uint64_t f = v | (kOnes * 0x20);
    const uint64_t m = match(v, '"') | match(v, '\n') | match(f, '{') | match(f, '}');
    if (m) return first_flagged(p, m);
    p += 8;
  }
#endif
  while (p < end) {
    const char c = *p;
    if (c == '"' || c == '\n' || c == '{' || c == '[' || c == '}' || c == ']') break;
    ++p;
  }
  return p;
}

#if defined(__SSE2__)
#define HK_SPLITTER_BLOCKS 1
// One 64-byte block as bit masks (bit i = byte i): the bytes the record scan acts on.
struct BlockMasks {
  uint64_t quote, backslash, open, close, newline;
};
inline BlockMasks classify(const char* p) {
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), newline = _mm_set1_epi8('\n'),
                open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}'), lower = _mm_set1_epi8(0x20);
  BlockMasks m{0, 0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i f = _mm_or_si128(v, lower);  // '[' | 0x20 == '{', ']' | 0x20 == '}'
    const int shift = 16 * i;
    m.quote |= uint64_t(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)))) << shift;
    m.backslash |= uint64_t(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)))) << shift;
    m.newline |= uint64_t(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)))) << shift;
    m.open |= uint64_t(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(f, open)))) << shift;
    m.close |= uint64_t(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(f, close)))) << shift;
  }
  return m;
}
#endif

std::string describe_byte(unsigned char c) {
  char buf[40];
  if (c >= 0x20 && c < 0x7f) std::snprintf(buf, sizeof buf, "'%c'", c);
  else std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
  return buf;
}

}  // namespace

JsonSplitter::JsonSplitter(size_t max_record_bytes, size_t padding)
    : max_record_bytes_(max_record_bytes), padding_(padding) {}

bool JsonSplitter::is_list_key(std::string_view k) {
  // Keys under which vendors put their records (reference/export-formats.md §7). Anything else is stepped over.
  static const std::string_view kKeys[] = {
      "tickets",  "users",    "audits",    "satisfaction_ratings", "ticket_metrics", "ticket_events", "comments",
      "conversations", "data", "payload",  "orders",               "customers",      "surveys",       "responses",
      "ratings",  "messages", "threads",   "contacts",             "records",        "items",         "results",
      "csat_survey_responses", "agents",   "groups",               "organizations",  "answers",       "status_changes"};
  for (std::string_view key : kKeys)
    if (k == key) return true;
  return false;
}

bool JsonSplitter::is_nested_container_key(std::string_view k) { return k == "_embedded" || k == "data"; }

namespace {
// Pages nest their lists at most a few levels down ({"_embedded":{"conversations":[…]}}, {"data":{"data":[…]}}); deeper
// "data" objects are stepped over like any other value. Without this bound `{"data":` repeated 100,000 times built a
// key path per level, each a copy of the one above: quadratic time and memory (minutes and gigabytes).
constexpr size_t kMaxContainerDepth = 4;
// No export nests anywhere near this deep; beyond it the file is rejected instead of growing the frame stack without
// bound (a record deeper than simdjson's own limit is already skipped as invalid JSON).
constexpr size_t kMaxDepth = size_t(1) << 20;
}  // namespace

bool JsonSplitter::fail(uint64_t at, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_.offset = at;
    error_.line = line_;
    error_.message = std::move(message);
  }
  return false;
}

void JsonSplitter::start_record(const char* p, uint64_t at) {
  in_record_ = true;
  record_frame_ = frames_.size();
  record_offset_ = at;
  record_line_ = line_;
  record_start_ = p;
  carried_ = 0;
  carry_.clear();
  oversized_ = false;
  head_.clear();
  record_depth_ = 1;
}

void JsonSplitter::keep_head(const char* from, const char* to) {
  if (head_.size() >= kRecordHeadBytes) return;
  head_.append(from, std::min(static_cast<size_t>(to - from), kRecordHeadBytes - head_.size()));
}

void JsonSplitter::carry_tail() {
  if (!in_record_) return;
  const char* from = record_start_ ? record_start_ : chunk_begin_;
  const size_t n = static_cast<size_t>(chunk_end_ - from);
  record_start_ = nullptr;
  if (oversized_) {
    keep_head(from, chunk_end_);
    carried_ += n;
    return;
  }
  if (carried_ + n > max_record_bytes_) {
    oversized_ = true;  // keep scanning, stop buffering (but the first bytes, to name the record)
    keep_head(carry_.data(), carry_.data() + carry_.size());
    keep_head(from, chunk_end_);
    carry_.clear();
    carry_.shrink_to_fit();
    carried_ += n;
    return;
  }
  carry_.insert(carry_.end(), from, chunk_end_);
  carried_ += n;
}

void JsonSplitter::emit_record(const char* record_end, const Callback& on_record) {
  in_record_ = false;
  RecordSpan span;
  span.list_key = record_key_;
  span.offset = record_offset_;
  span.line = record_line_;
  span.index = record_index_;
  span.depth = record_depth_;
  span.cut = cut_pending_;
  ++records_;
  if (record_start_) {
    span.size = static_cast<size_t>(record_end - record_start_);
    const size_t readable = static_cast<size_t>(chunk_end_ - record_start_);
    if (span.size > max_record_bytes_) {
      span.data = nullptr;
      span.head = std::string_view(record_start_, std::min(span.size, kRecordHeadBytes));
    } else if (readable >= span.size + padding_) {
      span.data = record_start_;  // parse in place: the chunk holds the padding simdjson may read past the end
      span.capacity = readable;
    } else {
      carry_.assign(record_start_, record_end);
      carry_.resize(span.size + padding_, ' ');
      span.data = carry_.data();
      span.capacity = carry_.size();
    }
  } else {
    const size_t tail = static_cast<size_t>(record_end - chunk_begin_);
    span.size = carried_ + tail;
    if (oversized_ || span.size > max_record_bytes_) {
      span.data = nullptr;
      if (!oversized_) keep_head(carry_.data(), carry_.data() + carry_.size());
      keep_head(chunk_begin_, record_end);
      span.head = head_;
    } else {
      carry_.insert(carry_.end(), chunk_begin_, record_end);
      carry_.resize(span.size + padding_, ' ');
      span.data = carry_.data();
      span.capacity = carry_.size();
    }
  }
  record_start_ = nullptr;
  on_record(span);
  carry_.clear();
  carried_ = 0;
  oversized_ = false;
  head_.clear();
}

void JsonSplitter::cut_line(const char* newline, const Callback& on_record) {
  if (in_record_) {
    cut_pending_ = true;
    emit_record(newline, on_record);
    cut_pending_ = false;
  }
  frames_.clear();
  paths_.clear();
  list_index_.clear();
  in_string_ = escape_ = capturing_key_ = expect_key_ = expect_element_ = definite_record_ = false;
  one_line_value_ = false;
}

bool JsonSplitter::open(char c, const char* p, uint64_t at) {
  const char close = c == '{' ? '}' : ']';
  if (frames_.empty()) {
    started_ = true;
    top_line_ = line_;
    one_line_value_ = false;
    if (c == '[') {
      frames_.push_back({kList, close});
      paths_.emplace_back();
      list_index_.push_back(0);
      expect_element_ = true;
    } else {
      // A top-level object is a record (NDJSON line) until one of its keys shows it is a container.
      start_record(p, at);
      record_key_.clear();
      record_index_ = top_level_index_++;
      definite_record_ = false;
      frames_.push_back({kMaybeRecord, close});
      expect_key_ = true;
    }
    return true;
  }
  if (frames_.size() >= kMaxDepth)
    return fail(at, "the JSON is nested more than " + std::to_string(kMaxDepth) +
                        " levels deep: this is not a helpdesk export");
  const Kind top = frames_.back().kind;
  if (top == kList) {
    if (!expect_element_) return fail(at, "missing ',' between array elements");
    expect_element_ = false;
    record_key_ = paths_.back();
    record_index_ = list_index_.back()++;
    start_record(p, at);
    frames_.push_back({kRecord, close});
    return true;
  }
  if (top == kContainer || top == kMaybeRecord) {
    const bool may_convert = (top == kContainer || !definite_record_) && paths_.size() < kMaxContainerDepth;
    const bool list = may_convert && c == '[' && is_list_key(value_key_);
    const bool nested = may_convert && c == '{' && is_nested_container_key(value_key_);
    if (list || nested) {
      if (top == kMaybeRecord) {  // it was a container all along: drop what was buffered as a record
        frames_.back().kind = kContainer;
        in_record_ = false;
        record_start_ = nullptr;
        carry_.clear();
        carried_ = 0;
        --top_level_index_;
        paths_.emplace_back();
        list_index_.push_back(0);
      }
      saw_container_ = true;
      std::string path = paths_.back().empty() ? value_key_ : paths_.back() + "." + value_key_;
      frames_.push_back({list ? kList : kContainer, close});
      paths_.push_back(std::move(path));
      list_index_.push_back(0);
      if (list) expect_element_ = true;
      else expect_key_ = true;
      return true;
    }
    frames_.push_back({top == kMaybeRecord ? kRecord : kSkip, close});
    if (in_record_) record_depth_ = std::max(record_depth_, frames_.size() - record_frame_);
    return true;
  }
  frames_.push_back({top, close});  // inside a record or a skipped value
  if (in_record_) record_depth_ = std::max(record_depth_, frames_.size() - record_frame_);
  return true;
}

bool JsonSplitter::close(char c, const char* p, uint64_t at, const Callback& on_record) {
  if (frames_.empty()) return fail(at, "unexpected " + describe_byte(static_cast<unsigned char>(c)) + " outside any value");
  const Frame f = frames_.back();
  if (f.close != c)
    return fail(at, std::string("mismatched '") + c + "' (expected '" + f.close + "')");
  frames_.pop_back();
  if (f.kind == kContainer || f.kind == kList) {
    paths_.pop_back();
    list_index_.pop_back();
    if (!frames_.empty()) {
      const Kind top = frames_.back().kind;
      if (top == kList) expect_element_ = false;
    } else {
      one_line_value_ = top_line_ == line_;
    }
    return true;
  }
  if (in_record_ && frames_.size() == record_frame_) emit_record(p + 1, on_record);
  if (frames_.empty()) one_line_value_ = top_line_ == line_;
  return true;
}

const char* JsonSplitter::scan_blocks(const char* p, const char* end, const char* data, const Callback& on_record,
                                     const char*& scalar_until) {
#if defined(HK_SPLITTER_BLOCKS)
  // The byte loop stops at every quote; records are mostly short strings, so this finds the string spans of a whole
  // block at once (prefix XOR of the unescaped quotes) and acts only on the brackets outside them. The same states
  // carry over from block to block and back to the byte loop: in_string_, escape_ (the next byte is escaped), line_.
  uint64_t in_string = in_string_ ? ~uint64_t(0) : 0;
  uint64_t carry = in_string_ && escape_ ? 1 : 0;
  while (end - p >= 64) {
    const BlockMasks m = classify(p);
    uint64_t next_carry = carry;
    const uint64_t escaped = escaped_bits(m.backslash, next_carry);
    const uint64_t strings = prefix_xor(m.quote & ~escaped) ^ in_string;
    // The byte loop ignores a backslash outside strings (invalid JSON, rejected later by the parser); the scheme above
    // would let it escape the next byte. Such a block goes through the byte loop, so that both agree on every input.
    // JSONL: a line break (even inside a string) may cut a line short (cut_line); the byte loop handles that block.
    if ((m.backslash & ~strings) || (jsonl_ && m.newline)) {
      scalar_until = p + 64;
      in_string_ = in_string != 0;
      escape_ = carry != 0;
      return p;
    }
    uint64_t brackets = (m.open | m.close) & ~strings;
    uint64_t newlines = m.newline & ~strings;
    while (brackets) {
      const int i = __builtin_ctzll(brackets);
      // Most blocks hold no line break: skip the popcount (a library call in the generic x86-64 build, 4 % of ingest).
      if (newlines) {
        const uint64_t below = (uint64_t(1) << i) - 1;
        line_ += static_cast<uint64_t>(__builtin_popcountll(newlines & below));
        newlines &= ~below;
      }
      const char* q = p + i;
      const uint64_t at = chunk_offset_ + static_cast<uint64_t>(q - data);
      if (*q == '{' || *q == '[') {
        if (!open(*q, q, at)) return nullptr;
      } else if (!close(*q, q, at, on_record)) {
        return nullptr;
      }
      brackets &= brackets - 1;
      if (!in_record_body()) {
        in_string_ = false;  // a bracket outside strings closed the record: back to the byte loop after it
        escape_ = false;
        return q + 1;
      }
    }
    if (newlines) line_ += static_cast<uint64_t>(__builtin_popcountll(newlines));
    in_string = static_cast<uint64_t>(static_cast<int64_t>(strings) >> 63);
    carry = next_carry;
    p += 64;
  }
  in_string_ = in_string != 0;
  escape_ = carry != 0;
#endif
  return p;
}

bool JsonSplitter::feed(const char* data, size_t size, const Callback& on_record) {
  if (failed_) return false;
  chunk_begin_ = data;
  chunk_end_ = data + size;
  chunk_offset_ = offset_;
  const char* p = data;
  const char* end = data + size;
  const char* scalar_until = data;
  while (p < end) {
#if defined(HK_SPLITTER_BLOCKS)
    if (end - p >= 64 && p >= scalar_until && !capturing_key_ && in_record_body()) {
      p = scan_blocks(p, end, data, on_record, scalar_until);
      if (!p) return false;
      if (p >= scalar_until) continue;  // else: this block goes through the byte loop below
    }
#endif
    if (in_string_) {
      // Fast path through string bodies: only '"' and '\\' matter.
      if (jsonl_ && *p == '\n') {  // a JSONL line ends inside a string (even right after a backslash)
        cut_line(p, on_record);
        ++line_;
        ++p;
        continue;
      }
      if (escape_) {
        escape_ = false;
        ++p;
        continue;
      }
      if (!capturing_key_) {
        for (;;) {
          p = jsonl_ ? find_quote_backslash_or_newline(p, end) : find_quote_or_backslash(p, end);
          if (p == end || *p == '\n') break;
          if (*p == '\\') {
            if (p + 1 < end) {
              p += (jsonl_ && p[1] == '\n') ? 1 : 2;
              continue;
            }
            escape_ = true;
            ++p;
            break;
          }
          in_string_ = false;  // the closing '"'
          ++p;
          break;
        }
        continue;
      }
      while (p < end) {
        const char ch = *p;
        if (ch == '\\') {
          if (p + 1 < end) { p += (jsonl_ && p[1] == '\n') ? 1 : 2; continue; }
          escape_ = true;
          ++p;
          break;
        }
        if (ch == '"' || (jsonl_ && ch == '\n')) break;
        if (capturing_key_ && key_.size() < 64) key_.push_back(ch);
        ++p;
      }
      if (p < end && *p == '"' && !escape_) {
        in_string_ = false;
        if (capturing_key_) {
          capturing_key_ = false;
          expect_key_ = false;
          // A top-level object with its own "id" is a record (an NDJSON ticket with "messages":[…]), never a page.
          if (key_ == "id" && frames_.size() == 1 && frames_.back().kind == kMaybeRecord) definite_record_ = true;
        }
        ++p;
      }
      continue;
    }
    if (!frames_.empty() && (frames_.back().kind == kRecord || frames_.back().kind == kSkip)) {
      // Inside a record or a skipped value: whitespace, scalars, ',' and ':' change nothing here.
      p = find_record_structural(p, end);
      if (p == end) break;
      const char c = *p;
      if (c == '"') {
        in_string_ = true;
      } else if (c == '\n') {
        if (jsonl_) cut_line(p, on_record);
        ++line_;
      } else if (c == '{' || c == '[') {
        if (!open(c, p, chunk_offset_ + static_cast<uint64_t>(p - data))) return false;
      } else if (!close(c, p, chunk_offset_ + static_cast<uint64_t>(p - data), on_record)) {
        return false;
      }
      ++p;
      continue;
    }
    const char c = *p;
    const uint64_t at = chunk_offset_ + static_cast<uint64_t>(p - data);
    switch (c) {
      case ' ': case '\t': case '\r':
        break;
      case '\n':
        if (frames_.empty()) jsonl_ = jsonl_ || one_line_value_;
        else if (jsonl_) cut_line(p, on_record);
        ++line_;
        break;
      case '"':
        if (frames_.empty()) return fail(at, "expected '{' or '[' but found a string: this is not a JSON export");
        in_string_ = true;
        if ((frames_.back().kind == kContainer || frames_.back().kind == kMaybeRecord) && expect_key_) {
          capturing_key_ = true;
          key_.clear();
        } else if (frames_.back().kind == kList && expect_element_) {
          expect_element_ = false;
          ++non_object_;
          ++list_index_.back();
        }
        break;
      case ':':
        if (!frames_.empty() && (frames_.back().kind == kContainer || frames_.back().kind == kMaybeRecord))
          value_key_ = key_;
        break;
      case ',':
        if (frames_.empty()) return fail(at, "unexpected ',' outside any value");
        if (frames_.back().kind == kContainer || frames_.back().kind == kMaybeRecord) expect_key_ = true;
        else if (frames_.back().kind == kList) expect_element_ = true;
        break;
      case '{': case '[':
        if (!open(c, p, at)) return false;
        break;
      case '}': case ']':
        if (!close(c, p, at, on_record)) return false;
        break;
      default:
        if (frames_.empty()) {
          const unsigned char b = static_cast<unsigned char>(c);
          if (at == 0 && b == 0xEF) {  // UTF-8 byte order mark: allowed, skipped
            had_bom_ = true;
            break;
          }
          if (had_bom_ && (at == 1 || at == 2) && (b == 0xBB || b == 0xBF)) break;
          if (started_) return fail(at, "unexpected " + describe_byte(b) + " after the end of the JSON value");
          return fail(at, "expected '{' or '[' but found " + describe_byte(b) + ": this is not a JSON export");
        }
        if (frames_.back().kind == kList && expect_element_) {  // a scalar element: counted, not a record
          expect_element_ = false;
          ++non_object_;
          ++list_index_.back();
        }
        break;
    }
    ++p;
  }
  offset_ += size;
  carry_tail();
  return true;
}

bool JsonSplitter::finish() {
  if (failed_) return false;
  if (in_string_ || !frames_.empty()) {
    std::string where = in_record_ ? "inside a record that starts at offset " + std::to_string(record_offset_)
                                   : "inside the enclosing " + std::string(frames_.empty() ? "string" : "array or object");
    return fail(offset_, "the file ends " + where + ": it looks truncated");
  }
  if (!started_) return fail(offset_, offset_ == 0 ? "the file is empty" : "the file holds no JSON value");
  return true;
}

}  // namespace hk
