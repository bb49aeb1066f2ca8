// Streaming RFC 4180 CSV reader: cuts CSV text into rows of fields, fed in chunks of any size (1 byte to many MiB),
// like the JSON splitter (SPEC §2 "Streaming").
//
//   * fields separated by ',', rows by CRLF, LF or a lone CR; blank lines are skipped
//   * quoted fields: "a, b", doubled quotes ("say ""hi""" → say "hi"), line breaks inside quotes
//   * a UTF-8 byte-order mark at the very start is dropped (offsets still count it: they are file offsets)
//   * lenient where real exports are sloppy: a quote inside an unquoted field is a literal character, and text after a
//     closing quote is appended to the field
// Memory stays bounded: only the current row is buffered; a row larger than the limit is scanned to its end and handed
// over as `oversized` with no fields. An unterminated quoted field at the end of input is an error (truncated file).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/json_splitter.h"  // SplitError

namespace hk {

struct CsvRow {
  const std::vector<std::string_view>* fields = nullptr;  // valid during the callback only
  bool oversized = false;  // the row was larger than the limit: fields is empty, `size` says how large
  size_t size = 0;         // bytes of the row's text
  uint64_t offset = 0;     // byte offset of the row's first byte in the file
  uint64_t line = 0;       // 1-based physical line of that byte (line breaks inside quotes count)
  uint64_t index = 0;      // 0-based row number; row 0 is the header when the file has one
};

// JSON or CSV, from a source's first bytes: the first byte after a BOM and white space is '{' or '[' → JSON; otherwise
// the first line must look like a CSV header (two or more non-empty names separated by commas, printable text) → CSV;
// anything else → JSON, whose reader then names the problem. `undecided` asks for more bytes (at most one line, up to
// kMaxHeaderBytes); with `at_end` the answer is never undecided.
enum class TextFormat : uint8_t { undecided, json, csv };
constexpr size_t kMaxHeaderBytes = 64 * 1024;
TextFormat sniff_text_format(std::string_view head, bool at_end);

class CsvReader {
 public:
  using Callback = std::function<void(const CsvRow&)>;
  explicit CsvReader(size_t max_row_bytes = size_t(1) << 20);

  // Returns false on a fatal error (see error()); rows emitted before it stay valid.
  bool feed(const char* data, size_t size, const Callback& on_row);
  // End of input: emits a last row without a line break; reports an unterminated quoted field.
  bool finish(const Callback& on_row);

  const SplitError& error() const { return error_; }
  uint64_t bytes_seen() const { return offset_; }
  uint64_t rows() const { return rows_; }
  bool had_bom() const { return had_bom_; }

 private:
  enum State : uint8_t { kRowStart, kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  void byte(char c, const Callback& on_row);
  void end_field();
  void end_row(const Callback& on_row);
  void put(char c);

  size_t max_row_bytes_;
  State state_ = kRowStart;
  bool skip_lf_ = false;   // the previous row ended with CR: a following LF belongs to it
  bool prev_cr_ = false;   // the previous byte was CR (for counting CRLF as one line)
  uint64_t offset_ = 0;
  uint64_t line_ = 1;
  size_t bom_seen_ = 0;    // BOM bytes matched so far at the start of the input
  bool bom_done_ = false;
  bool had_bom_ = false;

  std::string row_;                // the current row's field bytes, back to back
  std::vector<size_t> ends_;       // end offset in row_ of each finished field
  std::vector<std::string_view> fields_;
  size_t row_size_ = 0;            // raw bytes of the current row (for the limit)
  bool oversized_ = false;
  uint64_t row_offset_ = 0, row_line_ = 0, quote_line_ = 0, quote_offset_ = 0;
  uint64_t rows_ = 0;
  SplitError error_;
  bool failed_ = false;
};

}  // namespace hk
