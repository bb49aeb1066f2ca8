// Requester identity, survey selection, latest-answer de-duplication and NPS maths (see customers.h).
#include "kpi/customers.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

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
  const Requesters who(d);
  const uint32_t n = d.ticket_count();
  facts.requester_group.assign(n, Facts::kNoGroup);
  facts.next_same_requester.assign(n, Facts::kNoGroup);
  std::unordered_map<std::string, uint32_t> group_of;
  std::vector<std::vector<uint32_t>> members;
  for (uint32_t t = 0; t < n; ++t) {
    if (is_excluded(d.status[t]) || d.created_at[t] == kNoTime) continue;
    const std::string key = who.key(t);
    if (key.empty()) continue;
    auto [it, added] = group_of.try_emplace(key, static_cast<uint32_t>(members.size()));
    if (added) members.emplace_back();
    facts.requester_group[t] = it->second;
    members[it->second].push_back(t);
  }
  auto by_time = [&](uint32_t a, uint32_t b) { return d.created_at[a] != d.created_at[b] ? d.created_at[a] < d.created_at[b] : a < b; };
  for (auto& list : members) {
    std::sort(list.begin(), list.end(), by_time);
    for (size_t i = 0; i + 1 < list.size(); ++i) facts.next_same_requester[list[i]] = list[i + 1];
  }
  facts.requester_groups = static_cast<uint32_t>(members.size());
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
