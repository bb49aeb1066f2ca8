#include "ingest/csv_reader.h"

#include <algorithm>

namespace hk {
namespace {
constexpr unsigned char kBom[3] = {0xEF, 0xBB, 0xBF};
}  // namespace

TextFormat sniff_text_format(std::string_view head, bool at_end) {
  size_t i = 0;
  for (; i < 3 && i < head.size(); ++i)
    if (static_cast<unsigned char>(head[i]) != kBom[i]) break;
  if (i < 3 && i == head.size() && !at_end) return TextFormat::undecided;  // maybe a BOM, cut short
  if (i < 3) i = 0;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
  if (i == head.size()) return at_end ? TextFormat::json : TextFormat::undecided;
  if (head[i] == '{' || head[i] == '[') return TextFormat::json;
  if (head[i] == '<') return TextFormat::json;  // HTML/XML: let the JSON reader name it
  size_t end = i;
  for (; end < head.size() && head[end] != '\n' && head[end] != '\r'; ++end) {
    const auto u = static_cast<unsigned char>(head[end]);
    if ((u < 0x20 && u != '\t') || u == 0x7f) return TextFormat::json;  // binary: no need to wait for the line's end
  }
  if (end == head.size() && !at_end && end - i < kMaxHeaderBytes) return TextFormat::undecided;
  const std::string_view line = head.substr(i, std::min(end - i, kMaxHeaderBytes));
  // Split on commas outside quotes; every name non-empty, no control bytes.
  size_t names = 0, chars = 0;
  bool quoted = false;
  for (size_t k = 0; k <= line.size(); ++k) {
    const char c = k < line.size() ? line[k] : ',';
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return TextFormat::json;
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    if (c == ',' && !quoted) {
      if (chars == 0) return TextFormat::json;
      ++names;
      chars = 0;
    } else if (c != ' ' && c != '\t') {
      ++chars;
    }
  }
  return names >= 2 ? TextFormat::csv : TextFormat::json;
}

CsvReader::CsvReader(size_t max_row_bytes) : max_row_bytes_(max_row_bytes) {}

void CsvReader::put(char c) {
  if (!oversized_) row_.push_back(c);
}

void CsvReader::end_field() {
  if (!oversized_) ends_.push_back(row_.size());
}

void CsvReader::end_row(const Callback& on_row) {
  state_ = kRowStart;
  fields_.clear();
  if (!oversized_) {
    size_t begin = 0;
    for (size_t end : ends_) {
      fields_.emplace_back(row_.data() + begin, end - begin);
      begin = end;
    }
  }
  CsvRow row;
  row.fields = &fields_;
  row.oversized = oversized_;
  row.size = row_size_;
  row.offset = row_offset_;
  row.line = row_line_;
  row.index = rows_++;
  on_row(row);
  row_.clear();
  ends_.clear();
  fields_.clear();
}

void CsvReader::byte(char c, const Callback& on_row) {
  const bool newline = c == '\r' || c == '\n';
  if (skip_lf_) {
    skip_lf_ = false;
    if (c == '\n') return;  // the LF of a CRLF that ended the previous row (or blank line)
  }
  if (state_ == kRowStart) {
    if (newline) {  // blank line
      skip_lf_ = c == '\r';
      return;
    }
    row_offset_ = offset_;
    row_line_ = line_;
    row_.clear();
    ends_.clear();
    row_size_ = 0;
    oversized_ = false;
    state_ = kFieldStart;
  }
  if (++row_size_ > max_row_bytes_ && !oversized_) {
    oversized_ = true;  // keep scanning to the row's end, stop buffering
    row_.clear();
    row_.shrink_to_fit();
    ends_.clear();
  }
  switch (state_) {
    case kFieldStart:
      if (c == '"') {
        state_ = kQuoted;
        quote_line_ = line_;
        quote_offset_ = offset_;
      } else if (c == ',') {
        end_field();
      } else if (newline) {
        end_field();
        skip_lf_ = c == '\r';
        end_row(on_row);
      } else {
        put(c);
        state_ = kUnquoted;
      }
      break;
    case kUnquoted:
      if (c == ',') {
        end_field();
        state_ = kFieldStart;
      } else if (newline) {
        end_field();
        skip_lf_ = c == '\r';
        end_row(on_row);
      } else {
        put(c);  // a quote here is a literal character (lenient)
      }
      break;
    case kQuoted:
      if (c == '"') state_ = kQuoteInQuoted;
      else put(c);  // separators and line breaks are data inside quotes
      break;
    case kQuoteInQuoted:
      if (c == '"') {
        put('"');  // doubled quote
        state_ = kQuoted;
      } else if (c == ',') {
        end_field();
        state_ = kFieldStart;
      } else if (newline) {
        end_field();
        skip_lf_ = c == '\r';
        end_row(on_row);
      } else {
        put(c);  // text after the closing quote (lenient)
        state_ = kUnquoted;
      }
      break;
    case kRowStart:
      break;
  }
}

bool CsvReader::feed(const char* data, size_t size, const Callback& on_row) {
  if (failed_) return false;
  for (size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (!bom_done_) {
      if (static_cast<unsigned char>(c) == kBom[bom_seen_]) {
        ++offset_;
        if (++bom_seen_ == 3) bom_done_ = had_bom_ = true;
        continue;
      }
      // Not a BOM after all: the bytes held back are ordinary text.
      bom_done_ = true;
      offset_ -= bom_seen_;
      for (size_t k = 0; k < bom_seen_; ++k) {
        byte(static_cast<char>(kBom[k]), on_row);
        ++offset_;
      }
    }
    byte(c, on_row);
    // Physical lines: CRLF, LF or a lone CR each end one line, inside quotes too.
    if (c == '\n') {
      if (!prev_cr_) ++line_;
    } else if (c == '\r') {
      ++line_;
    }
    prev_cr_ = c == '\r';
    ++offset_;
  }
  return true;
}

bool CsvReader::finish(const Callback& on_row) {
  if (failed_) return false;
  if (!bom_done_) {  // the input was a strict prefix of a BOM
    bom_done_ = true;
    offset_ -= bom_seen_;
    for (size_t k = 0; k < bom_seen_; ++k) {
      byte(static_cast<char>(kBom[k]), on_row);
      ++offset_;
    }
  }
  switch (state_) {
    case kRowStart: break;
    case kQuoted:
      failed_ = true;
      error_.offset = quote_offset_;
      error_.line = quote_line_;
      error_.message = "a quoted field is never closed (the file is truncated, or a '\"' is missing)";
      return false;
    case kFieldStart:
    case kUnquoted:
    case kQuoteInQuoted:
      end_field();
      end_row(on_row);
      break;
  }
  return true;
}

}  // namespace hk
