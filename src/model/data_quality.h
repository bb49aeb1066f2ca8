// Data-quality ledger: what was read, what was used, what was excluded and why (SPEC §6.1 data_quality, §7).
// A warning aggregates by code: the first occurrence's message (naming file, offset/line and ticket) plus a count and
// a few example ticket ids, so a million bad rows give one readable line, not a million.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hk {

// Where a record sits: its source (file) name and byte offset. Locations order warnings and their examples, so that
// the report does not depend on the order in which files are given (README "Determinism"): files by name (byte
// order), then offset. A warning raised outside any record (after ingest) has no location and sorts last.
struct Location {
  std::string_view source;  // points at the engine's copy of the name; empty: no location
  uint64_t offset = 0;
  bool known = false;
  bool operator<(const Location& o) const {
    if (known != o.known) return known;
    if (source != o.source) return source < o.source;
    return offset < o.offset;
  }
};

struct Warning {
  std::string code;
  std::string message;  // of the occurrence with the smallest location
  uint64_t count = 0;
  std::vector<std::string> examples;  // ticket ids of the occurrences with the smallest locations
  Location at;
  std::vector<Location> example_at;
};

struct Exclusions {
  uint64_t spam = 0, deleted = 0, merged = 0, duplicate = 0, invalid = 0;
};

class DataQuality {
 public:
  static constexpr size_t kMaxExamples = 5;

  // Counts an occurrence at the current location (set_location). The message kept is that of the occurrence with the
  // smallest location, whatever the order they came in.
  void warn(std::string_view code, std::string message, std::string_view example_ticket = {});
  // Warnings in emission order (tests) and in location order (the report).
  const std::vector<Warning>& warnings() const { return warnings_; }
  std::vector<const Warning*> sorted_warnings() const;
  void set_location(Location at) { at_ = at; }
  const Location& location() const { return at_; }
  bool has(std::string_view code) const;

  uint64_t tickets_read = 0;
  Exclusions excluded;

 private:
  std::vector<Warning> warnings_;
  Location at_;
};

}  // namespace hk
