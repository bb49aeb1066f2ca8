// Requester identity, survey selection, latest-answer de-duplication and NPS maths (see customers.h).
#include "kpi/customers.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "kpi/dense_index.h"

namespace hk {

Requesters::Requesters(const Dataset& data) : data_(data) {
  email.resize(data.ticket_count());
  for (uint32_t t = 0; t < data.ticket_count(); ++t) {
    std::string_view e = data.text(data.requester_email[t]);
    if (e.empty() && data.requester[t] != kNoString) {
      auto it = data.users.find(data.requester[t]);
      if (it != data.users.end()) e = data.text(it->second.email);
    }
    if (!e.empty()) email[t] = normalize_email(e);
  }
}

std::string Requesters::key(uint32_t t) const {
  if (!email[t].empty()) return email[t];
  const std::string_view i = id(t);
  return i.empty() ? std::string() : "id:" + std::string(i);
}

void index_requesters(const Dataset& d, Facts& facts) {
  // The grouping Requesters::key() gives, worked out once per distinct e-mail or requester (interned ids) rather than
  // once per ticket, and without a list per requester: building a key string and a vector per ticket, and a users
  // table lookup, took 46-54 ms of a 100 MB Zendesk export's 85 ms finish natively.
  const uint32_t n = d.ticket_count();
  facts.requester_group.assign(n, Facts::kNoGroup);
  facts.next_same_requester.assign(n, Facts::kNoGroup);
  std::unordered_map<std::string, uint32_t> group_of;  // key → group, groups numbered by their first ticket
  enum : uint64_t { kEmail = 1, kRequesterId = 2, kRequester = 3 };  // what an interned id stands for
  DenseIndex sources;                                  // (kind << 32 | interned id) → n
  std::vector<uint32_t> group_of_source;               // n → group (kNoGroup: that source gives no key)
  auto group_for = [&](uint64_t kind, uint32_t id, auto key_of) {
    const uint32_t s = sources.number(kind << 32 | id);
    if (s < group_of_source.size()) return group_of_source[s];
    const std::string key = key_of();
    const uint32_t g =
        key.empty() ? Facts::kNoGroup : group_of.try_emplace(key, static_cast<uint32_t>(group_of.size())).first->second;
    group_of_source.push_back(g);
    return g;
  };
  auto email_group = [&](uint32_t email) {
    return group_for(kEmail, email, [&] { return normalize_email(d.text(email)); });
  };
  auto id_group = [&](uint32_t requester) {
    return group_for(kRequesterId, requester, [&] { return "id:" + std::string(d.text(requester)); });
  };
  for (uint32_t t = 0; t < n; ++t) {
    if (is_excluded(d.status[t]) || d.created_at[t] == kNoTime) continue;
    const uint32_t email = d.requester_email[t], requester = d.requester[t];
    uint32_t group = Facts::kNoGroup;
    if (email != kNoString) {
      group = email_group(email);
      if (group == Facts::kNoGroup && requester != kNoString) group = id_group(requester);
    } else if (requester != kNoString) {  // the e-mail of the requester's user record, else the id
      const uint32_t s = sources.number(kRequester << 32 | requester);
      if (s < group_of_source.size()) {
        group = group_of_source[s];
      } else {
        group_of_source.push_back(Facts::kNoGroup);  // s's place, before the lookups below add theirs
        auto user = d.users.find(requester);
        if (user != d.users.end() && user->second.email != kNoString) group = email_group(user->second.email);
        if (group == Facts::kNoGroup) group = id_group(requester);
        group_of_source[s] = group;
      }
    }
    facts.requester_group[t] = group;
  }
  const uint32_t groups = static_cast<uint32_t>(group_of.size());
  // Each requester's tickets by (created_at, row): one sort of all grouped tickets, then links within each run.
  std::vector<uint32_t> order;
  for (uint32_t t = 0; t < n; ++t)
    if (facts.requester_group[t] != Facts::kNoGroup) order.push_back(t);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const uint32_t ga = facts.requester_group[a], gb = facts.requester_group[b];
    if (ga != gb) return ga < gb;
    return d.created_at[a] != d.created_at[b] ? d.created_at[a] < d.created_at[b] : a < b;
  });
  for (size_t i = 0; i + 1 < order.size(); ++i)
    if (facts.requester_group[order[i]] == facts.requester_group[order[i + 1]]) facts.next_same_requester[order[i]] = order[i + 1];
  facts.requester_groups = groups;
}

int64_t data_end(const Dataset& data, const Facts& facts, const Settings& settings) {
  if (settings.now != kNoTime) return settings.now;
  int64_t end = facts.latest_time;
  if (data.orders.latest != kNoTime && (end == kNoTime || data.orders.latest > end)) end = data.orders.latest;
  return end;
}

bool survey_selected(const Scope& scope, const SurveyAnswer& a) {
  if (a.ticket != kNoTicketRow) return scope.ticket(a.ticket);
  const Query& q = scope.query();
  if (!q.channels.empty() || !q.tags.empty() || !q.statuses.empty()) return false;
  if (q.agents.empty()) return true;
  if (a.agent == kNoString) return false;
  const std::string_view agent = scope.data.text(a.agent);
  std::string_view name;
  auto it = scope.data.users.find(a.agent);  // an agent id with a users entry may be filtered by display name
  if (it != scope.data.users.end()) name = scope.data.text(it->second.name);
  return std::any_of(q.agents.begin(), q.agents.end(),
                     [&](const std::string& f) { return f == agent || (!name.empty() && f == name); });
}

std::vector<uint32_t> latest_answers(const Scope& scope, SurveyType type, LatestBy by) {
  const auto& answers = scope.data.surveys.answers;
  std::unordered_map<uint64_t, uint32_t> latest;  // key → answer index; answers are sorted by time, so later wins
  for (uint32_t i = 0; i < answers.size(); ++i) {
    const SurveyAnswer& a = answers[i];
    if (a.type != type || !survey_selected(scope, a) || !scope.in_period(a.at)) continue;
    uint64_t key;
    const uint64_t respondent = a.respondent != kNoString ? (uint64_t(1) << 32) | a.respondent : 0;
    const uint64_t ticket = a.ticket_id != kNoString ? (uint64_t(2) << 32) | a.ticket_id : 0;
    if (by == LatestBy::respondent_first) key = respondent ? respondent : ticket;
    else key = ticket ? ticket : respondent;
    if (!key) key = (uint64_t(3) << 32) | i;
    latest[key] = i;
  }
  std::vector<uint32_t> out;
  out.reserve(latest.size());
  for (const auto& [key, index] : latest) out.push_back(index);
  std::sort(out.begin(), out.end());  // time order, independent of hashing
  return out;
}

void NpsCounts::add(int32_t score) {
  ++n;
  if (score >= 9) ++promoters;
  else if (score >= 7) ++passives;
  else ++detractors;
}

std::optional<int64_t> NpsCounts::score() const {
  if (n == 0) return std::nullopt;
  const double v = 100.0 * (static_cast<double>(promoters) - static_cast<double>(detractors)) / static_cast<double>(n);
  return static_cast<int64_t>(std::llround(v));
}

}  // namespace hk
