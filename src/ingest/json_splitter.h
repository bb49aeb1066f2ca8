// Streaming structural scanner: cuts a JSON export into records without parsing it (SPEC §2 "Streaming").
//
// Accepted shapes, fed in chunks of any size (1 byte to many MiB):
//   * a bare array `[ {...}, {...} ]`                        → each element is a record, list key ""
//   * a container object `{"tickets":[...], "users":[...]}`  → elements of arrays under known list keys are records,
//     with that key; `"_embedded": {"conversations": [...]}` (HAL) and `"data": {...}` are looked into, with the key
//     path joined by '.'; other values are stepped over
//   * NDJSON / JSONL, or any sequence of top-level values    → each top-level object that is not a container is a record
//     Once a top-level value has started and ended on one line and a line break followed it, the file is read as JSONL:
//     a line that ends inside a value is cut short; its record is handed over with `cut` set, and reading resumes on
//     the next line (one broken line costs one record, not the rest of the file).
// A record handed to the callback is one complete JSON value; the callback parses it (simdjson On-Demand). Memory stays
// bounded: only a record that straddles chunk boundaries is copied, into a carry buffer that is reused.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hk {

struct RecordSpan {
  std::string_view list_key;  // "tickets", "users", "_embedded.conversations", or "" for bare arrays / NDJSON lines
  const char* data = nullptr; // nullptr: the record was larger than the limit and was skipped (size says how large)
  size_t size = 0;
  size_t capacity = 0;        // bytes readable from data; always >= size + padding
  uint64_t offset = 0;        // byte offset of the record's first byte in the file
  uint64_t line = 0;          // 1-based line of that byte
  uint64_t index = 0;         // 0-based position within its list (or among top-level records)
  // An oversized record (data == nullptr): its first bytes (up to kRecordHeadBytes), so a message can still name the
  // ticket it was about.
  std::string_view head;
  size_t depth = 0;           // deepest nesting inside the record; a flat object is 1
  bool cut = false;           // JSONL: the line ended before the record did (data holds the line's bytes)
};

constexpr size_t kRecordHeadBytes = 4096;

struct SplitError {
  uint64_t offset = 0;
  uint64_t line = 0;
  std::string message;  // says what was wrong at that place; the caller adds the file name
};

class JsonSplitter {
 public:
  using Callback = std::function<void(const RecordSpan&)>;
  explicit JsonSplitter(size_t max_record_bytes = size_t(256) << 20, size_t padding = 64);

  // Returns false on a fatal structural error (see error()); records emitted before it stay valid.
  bool feed(const char* data, size_t size, const Callback& on_record);
  // End of input: reports truncation and empty input.
  bool finish();

  const SplitError& error() const { return error_; }
  bool failed() const { return failed_; }
  uint64_t bytes_seen() const { return offset_; }
  uint64_t records() const { return records_; }
  uint64_t non_object_elements() const { return non_object_; }
  bool saw_container() const { return saw_container_; }
  bool had_bom() const { return had_bom_; }

 private:
  enum Kind : uint8_t { kContainer, kList, kSkip, kRecord, kMaybeRecord };
  struct Frame {
    Kind kind;
    char close;  // '}' or ']'
  };

  bool fail(uint64_t at, std::string message);
  bool open(char c, const char* p, uint64_t at);
  bool close(char c, const char* p, uint64_t at, const Callback& on_record);
  void start_record(const char* p, uint64_t at);
  void emit_record(const char* record_end, const Callback& on_record);
  void carry_tail();  // at chunk end: move the unfinished record's bytes into carry_
  // Inside a record or skipped value, 64 bytes at a time (SSE2 builds): returns where it stopped (the byte after the
  // bracket that closed the record, or fewer than 64 bytes before `end`), nullptr after a fatal error; `scalar_until`
  // is set when a block needs the byte loop (a backslash outside any string).
  // Inside a record's value, where only strings, brackets and newlines matter: a nested value, a skipped one, or a
  // top-level object already known to be a record (its keys can no longer make it a page).
  bool in_record_body() const {
    if (frames_.empty()) return false;
    const Kind k = frames_.back().kind;
    return k == kRecord || k == kSkip || (k == kMaybeRecord && definite_record_);
  }
  const char* scan_blocks(const char* p, const char* end, const char* data, const Callback& on_record,
                          const char*& scalar_until);
  void keep_head(const char* from, const char* to);  // oversized record: keep its first kRecordHeadBytes
  void cut_line(const char* newline, const Callback& on_record);  // JSONL: the line ended inside a value
  static bool is_list_key(std::string_view key);
  static bool is_nested_container_key(std::string_view key);

  size_t max_record_bytes_;
  size_t padding_;
  std::vector<Frame> frames_;
  std::vector<std::string> paths_;  // key path of each container/list frame (they are always the lowest frames)
  uint64_t offset_ = 0;
  uint64_t line_ = 1;
  bool in_string_ = false;
  bool escape_ = false;
  bool started_ = false;
  bool had_bom_ = false;
  bool expect_key_ = false;     // at a container level, the next string is a key
  bool capturing_key_ = false;  // inside that key string
  bool expect_element_ = false; // in a list, the next value is an element
  bool definite_record_ = false; // the top-level object has an "id": a record, not a page
  std::string key_;
  std::string value_key_;  // key whose value comes next at a container level

  bool in_record_ = false;
  size_t record_frame_ = 0;  // index in frames_ of the record's own frame
  uint64_t record_offset_ = 0, record_line_ = 0, record_index_ = 0;
  std::string record_key_;
  const char* record_start_ = nullptr;  // in the current chunk; nullptr once the record's bytes went to carry_
  std::vector<char> carry_;
  size_t carried_ = 0;
  bool oversized_ = false;
  std::string head_;            // first bytes of an oversized record
  size_t record_depth_ = 0;     // deepest nesting seen in the current record
  bool jsonl_ = false;
  bool cut_pending_ = false;    // the record being emitted is a cut JSONL line          // line breaks end values (see the top of this file)
  bool one_line_value_ = false; // the last top-level value started and ended on one line
  uint64_t top_line_ = 0;       // line where the current top-level value started
  uint64_t top_level_index_ = 0;
  std::vector<uint64_t> list_index_;  // element counter per list frame

  const char* chunk_begin_ = nullptr;
  const char* chunk_end_ = nullptr;
  uint64_t chunk_offset_ = 0;
  uint64_t records_ = 0, non_object_ = 0;
  bool saw_container_ = false;
  SplitError error_;
  bool failed_ = false;
};

}  // namespace hk
