// Freshdesk API v2 exports (reference/export-formats.md §2): bare arrays of tickets (`include=stats,requester`, with or
// without embedded `conversations`), bare arrays of conversations (`/tickets/{id}/conversations`, each with its
// `ticket_id`) and satisfaction ratings (`/surveys/satisfaction_ratings`). Status, source and conversation source are
// numeric codes. The ticket's `description` is the customer's first message; `stats` carries Freshdesk's own first
// response, latest resolution and latest reopen (G11), used when conversations are missing.
#include <string>
#include <vector>

#include "ingest/adapter.h"
#include "ingest/json_read.h"

namespace hk {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

bool fail(RecordError& e, std::string_view ticket, std::string message) {
  e.ticket.assign(ticket);
  e.message = std::move(message);
  return false;
}

// Ticket `source` codes: documented 1 2 3 7 9 10, the rest seen in accounts' ticket_fields choices.
constexpr int kOutboundEmail = 10;
constexpr int kBot = 12;

struct SourceCode {
  int code;
  std::string_view label;
  Channel channel;
};
constexpr SourceCode kSources[] = {
    {1, "email", Channel::email},
    {2, "portal", Channel::web_form},
    {3, "phone", Channel::voice},
    {4, "forum", Channel::web_form},
    {5, "twitter", Channel::social},
    {6, "facebook", Channel::social},
    {7, "chat", Channel::chat},
    {8, "mobihelp", Channel::chat},
    {9, "feedback_widget", Channel::web_form},
    {10, "outbound_email", Channel::email},
    {11, "ecommerce", Channel::other},
    {12, "bot", Channel::chat},
    {13, "whatsapp", Channel::social},
};

// Ticket `status` codes 2–5; 6 and up are account-defined (waiting states such as "Waiting on Customer").
bool map_status(int64_t code, Status& out, std::string_view& label) {
  switch (code) {
    case 2: out = Status::open, label = "open"; return true;
    case 3: out = Status::pending, label = "pending"; return true;
    case 4: out = Status::resolved, label = "resolved"; return true;
    case 5: out = Status::closed, label = "closed"; return true;
    default: return false;
  }
}

// Conversation `source` codes: 0 reply, 2 note, 5 tweet, 6 survey feedback, 7 Facebook post, 8 forwarded email,
// 9 phone, 10 MobiHelp, 11 e-commerce.
constexpr int kConversationNote = 2;
constexpr int kSurveyFeedback = 6;
constexpr int kForwardedEmail = 8;

// `ratings.default_question`: 103 … −103 with 100 neutral (classic 3-point 103/100/−103; 7-point adds ±101, ±102). The
// classic labels are Awesome / Just Okay / Not Good, so both scales land on great / okay / not good (1.13).
bool map_rating(int64_t v, RatingRow& r) {
  r.scale = RatingScale::great_okay_bad;
  r.answered = true;
  if (v >= 101 && v <= 103) r.value = 3;
  else if (v == 100) r.value = 2;
  else if (v >= -103 && v <= -101) r.value = 1;
  else return false;
  return true;
}

struct Conversation {
  std::string id, ticket, author;
  int64_t at = kNoTime;
  bool incoming = false, is_private = false;
  int64_t source = 0;
};

enum class Kind { ticket, conversation, rating };

class FreshdeskAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "freshdesk"; }

  int detect(const RecordProbe& p) const override {
    if (p.has("survey_id") && p.has("ratings") && p.has("ticket_id")) return 90;
    if (p.has("incoming") && p.has("private") && p.has("ticket_id")) return 90;
    if (p.has("stats") && (p.has("requester_id") || p.has("responder_id"))) return 95;
    if (p.has("requester_id") && p.has("responder_id") && p.has("source") && p.has("status") && p.has("created_at"))
      return 85;
    if (p.has("fr_due_by") || p.has("fr_escalated")) return 80;
    return 0;
  }

  std::string_view role_of(const RecordProbe& p) const override {
    if (p.has("survey_id") || p.has("ratings")) return "satisfaction_ratings";
    if (p.has("incoming")) return "conversations";
    return "tickets";
  }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    Kind kind;
    const std::string_view key = ctx.span->list_key;
    if (key == "tickets") kind = Kind::ticket;
    else if (key == "conversations") kind = Kind::conversation;
    else if (key == "satisfaction_ratings" || key == "ratings") kind = Kind::rating;
    else if (!key.empty()) return true;  // another list in a wrapper: nothing a KPI needs
    else {
      // Bare arrays: the first telling key says what the record is; then it is read for real.
      if (!classify(record, kind)) return fail(error, "", "the record is not a valid JSON object");
      if (record.reset().error()) return fail(error, "", "the record could not be re-read");
    }
    switch (kind) {
      case Kind::ticket: return ingest_ticket(record, ctx, data, error);
      case Kind::conversation: return ingest_conversation(record, ctx, data, error);
      case Kind::rating: return ingest_rating(record, ctx, data, error);
    }
    return true;
  }

 private:
  static bool classify(object record, Kind& kind) {
    kind = Kind::ticket;
    for (auto f : record) {
      std::string_view k;
      if (read_key(f, k)) return false;
      if (k == "survey_id" || k == "ratings") return kind = Kind::rating, true;
      if (k == "incoming" || k == "private") return kind = Kind::conversation, true;
      if (k == "stats" || k == "requester_id" || k == "status" || k == "subject") return kind = Kind::ticket, true;
    }
    return true;
  }

  // One conversation object (embedded in a ticket or from a conversations file) into `c`.
  static bool read_conversation(object o, Conversation& c, bool& no_offset) {
    c.id.clear();
    c.ticket.clear();
    c.author.clear();
    c.at = kNoTime;
    c.incoming = c.is_private = false;
    c.source = 0;
    bool nofs = false;
    for (auto f : o) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return false;
      if (k == "id") {
        if (!read_id(v, c.id)) return false;
      } else if (k == "ticket_id") {
        if (!read_id(v, c.ticket)) return false;
      } else if (k == "user_id") {
        if (!read_id(v, c.author)) return false;
      } else if (k == "created_at") {
        if (!read_time(v, c.at, nofs)) return false;
        no_offset |= nofs;
      } else if (k == "incoming") {
        if (!is_null(v) && !read_bool(v, c.incoming)) return false;
      } else if (k == "private") {
        if (!is_null(v) && !read_bool(v, c.is_private)) return false;
      } else if (k == "source") {
        if (!read_int(v, c.source, 0)) return false;
      }
    }
    return c.at != kNoTime;
  }

  // G8: incoming = the customer; an agent's private note, public note (source 2) or forward to a third party is not a
  // reply (Freshdesk's own reports count public notes as responses; this engine follows the fixture's rule).
  static void add_conversation(const Conversation& c, std::string_view ticket, Dataset& data) {
    MessageRow m;
    m.ticket = ticket;
    m.message_id = c.id;
    m.at = c.at;
    m.author = c.author;
    if (c.incoming || c.source == kSurveyFeedback) {
      m.kind = AuthorKind::customer;
      m.is_public = !c.is_private;
    } else {
      m.kind = AuthorKind::agent;
      m.is_public = !c.is_private && c.source != kConversationNote && c.source != kForwardedEmail;
    }
    data.add_message(m);
  }

  bool read_stats(value v, VendorMetrics& m, int64_t& closed_at, bool& no_offset) {
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    bool nofs = false;
    m.reopens = 0;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      int64_t* target = nullptr;
      if (k == "first_responded_at") target = &m.first_reply_at;
      else if (k == "resolved_at") target = &m.solved_at;
      else if (k == "closed_at") target = &closed_at;
      else if (k == "reopened_at") target = &m.reopened_at;
      if (!target) continue;
      if (!read_time(x, *target, nofs)) return false;
      no_offset |= nofs;
    }
    // Freshdesk keeps the latest reopen only: one is visible, more are not.
    if (m.reopened_at != kNoTime) m.reopens = 1;
    return true;
  }

  bool ingest_ticket(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    TicketRow row;
    tags_.clear();
    id_.clear();
    assignee_.clear();
    requester_.clear();
    conversations_used_ = 0;
    int64_t status_code = -1, source_code = -1, closed_at = kNoTime;
    bool spam = false, deleted = false, no_offset = false, any_no_offset = false, has_created = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, id_, "the ticket is not valid JSON");
      if (k == "id") {
        if (!read_id(v, id_) || id_.empty()) return fail(error, "", "the ticket's \"id\" is missing or not a number");
      } else if (k == "created_at") {
        has_created = true;
        if (!read_time(v, row.created_at, no_offset))
          return fail(error, id_, "\"created_at\" is not a valid timestamp");
        any_no_offset |= no_offset;
      } else if (k == "updated_at") {
        if (!read_time(v, row.updated_at, no_offset)) row.updated_at = kNoTime;
      } else if (k == "status") {
        if (!read_int(v, status_code, -1)) return fail(error, id_, "\"status\" is not a number");
      } else if (k == "source") {
        if (!read_int(v, source_code, -1)) return fail(error, id_, "\"source\" is not a number");
      } else if (k == "spam") {
        if (!is_null(v) && !read_bool(v, spam)) return fail(error, id_, "\"spam\" is not true or false");
      } else if (k == "deleted") {
        if (!is_null(v) && !read_bool(v, deleted)) return fail(error, id_, "\"deleted\" is not true or false");
      } else if (k == "subject") {
        read_string(v, row.subject);
      } else if (k == "responder_id") {
        if (!read_id(v, assignee_)) return fail(error, id_, "\"responder_id\" is not an id");
      } else if (k == "requester_id") {
        if (!read_id(v, requester_)) return fail(error, id_, "\"requester_id\" is not an id");
      } else if (k == "requester") {
        if (!read_requester_email(v, row.requester_email)) return fail(error, id_, "\"requester\" is not an object");
      } else if (k == "tags") {
        if (!read_tags(v)) return fail(error, id_, "\"tags\" is not an array of strings");
      } else if (k == "stats") {
        if (!read_stats(v, row.vendor, closed_at, no_offset)) return fail(error, id_, "\"stats\" is malformed");
        any_no_offset |= no_offset;
      } else if (k == "conversations") {
        array a;
        if (is_null(v)) continue;
        if (v.get_array().get(a)) return fail(error, id_, "\"conversations\" is not an array");
        for (auto e : a) {
          object o;
          if (e.get_object().get(o)) return fail(error, id_, "a conversation is not an object");
          if (conversations_used_ == conversations_.size()) conversations_.emplace_back();
          Conversation& c = conversations_[conversations_used_];
          if (!read_conversation(o, c, no_offset))
            return fail(error, id_, "a conversation has no valid \"created_at\" or a malformed field");
          any_no_offset |= no_offset;
          ++conversations_used_;
        }
      }
    }
    if (id_.empty()) return fail(error, "", "the ticket has no \"id\"");
    if (!has_created || row.created_at == kNoTime) return fail(error, id_, "the ticket has no \"created_at\"");
    row.id = id_;

    std::string_view status_label;
    if (!map_status(status_code, row.status, status_label)) {
      status_text_ = "status " + std::to_string(status_code);
      status_label = status_text_;
      if (status_code >= 6) {
        // Account-defined statuses are unresolved waiting states; their names are only in /ticket_fields.
        row.status = Status::on_hold;
        data.quality.warn("custom_status",
                          ctx.where() + ": ticket " + id_ + " has the account-defined status " +
                              std::to_string(status_code) + "; it counts as open (waiting)",
                          id_);
      } else {
        row.status = Status::unknown;
        data.quality.warn("unknown_status",
                          ctx.where() + ": ticket " + id_ + " has status " + std::to_string(status_code) +
                              ", which Freshdesk does not define; it counts in volume but not as open or resolved",
                          id_);
      }
    }
    row.raw_status = status_label;
    if (deleted) row.status = Status::deleted;
    else if (spam) row.status = Status::spam;

    row.channel = Channel::other;
    row.raw_channel = {};
    for (const SourceCode& s : kSources)
      if (s.code == source_code) row.channel = s.channel, row.raw_channel = s.label;
    if (row.raw_channel.empty() && source_code >= 0) {
      channel_text_ = "source " + std::to_string(source_code);
      row.raw_channel = channel_text_;
    }
    if (source_code == kBot) row.flags |= kBotHandled;

    // Only the latest resolution is kept; without resolved_at a closed ticket falls back to closed_at (1.6, flagged).
    if (row.vendor.solved_at == kNoTime && closed_at != kNoTime && is_resolved(row.status)) {
      row.vendor.solved_at = closed_at;
      data.quality.warn(
          "resolved_from_closed",
          ctx.where() + ": ticket " + id_ + " has no stats.resolved_at; its resolution time runs to stats.closed_at",
          id_);
    }
    row.assignee = assignee_;
    row.requester = requester_;
    row.tags = &tags_;
    if (any_no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": ticket " + id_ + " has a timestamp without a zone offset; it was read as UTC",
                        id_);
    data.add_ticket(row);

    // The description is the ticket's first message: the customer's, or the agent's on an outbound e-mail.
    MessageRow first;
    first.ticket = id_;
    first.message_id = "description";
    first.at = row.created_at;
    if (source_code == kOutboundEmail) {
      first.author = assignee_;
      first.kind = AuthorKind::agent;
    } else {
      first.author = requester_;
      first.kind = AuthorKind::customer;
    }
    data.add_message(first);
    for (size_t i = 0; i < conversations_used_; ++i) add_conversation(conversations_[i], id_, data);
    return true;
  }

  bool read_requester_email(value v, std::string_view& email) {
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "email") read_string(x, email);
    }
    return true;
  }

  bool read_tags(value v) { return read_string_array(v, tags_); }

  bool ingest_conversation(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    if (conversations_.empty()) conversations_.emplace_back();
    Conversation& c = conversations_[0];
    bool no_offset = false;
    if (!read_conversation(record, c, no_offset))
      return fail(error, c.ticket, "the conversation has no valid \"created_at\" or a malformed field");
    if (c.ticket.empty()) return fail(error, "", "the conversation has no \"ticket_id\"");
    if (no_offset)
      data.quality.warn(
          "time_without_offset",
          ctx.where() + ": ticket " + c.ticket + " has a timestamp without a zone offset; it was read as UTC",
          c.ticket);
    add_conversation(c, c.ticket, data);
    return true;
  }

  bool ingest_rating(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    std::string ticket, id, agent;
    int64_t created = kNoTime, updated = kNoTime, score = INT64_MIN;
    bool no_offset = false, has_score = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, ticket, "the rating is not valid JSON");
      if (k == "ticket_id") {
        if (!read_id(v, ticket)) return fail(error, "", "the rating's \"ticket_id\" is not an id");
      } else if (k == "id") {
        read_id(v, id);
      } else if (k == "agent_id") {
        read_id(v, agent);
      } else if (k == "created_at") {
        if (!read_time(v, created, no_offset))
          return fail(error, ticket, "the rating's \"created_at\" is not a timestamp");
      } else if (k == "updated_at") {
        if (!read_time(v, updated, no_offset)) updated = kNoTime;
      } else if (k == "ratings") {
        object o;
        if (v.get_object().get(o)) return fail(error, ticket, "the rating's \"ratings\" is not an object");
        for (auto q : o) {
          std::string_view qk;
          value qv;
          if (read_key(q, qk) || q.value().get(qv))
            return fail(error, ticket, "the rating is not valid JSON");
          if (qk == "default_question") has_score = read_int(qv, score, INT64_MIN) && score != INT64_MIN;
        }
      }
    }
    if (ticket.empty()) return fail(error, "", "the rating has no \"ticket_id\"");
    if (!has_score) return fail(error, ticket, "the rating has no \"ratings.default_question\" value");
    RatingRow r;
    if (!map_rating(score, r)) {
      data.quality.warn("unknown_rating",
                        ctx.where() + ": ticket " + ticket + " has the rating " + std::to_string(score) +
                            ", which is not on Freshdesk's 103 … −103 scale; it is ignored",
                        ticket);
      return true;
    }
    r.ticket = ticket;
    r.rating_id = id;
    // A rating changed later carries the change time in updated_at (1.13: keep the latest).
    r.at = updated != kNoTime && (created == kNoTime || updated > created) ? updated : created;
    r.agent = agent;
    data.add_rating(r);
    return true;
  }

  // Reused between records so the hot path does not allocate.
  std::string id_, assignee_, requester_, status_text_, channel_text_;
  std::vector<std::string_view> tags_;
  std::vector<Conversation> conversations_;
  size_t conversations_used_ = 0;
};

}  // namespace

std::unique_ptr<Adapter> make_freshdesk_adapter() { return std::make_unique<FreshdeskAdapter>(); }

}  // namespace hk
