// The compact ticket store (SPEC §2 "ingest once, query many").
//
// Adapters write vendor-neutral rows into it; tickets are kept as a struct of arrays with interned strings. Events
// (messages, status changes, ratings) may arrive in other files than their tickets and in any order, so they are keyed
// by the ticket's external id and joined to ticket rows in finalize().
#pragma once
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/canonical.h"
#include "model/data_quality.h"
#include "model/orders.h"
#include "model/string_pool.h"
#include "model/surveys.h"
#include "time/timestamp.h"

namespace hk {

// Values a vendor computed itself (Zendesk metric_set, Freshdesk stats, Intercom statistics), used when the export has
// no events to recompute them from (G11). Durations in seconds; kNoTime / -1 = not given.
struct VendorMetrics {
  int64_t first_reply_s = kNoTime;
  int64_t first_reply_business_s = kNoTime;
  int64_t first_reply_at = kNoTime;     // instant of the first human reply, when the vendor gives an instant, not a duration
  int64_t first_resolution_s = kNoTime;
  int64_t first_resolved_at = kNoTime;  // instant of the first resolution
  int64_t full_resolution_s = kNoTime;
  int64_t full_resolution_business_s = kNoTime;
  int64_t solved_at = kNoTime;          // instant of the final (latest) resolution
  int64_t reopened_at = kNoTime;        // instant of a reopen, when the vendor keeps only one
  int32_t replies = -1;
  int32_t reopens = -1;
  // The vendor shows the ticket was resolved before its final resolution without saying when: the first resolution is
  // unknown (not the final one), even though the number of reopens may be unknown too.
  bool resolved_before_final = false;
};

// Ticket flags (bit set).
enum TicketFlag : uint8_t {
  kBotHandled = 1,  // the vendor marks the ticket as handled by a bot / AI agent
};

struct TicketRow {
  std::string_view id;
  int64_t created_at = kNoTime;
  int64_t updated_at = kNoTime;
  Status status = Status::unknown;
  std::string_view raw_status;
  Channel channel = Channel::other;
  std::string_view raw_channel;
  std::string_view assignee;  // user id
  std::string_view requester;  // user id
  std::string_view requester_email;
  std::string_view subject;
  const std::vector<std::string_view>* tags = nullptr;
  uint8_t flags = 0;
  VendorMetrics vendor;
};

struct UserRow {
  std::string_view id;
  std::string_view name;
  std::string_view email;
  AuthorKind kind = AuthorKind::unknown;
};

struct MessageRow {
  std::string_view ticket;
  std::string_view message_id;  // for de-duplication across overlapping pages; may be empty
  int64_t at = kNoTime;
  std::string_view author;       // user id; resolved against the users table when kind is unknown
  AuthorKind kind = AuthorKind::unknown;
  bool is_public = true;
};

struct StatusChangeRow {
  std::string_view ticket;
  std::string_view event_id;
  int64_t at = kNoTime;
  Status from = Status::unknown;  // unknown for the creation event
  Status to = Status::unknown;
  std::string_view author;
  AuthorKind author_kind = AuthorKind::unknown;
};

// Rating scales (kpi-definitions 1.13). Values are stored raw; the KPI maps them to satisfied / neutral / unsatisfied.
enum class RatingScale : uint8_t { good_bad, one_to_five, one_to_three, one_to_two, one_to_ten, great_okay_bad };

struct RatingRow {
  std::string_view ticket;
  std::string_view rating_id;
  RatingScale scale = RatingScale::good_bad;
  int32_t value = 0;         // good_bad: 1 good, 0 bad; great_okay_bad: 3/2/1; numeric scales: the number
  bool answered = true;      // false: survey offered, no answer yet
  int64_t at = kNoTime;      // when the rating was submitted (or offered)
  std::string_view agent;    // user id the vendor attributes it to, if any
};

// Where a row was read: the engine's source index and the byte offset in that source. Compared through the sources'
// names (Dataset::before), so that conflicts between files are settled by the same rule whatever order they came in.
struct RowOrigin {
  uint64_t offset = 0;
  uint32_t source = UINT32_MAX;  // UINT32_MAX: unknown (a Dataset filled without an engine)
};

struct User {
  uint32_t name = kNoString;
  uint32_t email = kNoString;
  AuthorKind kind = AuthorKind::unknown;
  RowOrigin name_at, email_at, kind_at;  // a value read at a later location replaces one read earlier
};

// In Message, StatusChange and Rating, `ticket` is the interned external ticket id until finalize(), the ticket row after.
struct Message {
  uint32_t ticket;
  uint32_t message_key;
  int64_t at;
  uint32_t author;
  AuthorKind kind;
  bool is_public;
};

struct StatusChange {
  uint32_t ticket;
  uint32_t event_key;
  int64_t at;
  Status from;
  Status to;
  uint32_t author;
  AuthorKind author_kind;
};

struct Rating {
  uint32_t ticket;
  uint32_t rating_key;
  RatingScale scale;
  int32_t value;
  bool answered;
  int64_t at;
  uint32_t agent;
};

class Dataset {
 public:
  Dataset() = default;
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  // --- writing (adapters) ---
  // Duplicates by id keep the row with the latest updated_at (G6); returns false when the row was a duplicate.
  bool add_ticket(const TicketRow& row);
  void add_user(const UserRow& row);
  void add_message(const MessageRow& row);
  void add_status_change(const StatusChangeRow& row);
  void add_rating(const RatingRow& row);
  uint32_t intern(std::string_view s) { return strings.intern(s); }
  // The record being read (the engine calls this before each record; warnings and rows take this location).
  void set_location(uint32_t source, std::string_view source_name, uint64_t offset);
  void clear_location();
  // Location order: source name (byte order), then offset; unknown locations are all equal.
  bool before(const RowOrigin& a, const RowOrigin& b) const;

