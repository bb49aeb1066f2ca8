// Interned strings: every repeated text (ids, channels, tags, names) is stored once and referred to by a 32-bit id.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hk {

constexpr uint32_t kNoString = 0;  // id 0 is the empty string / "none"

class StringPool {
 public:
  StringPool() { intern_new(""); }
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  uint32_t intern(std::string_view s) {
    if (s.empty()) return kNoString;
    auto it = index_.find(s);
    if (it != index_.end()) return it->second;
    return intern_new(s);
  }
  // Returns kNoString when s was never interned (lookups must not grow the pool).
  uint32_t find(std::string_view s) const {
    auto it = index_.find(s);
    return it == index_.end() ? kNoString : it->second;
  }
  std::string_view get(uint32_t id) const { return id < views_.size() ? views_[id] : std::string_view(); }
  size_t size() const { return views_.size(); }

 private:
  uint32_t intern_new(std::string_view s) {
    // std::deque never moves its elements, so the views stay valid as the pool grows.
    storage_.emplace_back(s);
    std::string_view v = storage_.back();
    const uint32_t id = static_cast<uint32_t>(views_.size());
    views_.push_back(v);
    index_.emplace(v, id);
    return id;
  }
  std::deque<std::string> storage_;
  std::deque<std::string_view> views_;
  std::unordered_map<std::string_view, uint32_t> index_;
};

}  // namespace hk
