// Per-ticket facts derived once from the store after ingest (first reply, replies, resolutions, reopens, automation,
// response episodes). KPIs aggregate these under a query; nothing here depends on the query, so a re-query never
// walks the events again.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/dataset.h"

namespace hk {

// Where a ticket's figure came from (G11): its own events, or the vendor's computed value.
enum class FactSource : uint8_t { none, events, vendor };

// Pseudo-agent for resolutions performed by bots and automations (1.12).
constexpr uint32_t kAutomationAgent = UINT32_MAX;

// Fields grouped by size (8-byte, then 4-byte, then 1-byte) so the struct has no padding: every re-query walks this
// array several times, and at 1M tickets its size is what those walks cost (136 → 120 bytes a ticket).
struct TicketFacts {
  // --- 8-byte fields
  int64_t start = kNoTime;            // FRT / resolution clock start (created_at, or first customer message if outbound)
  int64_t first_reply_at = kNoTime;   // first human reply (G8)
  int64_t first_reply_s = kNoTime;    // FRT, null if no human reply
  int64_t first_reply_business_s = kNoTime;  // the same in business hours (G3), when a schedule is set
  int64_t first_resolved_at = kNoTime;
  int64_t final_resolved_at = kNoTime;  // only while the ticket is resolved now
  int64_t first_resolution_s = kNoTime;
  int64_t full_resolution_s = kNoTime;
  int64_t first_resolution_business_s = kNoTime;
  int64_t full_resolution_business_s = kNoTime;
  int64_t first_reopen_at = kNoTime;

  // --- 4-byte fields
  uint32_t first_reply_agent = kNoString;
  uint32_t resolver = kNoString;        // agent of the final resolution, or kAutomationAgent
  int32_t replies = -1;               // human replies over the ticket's life (1.9; chat bursts count once); -1 unknown
  int32_t public_messages = 0;        // customer + human agent public messages (1.24)
  int32_t bot_messages = 0;
  int32_t reopens = -1;                 // -1 unknown

  // --- 1-byte fields
  FactSource first_reply_source = FactSource::none;
  FactSource resolution_source = FactSource::none;
  bool outbound = false;              // an agent wrote first
  bool has_messages = false;          // the export has this ticket's messages
  bool has_status_history = false;    // the export has this ticket's status changes
  bool customer_wrote_after_first_reply = false;  // FCR (a)
  bool automated = false;               // 1.17
  bool awaiting_reply = false;          // open, and the customer waits for a human reply (1.3)
};

struct ResponseEpisode {  // 1.5: a customer waits, a human reply ends the wait
  uint32_t ticket;
  int64_t opened;
  int64_t closed;
  uint32_t agent;
  int64_t business_s;  // kNoTime without a schedule
};

struct ResolutionEvent {  // a transition into resolved/closed (G9), attributed per G10
  uint32_t ticket;
  int64_t at;
  uint32_t agent;  // or kAutomationAgent
};

struct ReplyEvent {
  uint32_t ticket;
  int64_t at;
  uint32_t agent;
};

class BusinessHours;

struct FactsSettings {
  const BusinessHours* business = nullptr;  // business-hours variants of every duration when set
  int64_t automation_window_s = 72 * 3600;  // 1.17 (d)
  int64_t clock_skew_s = 120;               // G6: end before start by up to this much is clamped to 0
};

struct Facts {
  std::vector<TicketFacts> tickets;
  std::vector<ResponseEpisode> episodes;
  std::vector<ResolutionEvent> resolutions;
  std::vector<ReplyEvent> replies;
  int64_t latest_time = kNoTime;  // the latest instant seen in the data (default "now")
  // 1.22 requester index, query-independent so a re-query does no string work (built by index_requesters):
  // requester_group[t] numbers the requester (normalised e-mail, else requester id) of every non-excluded ticket with
  // a creation time, kNoGroup otherwise; next_same_requester[t] is that requester's next ticket by (created_at, row),
  // kNoGroup when none.
  static constexpr uint32_t kNoGroup = UINT32_MAX;
  std::vector<uint32_t> requester_group;
  std::vector<uint32_t> next_same_requester;
  uint32_t requester_groups = 0;
  // 1.21 subject keywords, tokenised once at finish() (index_subject_keywords) instead of on every query: ticket t's
  // distinct keywords are subject_keyword_ids[subject_keyword_start[t] .. subject_keyword_start[t + 1]), numbering
  // subject_keywords.
  std::vector<uint32_t> subject_keyword_start, subject_keyword_ids;
  std::vector<std::string> subject_keywords;
  // 1.12 every known agent (users with the agent role), listed once at finish() (index_agents): the users table also
  // holds every requester, and walking it on each query was most of the per-agent table's time.
  std::vector<uint32_t> agents;
  // 1.2 when each rating counts for period filters, by index into Dataset::ratings, computed once at finish()
  // (index_rating_anchors, which states the rule): most ratings take it from their ticket's facts, which was a cache
  // miss per rating on every query.
  std::vector<int64_t> rating_at;
};

// Requires a finalized dataset; may add data-quality warnings (negative durations).
Facts compute_facts(Dataset& data, const FactsSettings& settings);

}  // namespace hk
