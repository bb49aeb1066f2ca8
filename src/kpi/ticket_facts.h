// Per-ticket facts derived once from the store after ingest (first reply, replies, resolutions, reopens, automation,
// response episodes). KPIs aggregate these under a query; nothing here depends on the query, so a re-query never
// walks the events again.
#pragma once
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "kpi/ranked.h"
#include "model/dataset.h"

namespace hk {

// Where a ticket's figure came from (G11): its own events, or the vendor's computed value.
enum class FactSource : uint8_t { none, events, vendor };

// Pseudo-agent for resolutions performed by bots and automations (1.12).
constexpr uint32_t kAutomationAgent = UINT32_MAX;

// A ticket's facts, field by field: type, name, value when unknown. One list, expanded into the per-ticket record
// (TicketFacts, built while computing the facts) and into the columns that hold them (TicketFactsColumns).
#define HK_TICKET_FACTS_FIELDS(X)                                                                                    \
  X(int64_t, start, kNoTime)             /* FRT / resolution clock start (created, or first customer message if outbound) */ \
  X(int64_t, first_reply_at, kNoTime)    /* first human reply (G8) */                                              \
  X(int64_t, first_reply_s, kNoTime)     /* FRT, null if no human reply */                                         \
  X(int64_t, first_reply_business_s, kNoTime)  /* the same in business hours (G3), when a schedule is set */       \
  X(int64_t, first_resolved_at, kNoTime)                                                                          \
  X(int64_t, final_resolved_at, kNoTime) /* only while the ticket is resolved now */                               \
  X(int64_t, first_resolution_s, kNoTime)                                                                         \
  X(int64_t, full_resolution_s, kNoTime)                                                                          \
  X(int64_t, first_resolution_business_s, kNoTime)                                                                \
  X(int64_t, full_resolution_business_s, kNoTime)                                                                 \
  X(int64_t, first_reopen_at, kNoTime)                                                                            \
  X(uint32_t, first_reply_agent, kNoString)                                                                       \
  X(uint32_t, resolver, kNoString)       /* agent of the final resolution, or kAutomationAgent */                  \
  X(int32_t, replies, -1)                /* human replies over the ticket's life (1.9; chat bursts count once); -1 unknown */ \
  X(int32_t, public_messages, 0)         /* customer + human agent public messages (1.24) */                        \
  X(int32_t, bot_messages, 0)                                                                                     \
  X(int32_t, reopens, -1)                /* -1 unknown */                                                          \
  X(FactSource, first_reply_source, FactSource::none)                                                             \
  X(FactSource, resolution_source, FactSource::none)                                                              \
  X(bool, outbound, false)               /* an agent wrote first */                                                \
  X(bool, has_messages, false)           /* the export has this ticket's messages */                               \
  X(bool, has_status_history, false)     /* the export has this ticket's status changes */                         \
  X(bool, customer_wrote_after_first_reply, false)  /* FCR (a) */                                                  \
  X(bool, automated, false)              /* 1.17 */                                                                \
  X(bool, awaiting_reply, false)         /* open, and the customer waits for a human reply (1.3) */

struct TicketFacts {
#define HK_FACT_MEMBER(type, name, unknown) type name = unknown;
  HK_TICKET_FACTS_FIELDS(HK_FACT_MEMBER)
#undef HK_FACT_MEMBER
};

// Every ticket's facts, one array per field. A re-query walks the facts of up to every ticket some twenty times, each
// walk reading two or three fields: as an array of 120-byte records each walk streamed all 120 MB at 1M tickets, and
// memory bandwidth was the whole cost of a whole-range re-query (docs/benchmarks.md). `tickets[t]` assembles a
// TicketFacts by value, and the compiler loads only the fields the caller reads.
class TicketFactsColumns {
 public:
  size_t size() const { return start.size(); }
  void resize(size_t n) {
#define HK_FACT_RESIZE(type, name, unknown) name.assign(n, unknown);
    HK_TICKET_FACTS_FIELDS(HK_FACT_RESIZE)
#undef HK_FACT_RESIZE
  }
  // Always inlined: only then can the compiler drop the loads of the fields the caller does not read. Clang (the wasm
  // build) does not inline a function of this size by itself, and a call per ticket read all 25 columns.
  [[gnu::always_inline]] TicketFacts operator[](size_t t) const {
    TicketFacts f;
#define HK_FACT_GET(type, name, unknown) f.name = static_cast<type>(name[t]);
    HK_TICKET_FACTS_FIELDS(HK_FACT_GET)
#undef HK_FACT_GET
    return f;
  }
  void set(size_t t, const TicketFacts& f) {
#define HK_FACT_SET(type, name, unknown) name[t] = f.name;
    HK_TICKET_FACTS_FIELDS(HK_FACT_SET)
#undef HK_FACT_SET
  }

