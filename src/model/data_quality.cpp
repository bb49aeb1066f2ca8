#include "model/data_quality.h"

#include <algorithm>

namespace hk {

void DataQuality::warn(std::string_view code, std::string message, std::string_view example_ticket) {
  auto it = std::find_if(warnings_.begin(), warnings_.end(), [&](const Warning& w) { return w.code == code; });
  if (it == warnings_.end()) {
    warnings_.push_back(Warning{std::string(code), std::move(message), 0, {}});
    it = warnings_.end() - 1;
  }
  ++it->count;
  if (!example_ticket.empty() && it->examples.size() < kMaxExamples &&
      std::find(it->examples.begin(), it->examples.end(), example_ticket) == it->examples.end())
    it->examples.emplace_back(example_ticket);
}

bool DataQuality::has(std::string_view code) const {
  return std::any_of(warnings_.begin(), warnings_.end(), [&](const Warning& w) { return w.code == code; });
}

}  // namespace hk
