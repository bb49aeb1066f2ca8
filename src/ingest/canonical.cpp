// The canonical vendor-neutral format "helpdesk-kpi/1" (docs/formats/canonical.md, schema/canonical.schema.json): what
// any other helpdesk's export can be converted to. Two shapes:
//   * a document `{"format":"helpdesk-kpi/1", "users":[…], "tickets":[…], "messages":[…], "status_changes":[…],
//     "ratings":[…]}` — every list optional; events either nested in their ticket or in the top-level lists with a
//     `ticket_id`;
//   * NDJSON: one record a line, an optional header line `{"format":"helpdesk-kpi/1"}`, each other line a ticket or a
//     record with `"record": "user" | "message" | "status_change" | "rating"` (no `record` = a ticket).
// Values are already canonical (SPEC §4): statuses, channels and author kinds by name, so this adapter holds no vendor
// knowledge, only validation. Detected by the format marker near the start of the file, by `record`, or by the
// ticket keys; selectable with the vendor override "canonical".
#include <string>
#include <vector>

#include "ingest/adapter.h"
#include "ingest/json_read.h"

namespace hk {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

constexpr std::string_view kFormat = "helpdesk-kpi/1";

enum class Kind { header, ticket, user, message, status_change, rating, unknown };

Kind kind_of_list(std::string_view key) {
  if (key == "tickets") return Kind::ticket;
  if (key == "users") return Kind::user;
  if (key == "messages") return Kind::message;
  if (key == "status_changes") return Kind::status_change;
  if (key == "ratings") return Kind::rating;
  return Kind::unknown;
}

Kind kind_of_record(std::string_view r) {
  if (r == "ticket") return Kind::ticket;
  if (r == "user") return Kind::user;
  if (r == "message") return Kind::message;
  if (r == "status_change") return Kind::status_change;
  if (r == "rating") return Kind::rating;
  return Kind::unknown;
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::ticket: return "ticket";
    case Kind::user: return "user";
    case Kind::message: return "message";
    case Kind::status_change: return "status change";
    case Kind::rating: return "rating";
    default: return "record";
  }
}

bool parse_author_kind(std::string_view s, AuthorKind& out) {
  if (s.empty() || s == "unknown") out = AuthorKind::unknown;
  else if (s == "customer") out = AuthorKind::customer;
  else if (s == "agent") out = AuthorKind::agent;
  else if (s == "bot") out = AuthorKind::bot;
  else if (s == "system") out = AuthorKind::system;
  else return false;
  return true;
}

bool parse_rating_scale(std::string_view s, RatingScale& out) {
  if (s == "good-bad") out = RatingScale::good_bad;
  else if (s == "1-5") out = RatingScale::one_to_five;
  else if (s == "1-3") out = RatingScale::one_to_three;
  else if (s == "1-2") out = RatingScale::one_to_two;
  else if (s == "1-10") out = RatingScale::one_to_ten;
  else if (s == "great-okay-bad") out = RatingScale::great_okay_bad;
  else return false;
  return true;
}

// A score as written on its scale: a number, or for the labelled scales their words.
bool rating_value(RatingScale scale, std::string_view text, int32_t& out) {
  if (scale == RatingScale::good_bad && (text == "good" || text == "bad")) return out = text == "good", true;
  if (scale == RatingScale::great_okay_bad) {
    if (text == "great") return out = 3, true;
    if (text == "okay") return out = 2, true;
    if (text == "not_good" || text == "bad") return out = 1, true;
  }
  int64_t v = 0;
  if (text.empty() || text.size() > 3) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  int32_t lo = 1, hi = 5;
  switch (scale) {
    case RatingScale::good_bad: lo = 0, hi = 1; break;
    case RatingScale::one_to_five: hi = 5; break;
    case RatingScale::one_to_three: hi = 3; break;
    case RatingScale::one_to_two: hi = 2; break;
    case RatingScale::one_to_ten: hi = 10; break;
    case RatingScale::great_okay_bad: hi = 3; break;
  }
  if (v < lo || v > hi) return false;
  out = static_cast<int32_t>(v);
  return true;
}

// One event as read, nested in a ticket or standing alone; ids are copied, texts point into the parsed record.
struct Event {
  std::string id, ticket, author;
  int64_t at = kNoTime;
  AuthorKind kind = AuthorKind::unknown;
  bool is_public = true;
  Status from = Status::unknown, to = Status::unknown;
  RatingScale scale = RatingScale::one_to_five;
  std::string score;  // as written; "" = no score
  bool answered = true, answered_given = false, scale_given = false;
  void clear() {
    id.clear(), ticket.clear(), author.clear(), score.clear();
    at = kNoTime;
    kind = AuthorKind::unknown;
    is_public = true;
    from = to = Status::unknown;
    scale = RatingScale::one_to_five;
    answered = true, answered_given = scale_given = false;
  }
};

class CanonicalAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "canonical"; }

  int detect(const RecordProbe& p) const override {
    if (has_marker(p.head)) return 100;
    if (p.has("format") && !p.has("id")) return 60;  // a header line; its value is checked when it is read
    if (p.has("record") && (p.has("ticket_id") || p.has("id"))) return 90;
    const Kind k = kind_of_list(p.list_key);
    if ((k == Kind::message || k == Kind::status_change || k == Kind::rating) && p.has("ticket_id") && p.has("at"))
      return 85;
    if ((p.list_key.empty() || k == Kind::ticket) && p.has("id") && p.has("created_at") && p.has("status") &&
        p.has("channel") && !p.has("via") && !p.has("source") && !p.has("state"))
      return p.has("status_changes") || p.has("requester_email") || p.has("requester_id") ? 90 : 80;
    if (k == Kind::user && p.has("kind") && !p.has("role")) return 60;
    return 0;
  }

  std::string_view role_of(const RecordProbe& p) const override {
    // NDJSON mixes every kind of record: never "tickets", or the engine would count each line as a ticket read
    // (the adapter counts the ticket lines itself).
    if (p.list_key.empty()) return "records";
    return p.list_key;
  }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    const std::string_view key = ctx.span->list_key;
    Kind kind = kind_of_list(key);
    if (!key.empty() && kind == Kind::unknown) return true;  // another list: nothing the KPIs read
    if (key.empty()) {
      if (!classify(record, kind, error)) return false;
      if (record.reset().error()) return fail(error, "", "the record could not be re-read");
      if (kind == Kind::ticket) ++data.quality.tickets_read;  // the engine counts NDJSON lines only as "records"
    }
    switch (kind) {
      case Kind::header: return true;
      case Kind::ticket: return ingest_ticket(record, ctx, data, error);
      case Kind::user: return ingest_user(record, error, data);
      case Kind::message:
      case Kind::status_change:
      case Kind::rating: {
        if (!read_event(record, kind, event_, ctx, data)) return event_fail(error, kind, event_, event_error_);
        if (event_.ticket.empty())
          return event_fail(error, kind, event_,
                            "has no \"ticket_id\" (in NDJSON, write a ticket's \"id\" before its nested lists)");
        if (!add_event(kind, event_, event_.ticket, data)) return event_fail(error, kind, event_, event_error_);
        return true;
      }
      case Kind::unknown: break;
    }
    return fail(error, "", "unknown record kind");
  }

 private:
  static bool has_marker(std::string_view head) {
    // `"format": "helpdesk-kpi/1"` near the start of the file (the document form names it first).
    for (size_t at = head.find("\"format\""); at != std::string_view::npos; at = head.find("\"format\"", at + 1)) {
      size_t i = at + 8;
      while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
      if (i >= head.size() || head[i] != ':') continue;
      ++i;
      while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
      if (head.substr(i, 14) == "\"helpdesk-kpi/") return true;
    }
    return false;
  }

  static bool fail(RecordError& e, std::string_view ticket, std::string message) {
    e.ticket.assign(ticket);
    e.message = std::move(message);
    return false;
  }

  // Records that are not tickets carry their own warning code, so they are not counted as invalid tickets.
  static bool event_fail(RecordError& e, Kind kind, const Event& ev, const std::string& why) {
    e.code = "invalid_event";
    e.ticket = ev.ticket;
    e.message = std::string("a ") + kind_name(kind) + (ev.id.empty() ? "" : " " + ev.id) +
                (ev.ticket.empty() ? "" : " of ticket " + ev.ticket) + " " + why;
    return false;
  }

  // NDJSON: the `record` key says what a line is; a `format` key alone marks the header line.
  bool classify(object record, Kind& kind, RecordError& error) {
    kind = Kind::ticket;
    bool format = false, id = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (f.unescaped_key().get(k) || f.value().get(v)) return fail(error, "", "the record is not valid JSON");
      if (k == "record") {
        std::string_view r;
        if (!read_string(v, r)) return fail(error, "", "\"record\" is not a string");
        kind = kind_of_record(r);
        if (kind == Kind::unknown)
          return fail(error, "", "\"record\" is \"" + std::string(r) +
                                     "\"; expected ticket, user, message, status_change or rating");
        return true;
      }
      if (k == "id") id = true;
      if (k == "format") {
        std::string_view s;
        if (!read_string(v, s) || s != kFormat) {
          error.code = "unsupported_format";
          return fail(error, "", "the header names the format \"" + std::string(s) + "\"; this engine reads \"" +
                                     std::string(kFormat) + "\"");
        }
        format = true;
      }
    }
    if (format && !id) kind = Kind::header;
    return true;
  }

  bool ingest_user(object record, RecordError& error, Dataset& data) {
    UserRow u;
    std::string_view kind;
    id_.clear();
    for (auto f : record) {
      std::string_view k;
      value v;
      if (f.unescaped_key().get(k) || f.value().get(v)) return user_fail(error, "is not valid JSON");
      if (k == "id") {
        if (!read_id(v, id_)) return user_fail(error, "has an \"id\" that is not a string or a number");
      } else if (k == "name") {
        if (!read_string(v, u.name)) return user_fail(error, "has a \"name\" that is not a string");
      } else if (k == "email") {
        if (!read_string(v, u.email)) return user_fail(error, "has an \"email\" that is not a string");
      } else if (k == "kind") {
        if (!read_string(v, kind) || !parse_author_kind(kind, u.kind))
          return user_fail(error, "has the kind \"" + std::string(kind) + "\"; expected customer, agent, bot or system");
      }
    }
    if (id_.empty()) return user_fail(error, "has no \"id\"");
    u.id = id_;
    data.add_user(u);
    return true;
  }

  bool user_fail(RecordError& e, const std::string& why) {
    e.code = "invalid_user";
    e.ticket.clear();
    e.message = "a user" + (id_.empty() ? std::string() : " " + id_) + " " + why;
    return false;
  }

  // Reads one message / status change / rating; on failure event_error_ says why.
  bool read_event(object o, Kind kind, Event& e, const RecordContext& ctx, Dataset& data) {
    e.clear();
    bool no_offset = false, has_at = false;
    for (auto f : o) {
      std::string_view k;
      value v;
      if (f.unescaped_key().get(k) || f.value().get(v)) return event_error("is not valid JSON");
      if (k == "id") {
        if (!read_id(v, e.id)) return event_error("has an \"id\" that is not a string or a number");
      } else if (k == "ticket_id") {
        if (!read_id(v, e.ticket)) return event_error("has a \"ticket_id\" that is not a string or a number");
      } else if (k == "at") {
        has_at = true;
        if (!read_time(v, e.at, no_offset)) return event_error("has an \"at\" that is not a timestamp");
      } else if (k == "author_id" || (kind == Kind::rating && k == "agent_id")) {
        if (!read_id(v, e.author)) return event_error("has an \"" + std::string(k) + "\" that is not a string or a number");
      } else if (k == "author_kind") {
        std::string_view s;
        if (!read_string(v, s) || !parse_author_kind(s, e.kind))
          return event_error("has the author_kind \"" + std::string(s) + "\"; expected customer, agent, bot or system");
      } else if (k == "public") {
        if (!is_null(v) && !read_bool(v, e.is_public)) return event_error("has a \"public\" that is not true or false");
      } else if (k == "from" || k == "to") {
        std::string_view s;
        Status& target = k == "from" ? e.from : e.to;
        if (!read_string(v, s)) return event_error("has a \"" + std::string(k) + "\" that is not a string");
        if (!s.empty() && !parse_status_name(s, target))
          return event_error("has the status \"" + std::string(s) + "\", which is not a canonical status");
      } else if (k == "scale") {
        std::string_view s;
        if (!read_string(v, s) || !parse_rating_scale(s, e.scale))
          return event_error("has the scale \"" + std::string(s) +
                             "\"; expected good-bad, 1-5, 1-3, 1-2, 1-10 or great-okay-bad");
        e.scale_given = true;
      } else if (k == "score") {
        if (!read_id(v, e.score)) return event_error("has a \"score\" that is not a number or a word");
      } else if (k == "answered") {
        if (!read_bool(v, e.answered)) return event_error("has an \"answered\" that is not true or false");
        e.answered_given = true;
      }
    }
    if (kind != Kind::rating && (!has_at || e.at == kNoTime)) return event_error("has no \"at\" time");
    if (kind == Kind::status_change && e.to == Status::unknown) return event_error("has no \"to\" status");
    if (kind == Kind::rating && !e.scale_given) return event_error("has no \"scale\"");
    if (no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": ticket " + e.ticket + " has a timestamp without a zone offset; it was read as UTC",
                        e.ticket);
    return true;
  }

  bool event_error(std::string why) {
    event_error_ = std::move(why);
    return false;
  }

  bool add_event(Kind kind, const Event& e, std::string_view ticket, Dataset& data) {
    if (kind == Kind::message) {
      MessageRow m;
      m.ticket = ticket;
      m.message_id = e.id;
      m.at = e.at;
      m.author = e.author;
      m.kind = e.kind;
      m.is_public = e.is_public;
      data.add_message(m);
    } else if (kind == Kind::status_change) {
      StatusChangeRow s;
      s.ticket = ticket;
      s.event_id = e.id;
      s.at = e.at;
      s.from = e.from;
      s.to = e.to;
      s.author = e.author;
      s.author_kind = e.kind;
      data.add_status_change(s);
    } else {
      RatingRow r;
      r.ticket = ticket;
      r.rating_id = e.id;
      r.scale = e.scale;
      r.at = e.at;
      r.agent = e.author;
      // No score: the survey was offered and not answered (unless the file says otherwise, which is a contradiction).
      r.answered = e.answered_given ? e.answered : !e.score.empty();
      if (r.answered) {
        if (e.score.empty()) return event_error("is answered but has no \"score\"");
        if (!rating_value(e.scale, e.score, r.value))
          return event_error("has the score \"" + e.score + "\", which is not on its scale");
      }
      data.add_rating(r);
    }
    return true;
  }

  bool read_events(value v, Kind kind, std::vector<Event>& out, size_t& used, const RecordContext& ctx, Dataset& data) {
    used = 0;
    if (is_null(v)) return true;
    array a;
    if (v.get_array().get(a)) return event_error("is not an array");
    for (auto x : a) {
      object o;
      if (x.get_object().get(o)) return event_error("holds an element that is not an object");
      if (used == out.size()) out.emplace_back();
      if (!read_event(o, kind, out[used], ctx, data)) return false;
      ++used;
    }
    return true;
  }

  bool ingest_ticket(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    TicketRow row;
    id_.clear();
    requester_.clear();
    assignee_.clear();
    tags_.clear();
    n_messages_ = n_changes_ = n_ratings_ = 0;
    std::string_view status, channel;
    bool has_created = false, has_status = false, no_offset = false, any_no_offset = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (f.unescaped_key().get(k) || f.value().get(v)) return fail(error, id_, "the ticket is not valid JSON");
      auto time = [&](int64_t& out) {
        if (!read_time(v, out, no_offset)) return false;
        any_no_offset |= no_offset;
        return true;
      };
      auto bad = [&](const char* what) { return fail(error, id_, "\"" + std::string(k) + "\" " + what); };
      if (k == "id") {
        if (!read_id(v, id_) || id_.empty()) return fail(error, "", "the ticket's \"id\" is missing or not a string or number");
      } else if (k == "created_at") {
        has_created = true;
        if (!time(row.created_at)) return bad("is not a valid timestamp");
      } else if (k == "updated_at") {
        if (!time(row.updated_at)) return bad("is not a valid timestamp");
      } else if (k == "status") {
        if (!read_string(v, status)) return bad("is not a string");
        has_status = true;
      } else if (k == "raw_status") {
        if (!read_string(v, row.raw_status)) return bad("is not a string");
      } else if (k == "channel") {
        if (!read_string(v, channel)) return bad("is not a string");
      } else if (k == "raw_channel") {
        if (!read_string(v, row.raw_channel)) return bad("is not a string");
      } else if (k == "subject") {
        if (!read_string(v, row.subject)) return bad("is not a string");
      } else if (k == "requester_id") {
        if (!read_id(v, requester_)) return bad("is not a string or a number");
      } else if (k == "requester_email") {
        if (!read_string(v, row.requester_email)) return bad("is not a string");
      } else if (k == "assignee_id") {
        if (!read_id(v, assignee_)) return bad("is not a string or a number");
      } else if (k == "bot_handled") {
        bool b = false;
        if (!is_null(v) && !read_bool(v, b)) return bad("is not true or false");
        if (b) row.flags |= kBotHandled;
      } else if (k == "tags") {
        if (!read_tags(v)) return bad("is not an array of strings");
      } else if (k == "resolved_at") {
        if (!time(row.vendor.solved_at)) return bad("is not a valid timestamp");
      } else if (k == "first_resolved_at") {
        if (!time(row.vendor.first_resolved_at)) return bad("is not a valid timestamp");
      } else if (k == "first_reply_at") {
        if (!time(row.vendor.first_reply_at)) return bad("is not a valid timestamp");
      } else if (k == "reopens" || k == "replies") {
        int64_t n = -1;
        if (!read_int(v, n, -1) || n < -1 || n > INT32_MAX) return bad("is not a whole number");
        (k == "reopens" ? row.vendor.reopens : row.vendor.replies) = static_cast<int32_t>(n);
      } else if (k == "messages" || k == "status_changes" || k == "ratings") {
        const Kind kind = k == "messages" ? Kind::message : k == "status_changes" ? Kind::status_change : Kind::rating;
        auto& list = kind == Kind::message ? messages_ : kind == Kind::status_change ? changes_ : ratings_;
        size_t& used = kind == Kind::message ? n_messages_ : kind == Kind::status_change ? n_changes_ : n_ratings_;
        if (!read_events(v, kind, list, used, ctx, data))
          return fail(error, id_, "\"" + std::string(k) + "\": " + std::string(kind_name(kind)) + " " +
                                      (used < list.size() && !list[used].id.empty() ? list[used].id + " " : "") +
                                      event_error_);
      }
    }
    if (id_.empty()) return fail(error, "", "the ticket has no \"id\"");
    if (!has_created || row.created_at == kNoTime) return fail(error, id_, "the ticket has no \"created_at\"");
    if (!has_status) return fail(error, id_, "the ticket has no \"status\"");
    row.id = id_;
    if (!parse_status_name(status, row.status) || row.status == Status::unknown) {
      row.status = Status::unknown;
      data.quality.warn("unknown_status",
                        ctx.where() + ": ticket " + id_ + " has the status \"" + std::string(status) +
                            "\", which is not a canonical status; it counts in volume but not as open or resolved",
                        id_);
    }
    if (row.raw_status.empty()) row.raw_status = status;
    if (!channel.empty() && !parse_channel_name(channel, row.channel)) {
      row.channel = Channel::other;  // a helpdesk's own channel name: kept raw for drill-down
      if (row.raw_channel.empty()) row.raw_channel = channel;
    }
    if (row.raw_channel.empty()) row.raw_channel = channel;
    row.requester = requester_;
    row.assignee = assignee_;
    row.tags = &tags_;
    if (any_no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": ticket " + id_ + " has a timestamp without a zone offset; it was read as UTC",
                        id_);
    // Nested events name their ticket only when they must agree with it.
    for (auto* list : {&messages_, &changes_, &ratings_}) {
      const size_t used = list == &messages_ ? n_messages_ : list == &changes_ ? n_changes_ : n_ratings_;
      for (size_t i = 0; i < used; ++i)
        if (!(*list)[i].ticket.empty() && (*list)[i].ticket != id_)
          return fail(error, id_, "a nested event names another ticket (" + (*list)[i].ticket + ")");
    }
    // Ratings are checked before anything is stored: a record lands whole or not at all.
    for (size_t i = 0; i < n_ratings_; ++i) {
      int32_t value = 0;
      const Event& r = ratings_[i];
      const bool answered = r.answered_given ? r.answered : !r.score.empty();
      if (answered && (r.score.empty() || !rating_value(r.scale, r.score, value)))
        return fail(error, id_, "a rating" + (r.id.empty() ? std::string() : " " + r.id) + " has the score \"" +
                                    r.score + "\", which is not on its scale");
    }
    data.add_ticket(row);
    for (size_t i = 0; i < n_messages_; ++i) add_event(Kind::message, messages_[i], id_, data);
    for (size_t i = 0; i < n_changes_; ++i) add_event(Kind::status_change, changes_[i], id_, data);
    for (size_t i = 0; i < n_ratings_; ++i) add_event(Kind::rating, ratings_[i], id_, data);
    return true;
  }

  bool read_tags(value v) { return read_string_array(v, tags_); }

  // Reused between records so the hot path does not allocate.
  std::string id_, requester_, assignee_, event_error_;
  std::vector<std::string_view> tags_;
  std::vector<Event> messages_, changes_, ratings_;
  size_t n_messages_ = 0, n_changes_ = 0, n_ratings_ = 0;
  Event event_;
};

}  // namespace

std::unique_ptr<Adapter> make_canonical_adapter() { return std::make_unique<CanonicalAdapter>(); }

}  // namespace hk
