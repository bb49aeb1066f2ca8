// Help Scout Mailbox API v2 exports (reference/export-formats.md §4): HAL pages `{"_embedded":{"conversations":[…]},
// "_links","page"}` listed with `embed=threads`, each conversation carrying `_embedded.threads` newest first; and
// rating objects from the Ratings API. A thread's `status` is set only when it changed the conversation's status, so
// the threads are the status history (a thread back to active/pending after a closed one is a reopen). Ratings sit on
// the rated reply thread (great / okay / not_good) and carry no time of their own.
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

// Conversation and thread statuses; "nochange" (or none) is not a status change.
bool map_status(std::string_view s, Status& out) {
  if (s == "active") out = Status::open;
  else if (s == "pending") out = Status::pending;
  else if (s == "closed") out = Status::closed;
  else if (s == "spam") out = Status::spam;
  else return false;
  return true;
}

// Conversation `type` (email | chat | phone) refined by `source.type` (how it arrived: email, beacon, chat, api, web,
// mobile, workflows, …): a Beacon or web-form e-mail is a web form.
Channel map_channel(std::string_view type, std::string_view source) {
  if (type == "chat") return Channel::chat;
  if (type == "phone") return Channel::voice;
  if (source == "beacon" || source == "web" || source == "form") return Channel::web_form;
  if (source == "api") return Channel::api;
  if (type == "email") return Channel::email;
  return Channel::other;
}

// great / okay / not_good → 3 / 2 / 1 on the great_okay_bad scale; "unknown" is not a rating.
bool map_rating(std::string_view s, int32_t& value) {
  if (s == "great") value = 3;
  else if (s == "okay") value = 2;
  else if (s == "not_good") value = 1;
  else return false;
  return true;
}

struct Person {
  std::string id;
  std::string_view type, first, last, email;
};

struct Thread {
  std::string id;
  std::string_view type, status, state, action_type, rating;
  Person author;
  int64_t at = kNoTime;
};

AuthorKind kind_of(const Person& p) {
  if (p.type == "customer") return AuthorKind::customer;
  if (p.type == "user") return AuthorKind::agent;
  if (p.type == "system_user") return AuthorKind::bot;  // AI users, as /v3 threads name them (v2 says "user")
  return AuthorKind::unknown;
}

class HelpScoutAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "helpscout"; }

  int detect(const RecordProbe& p) const override {
    if (p.list_key == "_embedded.conversations") return 95;
    if (p.has("primaryCustomer") || (p.has("mailboxId") && p.has("createdAt") && p.has("status"))) return 90;
    if (p.has("threadId") && p.has("conversationId") && p.has("rating")) return 90;
    return 0;
  }

  std::string_view role_of(const RecordProbe& p) const override {
    if (p.has("threadId") && p.has("rating")) return "ratings";
    return "tickets";
  }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    const std::string_view key = ctx.span->list_key;
    if (key == "_embedded.conversations" || key == "conversations") {
      ++data.quality.tickets_read;  // the engine counts only bare arrays and "tickets" lists
      return ingest_conversation(record, ctx, data, error);
    }
    if (!key.empty() && key != "ratings" && key != "results") return true;
    bool is_rating = false;
    for (auto f : record) {
      std::string_view k;
      if (read_key(f, k)) return fail(error, "", "the record is not a valid JSON object");
      if (k == "threadId" || k == "conversationId") {
        is_rating = true;
        break;
      }
      if (k == "_embedded" || k == "primaryCustomer" || k == "mailboxId") break;
    }
    if (record.reset().error()) return fail(error, "", "the record could not be re-read");
    return is_rating ? ingest_rating(record, ctx, data, error) : ingest_conversation(record, ctx, data, error);
  }

 private:
  static bool read_person(value v, Person& p) {
    p.id.clear();
    p.type = p.first = p.last = p.email = {};
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "id") {
        if (!read_id(x, p.id)) return false;
      } else if (k == "type") {
        read_string(x, p.type);
      } else if (k == "first") {
        read_string(x, p.first);
      } else if (k == "last") {
        read_string(x, p.last);
      } else if (k == "email") {
        read_string(x, p.email);
      }
    }
    return true;
  }

  void add_person(const Person& p, AuthorKind kind, Dataset& data) {
    if (p.id.empty()) return;
    name_.assign(p.first);
    if (!p.first.empty() && !p.last.empty()) name_ += ' ';
    name_.append(p.last);
    UserRow u;
    u.id = p.id;
    u.name = name_;
    u.email = p.email;
    u.kind = kind;
    data.add_user(u);
  }

  // Reads `{"type","via"}`.
  static bool read_source(value v, std::string_view& type, std::string_view& via) {
    type = via = {};
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "type") read_string(x, type);
      else if (k == "via") read_string(x, via);
    }
    return true;
  }

  static bool read_thread(object o, Thread& t, bool& no_offset) {
    t.id.clear();
    t.type = t.status = t.state = t.action_type = t.rating = {};
    t.author = Person{};
    t.at = kNoTime;
    for (auto f : o) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return false;
      if (k == "id") {
        if (!read_id(v, t.id)) return false;
      } else if (k == "type") {
        read_string(v, t.type);
      } else if (k == "status") {
        read_string(v, t.status);
      } else if (k == "state") {
        read_string(v, t.state);
      } else if (k == "createdAt") {
        if (!read_time(v, t.at, no_offset)) return false;
      } else if (k == "createdBy") {
        if (!read_person(v, t.author)) return false;
      } else if (k == "action" || k == "rating") {
        if (is_null(v)) continue;
        object a;
        if (v.get_object().get(a)) return false;
        for (auto af : a) {
          std::string_view ak;
          value ax;
          if (read_key(af, ak) || af.value().get(ax)) return false;
          if (k == "action" && ak == "type") read_string(ax, t.action_type);
          else if (k == "rating" && ak == "rating") read_string(ax, t.rating);
        }
      }
    }
    return t.at != kNoTime;
  }

  // `_embedded` of a conversation: its threads.
  bool read_embedded(value v, bool& no_offset) {
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k != "threads") continue;
      array a;
      if (x.get_array().get(a)) return false;
      for (auto e : a) {
        object to;
        if (e.get_object().get(to)) return false;
        if (threads_used_ == threads_.size()) threads_.emplace_back();
        bool nofs = false;
        if (!read_thread(to, threads_[threads_used_], nofs)) return false;
        no_offset |= nofs;
        ++threads_used_;
      }
    }
    return true;
  }

  // Customer threads and chat/reply/phone threads of users are public messages; notes and forwards are internal;
  // line items are status changes and workflow runs only. Drafts and threads held for review were never sent.
  void add_thread(const Thread& t, std::string_view ticket, Dataset& data) {
    const bool automated = t.action_type == "automatic-workflow";
    AuthorKind kind = automated ? AuthorKind::bot : kind_of(t.author);
    Status to;
    if (map_status(t.status, to) && to != Status::spam) {
      StatusChangeRow s;
      s.ticket = ticket;
      s.event_id = t.id;
      s.at = t.at;
      s.to = to;
      s.author = t.author.id;
      s.author_kind = kind;
      data.add_status_change(s);
    }
    if (t.type == "lineitem" || (!t.state.empty() && t.state != "published")) return;
    MessageRow m;
    m.ticket = ticket;
    m.message_id = t.id;
    m.at = t.at;
    m.author = t.author.id;
    if (t.type == "customer") kind = AuthorKind::customer;
    m.kind = kind;
    m.is_public = !(t.type == "note" || t.type == "forwardparent" || t.type == "forwardchild");
    data.add_message(m);
    add_person(t.author, kind, data);
    int32_t value;
    if (!t.rating.empty() && map_rating(t.rating, value)) {
      RatingRow r;
      r.ticket = ticket;
      r.rating_id = t.id;
      r.scale = RatingScale::great_okay_bad;
      r.value = value;
      r.answered = true;
      r.agent = t.author.id;  // the rated reply's author (G10)
      data.add_rating(r);
    }
  }

  bool ingest_conversation(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    TicketRow row;
    tags_.clear();
    id_.clear();
    threads_used_ = 0;
    assignee_ = Person{};
    customer_ = Person{};
    std::string_view status_text, state, type, source_type, source_via;
    int64_t closed = kNoTime;
    bool no_offset = false, any_no_offset = false, has_created = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, id_, "the conversation is not valid JSON");
      if (k == "id") {
        if (!read_id(v, id_) || id_.empty())
          return fail(error, "", "the conversation's \"id\" is missing or not a number");
      } else if (k == "createdAt") {
        has_created = true;
        if (!read_time(v, row.created_at, no_offset)) return fail(error, id_, "\"createdAt\" is not a valid timestamp");
        any_no_offset |= no_offset;
      } else if (k == "userUpdatedAt") {
        if (!read_time(v, row.updated_at, no_offset)) row.updated_at = kNoTime;
      } else if (k == "closedAt") {
        if (!read_time(v, closed, no_offset)) return fail(error, id_, "\"closedAt\" is not a valid timestamp");
      } else if (k == "status") {
        if (!read_string(v, status_text)) return fail(error, id_, "\"status\" is not a string");
      } else if (k == "state") {
        read_string(v, state);
      } else if (k == "type") {
        read_string(v, type);
      } else if (k == "source") {
        if (!read_source(v, source_type, source_via)) return fail(error, id_, "\"source\" is not an object");
      } else if (k == "subject") {
        read_string(v, row.subject);
      } else if (k == "assignee") {
        if (!read_person(v, assignee_)) return fail(error, id_, "\"assignee\" is not an object");
      } else if (k == "primaryCustomer") {
        if (!read_person(v, customer_)) return fail(error, id_, "\"primaryCustomer\" is not an object");
      } else if (k == "tags") {
        if (!read_tags(v)) return fail(error, id_, "\"tags\" is not an array of tag objects");
      } else if (k == "_embedded") {
        if (!read_embedded(v, no_offset))
          return fail(error, id_, "a thread has no valid \"createdAt\" or a malformed field");
        any_no_offset |= no_offset;
      }
    }
    if (id_.empty()) return fail(error, "", "the conversation has no \"id\"");
    if (!has_created || row.created_at == kNoTime) return fail(error, id_, "the conversation has no \"createdAt\"");
    row.id = id_;
    row.raw_status = status_text;
    if (!map_status(status_text, row.status)) {
      row.status = Status::unknown;
      data.quality.warn("unknown_status",
                        ctx.where() + ": conversation " + id_ + " has status \"" + std::string(status_text) +
                            "\", which Help Scout does not define; it counts in volume but not as open or resolved",
                        id_);
    }
    if (state == "deleted") row.status = Status::deleted;
    row.raw_channel = source_type.empty() ? type : source_type;
    row.channel = map_channel(type, source_type);
    row.assignee = assignee_.id;
    row.requester = customer_.id;
    row.requester_email = customer_.email;
    row.tags = &tags_;
    // closedAt is the last close: the resolution when the threads (the status history) are not in the export.
    if (is_resolved(row.status)) row.vendor.solved_at = closed;
    if (any_no_offset)
      data.quality.warn(
          "time_without_offset",
          ctx.where() + ": conversation " + id_ + " has a timestamp without a zone offset; it was read as UTC", id_);
    data.add_ticket(row);
    add_person(assignee_, AuthorKind::agent, data);
    add_person(customer_, AuthorKind::customer, data);
    for (size_t i = 0; i < threads_used_; ++i) add_thread(threads_[i], id_, data);
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
        std::string_view k, tag;
        value x;
        if (read_key(f, k) || f.value().get(x)) return false;
        if (k == "tag" && read_string(x, tag) && !tag.empty()) tags_.push_back(tag);
      }
    }
    return true;
  }

  // A Ratings API object: {id, customer, threadId, conversationId, rating, user, comments, createdAt, modifiedAt}.
  // Its createdAt has no zone offset (read as UTC, with a warning).
  bool ingest_rating(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    std::string ticket, id, agent;
    std::string_view rating;
    int64_t created = kNoTime, modified = kNoTime;
    bool no_offset = false, any_no_offset = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, ticket, "the rating is not valid JSON");
      if (k == "conversationId") {
        if (!read_id(v, ticket)) return fail(error, "", "the rating's \"conversationId\" is not an id");
      } else if (k == "id") {
        read_id(v, id);
      } else if (k == "rating") {
        read_string(v, rating);
      } else if (k == "user") {
        Person p;
        if (read_person(v, p)) agent = p.id;
      } else if (k == "createdAt" || k == "modifiedAt") {
        int64_t& target = k == "createdAt" ? created : modified;
        if (!read_time(v, target, no_offset))
          return fail(error, ticket, "the rating's \"" + std::string(k) + "\" is not a timestamp");
        any_no_offset |= no_offset;
      }
    }
    if (ticket.empty()) return fail(error, "", "the rating has no \"conversationId\"");
    RatingRow r;
    if (!map_rating(rating, r.value)) return true;  // "unknown": nothing to count
    if (any_no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": the rating of conversation " + ticket +
                            " has a timestamp without a zone offset; it was read as UTC",
                        ticket);
    r.ticket = ticket;
    r.rating_id = id;
    r.scale = RatingScale::great_okay_bad;
    r.answered = true;
    r.at = modified != kNoTime && (created == kNoTime || modified > created) ? modified : created;
    r.agent = agent;
    data.add_rating(r);
    return true;
  }

  // Reused between records so the hot path does not allocate.
  std::string id_, name_;
  Person assignee_, customer_;
  std::vector<std::string_view> tags_;
  std::vector<Thread> threads_;
  size_t threads_used_ = 0;
};

}  // namespace

std::unique_ptr<Adapter> make_helpscout_adapter() { return std::make_unique<HelpScoutAdapter>(); }

}  // namespace hk
