// Intercom REST 2.x exports (reference/export-formats.md §5): conversation list pages `{"type":"conversation.list",
// "conversations":[…],"total_count","pages"}` (items without parts) and retrieved conversations (`GET
// /conversations/{id}`, one per file or one per line) with `conversation_parts.conversation_parts[]`. Timestamps are
// epoch seconds. Every part names its author's type (user / lead / admin / bot / team, plus `from_ai_agent`), so no
// side table is needed; close / open / snoozed parts are the status history. `statistics` (first admin reply, first and
// last close, reopens) stands in when the parts are missing (G11).
#include <algorithm>
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

Channel map_channel(std::string_view type) {
  if (type == "conversation") return Channel::chat;  // the Messenger
  if (type == "email") return Channel::email;
  if (type == "phone_call" || type == "phone_switch") return Channel::voice;
  if (type == "sms") return Channel::sms;
  if (type == "facebook" || type == "instagram" || type == "twitter" || type == "whatsapp") return Channel::social;
  return Channel::other;
}

bool map_state(std::string_view s, Status& out) {
  if (s == "open") out = Status::open;
  else if (s == "closed") out = Status::closed;
  else if (s == "snoozed") out = Status::snoozed;
  else return false;
  return true;
}

struct Author {
  std::string id;
  std::string_view type, name, email;
  bool ai = false;  // from_ai_agent / is_ai_answer: Fin or another bot speaking, even "as" an admin
};

// user and lead are the customer; admin is a teammate unless the AI agent spoke; bot is Operator, Fin or a workflow.
AuthorKind kind_of(const Author& a) {
  if (a.type == "user" || a.type == "lead" || a.type == "contact") return AuthorKind::customer;
  if (a.type == "bot" || a.ai) return AuthorKind::bot;
  if (a.type == "admin") return AuthorKind::agent;
  if (a.type == "team") return AuthorKind::system;
  return AuthorKind::unknown;
}

struct Part {
  std::string id;
  std::string_view part_type;
  Author author;
  int64_t at = kNoTime;
};

class IntercomAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "intercom"; }

  int detect(const RecordProbe& p) const override {
    if (p.has("conversation_parts") || p.has("statistics") || p.has("conversation_rating")) return 95;
    if (p.list_key == "conversations" && p.has("created_at") && (p.has("state") || p.has("open"))) return 90;
    if (p.has("type") && p.has("source") && p.has("contacts") && p.has("created_at")) return 85;
    return 0;
  }

  std::string_view role_of(const RecordProbe& p) const override { return "tickets"; }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    const std::string_view key = ctx.span->list_key;
    if (key == "conversations") ++data.quality.tickets_read;  // the engine counts only bare arrays and "tickets" lists
    else if (!key.empty() && key != "data" && key != "tickets") return true;
    return ingest_conversation(record, ctx, data, error);
  }

 private:
  static bool read_author(value v, Author& a) {
    a.id.clear();
    a.type = a.name = a.email = {};
    a.ai = false;
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "id") {
        if (!read_id(x, a.id)) return false;
      } else if (k == "type") {
        read_string(x, a.type);
      } else if (k == "name") {
        read_string(x, a.name);
      } else if (k == "email") {
        read_string(x, a.email);
      } else if (k == "from_ai_agent" || k == "is_ai_answer") {
        bool b = false;
        if (!is_null(x) && read_bool(x, b) && b) a.ai = true;
      }
    }
    return true;
  }

  // `source`: the conversation's opening message.
  bool read_source(value v, std::string_view& type, std::string_view& delivered_as) {
    type = delivered_as = {};
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "type") read_string(x, type);
      else if (k == "delivered_as") read_string(x, delivered_as);
      else if (k == "id") {
        if (!read_id(x, source_id_)) return false;
      } else if (k == "author") {
        if (!read_author(x, source_author_)) return false;
      }
    }
    return true;
  }

  static bool read_part(object o, Part& p, bool& no_offset) {
    p.id.clear();
    p.part_type = {};
    p.author = Author{};
    p.at = kNoTime;
    bool nofs = false;
    for (auto f : o) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return false;
      if (k == "id") {
        if (!read_id(v, p.id)) return false;
      } else if (k == "part_type") {
        read_string(v, p.part_type);
      } else if (k == "created_at") {
        if (!read_time(v, p.at, nofs)) return false;
        no_offset |= nofs;
      } else if (k == "author") {
        if (!read_author(v, p.author)) return false;
      }
    }
    return p.at != kNoTime;
  }

  // `conversation_parts`: {"type":"conversation_part.list","conversation_parts":[…],"total_count"}.
  bool read_parts(value v, bool& no_offset) {
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k != "conversation_parts") continue;
      array a;
      if (x.get_array().get(a)) return false;
      for (auto e : a) {
        object po;
        if (e.get_object().get(po)) return false;
        if (parts_used_ == parts_.size()) parts_.emplace_back();
        if (!read_part(po, parts_[parts_used_], no_offset)) return false;
        ++parts_used_;
      }
    }
    return true;
  }

  static bool read_statistics(value v, VendorMetrics& m, bool& no_offset) {
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    bool nofs = false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      int64_t* target = nullptr;
      if (k == "first_admin_reply_at") target = &m.first_reply_at;
      else if (k == "first_close_at") target = &m.first_resolved_at;
      else if (k == "last_close_at") target = &m.solved_at;
      if (target) {
        if (!read_time(x, *target, nofs)) return false;
        no_offset |= nofs;
      } else if (k == "count_reopens") {
        int64_t n;
        if (!read_int(x, n, -1)) return false;
        m.reopens = static_cast<int32_t>(n);
      }
    }
    return true;
  }

  // `conversation_rating`: {rating 1–5 | null, remark, created_at (when it was requested), updated_at, contact,
  // teammate}. A request without a rating yet is an offer (response rate).
  bool read_rating(value v, bool& no_offset) {
    has_rating_ = false;
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    int64_t score = kNoTime, created = kNoTime, updated = kNoTime;
    bool nofs = false;
    Author teammate;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "rating") {
        if (!read_int(x, score, kNoTime)) return false;
      } else if (k == "created_at" || k == "updated_at") {
        if (!read_time(x, k == "created_at" ? created : updated, nofs)) return false;
        no_offset |= nofs;
      } else if (k == "teammate") {
        if (!read_author(x, teammate)) return false;
        rating_agent_ = teammate.id;
      }
    }
    rating_ = RatingRow{};
    rating_.scale = RatingScale::one_to_five;
    if (score != kNoTime) {
      if (score < 1 || score > 5) return false;
      rating_.value = static_cast<int32_t>(score);
      rating_.answered = true;
      rating_.at = updated != kNoTime && (created == kNoTime || updated > created) ? updated : created;
    } else {
      rating_.answered = false;
      rating_.at = created;
    }
    has_rating_ = true;
    return true;
  }

  bool read_first_list(value v, std::string_view list_key, std::string& id) {
    // {"type":"contact.list","contacts":[{"type":"contact","id":…,"external_id":…}]} → the first contact's id.
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k != list_key) continue;
      array a;
      if (x.get_array().get(a)) return false;
      for (auto e : a) {
        object eo;
        if (e.get_object().get(eo)) return false;
        for (auto ef : eo) {
          std::string_view ek;
          value ex;
          if (read_key(ef, ek) || ef.value().get(ex)) return false;
          if (ek == "id" && id.empty() && !read_id(ex, id)) return false;
        }
      }
    }
    return true;
  }

  bool read_tags(value v) {
    // {"type":"tag.list","tags":[{"type":"tag","id","name","applied_at","applied_by"}]}
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k != "tags") continue;
      array a;
      if (x.get_array().get(a)) return false;
      for (auto t : a) {
        object to;
        if (t.get_object().get(to)) return false;
        for (auto tf : to) {
          std::string_view tk, name;
          value tx;
          if (read_key(tf, tk) || tf.value().get(tx)) return false;
          if (tk == "name" && read_string(tx, name) && !name.empty()) tags_.push_back(name);
        }
      }
    }
    return true;
  }

  void add_user(const Author& a, AuthorKind kind, Dataset& data) {
    if (a.id.empty() || kind == AuthorKind::unknown) return;
    UserRow u;
    u.id = a.id;
    u.name = a.name;
    u.email = a.email;
    u.kind = kind;
    data.add_user(u);
  }

  // Parts in time order: comments are messages (notes internal), close / open / snoozed parts are status changes, and a
  // customer's comment on a closed or snoozed conversation reopens it, as Intercom does.
  void add_parts(std::string_view ticket, Dataset& data) {
    std::stable_sort(parts_.begin(), parts_.begin() + static_cast<std::ptrdiff_t>(parts_used_),
                     [](const Part& a, const Part& b) { return a.at < b.at; });
    Status state = Status::open;  // a conversation starts open
    for (size_t i = 0; i < parts_used_; ++i) {
      const Part& p = parts_[i];
      const AuthorKind kind = kind_of(p.author);
      const std::string_view t = p.part_type;
      Status to = Status::unknown;
      if (t == "comment" || t == "note" || t == "quick_reply") {
        MessageRow m;
        m.ticket = ticket;
        m.message_id = p.id;
        m.at = p.at;
        m.author = p.author.id;
        m.kind = kind;
        m.is_public = t != "note";
        data.add_message(m);
        add_user(p.author, kind, data);
        if (kind == AuthorKind::customer && state != Status::open) to = Status::open;
      } else if (t == "close") {
        to = Status::closed;
      } else if (t == "open" || t == "assign_and_reopen" || t == "unsnoozed") {
        to = Status::open;
      } else if (t == "snoozed") {
        to = Status::snoozed;
      }
      if (to == Status::unknown || to == state) continue;
      StatusChangeRow s;
      s.ticket = ticket;
      s.event_id = p.id;
      s.at = p.at;
      s.from = state;
      s.to = to;
      s.author = p.author.id;
      s.author_kind = kind;
      data.add_status_change(s);
      if (kind == AuthorKind::agent) add_user(p.author, kind, data);
      state = to;
    }
  }

  bool ingest_conversation(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    TicketRow row;
    tags_.clear();
    id_.clear();
    assignee_.clear();
    requester_.clear();
    source_id_.clear();
    rating_agent_.clear();
    source_author_ = Author{};
    parts_used_ = 0;
    has_rating_ = false;
    std::string_view state, source_type, delivered_as;
    bool open = true, has_open = false, no_offset = false, any_no_offset = false, has_created = false, ai = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, id_, "the conversation is not valid JSON");
      if (k == "id") {
        if (!read_id(v, id_) || id_.empty()) return fail(error, "", "the conversation's \"id\" is missing");
      } else if (k == "created_at") {
        has_created = true;
        if (!read_time(v, row.created_at, no_offset))
          return fail(error, id_, "\"created_at\" is not a valid timestamp");
        any_no_offset |= no_offset;
      } else if (k == "updated_at") {
        if (!read_time(v, row.updated_at, no_offset)) row.updated_at = kNoTime;
      } else if (k == "state") {
        if (!read_string(v, state)) return fail(error, id_, "\"state\" is not a string");
      } else if (k == "open") {
        has_open = !is_null(v) && read_bool(v, open);
      } else if (k == "title") {
        read_string(v, row.subject);
      } else if (k == "admin_assignee_id") {
        if (!read_id(v, assignee_)) return fail(error, id_, "\"admin_assignee_id\" is not an id");
      } else if (k == "source") {
        if (!read_source(v, source_type, delivered_as)) return fail(error, id_, "\"source\" is malformed");
      } else if (k == "contacts") {
        if (!read_first_list(v, "contacts", requester_)) return fail(error, id_, "\"contacts\" is malformed");
      } else if (k == "tags") {
        if (!read_tags(v)) return fail(error, id_, "\"tags\" is malformed");
      } else if (k == "statistics") {
        if (!read_statistics(v, row.vendor, any_no_offset)) return fail(error, id_, "\"statistics\" is malformed");
      } else if (k == "conversation_parts") {
        if (!read_parts(v, any_no_offset))
          return fail(error, id_, "a conversation part has no valid \"created_at\" or a malformed field");
      } else if (k == "conversation_rating") {
        if (!read_rating(v, any_no_offset)) return fail(error, id_, "\"conversation_rating\" is malformed or not 1–5");
      } else if (k == "ai_agent_participated") {
        bool b = false;
        if (!is_null(v) && read_bool(v, b)) ai = b;
      }
    }
    if (id_.empty()) return fail(error, "", "the conversation has no \"id\"");
    if (!has_created || row.created_at == kNoTime) return fail(error, id_, "the conversation has no \"created_at\"");
    row.id = id_;
    row.raw_status = state;
    if (!map_state(state, row.status)) {
      if (state.empty() && has_open) {
        row.status = open ? Status::open : Status::closed;
        row.raw_status = open ? "open" : "closed";
      } else {
        row.status = Status::unknown;
        data.quality.warn("unknown_status",
                          ctx.where() + ": conversation " + id_ + " has state \"" + std::string(state) +
                              "\", which Intercom does not define; it counts in volume but not as open or resolved",
                          id_);
      }
    }
    row.raw_channel = source_type;
    row.channel = map_channel(source_type);
    if (ai) row.flags |= kBotHandled;
    row.assignee = assignee_;
    const AuthorKind opener = kind_of(source_author_);
    if (requester_.empty() && opener == AuthorKind::customer) requester_ = source_author_.id;
    row.requester = requester_;
    if (opener == AuthorKind::customer) row.requester_email = source_author_.email;
    row.tags = &tags_;
    if (any_no_offset)
      data.quality.warn(
          "time_without_offset",
          ctx.where() + ": conversation " + id_ + " has a timestamp without a zone offset; it was read as UTC", id_);
    data.add_ticket(row);

    // The source is the opening message: the customer's, an admin's (outbound) or an automated one (campaigns,
    // custom bots: delivered_as automated / campaigns_initiated / operator_initiated).
    MessageRow first;
    first.ticket = id_;
    first.message_id = source_id_.empty() ? std::string_view("source") : std::string_view(source_id_);
    first.at = row.created_at;
    first.author = source_author_.id;
    first.kind = opener;
    if (delivered_as == "automated" || delivered_as == "campaigns_initiated" || delivered_as == "operator_initiated")
      first.kind = AuthorKind::bot;
    if (first.kind != AuthorKind::unknown) data.add_message(first);
    add_user(source_author_, first.kind, data);
    add_parts(id_, data);
    if (has_rating_) {
      rating_.ticket = id_;
      rating_.rating_id = id_;  // one rating per conversation
      rating_.agent = rating_agent_;
      data.add_rating(rating_);
    }
    return true;
  }

  // Reused between records so the hot path does not allocate.
  std::string id_, assignee_, requester_, source_id_, rating_agent_;
  Author source_author_;
  std::vector<std::string_view> tags_;
  std::vector<Part> parts_;
  size_t parts_used_ = 0;
  RatingRow rating_;
  bool has_rating_ = false;
};

}  // namespace

std::unique_ptr<Adapter> make_intercom_adapter() { return std::make_unique<IntercomAdapter>(); }

}  // namespace hk