  // Joins events to tickets, resolves author kinds, sorts each ticket's events by time, drops duplicate events.
  void finalize();
  bool finalized() const { return finalized_; }
  // After finalize(): messages and status changes by these authors (user ids, or names / emails from the users table)
  // are bot/automation events (G8: a configurable list of bot and automation authors). The vendor's reply figures of
  // a ticket with such a message are dropped (the vendor counted them as human replies). Returns the events changed.
  uint64_t treat_as_automation(const std::vector<std::string>& authors);

  // --- reading (KPIs), valid after finalize() ---
  size_t ticket_count() const { return ticket_id.size(); }
  std::string_view text(uint32_t id) const { return strings.get(id); }
  AuthorKind kind_of_user(uint32_t user) const;
  // An estimate of the bytes this store holds now plus what finalize() and the per-ticket facts will need (the
  // engine's max_memory_bytes ceiling compares against it). Capacities, not sizes: that is what is allocated.
  size_t memory_bytes() const;

  StringPool strings;
  DataQuality quality;

  // Tickets, one entry per ticket in each column.
  std::vector<uint32_t> ticket_id;
  std::vector<int64_t> created_at, updated_at;
  std::vector<Status> status;
  std::vector<uint32_t> raw_status;
  std::vector<Channel> channel;
  std::vector<uint32_t> raw_channel;
  std::vector<uint32_t> assignee, requester, requester_email, subject;
  std::vector<uint32_t> tags_begin;
  std::vector<uint16_t> tags_count;
  std::vector<uint32_t> tag_pool;
  std::vector<uint8_t> flags;
  std::vector<VendorMetrics> vendor;
  std::vector<RowOrigin> origin;  // of the copy kept
  // NOTE: every per-ticket column must also be listed in Dataset::reorder_rows() (dataset.cpp).

  std::unordered_map<uint32_t, User> users;

  // Events; after finalize() each is sorted by (ticket row, time) and indexed by the *_begin offsets (size n+1).
  std::vector<Message> messages;
  std::vector<StatusChange> status_changes;
  std::vector<Rating> ratings;  // after finalize(): at most one per ticket, the latest (1.13)
  std::vector<uint32_t> message_begin, status_begin;
  std::vector<int32_t> rating_of_ticket;  // index into ratings, or -1

  // Events whose ticket never appeared in any tickets file.
  uint64_t orphan_messages = 0, orphan_status_changes = 0, orphan_ratings = 0;
  // The id of the last ticket add_ticket() saw a second time (the engine names it, with the file and offset).
  uint32_t last_duplicate = kNoString;
  RowOrigin last_duplicate_first, last_duplicate_second;  // the smallest location of that ticket, and the next one

  // Sibling stores for the other inputs (SPEC §3): shop orders and survey answers. finalize() sorts the orders and
  // links each survey answer to its ticket row.
  OrderStore orders;
  SurveyStore surveys;

 private:
  void reorder_rows();
  // Ticket row by interned ticket id (kNoTicketRow: none), indexed by the id: a table of the pool's size instead of a
  // hash map node per ticket (a lookup per ticket and per event, and the map's growth, were 2 % of ingest in wasm).
  std::vector<uint32_t> row_of_id_;
  uint32_t row_of_id(uint32_t id) const { return id < row_of_id_.size() ? row_of_id_[id] : kNoTicketRow; }
  std::unordered_map<uint32_t, RowOrigin> first_origin_;  // row → smallest location, for rows read more than once
  std::vector<std::string_view> source_names_;             // by source index
  RowOrigin here_;
  bool finalized_ = false;
};

}  // namespace hk