 private:
  // bool columns are bytes: std::vector<bool> packs bits, and a bit read costs more than a byte read.
  template <typename T>
  using Column = std::vector<std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>>;
#define HK_FACT_COLUMN(type, name, unknown) Column<type> name;
  HK_TICKET_FACTS_FIELDS(HK_FACT_COLUMN)
#undef HK_FACT_COLUMN
};

// Events, 8-byte fields first so that none carries padding: whole-range re-queries stream these arrays (millions of
// replies at 1M tickets), and their size is what that costs.
struct ResponseEpisode {  // 1.5: a customer waits, a human reply ends the wait
  int64_t opened;
  int64_t closed;
  int64_t business_s;  // kNoTime without a schedule
  uint32_t ticket;
  uint32_t agent;
};

struct ResolutionEvent {  // a transition into resolved/closed (G9), attributed per G10
  int64_t at;
  uint32_t ticket;
  uint32_t agent;  // or kAutomationAgent
};

struct ReplyEvent {
  int64_t at;
  uint32_t ticket;
  uint32_t agent;
};

class BusinessHours;

struct FactsSettings {
  const BusinessHours* business = nullptr;  // business-hours variants of every duration when set
  int64_t automation_window_s = 72 * 3600;  // 1.17 (d)
  int64_t clock_skew_s = 120;               // G6: end before start by up to this much is clamped to 0
};

// 1.20 the consistency table's cells, built once at finish() (index_consistency): one per (tag, human resolver) of the
// resolved tickets, in the table's output order (tag text, then agent id text). Cell c holds entries
// [begin[c], begin[c + 1]), one per tag occurrence of its tickets: those with a full resolution time first (valued[c]
// of them), ascending by that time. A query sets a bit per entry it keeps (entry_of leads from a ticket's tags to its
// entries) and reads each cell's counts and median off the bits, instead of gathering every cell's durations and
// selecting medians among them (most of a whole-range re-query's time in this table).
struct ConsistencyCells {
  static constexpr uint8_t kTouched = 1, kOneTouch = 2, kFirstResolved = 4, kReopened = 8;  // from replies and reopens
  static constexpr uint32_t kNoEntry = UINT32_MAX;
  std::vector<uint64_t> keys;  // tag id << 32 | agent id
  std::vector<uint32_t> begin, valued;
  std::vector<double> resolution_s;  // per entry with a full resolution time (the first valued[c] of each cell)
  std::vector<uint8_t> flags;        // per entry
  std::vector<uint32_t> entry_of;    // per Dataset::tag_pool index: its entry, kNoEntry for a ticket in no cell
};

struct Facts {
  TicketFactsColumns tickets;
  std::vector<ResponseEpisode> episodes;
  // In ticket order as computed; at finish() (index_agents) grouped by agent, the order queries need, and those
  // without an agent dropped.
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
  // 1.22 whether a ticket with a requester group is followed by a repeat contact (kRepeatContact), has no follow-up yet
  // while its window runs past the data end (kProvisionalRepeat), or neither (0). Nothing in it depends on the query —
  // the window and the data end are settings — so it is decided once at finish() (index_repeat_contacts) instead of on
  // every query, which read the next ticket's creation time at random.
  static constexpr uint8_t kRepeatContact = 1, kProvisionalRepeat = 2;
  std::vector<uint8_t> repeat_contact;
  // 1.21 subject keywords, tokenised once at finish() (index_subject_keywords) instead of on every query: ticket t's
  // distinct keywords are subject_keyword_ids[subject_keyword_start[t] .. subject_keyword_start[t + 1]), numbering
  // subject_keywords.
  std::vector<uint32_t> subject_keyword_start, subject_keyword_ids;
  std::vector<std::string> subject_keywords;
  // 1.12 agents numbered once at finish() (index_agents), so that the per-agent table of a query is an array indexed
  // per ticket, not a table looked up by id: agent_ids[number] is the agent (kAutomationAgent included);
  // known_agents numbers every user with the agent role (the users table also holds every requester, and walking it
  // on each query was most of the table's time); per ticket the number of its resolver and of its first replier, per
  // rating the agent it is attributed to (its own, else the ticket's assignee); reply_runs / resolution_runs give each
  // agent's run of events (the events are grouped by agent). kNoAgent when there is none.
  static constexpr uint32_t kNoAgent = UINT32_MAX;
  struct AgentRun {
    uint32_t begin, end, agent;  // events [begin, end) of agent number `agent`
  };
  std::vector<uint32_t> agent_ids, known_agents;
  uint32_t automation_number = kNoAgent;  // the number of kAutomationAgent, when it resolved a ticket or an event
  std::vector<uint32_t> resolver_number, first_replier_number, rating_agent_number;
  std::vector<AgentRun> reply_runs, resolution_runs;
  // 1.2 when each rating counts for period filters, by index into Dataset::ratings, computed once at finish()
  // (index_rating_anchors, which states the rule): most ratings take it from their ticket's facts, which was a cache
  // miss per rating on every query.
  std::vector<int64_t> rating_at;
  // 1.1, 1.2, 1.21 the keys volume and topics count by, computed once at finish() (index_volume_keys) so that a query
  // indexes small arrays instead of converting a time to a local day and hashing ids for every ticket:
  // created_day[t] = the local day of creation in the report zone (Scope::local_day), spanning first_day..last_day
  // over tickets with a creation time; raw_channel_number[t] numbers the ticket's raw channel among raw_channel_ids;
  // tag_number[i] numbers Dataset::tag_pool[i] among tag_ids.
  std::vector<int64_t> created_day;
  int64_t first_day = 0, last_day = -1;
  std::vector<uint32_t> raw_channel_number, raw_channel_ids;
  std::vector<uint32_t> tag_number, tag_ids;
  ConsistencyCells consistency;
  // 1.4, 1.6, 1.12, 1.24 columns ranked once at finish() (index_ranked_durations, kpi/ranked.h), so that a query's
  // percentiles are read off a bit per kept ticket: first response, first and full resolution, their business-hours
  // variants when a schedule is set (else not built), first response grouped by first replier number, and the
  // replies of tickets with at least one (replies to resolve).
  RankedDurations ranked_first_reply, ranked_first_resolution, ranked_full_resolution, ranked_replies;
  RankedDurations ranked_first_reply_business, ranked_first_resolution_business, ranked_full_resolution_business;
  RankedDurations ranked_first_reply_by_agent;
};

// Requires a finalized dataset; may add data-quality warnings (negative durations).
Facts compute_facts(Dataset& data, const FactsSettings& settings);

}  // namespace hk
