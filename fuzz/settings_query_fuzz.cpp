// libFuzzer target: the settings and query parsers (src/engine/settings.cpp) and everything a setting or a query
// reaches (zones, business hours, SLA, costs, period filters), over a small fixed export of three tickets.
// Input: settings JSON, a NUL byte, query JSON. Beyond ASan/UBSan: report() always returns JSON, and the same query
// twice gives the same bytes (re-queries are pure).
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "fuzz_util.h"

namespace {

constexpr std::string_view kTickets = R"({"tickets":[
{"id":1,"via":{"channel":"email"},"created_at":"2025-03-03T09:00:00Z","updated_at":"2025-03-03T10:00:00Z","status":"solved",
 "requester_id":10,"assignee_id":20,"tags":["a","b"],"subject":"Where is my order?",
 "metric_set":{"reply_time_in_minutes":{"calendar":45,"business":45},"full_resolution_time_in_minutes":{"calendar":60},"replies":1,"reopens":0}},
{"id":2,"via":{"channel":"chat"},"created_at":"2025-03-29T23:30:00-02:00","status":"open","requester_id":11,"tags":["b"]},
{"id":3,"via":{"channel":"sms"},"created_at":"2024-12-31T23:59:59Z","status":"pending","requester_id":10,"assignee_id":21}],
"users":[{"id":20,"name":"Alice","role":"agent"},{"id":21,"name":"Bob","role":"admin"},{"id":10,"name":"Dana","role":"end-user"}]})";

constexpr std::string_view kAudits = R"({"audits":[
{"id":100,"ticket_id":1,"created_at":"2025-03-03T09:00:00Z","author_id":10,"events":[{"type":"Comment","id":1000,"public":true,"author_id":10},{"type":"Create","field_name":"status","value":"new","id":1001}]},
{"id":101,"ticket_id":1,"created_at":"2025-03-03T09:45:00Z","author_id":20,"events":[{"type":"Comment","id":1002,"public":true,"author_id":20},{"type":"Change","field_name":"status","value":"solved","previous_value":"new","id":1003},{"type":"SatisfactionRating","score":"good","id":1004,"assignee_id":20}]},
{"id":102,"ticket_id":2,"created_at":"2025-03-30T01:40:00Z","author_id":11,"events":[{"type":"Comment","id":1005,"public":true,"author_id":11}]}]})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string settings_json(input.substr(0, nul));
  const std::string query_json(nul == std::string_view::npos ? std::string_view("{}") : input.substr(nul + 1));
  hk::Settings settings;
  std::string error;
  if (!hk::parse_settings(settings_json, settings, error)) {
    if (error.empty()) hk_fuzz::fail("parse_settings failed without saying why");
    return 0;
  }
  hk::Engine engine(settings);
  engine.feed("tickets.json", kTickets.data(), kTickets.size());
  engine.feed("audits.json", kAudits.data(), kAudits.size());
  const std::string first = engine.report(query_json);
  const auto parsed = nlohmann::json::parse(first, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) hk_fuzz::fail("report() did not return a JSON object");
  if (engine.report(query_json) != first) hk_fuzz::fail("the same query twice gave different reports");
  return 0;
}
