// The vendor-neutral vocabulary (SPEC §4): canonical channels, statuses and author kinds.
// Adapters in src/ingest translate vendor values into these; KPI code only ever sees these.
#pragma once
#include <cstdint>
#include <string_view>

namespace hk {

enum class Channel : uint8_t { email, chat, voice, web_form, social, sms, api, other };
constexpr int kChannelCount = 8;

enum class Status : uint8_t { new_, open, pending, on_hold, snoozed, resolved, closed, deleted, spam, merged, unknown };
constexpr int kStatusCount = 11;

// Who wrote a message. Only `agent` messages that are public can be replies (kpi-definitions G8).
enum class AuthorKind : uint8_t { unknown, customer, agent, bot, system };

std::string_view channel_name(Channel c);
std::string_view status_name(Status s);
bool parse_channel_name(std::string_view name, Channel& out);
bool parse_status_name(std::string_view name, Status& out);

// resolved ∪ closed (G9)
inline bool is_resolved(Status s) { return s == Status::resolved || s == Status::closed; }
// spam, deleted and merged-away tickets are excluded from every KPI and counted (G7)
inline bool is_excluded(Status s) { return s == Status::deleted || s == Status::spam || s == Status::merged; }

}  // namespace hk
