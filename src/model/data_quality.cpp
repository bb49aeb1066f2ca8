#include "model/data_quality.h"

#include <algorithm>

namespace hk {

void DataQuality::warn(std::string_view code, std::string message, std::string_view example_ticket) {
  auto it = std::find_if(warnings_.begin(), warnings_.end(), [&](const Warning& w) { return w.code == code; });
  if (it == warnings_.end()) {
    warnings_.push_back(Warning{std::string(code), std::move(message), 0, {}, at_, {}});
    it = warnings_.end() - 1;
  } else if (at_ < it->at) {
    it->message = std::move(message);
    it->at = at_;
  }
  ++it->count;
  if (example_ticket.empty()) return;
  // Examples: the tickets of the kMaxExamples smallest locations, kept sorted by location.
  auto& ex = it->examples;
  auto& ex_at = it->example_at;
  auto same = std::find(ex.begin(), ex.end(), example_ticket);
  if (same != ex.end()) {
    const size_t i = static_cast<size_t>(same - ex.begin());
    if (!(at_ < ex_at[i])) return;
    ex.erase(same);
    ex_at.erase(ex_at.begin() + static_cast<std::ptrdiff_t>(i));
  }
  const size_t pos = static_cast<size_t>(std::upper_bound(ex_at.begin(), ex_at.end(), at_) - ex_at.begin());
  if (pos >= kMaxExamples) return;
  ex.insert(ex.begin() + static_cast<std::ptrdiff_t>(pos), std::string(example_ticket));
  ex_at.insert(ex_at.begin() + static_cast<std::ptrdiff_t>(pos), at_);
  if (ex.size() > kMaxExamples) ex.pop_back(), ex_at.pop_back();
}

std::vector<const Warning*> DataQuality::sorted_warnings() const {
  std::vector<const Warning*> out;
  for (const Warning& w : warnings_) out.push_back(&w);
  std::stable_sort(out.begin(), out.end(), [](const Warning* a, const Warning* b) { return a->at < b->at; });
  return out;
}

bool DataQuality::has(std::string_view code) const {
  return std::any_of(warnings_.begin(), warnings_.end(), [&](const Warning& w) { return w.code == code; });
}

}  // namespace hk
