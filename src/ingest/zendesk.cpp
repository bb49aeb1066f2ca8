// Zendesk Support exports (reference/export-formats.md §1): incremental ticket pages (cursor and time-based), JSONL with
// one ticket a line, side-loaded `users` (roles tell agents from customers), embedded `metric_set`, `ticket_audits`
// (comments and status history) and legacy `satisfaction_ratings`.
// A ticket field of the wrong type (status, via, subject, ids, tags, metric_set, a negative metric…) is ignored and named
// (field_ignored), the ticket kept; only an unreadable id or created_at drops the ticket. A rating score on no Zendesk
// scale is named (unknown_rating) and not counted.
#include <string>
#include <vector>

#include "ingest/adapter.h"
#include "ingest/json_read.h"

namespace hk {
namespace {

using simdjson::ondemand::object;
using simdjson::ondemand::value;

Channel map_channel(std::string_view via) {
  if (via == "email" || via == "mail") return Channel::email;
  if (via == "web" || via == "web_form" || via == "web_widget" || via == "help_center") return Channel::web_form;
  if (via == "native_messaging" || via == "chat" || via == "web_messaging" || via == "mobile_sdk" ||
      via == "sunshine_conversations_api" || via == "messaging" || via == "chat_transcript")
    return Channel::chat;
  if (via == "voice" || via == "phone" || via == "phone_call_inbound" || via == "phone_call_outbound") return Channel::voice;
  if (via == "sms" || via == "text") return Channel::sms;
  if (via == "api") return Channel::api;
  if (via == "twitter" || via == "facebook" || via == "instagram" || via == "whatsapp" || via == "any_channel" ||
      via == "line" || via == "wechat" || via == "telegram")
    return Channel::social;
  return Channel::other;
}

bool map_status(std::string_view s, Status& out) {
  if (s == "new") out = Status::new_;
  else if (s == "open") out = Status::open;
  else if (s == "pending") out = Status::pending;
  else if (s == "hold") out = Status::on_hold;
  else if (s == "solved") out = Status::resolved;
  else if (s == "closed") out = Status::closed;
  else if (s == "deleted") out = Status::deleted;
  else return false;
  return true;
}

AuthorKind map_role(std::string_view role) {
  if (role == "agent" || role == "admin") return AuthorKind::agent;
  if (role == "end-user") return AuthorKind::customer;
  return AuthorKind::unknown;
}

// Zendesk's own author for triggers and automations.
constexpr std::string_view kSystemAuthor = "-1";

bool fail(RecordError& e, std::string_view ticket, std::string message) {
  e.ticket.assign(ticket);
  e.message = std::move(message);
  return false;
}

// Metric fields of a kept ticket that were left out, as "what is wrong" texts for field_ignored warnings.
using Notes = std::vector<std::string>;

// `{"calendar": 45, "business": 45}` in minutes → seconds. A negative duration cannot be a time to reply or resolve:
// that value is left out (null) and noted, the rest of the metric set stays.
bool read_minutes(value v, std::string_view name, int64_t& calendar_s, int64_t* business_s, Notes& notes) {
  calendar_s = kNoTime;
  if (is_null(v)) return true;
  object o;
  if (v.get_object().get(o)) return false;
  for (auto f : o) {
    std::string_view k;
    value x;
    if (read_key(f, k) || f.value().get(x)) return false;
    int64_t* out = k == "calendar" ? &calendar_s : (k == "business" ? business_s : nullptr);
    if (!out) continue;
    int64_t m;
    if (!read_int(x, m, kNoTime)) return false;
    if (m != kNoTime && m < 0) {
      notes.push_back("\"metric_set." + std::string(name) + "." + std::string(k) + "\" is negative (" +
                      std::to_string(m) + ")");
      m = kNoTime;
    }
    *out = m == kNoTime ? kNoTime : m * 60;
  }
  return true;
}

bool read_metric_set(value v, VendorMetrics& m, Notes& notes) {
  if (is_null(v)) return true;
  object o;
  if (v.get_object().get(o)) return false;
  int64_t reply_seconds = kNoTime;
  for (auto f : o) {
    std::string_view k;
    value x;
    if (read_key(f, k) || f.value().get(x)) return false;
    int64_t n;
    bool no_offset;
    if (k == "reply_time_in_minutes") {
      if (!read_minutes(x, k, m.first_reply_s, &m.first_reply_business_s, notes)) return false;
    } else if (k == "reply_time_in_seconds") {  // messaging tickets carry the exact seconds
      if (!read_minutes(x, k, reply_seconds, nullptr, notes)) return false;
      if (reply_seconds != kNoTime) reply_seconds /= 60;
    } else if (k == "first_resolution_time_in_minutes") {
      if (!read_minutes(x, k, m.first_resolution_s, nullptr, notes)) return false;
    } else if (k == "full_resolution_time_in_minutes") {
      if (!read_minutes(x, k, m.full_resolution_s, &m.full_resolution_business_s, notes)) return false;
    } else if (k == "replies") {
      if (!read_int(x, n, -1)) return false;
      m.replies = static_cast<int32_t>(n);
    } else if (k == "reopens") {
      if (!read_int(x, n, -1)) return false;
      m.reopens = static_cast<int32_t>(n);
    } else if (k == "solved_at") {
      if (!read_time(x, m.solved_at, no_offset)) return false;
    }
  }
  if (reply_seconds != kNoTime) m.first_reply_s = reply_seconds;
  return true;
}

// Legacy CSAT score → rating row; false when there is nothing to record: "unoffered" (or no score), or a score on no
// scale Zendesk writes (`unknown` is then set: the caller names it, rather than let a rating vanish silently).
bool map_score(std::string_view score, RatingRow& r, bool& unknown) {
  r.scale = RatingScale::good_bad;
  unknown = false;
  if (score == "good") r.value = 1, r.answered = true;
  else if (score == "bad") r.value = 0, r.answered = true;
  else if (score == "offered") r.value = 0, r.answered = false;
  else return unknown = !(score.empty() || score == "unoffered"), false;
  return true;
}

// A rating's "score": `text` is a string's text or a number's token (never a Zendesk score), `shown` the same as
// quoted in a message ("great" in quotes, 5 bare). Another type gives a text no scale has.
void read_score(value v, std::string& text, std::string& shown) {
  simdjson::ondemand::json_type t;
  const bool string = !v.type().get(t) && t == simdjson::ondemand::json_type::string;
  if (!read_id(v, text)) text = "(an array or object)";
  if (string) shown = "\"" + text + "\"";
  else shown = text.empty() ? "null" : text;
  if (!string && !text.empty()) text.insert(0, "#");  // 5 must not match a score written "5"… or any named score
}

void warn_unknown_score(Dataset& data, const RecordContext& ctx, std::string_view ticket, std::string_view score) {
  data.quality.warn("unknown_rating",
                    ctx.where() + (ticket.empty() ? "" : ", ticket " + std::string(ticket)) + ": the score " +
                        std::string(score) + " is not on Zendesk's good/bad scale; the rating was skipped",
                    ticket);
}

// The keys that tell Zendesk's record kinds apart, and the kind they make: one rule for role_of() (a probe's keys) and
// for a JSONL line read as a ticket on a guess (the keys met while reading it).
struct RoleKeys {
  bool events = false, score = false, ticket_id = false, role = false, via = false;
  void note(std::string_view k) {
    if (k == "events") events = true;
    else if (k == "score") score = true;
    else if (k == "ticket_id") ticket_id = true;
    else if (k == "role") role = true;
    else if (k == "via") via = true;
  }
  std::string_view kind(std::string_view list_key) const {
    if (list_key == "audits" || events) return "audits";
    if (list_key == "satisfaction_ratings" || (score && ticket_id)) return "satisfaction_ratings";
    if (list_key == "users" || (role && !via)) return "users";
    return "tickets";
  }
};

class ZendeskAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "zendesk"; }

