#include "report/tickets_csv.h"

#include "engine/engine.h"
#include "kpi/kpis.h"

namespace hk {

void append_csv_text(std::string& out, std::string_view text) {
  const bool formula = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                                         text[0] == '\t' || text[0] == '\r');
  const bool quote = formula || text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  if (quote) out.push_back('"');
}

namespace {

void num(std::string& out, int64_t v) {
  if (v != kNoTime) out += std::to_string(v);
}
void time_cell(std::string& out, int64_t v) {
  if (v != kNoTime) out += format_utc(v);
}

}  // namespace

std::string build_tickets_csv(const Engine& engine, const Query& query) {
  const Dataset& d = engine.dataset();
  const Scope scope(d, engine.facts(), engine.settings(), query);
  std::string out =
      "ticket_id,created_at,status,raw_status,channel,raw_channel,assignee_id,assignee_name,requester_id,subject,tags,"
      "first_reply_at,first_response_s,first_response_business_s,replies,first_resolved_at,final_resolved_at,"
      "first_resolution_s,full_resolution_s,full_resolution_business_s,reopens,automated,awaiting_reply,csat,"
      "figures_source\r\n";
  for (uint32_t t = 0; t < d.ticket_count(); ++t) {
    if (!scope.ticket(t) || !scope.in_period(d.created_at[t])) continue;
    const TicketFacts& f = scope.facts.tickets[t];
    append_csv_text(out, d.text(d.ticket_id[t]));
    out += ',';
    time_cell(out, d.created_at[t]);
    out += ',';
    out += status_name(d.status[t]);
    out += ',';
    append_csv_text(out, d.text(d.raw_status[t]));
    out += ',';
    out += channel_name(d.channel[t]);
    out += ',';
    append_csv_text(out, d.text(d.raw_channel[t]));
    out += ',';
    append_csv_text(out, d.text(d.assignee[t]));
    out += ',';
    auto u = d.users.find(d.assignee[t]);
    append_csv_text(out, u != d.users.end() ? d.text(u->second.name) : std::string_view());
    out += ',';
    append_csv_text(out, d.text(d.requester[t]));
    out += ',';
    append_csv_text(out, d.text(d.subject[t]));
    out += ',';
    std::string tags;
    for (uint32_t i = 0; i < d.tags_count[t]; ++i) {
      if (i) tags += ';';
      tags += d.text(d.tag_pool[d.tags_begin[t] + i]);
    }
    append_csv_text(out, tags);
    out += ',';
    time_cell(out, f.first_reply_at);
    out += ',';
    num(out, f.first_reply_s);
    out += ',';
    num(out, f.first_reply_business_s);
    out += ',';
    if (f.replies >= 0) out += std::to_string(f.replies);
    out += ',';
    time_cell(out, f.first_resolved_at);
    out += ',';
    time_cell(out, f.final_resolved_at);
    out += ',';
    num(out, f.first_resolution_s);
    out += ',';
    num(out, f.full_resolution_s);
    out += ',';
    num(out, f.full_resolution_business_s);
    out += ',';
    if (f.reopens >= 0) out += std::to_string(f.reopens);
    out += ',';
    out += f.automated ? "true" : "false";
    out += ',';
    out += f.awaiting_reply ? "true" : "false";
    out += ',';
    const int32_t r = d.rating_of_ticket.empty() ? -1 : d.rating_of_ticket[t];
    if (r >= 0) {
      const Rating& rating = d.ratings[static_cast<size_t>(r)];
      if (!rating.answered) out += "offered";
      else if (rating.scale == RatingScale::good_bad) out += rating.value ? "good" : "bad";
      else out += std::to_string(rating.value);
    }
    out += ',';
    const bool vendor = f.first_reply_source == FactSource::vendor || f.resolution_source == FactSource::vendor;
    out += vendor ? "vendor" : (f.has_messages || f.has_status_history) ? "events" : "";
    out += "\r\n";
  }
  return out;
}

}  // namespace hk
