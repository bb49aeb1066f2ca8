// Gorgias REST exports (reference/export-formats.md §3): tickets as a bare array or a list page
// `{"data":[…],"object":"list","uri","meta"}`, each ticket with its `messages[]` and `satisfaction_survey`; also list
// pages of messages (`/api/messages`) and of satisfaction surveys (`/api/satisfaction-surveys`). Timestamps carry a
// `+00:00` offset and microseconds. A ticket keeps only its last close: reopens and the first close need the Events
// API.
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

Channel map_channel(std::string_view c) {
  if (c == "email") return Channel::email;
  if (c == "chat") return Channel::chat;
  if (c == "contact_form" || c == "help-center") return Channel::web_form;
  if (c == "phone" || c == "aircall") return Channel::voice;
  if (c == "sms") return Channel::sms;
  if (c == "api") return Channel::api;
  if (c.substr(0, 8) == "facebook" || c.substr(0, 9) == "instagram" || c.substr(0, 7) == "twitter" || c == "whatsapp" ||
      c.substr(0, 5) == "yotpo")
    return Channel::social;
  return Channel::other;
}

// How a rule (or the self-service flow) answered: automation, never a reply (G8).
bool is_automation_via(std::string_view via) { return via == "rule" || via == "self_service"; }

// A survey created this long before the last close was sent at an earlier close (surveys go out when a ticket closes).
constexpr int64_t kEarlierCloseSlack = 60;

struct Person {
  std::string id;
  std::string_view name, email;
};

struct GorgiasMessage {
  std::string id, ticket;
  Person sender;
  int64_t at = kNoTime;
  bool from_agent = false, is_public = true, has_rule = false, automation_via = false, dropped = false;
  bool note_channel = false;
};

struct Survey {
  std::string id, ticket;
  int64_t score = kNoTime, created = kNoTime, sent = kNoTime, scored = kNoTime;
};

enum class Kind { ticket, message, survey };

class GorgiasAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "gorgias"; }

  int detect(const RecordProbe& p) const override {
    if (!p.has("created_datetime")) return 0;
    if (p.has("messages") || (p.has("status") && p.has("channel"))) return 95;
    if (p.has("ticket_id") && p.has("from_agent")) return 90;
    if (p.has("ticket_id") && p.has("score")) return 90;
    return 0;
  }

  std::string_view role_of(const RecordProbe& p) const override {
    if (p.has("score") && p.has("ticket_id")) return "satisfaction_surveys";
    if (p.has("from_agent") && p.has("ticket_id")) return "messages";
    return "tickets";
  }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    const std::string_view key = ctx.span->list_key;
    if (!key.empty() && key != "data" && key != "tickets" && key != "messages") return true;  // not a list we read
    Kind kind;
    if (!classify(record, kind)) return fail(error, "", "the record is not a valid JSON object");
    if (record.reset().error()) return fail(error, "", "the record could not be re-read");
    switch (kind) {
      case Kind::ticket:
        // The engine counts records of bare arrays and "tickets" lists; a list page's "data" is counted here.
        if (key == "data") ++data.quality.tickets_read;
        return ingest_ticket(record, ctx, data, error);
      case Kind::message: return ingest_message(record, ctx, data, error);
      case Kind::survey: return ingest_survey(record, data, error);
    }
    return true;
  }

 private:
  // The first telling key says what the record is.
  static bool classify(object record, Kind& kind) {
    kind = Kind::ticket;
    for (auto f : record) {
      std::string_view k;
      if (read_key(f, k)) return false;
      if (k == "status" || k == "messages" || k == "closed_datetime") return kind = Kind::ticket, true;
      if (k == "score" || k == "scored_datetime" || k == "should_send_datetime") return kind = Kind::survey, true;
      // (a ticket has "from_agent" too, so it does not tell)
      if (k == "sender" || k == "public" || k == "rule_id" || k == "receiver") return kind = Kind::message, true;
    }
    return true;
  }

  static bool read_person(value v, Person& p) {
    p.id.clear();
    p.name = p.email = {};
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "id") {
        if (!read_id(x, p.id)) return false;
      } else if (k == "name") {
        read_string(x, p.name);
      } else if (k == "email") {
        read_string(x, p.email);
      }
    }
    return true;
  }

  static bool read_message(object o, GorgiasMessage& m, bool& no_offset) {
    m.id.clear();
    m.ticket.clear();
    m.at = kNoTime;
    m.from_agent = m.has_rule = m.automation_via = m.dropped = m.note_channel = false;
    // A message without a sender must not keep the previous record's, whose name and email point into the parser's
    // buffer of that record (freed when a larger record grows it: found by the fuzz smoke).
    m.sender.id.clear();
    m.sender.name = m.sender.email = {};
    m.is_public = true;
    bool nofs = false;
    for (auto f : o) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return false;
      if (k == "id") {
        if (!read_id(v, m.id)) return false;
      } else if (k == "ticket_id") {
        if (!read_id(v, m.ticket)) return false;
      } else if (k == "created_datetime") {
        if (!read_time(v, m.at, nofs)) return false;
        no_offset |= nofs;
      } else if (k == "from_agent") {
        if (!is_null(v) && !read_bool(v, m.from_agent)) return false;
      } else if (k == "public") {
        if (!is_null(v) && !read_bool(v, m.is_public)) return false;
      } else if (k == "rule_id") {
        m.has_rule = !is_null(v);
      } else if (k == "via") {
        std::string_view via;
        read_string(v, via);
        m.automation_via = is_automation_via(via);
      } else if (k == "channel") {
        std::string_view c;
        read_string(v, c);
        m.note_channel = c == "internal-note";
      } else if (k == "sender") {
        if (!read_person(v, m.sender)) return false;
      } else if (k == "failed_datetime" || k == "deleted_datetime") {
        // A message that failed to send or was deleted never reached the customer.
        if (!is_null(v)) m.dropped = true;
      }
    }
    return m.at != kNoTime;
  }

  // customer = from_agent false; note = not public; automation = from the company through a rule; else a human reply.
  static void add_message(const GorgiasMessage& g, std::string_view ticket, Dataset& data) {
    if (g.dropped) return;
    MessageRow m;
    m.ticket = ticket;
    m.message_id = g.id;
    m.at = g.at;
    m.author = g.sender.id;
    m.is_public = g.is_public && !g.note_channel;
    if (!g.from_agent) m.kind = AuthorKind::customer;
    else if (m.is_public && (g.has_rule || g.automation_via)) m.kind = AuthorKind::bot;
    else m.kind = AuthorKind::agent;
    data.add_message(m);
    if (!g.sender.id.empty() && m.kind != AuthorKind::customer) {
      UserRow u;
      u.id = g.sender.id;
      u.name = g.sender.name;
      u.email = g.sender.email;
      u.kind = m.kind;
      data.add_user(u);
    }
  }

  static bool read_survey(object o, Survey& s) {
    s.id.clear();
    s.ticket.clear();
    s.score = s.created = s.sent = s.scored = kNoTime;
    bool nofs;
    for (auto f : o) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return false;
      if (k == "id") {
        if (!read_id(v, s.id)) return false;
      } else if (k == "ticket_id") {
        if (!read_id(v, s.ticket)) return false;
      } else if (k == "score") {
        if (!read_int(v, s.score, kNoTime)) return false;
      } else if (k == "created_datetime") {
        if (!read_time(v, s.created, nofs)) return false;
      } else if (k == "sent_datetime") {
        if (!read_time(v, s.sent, nofs)) return false;
      } else if (k == "scored_datetime") {
        if (!read_time(v, s.scored, nofs)) return false;
      }
    }
    return true;
  }

  // Scored → a 1–5 rating at scored_datetime; sent but not scored → offered (counts in the response rate); neither →
  // nothing to count yet.
  static bool add_survey(const Survey& s, std::string_view ticket, Dataset& data) {
    RatingRow r;
    r.ticket = ticket;
    r.rating_id = s.id;
    r.scale = RatingScale::one_to_five;
    if (s.score != kNoTime) {
      if (s.score < 1 || s.score > 5) return false;
      r.value = static_cast<int32_t>(s.score);
      r.answered = true;
      r.at = s.scored != kNoTime ? s.scored : s.sent != kNoTime ? s.sent : s.created;
    } else if (s.sent != kNoTime) {
      r.answered = false;
      r.at = s.sent;
    } else {
      return true;
    }
    data.add_rating(r);
    return true;
  }

  bool ingest_ticket(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    TicketRow row;
    tags_.clear();
    id_.clear();
    customer_ = Person{};
    assignee_ = Person{};
    messages_used_ = 0;
    has_survey_ = false;
    std::string_view status_text, channel;
    int64_t closed = kNoTime, snoozed = kNoTime, trashed = kNoTime;
    bool spam = false, no_offset = false, any_no_offset = false, has_created = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, id_, "the ticket is not valid JSON");
      if (k == "id") {
        if (!read_id(v, id_) || id_.empty()) return fail(error, "", "the ticket's \"id\" is missing or not a number");
      } else if (k == "created_datetime") {
        has_created = true;
        if (!read_time(v, row.created_at, no_offset))
          return fail(error, id_, "\"created_datetime\" is not a valid timestamp");
        any_no_offset |= no_offset;
      } else if (k == "updated_datetime") {
        if (!read_time(v, row.updated_at, no_offset)) row.updated_at = kNoTime;
      } else if (k == "closed_datetime" || k == "snooze_datetime" || k == "trashed_datetime") {
        int64_t& target = k == "closed_datetime" ? closed : k == "snooze_datetime" ? snoozed : trashed;
        if (!read_time(v, target, no_offset))
          return fail(error, id_, "\"" + std::string(k) + "\" is not a valid timestamp");
        any_no_offset |= no_offset;
      } else if (k == "status") {
        if (!read_string(v, status_text)) return fail(error, id_, "\"status\" is not a string");
      } else if (k == "channel") {
        read_string(v, channel);
      } else if (k == "spam") {
        if (!is_null(v) && !read_bool(v, spam)) return fail(error, id_, "\"spam\" is not true or false");
      } else if (k == "subject") {
        read_string(v, row.subject);
      } else if (k == "customer") {
        if (!read_person(v, customer_)) return fail(error, id_, "\"customer\" is not an object");
      } else if (k == "assignee_user") {
        if (!read_person(v, assignee_)) return fail(error, id_, "\"assignee_user\" is not an object");
      } else if (k == "tags") {
        if (!read_tags(v)) return fail(error, id_, "\"tags\" is not an array of tag objects");
      } else if (k == "messages") {
        array a;
        if (is_null(v)) continue;
        if (v.get_array().get(a)) return fail(error, id_, "\"messages\" is not an array");
        for (auto e : a) {
          object o;
          if (e.get_object().get(o)) return fail(error, id_, "a message is not an object");
          if (messages_used_ == messages_.size()) messages_.emplace_back();
          if (!read_message(o, messages_[messages_used_], no_offset))
            return fail(error, id_, "a message has no valid \"created_datetime\" or a malformed field");
          any_no_offset |= no_offset;
          ++messages_used_;
        }
      } else if (k == "satisfaction_survey") {
        if (is_null(v)) continue;
        object o;
        if (v.get_object().get(o) || !read_survey(o, survey_))
          return fail(error, id_, "\"satisfaction_survey\" is malformed");
        has_survey_ = true;
      }
    }
    if (id_.empty()) return fail(error, "", "the ticket has no \"id\"");
    if (!has_created || row.created_at == kNoTime) return fail(error, id_, "the ticket has no \"created_datetime\"");
    row.id = id_;
    row.raw_status = status_text;
    if (status_text == "open") {
      row.status = Status::open;
    } else if (status_text == "closed") {
      // Snoozed tickets are closed until the snooze ends (Gorgias semantics, G9).
      row.status = Status::closed;
      if (snoozed != kNoTime) row.raw_status = "snoozed";
    } else {
      row.status = Status::unknown;
      data.quality.warn("unknown_status",
                        ctx.where() + ": ticket " + id_ + " has status \"" + std::string(status_text) +
                            "\", which Gorgias does not define; it counts in volume but not as open or resolved",
                        id_);
    }
    if (trashed != kNoTime) row.status = Status::deleted;
    else if (spam) row.status = Status::spam;
    row.raw_channel = channel;
    row.channel = map_channel(channel);
    row.requester = customer_.id;
    row.requester_email = customer_.email;
    row.assignee = assignee_.id;
    row.tags = &tags_;
    if (is_resolved(row.status)) {
      row.vendor.solved_at = closed;
      // Only the last close is kept. A survey (sent at a close) created well before it shows an earlier close.
      if (has_survey_ && survey_.created != kNoTime && closed != kNoTime &&
          survey_.created < closed - kEarlierCloseSlack)
        row.vendor.resolved_before_final = true;
      if (!warned_history_) {
        warned_history_ = true;
        data.quality.warn("reopens_need_events",
                          ctx.where() + ": Gorgias tickets keep only their last close (ticket " + id_ +
                              "); reopens and first-resolution times need the Events API export, so the reopen rate "
                              "is not computed",
                          id_);
      }
    }
    if (any_no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": ticket " + id_ + " has a timestamp without a zone offset; it was read as UTC",
                        id_);
    data.add_ticket(row);
    if (!assignee_.id.empty()) {
      UserRow u;
      u.id = assignee_.id;
      u.name = assignee_.name;
      u.email = assignee_.email;
      u.kind = AuthorKind::agent;
      data.add_user(u);
    }
    if (!customer_.id.empty()) {
      UserRow u;
      u.id = customer_.id;
      u.name = customer_.name;
      u.email = customer_.email;
      u.kind = AuthorKind::customer;
      data.add_user(u);
    }
    for (size_t i = 0; i < messages_used_; ++i) add_message(messages_[i], id_, data);
    if (has_survey_ && !add_survey(survey_, id_, data))
      data.quality.warn("unknown_rating",
                        ctx.where() + ": ticket " + id_ + " has a satisfaction score outside 1–5; it is ignored", id_);
    return true;
  }

  bool read_tags(value v) {
    if (is_null(v)) return true;
    array a;
    if (v.get_array().get(a)) return false;
    for (auto t : a) {
      object o;
      if (t.get_object().get(o)) return false;
      for (auto f : o) {
        std::string_view k, name;
        value x;
        if (read_key(f, k) || f.value().get(x)) return false;
        if (k == "name" && read_string(x, name) && !name.empty()) tags_.push_back(name);
      }
    }
    return true;
  }

  bool ingest_message(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    if (messages_.empty()) messages_.emplace_back();
    GorgiasMessage& m = messages_[0];
    bool no_offset = false;
    if (!read_message(record, m, no_offset))
      return fail(error, m.ticket, "the message has no valid \"created_datetime\" or a malformed field");
    if (m.ticket.empty()) return fail(error, "", "the message has no \"ticket_id\"");
    if (no_offset)
      data.quality.warn(
          "time_without_offset",
          ctx.where() + ": ticket " + m.ticket + " has a timestamp without a zone offset; it was read as UTC",
          m.ticket);
    add_message(m, m.ticket, data);
    return true;
  }

  bool ingest_survey(object record, Dataset& data, RecordError& error) {
    if (!read_survey(record, survey_)) return fail(error, survey_.ticket, "the satisfaction survey is malformed");
    if (survey_.ticket.empty()) return fail(error, "", "the satisfaction survey has no \"ticket_id\"");
    if (!add_survey(survey_, survey_.ticket, data))
      return fail(error, survey_.ticket, "the satisfaction score is outside 1–5");
    return true;
  }

  // Reused between records so the hot path does not allocate.
  std::string id_;
  Person customer_, assignee_;
  std::vector<std::string_view> tags_;
  std::vector<GorgiasMessage> messages_;
  size_t messages_used_ = 0;
  Survey survey_;
  bool has_survey_ = false;
  bool warned_history_ = false;
};

}  // namespace

std::unique_ptr<Adapter> make_gorgias_adapter() { return std::make_unique<GorgiasAdapter>(); }

}  // namespace hk
