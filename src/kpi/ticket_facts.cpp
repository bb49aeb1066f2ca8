#include "kpi/ticket_facts.h"

#include <algorithm>
#include <string>

#include "time/business_hours.h"

namespace hk {
namespace {

// G6: a duration whose end precedes its start by a little is clock skew (clamped to 0); by more it is excluded.
int64_t checked_duration(int64_t start, int64_t end, const FactsSettings& s, Dataset& data, uint32_t ticket,
                         const char* what) {
  if (start == kNoTime || end == kNoTime) return kNoTime;
  const int64_t d = end - start;
  if (d >= 0) return d;
  const std::string id(data.text(data.ticket_id[ticket]));
  if (-d <= s.clock_skew_s) {
    data.quality.warn("clock_skew", "ticket " + id + ": " + what + " ends " + std::to_string(-d) +
                                        " s before it starts; treated as 0 (clock skew)", id);
    return 0;
  }
  data.quality.warn("end_before_start", "ticket " + id + ": " + what + " ends " + std::to_string(-d) +
                                            " s before it starts; the value is left out", id);
  return kNoTime;
}

int64_t business_between(const FactsSettings& s, int64_t start, int64_t end) {
  if (!s.business || start == kNoTime || end == kNoTime) return kNoTime;
  return s.business->seconds_between(start, end);
}

AuthorKind effective_kind(const Message& m, const Dataset& data, uint32_t t) {
  if (m.kind != AuthorKind::unknown) return m.kind;
  // Without a users table, the requester is still known to be the customer.
  if (m.author != kNoString && m.author == data.requester[t]) return AuthorKind::customer;
  return AuthorKind::unknown;
}

void derive_messages(uint32_t t, Dataset& data, const FactsSettings& settings, TicketFacts& f, Facts& out) {
  const uint32_t b = data.message_begin[t], e = data.message_begin[t + 1];
  f.has_messages = e > b;
  f.start = data.created_at[t];
  if (!f.has_messages) return;

  // Outbound: the first public human message is the agent's (1.4); the clock starts at the customer's first answer.
  uint32_t opener = UINT32_MAX;
  for (uint32_t i = b; i < e; ++i) {
    const Message& m = data.messages[i];
    if (!m.is_public) continue;
    const AuthorKind k = effective_kind(m, data, t);
    if (k == AuthorKind::customer) break;
    if (k == AuthorKind::agent) {
      opener = i;
      f.outbound = true;
      break;
    }
  }
  if (f.outbound) {
    f.start = kNoTime;
    for (uint32_t i = opener + 1; i < e; ++i)
      if (data.messages[i].is_public && effective_kind(data.messages[i], data, t) == AuthorKind::customer) {
        f.start = data.messages[i].at;
        break;
      }
  }

  const bool chat = data.channel[t] == Channel::chat;
  int64_t waiting_since = f.outbound ? kNoTime : f.start;  // the ticket's opening message starts the first wait
  bool last_public_was_agent = false;
  f.replies = 0;
  for (uint32_t i = b; i < e; ++i) {
    const Message& m = data.messages[i];
    const AuthorKind k = effective_kind(m, data, t);
    if (k == AuthorKind::bot) {
      if (m.is_public) ++f.bot_messages;
      continue;  // bots neither open nor close a wait (1.5, G8)
    }
    if (!m.is_public) continue;  // internal notes
    if (k == AuthorKind::customer) {
      ++f.public_messages;
      if (f.first_reply_at != kNoTime) f.customer_wrote_after_first_reply = true;
      if (waiting_since == kNoTime) waiting_since = m.at;
      last_public_was_agent = false;
      continue;
    }
    if (k != AuthorKind::agent) continue;
    ++f.public_messages;
    if (i == opener) {
      last_public_was_agent = true;
      continue;  // the agent's opening message of an outbound ticket is not a reply (1.9)
    }
    // Chat: consecutive agent messages with no customer message between them are one reply (1.9, as dbt does).
    if (!(chat && last_public_was_agent)) ++f.replies;
    last_public_was_agent = true;
    out.replies.push_back(ReplyEvent{m.at, t, m.author});
    if (f.first_reply_at == kNoTime && f.start != kNoTime && m.at >= f.start) {
      f.first_reply_at = m.at;
      f.first_reply_agent = m.author;
    }
    if (waiting_since != kNoTime) {
      const int64_t d = checked_duration(waiting_since, m.at, settings, data, t, "a response");
      if (d != kNoTime)
        out.episodes.push_back(ResponseEpisode{waiting_since, waiting_since + d,
                                               business_between(settings, waiting_since, waiting_since + d), t, m.author});
      waiting_since = kNoTime;
    }
  }
  if (f.first_reply_at != kNoTime) {
    f.first_reply_s = checked_duration(f.start, f.first_reply_at, settings, data, t, "the first response");
    f.first_reply_source = FactSource::events;
  }
  // Open and the customer waits: a customer message newer than the last human reply, or no human reply yet.
  f.awaiting_reply = waiting_since != kNoTime || (f.replies == 0 && !f.outbound);
}

void derive_status(uint32_t t, Dataset& data, const FactsSettings& settings, TicketFacts& f, Facts& out) {
  const uint32_t b = data.status_begin[t], e = data.status_begin[t + 1];
  f.has_status_history = e > b;
  const bool resolved_now = is_resolved(data.status[t]);
  if (!f.has_status_history) return;
  bool resolved = false;
  f.reopens = 0;
  size_t first_event = out.resolutions.size();
  for (uint32_t i = b; i < e; ++i) {
    const StatusChange& s = data.status_changes[i];
    if (s.to == Status::unknown || is_excluded(s.to)) continue;
    const bool from_resolved = s.from == Status::unknown ? resolved : is_resolved(s.from);
    const bool to_resolved = is_resolved(s.to);
    if (to_resolved && !from_resolved) {
      if (f.first_resolved_at == kNoTime) f.first_resolved_at = s.at;
      uint32_t agent = s.author;
      if (s.author_kind == AuthorKind::bot || s.author_kind == AuthorKind::system) agent = kAutomationAgent;
      else if (s.author_kind != AuthorKind::agent) agent = data.assignee[t];
      out.resolutions.push_back(ResolutionEvent{s.at, t, agent});
    } else if (!to_resolved && from_resolved) {
      ++f.reopens;
      if (f.first_reopen_at == kNoTime) f.first_reopen_at = s.at;
    }
    resolved = to_resolved;
  }
  // An automation that finishes an agent's work (e.g. auto-solve after pending) credits the agent, not "Automation".
  const bool had_human_reply = f.replies > 0 || (f.replies < 0 && data.vendor[t].replies > 0);
  for (size_t i = first_event; i < out.resolutions.size(); ++i)
    if (out.resolutions[i].agent == kAutomationAgent && had_human_reply) out.resolutions[i].agent = data.assignee[t];
  if (first_event < out.resolutions.size()) {
    f.first_resolution_s = checked_duration(f.start, f.first_resolved_at, settings, data, t, "the first resolution");
    f.resolution_source = FactSource::events;
    if (resolved_now) {
      f.final_resolved_at = out.resolutions.back().at;
      f.resolver = out.resolutions.back().agent;
      f.full_resolution_s = checked_duration(f.start, f.final_resolved_at, settings, data, t, "the resolution");
    }
  }
}

// Without events, the vendor's own figures (G11); without those either, solved_at.
void vendor_fallbacks(uint32_t t, Dataset& data, const FactsSettings& settings, TicketFacts& f, Facts& out) {
  const VendorMetrics& v = data.vendor[t];
  int64_t vendor_first_reply_s = f.start == kNoTime ? kNoTime : v.first_reply_s;
  if (vendor_first_reply_s == kNoTime && v.first_reply_at != kNoTime)
    vendor_first_reply_s = checked_duration(f.start, v.first_reply_at, settings, data, t, "the vendor's first response");
  // Messages that hold no human reply where the vendor recorded one are incomplete (e.g. a ticket list exported without
  // its conversations, whose only message is the opening one): the vendor's figures stand in for them.
  const bool replies_missing = f.has_messages && f.first_reply_at == kNoTime && vendor_first_reply_s != kNoTime;
  if (!f.has_messages || replies_missing) {
    if (vendor_first_reply_s != kNoTime) {
      f.first_reply_s = vendor_first_reply_s;
      f.first_reply_at = f.start + vendor_first_reply_s;
      f.first_reply_source = FactSource::vendor;
      f.first_reply_agent = data.assignee[t];
    }
    f.replies = v.replies >= 0 ? v.replies : replies_missing ? -1 : f.replies;
    const Status s = data.status[t];
    f.awaiting_reply = s == Status::new_ || s == Status::open;
  }
  if (!f.has_status_history) {
    if (v.reopens >= 0) f.reopens = v.reopens;
    if (f.first_reopen_at == kNoTime) f.first_reopen_at = v.reopened_at;
    if (is_resolved(data.status[t])) {
      int64_t solved = v.solved_at;
      if (v.full_resolution_s != kNoTime && f.start != kNoTime) solved = f.start + v.full_resolution_s;
      if (solved != kNoTime) {
        f.final_resolved_at = solved;
        f.full_resolution_s = checked_duration(f.start, solved, settings, data, t, "the resolution");
        // The first resolution: the vendor's; else the final one, unless the ticket was (or may have been) resolved
        // before it. Then its time is unknown (null), and the reopen, the latest moment it can have happened, places the
        // ticket in a period for the reopen rate.
        if (v.first_resolution_s != kNoTime) {
          f.first_resolution_s = v.first_resolution_s;
        } else if (v.first_resolved_at != kNoTime) {
          f.first_resolution_s = checked_duration(f.start, v.first_resolved_at, settings, data, t, "the first resolution");
        } else if (f.reopens > 0 || v.resolved_before_final) {
          f.first_resolution_s = kNoTime;
          f.first_resolved_at = f.first_reopen_at;
        } else {
          f.first_resolution_s = f.full_resolution_s;
        }
        if (f.first_resolution_s != kNoTime && f.start != kNoTime) f.first_resolved_at = f.start + f.first_resolution_s;
        f.resolution_source = FactSource::vendor;
        const bool bot_only = f.replies == 0 && ((data.flags[t] & kBotHandled) || f.bot_messages > 0);
        f.resolver = bot_only ? kAutomationAgent : data.assignee[t];
        out.resolutions.push_back(ResolutionEvent{solved, t, f.resolver});
      }
    }
  }
}

}  // namespace

Facts compute_facts(Dataset& data, const FactsSettings& settings) {
  Facts out;
  const size_t n = data.ticket_count();
  for (const Message& m : data.messages) out.latest_time = std::max(out.latest_time, m.at);
  for (const StatusChange& c : data.status_changes) out.latest_time = std::max(out.latest_time, c.at);
  out.tickets.resize(n);
  for (uint32_t t = 0; t < n; ++t) {
    TicketFacts f;
    derive_messages(t, data, settings, f, out);
    derive_status(t, data, settings, f, out);
    vendor_fallbacks(t, data, settings, f, out);
    if (!is_resolved(data.status[t])) f.awaiting_reply = f.awaiting_reply && !is_excluded(data.status[t]);
    else f.awaiting_reply = false;
    // 1.17: resolved, no human reply ever, a bot took part (message, vendor flag or bot resolution), and no reopen
    // within the window after the first resolution.
    if (f.final_resolved_at != kNoTime && f.replies == 0) {
      const bool bot_involved = f.bot_messages > 0 || (data.flags[t] & kBotHandled) || f.resolver == kAutomationAgent;
      const bool reopened_soon = f.first_reopen_at != kNoTime && f.first_resolved_at != kNoTime &&
                                 f.first_reopen_at - f.first_resolved_at <= settings.automation_window_s;
      f.automated = bot_involved && !reopened_soon;
      if (f.automated) f.resolver = kAutomationAgent;
    }
    // Business-hours variants (G3) of the durations whose ends are known.
    if (settings.business) {
      if (f.first_reply_s != kNoTime) f.first_reply_business_s = business_between(settings, f.start, f.first_reply_at);
      if (f.first_resolution_s != kNoTime)
        f.first_resolution_business_s = business_between(settings, f.start, f.first_resolved_at);
      if (f.full_resolution_s != kNoTime)
        f.full_resolution_business_s = business_between(settings, f.start, f.final_resolved_at);
    }
    out.latest_time = std::max({out.latest_time, data.created_at[t], data.updated_at[t]});
    out.tickets.set(t, f);
  }
  return out;
}

}  // namespace hk