  int detect(const RecordProbe& p) const override {
    if (p.list_key == "audits" || (p.has("ticket_id") && p.has("events") && p.has("author_id"))) return 90;
    if (p.list_key == "satisfaction_ratings" && p.has("score")) return 90;
    if (p.has("via") && p.has("created_at"))
      return (p.has("requester_id") || p.has("metric_set") || p.has("submitter_id")) ? 95 : 70;
    if (p.list_key == "users" && p.has("role")) return 60;
    if (p.list_key == "" && p.has("role") && p.has("email")) return 40;
    return 0;
  }

  std::string_view role_of(const RecordProbe& p) const override {
    RoleKeys keys;
    for (const std::string& k : p.keys) keys.note(k);
    return keys.kind(p.list_key);
  }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    std::string_view key = ctx.span->list_key;
    if (key == "tickets") return ingest_ticket(record, ctx, data, error);
    if (key == "users") return ingest_user(record, ctx, data, error);
    if (key == "audits") return ingest_audit(record, ctx, data, error);
    if (key == "satisfaction_ratings") return ingest_rating(record, ctx, data, error);
    if (key.empty()) {
      // JSONL / bare arrays: what a record is shows in its keys. A line is most likely what the line before it was
      // (an admin export holds tickets only), so a ticket line is read at once, its role keys noted on the way, and
      // kept only when they make it a ticket; otherwise, or if that reading fails, the engine reads the record again
      // with probe_first: its keys first, then the reading its role calls for. Looking at every key of every ticket
      // first cost a tenth of the ingest of such a file.
      if (!ctx.probe_first && last_bare_was_ticket_) {
        RoleKeys seen;
        bool all_read = false;
        if (ingest_ticket(record, ctx, data, error, &seen, &all_read)) {
          error.read_as = "tickets";
          return true;
        }
        error = RecordError();
        error.read_again = true;
        last_bare_was_ticket_ = all_read && seen.kind("") == "tickets";
        return false;
      }
      RecordProbe probe;
      if (!probe_keys(record, probe)) return fail(error, "", "the record is not a valid JSON object");
      if (record.reset().error()) return fail(error, "", "the record could not be re-read");
      std::string_view role = role_of(probe);
      last_bare_was_ticket_ = role == "tickets";
      error.read_as = role;
      if (role == "audits") return ingest_audit(record, ctx, data, error);
      if (role == "satisfaction_ratings") return ingest_rating(record, ctx, data, error);
      if (role == "users") return ingest_user(record, ctx, data, error);
      return ingest_ticket(record, ctx, data, error);
    }
    return true;  // another side-load (groups, organizations, …): nothing a KPI needs
  }

 private:
  static bool probe_keys(object record, RecordProbe& probe) {
    for (auto f : record) {
      std::string_view k;
      if (read_key(f, k)) return false;
      probe.keys.emplace_back(k);
    }
    return true;
  }

  // `seen` (a JSONL line read as a ticket on a guess): its role keys are noted, and the ticket is kept only if they
  // make it one; false without writing anything otherwise (`all_read`: every key was met).
  bool ingest_ticket(object record, const RecordContext& ctx, Dataset& data, RecordError& error,
                     RoleKeys* seen = nullptr, bool* all_read = nullptr) {
    TicketRow row;
    tags_.clear();
    id_.clear();
    assignee_.clear();
    requester_.clear();
    via_channel_.clear();
    rating_id_.clear();
    std::string_view status_text;
    bool no_offset = false, any_no_offset = false;
    bool has_created = false, status_ignored = false;
    RatingRow rating;
    bool has_rating = false;
    notes_.clear();
    bad_score_.clear();
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
        if (!read_time(v, row.updated_at, no_offset)) {
          row.updated_at = kNoTime;
          notes_.push_back("\"updated_at\" is not a timestamp");
        }
      } else if (k == "status") {
        if (!read_string(v, status_text)) status_ignored = true, notes_.push_back("\"status\" is not a string");
      } else if (k == "via") {
        if (seen) seen->via = true;  // (the one role key the chain reads itself)
        if (read_via(v, via_channel_)) row.raw_channel = via_channel_;
        else notes_.push_back("\"via\" is not an object with a \"channel\" string");
      } else if (k == "subject") {
        if (!read_string(v, row.subject)) notes_.push_back("\"subject\" is not a readable string");
      } else if (k == "assignee_id") {
        if (!read_id(v, assignee_)) notes_.push_back("\"assignee_id\" is not an id");
      } else if (k == "requester_id") {
        if (!read_id(v, requester_)) notes_.push_back("\"requester_id\" is not an id");
      } else if (k == "tags") {
        if (!read_tags(v)) tags_.clear(), notes_.push_back("\"tags\" is not an array of strings");
      } else if (k == "support_type") {
        std::string_view st;
        if (read_string(v, st) && st == "ai_agent") row.flags |= kBotHandled;
      } else if (k == "metric_set") {
        if (!read_metric_set(v, row.vendor, notes_)) {
          row.vendor = VendorMetrics();
          notes_.push_back("\"metric_set\" is malformed");
        }
      } else if (k == "satisfaction_rating") {
        has_rating = read_ticket_rating(v, rating);
      } else if (seen) {
        seen->note(k);
      }
    }
    if (seen) {
      *all_read = true;
      if (seen->kind("") != "tickets") return false;
    }
    if (id_.empty()) return fail(error, "", "the ticket has no \"id\"");
    if (!has_created || row.created_at == kNoTime) return fail(error, id_, "the ticket has no \"created_at\"");
    if (!notes_.empty() || !bad_score_.empty()) {  // a wrong type, or malformed JSON? Only the first is ignorable.
      const std::string bad_json = ctx.json_error();
      if (!bad_json.empty()) return fail(error, id_, "not valid JSON: " + bad_json);
    }
    row.id = id_;
    for (const std::string& what : notes_) warn_field_ignored(data, ctx, id_, what);
    if (!bad_score_.empty()) warn_unknown_score(data, ctx, id_, bad_score_);
    if (status_ignored) {
      row.status = Status::unknown;  // already named as an ignored field
    } else if (!map_status(status_text, row.status)) {
      row.status = Status::unknown;
      data.quality.warn("unknown_status",
                        ctx.where() + ": ticket " + id_ + " has status \"" + std::string(status_text) +
                            "\", which Zendesk does not define; it counts in volume but not as open or resolved",
                        id_);
    }
    row.raw_status = status_text;
    row.channel = map_channel(row.raw_channel);
    row.assignee = assignee_;
    row.requester = requester_;
    row.tags = &tags_;
    if (any_no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": ticket " + id_ + " has a timestamp without a zone offset; it was read as UTC",
                        id_);
    data.add_ticket(row);
    if (has_rating) {
      rating.ticket = id_;
      data.add_rating(rating);
    }
    return true;
  }

  // The ticket's own `satisfaction_rating` has no timestamp: used when no rating file or audit event says more.
  bool read_ticket_rating(value v, RatingRow& r) {
    rating_id_.clear();
    if (is_null(v)) return false;
    object o;
    if (v.get_object().get(o)) return notes_.push_back("\"satisfaction_rating\" is not an object"), false;
    std::string score, shown;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return notes_.push_back("\"satisfaction_rating\" is not an object"), false;
      if (k == "score") read_score(x, score, shown);
      else if (k == "id") read_id(x, rating_id_);
    }
    r.rating_id = rating_id_;
    bool unknown;
    const bool ok = map_score(score, r, unknown);
    if (unknown) bad_score_ = shown;
    return ok;
  }

  // Tags: an array of strings (or null). False on anything else; the caller drops them all.
  bool read_tags(value v) {
    tags_.clear();
    return read_string_array(v, tags_);
  }

  bool read_via(value v, std::string& channel, std::string* rel = nullptr) {
    channel.clear();
    if (rel) rel->clear();
    if (is_null(v)) return true;
    object o;
    if (v.get_object().get(o)) return false;
    for (auto f : o) {
      std::string_view k;
      value x;
      if (read_key(f, k) || f.value().get(x)) return false;
      if (k == "channel") {
        if (!read_id(x, channel)) return false;  // a string, or a numeric via id in old exports
      } else if (k == "source" && rel) {
        object s;
        if (x.get_object().get(s)) continue;
        for (auto sf : s) {
          std::string_view sk;
          value sv;
          if (read_key(sf, sk) || sf.value().get(sv)) return false;
          if (sk == "rel") {
            std::string_view r;
            if (read_string(sv, r)) rel->assign(r);
          }
        }
      }
    }
    return true;
  }

  bool ingest_user(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    UserRow row;
    user_id_.clear();
    bool role_ignored = false;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, "", "the user record is not valid JSON");
      if (k == "id") {
        if (!read_id(v, user_id_)) return fail(error, "", "the user's \"id\" is not an id");
      } else if (k == "name") {
        read_string(v, row.name);
      } else if (k == "email") {
        read_string(v, row.email);
      } else if (k == "role") {
        std::string_view role;
        role_ignored = !read_string(v, role);
        row.kind = map_role(role);
      }
    }
    if (user_id_.empty()) return fail(error, "", "a user has no \"id\"");
    if (role_ignored)  // a user of unknown role: their messages count neither as agent nor as customer replies
      data.quality.warn("field_ignored", ctx.where() + ", user " + user_id_ + ": \"role\" is not a string; the field was ignored");
    row.id = user_id_;
    data.add_user(row);
    return true;
  }

  struct AuditEvent {
    std::string_view type, field, value, previous;
    std::string id, author, assignee, score, shown_score;
    bool is_public = true;
    int64_t at = kNoTime;
  };

  bool ingest_audit(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    audit_events_.clear();
    std::string ticket, audit_id, author;
    int64_t at = kNoTime;
    bool no_offset = false;
    std::string via_channel, via_rel;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, ticket, "the audit is not valid JSON");
      if (k == "ticket_id") {
        if (!read_id(v, ticket)) return fail(error, "", "the audit's \"ticket_id\" is not an id");
      } else if (k == "id") {
        read_id(v, audit_id);
      } else if (k == "created_at") {
        if (!read_time(v, at, no_offset)) return fail(error, ticket, "the audit's \"created_at\" is not a valid timestamp");
      } else if (k == "author_id") {
        if (!read_id(v, author)) return fail(error, ticket, "the audit's \"author_id\" is not an id");
      } else if (k == "via") {
        if (!read_via(v, via_channel, &via_rel)) return fail(error, ticket, "the audit's \"via\" is not an object");
      } else if (k == "events") {
        simdjson::ondemand::array a;
        if (v.get_array().get(a)) return fail(error, ticket, "the audit's \"events\" is not an array");
        for (auto e : a) {
          object eo;
          if (e.get_object().get(eo)) return fail(error, ticket, "an audit event is not an object");
          AuditEvent ev;
          for (auto ef : eo) {
            std::string_view ek;
            value ex;
            if (read_key(ef, ek) || ef.value().get(ex)) return fail(error, ticket, "an audit event is not valid JSON");
            if (ek == "type") read_string(ex, ev.type);
            else if (ek == "field_name") read_string(ex, ev.field);
            else if (ek == "value") read_string(ex, ev.value);
            else if (ek == "previous_value") read_string(ex, ev.previous);
            else if (ek == "score") read_score(ex, ev.score, ev.shown_score);
            else if (ek == "author_id") read_id(ex, ev.author);
            else if (ek == "assignee_id") read_id(ex, ev.assignee);
            else if (ek == "id") read_id(ex, ev.id);
            else if (ek == "public") read_bool(ex, ev.is_public);
            else if (ek == "created_at") read_time(ex, ev.at, no_offset);
          }
          audit_events_.push_back(std::move(ev));
        }
      }
    }
    if (ticket.empty()) return fail(error, "", "the audit has no \"ticket_id\"");
    if (at == kNoTime) return fail(error, ticket, "the audit has no \"created_at\"");
    // Triggers and automations act as the system user (-1) or through a rule (G8: never a reply).
    const bool automated = author == kSystemAuthor || via_channel == "rule";
    for (const AuditEvent& ev : audit_events_) {
      const int64_t when = ev.at != kNoTime ? ev.at : at;
      if (ev.type == "Comment" || ev.type == "VoiceComment") {
        MessageRow m;
        m.ticket = ticket;
        m.message_id = ev.id;
        m.at = when;
        m.author = ev.author.empty() ? std::string_view(author) : std::string_view(ev.author);
        m.kind = (automated || m.author == kSystemAuthor) ? AuthorKind::bot : AuthorKind::unknown;
        m.is_public = ev.is_public;
        data.add_message(m);
      } else if ((ev.type == "Create" || ev.type == "Change") && ev.field == "status") {
        StatusChangeRow s;
        s.ticket = ticket;
        s.event_id = ev.id;
        s.at = when;
        if (!map_status(ev.value, s.to)) {
          data.quality.warn("unknown_status",
                            ctx.where() + ": ticket " + ticket + " changes to status \"" + std::string(ev.value) +
                                "\", which Zendesk does not define; the change is ignored",
                            ticket);
          continue;
        }
        if (!ev.previous.empty() && !map_status(ev.previous, s.from)) s.from = Status::unknown;
        s.author = author;
        s.author_kind = automated ? AuthorKind::bot : AuthorKind::unknown;
        data.add_status_change(s);
      } else if (ev.type == "SatisfactionRating") {
        RatingRow r;
        bool unknown;
        if (!map_score(ev.score, r, unknown)) {
          if (unknown) warn_unknown_score(data, ctx, ticket, ev.shown_score);
          continue;
        }
        r.ticket = ticket;
        r.rating_id = ev.id;
        r.at = when;
        r.agent = ev.assignee;
        data.add_rating(r);
      }
    }
    return true;
  }

  bool ingest_rating(object record, const RecordContext& ctx, Dataset& data, RecordError& error) {
    RatingRow r;
    std::string ticket, id, agent, score, shown;
    int64_t created = kNoTime, updated = kNoTime;
    bool no_offset;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, ticket, "the rating is not valid JSON");
      if (k == "ticket_id") {
        if (!read_id(v, ticket)) return fail(error, "", "the rating's \"ticket_id\" is not an id");
      } else if (k == "id") {
        read_id(v, id);
      } else if (k == "score") {
        read_score(v, score, shown);
      } else if (k == "assignee_id") {
        read_id(v, agent);
      } else if (k == "created_at") {
        if (!read_time(v, created, no_offset)) return fail(error, ticket, "the rating's \"created_at\" is not a timestamp");
      } else if (k == "updated_at") {
        if (!read_time(v, updated, no_offset)) updated = kNoTime;
      }
    }
    if (ticket.empty()) return fail(error, "", "the rating has no \"ticket_id\"");
    bool unknown;
    if (!map_score(score, r, unknown)) {  // unoffered: nothing to count; another scale: named, not counted
      if (unknown) warn_unknown_score(data, ctx, ticket, shown);
      return true;
    }
    r.ticket = ticket;
    r.rating_id = id;
    // A rating changed later carries the change time in updated_at (1.13: keep the latest).
    r.at = updated != kNoTime ? updated : created;
    r.agent = agent;
    data.add_rating(r);
    return true;
  }

  // Reused between records so the hot path does not allocate.
  std::string id_, assignee_, requester_, via_channel_, rating_id_, user_id_, bad_score_;
  bool last_bare_was_ticket_ = true;  // the kind of the last JSONL line: the guess for the next one (speed only)
  Notes notes_;  // fields of the current ticket that were ignored
  std::vector<std::string_view> tags_;
  std::vector<AuditEvent> audit_events_;
};

}  // namespace

std::unique_ptr<Adapter> make_zendesk_adapter() { return std::make_unique<ZendeskAdapter>(); }

}  // namespace hk
