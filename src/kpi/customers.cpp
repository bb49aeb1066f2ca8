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
  // The grouping Requesters::key() gives (the normalised e-mail of the ticket, else of the requester's user record,
  // else "id:" + requester id), worked out once per distinct interned e-mail or requester id, in tables indexed by
  // that id, rather than once per ticket with a key string: that took 46-54 ms of a 100 MB Zendesk export's 85 ms
  // finish natively, and 2.3 s of 3.6 s at 1M tickets, where hash tables of a million keys miss the cache at every
  // step. Groups are numbered by their first ticket.
  const uint32_t n = d.ticket_count();
  facts.requester_group.assign(n, Facts::kNoGroup);
  facts.next_same_requester.assign(n, Facts::kNoGroup);
  constexpr uint32_t kUnset = Facts::kNoGroup - 1;
  const size_t ids = d.strings.size();
  std::vector<uint32_t> by_email(ids, kUnset);      // e-mail id → group of its normalised text (kNoGroup: none)
  std::vector<uint32_t> by_id(ids, kUnset);         // requester id → group of "id:" + id
  std::vector<uint32_t> by_requester(ids, kUnset);  // requester id → group of a ticket without an e-mail of its own
  uint32_t groups = 0;
  // A key that could equal a key of the other kind goes by its text: an e-mail starting "id:", an id holding an '@'.
  // Any other e-mail key has an '@' and does not start "id:", any other id key has no '@': they never meet.
  std::unordered_map<std::string, uint32_t> by_text;
  auto group_of_text = [&](const std::string& key) {
    auto [it, added] = by_text.try_emplace(key, groups);
    if (added) ++groups;
    return it->second;
  };
  auto email_group = [&](uint32_t email) -> uint32_t {
    if (by_email[email] != kUnset) return by_email[email];
    const std::string_view raw = d.text(email);
    const std::string key = normalize_email(raw);
    uint32_t group;
    if (key.empty()) {
      group = Facts::kNoGroup;
    } else if (key.compare(0, 3, "id:") == 0) {
      group = group_of_text(key);
    } else if (key == raw) {
      group = groups++;  // normalised already: no other id has this text
    } else {
      // A variant (case, spaces): the group of the normalised text's own id when there is one, else by text.
      const uint32_t same = d.strings.find(key);
      if (same == kNoString) group = group_of_text(key);
      else group = by_email[same] != kUnset ? by_email[same] : (by_email[same] = groups++);
    }
    return by_email[email] = group;
  };
  auto id_group = [&](uint32_t requester) -> uint32_t {
    if (by_id[requester] != kUnset) return by_id[requester];
    const std::string_view id = d.text(requester);
    return by_id[requester] = id.find('@') != std::string_view::npos ? group_of_text("id:" + std::string(id)) : groups++;
  };
  for (uint32_t t = 0; t < n; ++t) {
    if (is_excluded(d.status[t]) || d.created_at[t] == kNoTime) continue;
    const uint32_t email = d.requester_email[t], requester = d.requester[t];
    uint32_t group = Facts::kNoGroup;
    if (email != kNoString) {
      group = email_group(email);
      if (group == Facts::kNoGroup && requester != kNoString) group = id_group(requester);
    } else if (requester != kNoString) {
      if (by_requester[requester] == kUnset) {
        auto user = d.users.find(requester);
        uint32_t g = Facts::kNoGroup;
        if (user != d.users.end() && user->second.email != kNoString) g = email_group(user->second.email);
        by_requester[requester] = g != Facts::kNoGroup ? g : id_group(requester);
      }
      group = by_requester[requester];
    }
    facts.requester_group[t] = group;
  }
  // Each requester's tickets by (created_at, row): bucketed by group in row order, then each bucket ordered by time.
  std::vector<uint32_t> start(size_t(groups) + 1, 0);
  for (uint32_t t = 0; t < n; ++t)
    if (facts.requester_group[t] != Facts::kNoGroup) ++start[facts.requester_group[t] + 1];
  for (uint32_t g = 0; g < groups; ++g) start[g + 1] += start[g];
  std::vector<uint32_t> order(start[groups]);
  {
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (uint32_t t = 0; t < n; ++t)
      if (facts.requester_group[t] != Facts::kNoGroup) order[next[facts.requester_group[t]]++] = t;
  }
  for (uint32_t g = 0; g < groups; ++g) {
    auto from = order.begin() + start[g], to = order.begin() + start[g + 1];
    if (to - from > 1)  // rows ascend within a bucket already, so a stable sort by time gives (created_at, row)
      std::stable_sort(from, to, [&](uint32_t a, uint32_t b) { return d.created_at[a] < d.created_at[b]; });
    for (auto it = from; it + 1 < to; ++it) facts.next_same_requester[*it] = *(it + 1);
  }
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
