#include "model/canonical.h"

namespace hk {
namespace {
constexpr std::string_view kChannelNames[kChannelCount] = {"email", "chat", "voice", "web_form",
                                                           "social", "sms",  "api",   "other"};
constexpr std::string_view kStatusNames[kStatusCount] = {"new",      "open",   "pending", "on_hold", "snoozed", "resolved",
                                                         "closed",   "deleted", "spam",   "merged",  "unknown"};
}  // namespace

std::string_view channel_name(Channel c) { return kChannelNames[static_cast<int>(c)]; }
std::string_view status_name(Status s) { return kStatusNames[static_cast<int>(s)]; }

bool parse_channel_name(std::string_view name, Channel& out) {
  for (int i = 0; i < kChannelCount; ++i)
    if (kChannelNames[i] == name) return out = static_cast<Channel>(i), true;
  return false;
}
bool parse_status_name(std::string_view name, Status& out) {
  for (int i = 0; i < kStatusCount; ++i)
    if (kStatusNames[i] == name) return out = static_cast<Status>(i), true;
  return false;
}

}  // namespace hk
