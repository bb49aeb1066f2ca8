// Data-quality ledger: what was read, what was used, what was excluded and why (SPEC §6.1 data_quality, §7).
// A warning aggregates by code: the first occurrence's message (naming file, offset/line and ticket) plus a count and
// a few example ticket ids, so a million bad rows give one readable line, not a million.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hk {

struct Warning {
  std::string code;
  std::string message;
  uint64_t count = 0;
  std::vector<std::string> examples;
};

struct Exclusions {
  uint64_t spam = 0, deleted = 0, merged = 0, duplicate = 0, invalid = 0;
};

class DataQuality {
 public:
  static constexpr size_t kMaxExamples = 5;

  void warn(std::string_view code, std::string message, std::string_view example_ticket = {});
  const std::vector<Warning>& warnings() const { return warnings_; }
  bool has(std::string_view code) const;

  uint64_t tickets_read = 0;
  Exclusions excluded;

 private:
  std::vector<Warning> warnings_;
};

}  // namespace hk
