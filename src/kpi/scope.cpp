#include "kpi/scope.h"

#include <algorithm>
#include <unordered_set>

namespace hk {
namespace {

// The positions i < n (as index_of(i)) that pass keep, in order, without a branch on the data: which tickets a filter
// keeps is as random as the field it filters on, and a mispredicted branch per ticket cost more than the walk.
template <typename IndexOf, typename Keep>
std::vector<uint32_t> compact(size_t n, IndexOf index_of, Keep keep) {
  std::vector<uint32_t> out(n);
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t t = index_of(i);
    out[kept] = t;
    kept += keep(t) ? 1 : 0;
  }
  out.resize(kept);
  return out;
}

// Ids of the interned strings that a filter names; a name no ticket uses matches nothing.
std::unordered_set<uint32_t> ids_of(const Dataset& data, const std::vector<std::string>& names) {
  std::unordered_set<uint32_t> ids;
  for (const auto& n : names) ids.insert(data.strings.find(n));
  return ids;
}

}  // namespace

Scope::Scope(const Scope& base, const std::vector<uint8_t>* keep, int64_t from, int64_t to)
    : data(base.data), facts(base.facts), settings(base.settings), query_(base.query_), selected_(base.selected_) {
  query_.from = from;
  query_.to = to;
  if (keep)
    for (size_t t = 0; t < selected_.size(); ++t) selected_[t] = selected_[t] && (*keep)[t];
  // A breakdown row's period lies inside the base's: its anchored tickets are among the base's, so only those are
  // looked at (a week breakdown builds 53 of these). The previous period of a comparison lies outside: all tickets.
  const auto inside = [&](int64_t at, bool upper) {
    const int64_t base_end = upper ? base.query_.to : base.query_.from;
    if (base_end == kNoTime) return true;
    if (at == kNoTime) return false;
    return upper ? at <= base_end : at >= base_end;
  };
  index_anchored(inside(from, false) && inside(to, true) ? &base.anchored_ : nullptr);
}

void Scope::index_anchored(const std::vector<uint32_t>* candidates) {
  anchored_.clear();
  const auto consider = [&](uint32_t t) {
    if (!selected_[t]) return;
    // Without facts for a ticket, keep it: the list must hold every ticket a KPI could count (a superset is exact too).
    if (t >= facts.tickets.size()) {
      anchored_.push_back(t);
      return;
    }
    const TicketFacts& f = facts.tickets[t];
    if (in_period(data.created_at[t]) || in_period(f.first_reply_at) || in_period(f.first_resolved_at) ||
        in_period(f.final_resolved_at))
      anchored_.push_back(t);
  };
  // Over the whole time range every ticket is in the period by each of its anchors: no fact needs reading.
  if (query_.from == kNoTime && query_.to == kNoTime) {
    const auto selected = [&](uint32_t t) { return selected_[t] != 0; };
    if (candidates) anchored_ = compact(candidates->size(), [&](size_t i) { return (*candidates)[i]; }, selected);
    else anchored_ = compact(selected_.size(), [](size_t i) { return static_cast<uint32_t>(i); }, selected);
    return;
  }
  if (candidates) {
    for (uint32_t t : *candidates) consider(t);
  } else {
    for (uint32_t t = 0; t < selected_.size(); ++t) consider(t);
  }
}

// The anchored tickets that pass `keep`.
template <typename Keep>
std::vector<uint32_t> anchored_where(const std::vector<uint32_t>& anchored, Keep keep) {
  return compact(anchored.size(), [&](size_t i) { return anchored[i]; }, keep);
}

const std::vector<uint32_t>& Scope::created() const {
  if (!created_) created_ = anchored_where(anchored_, [&](uint32_t t) { return in_period(data.created_at[t]); });
  return *created_;
}

const std::vector<uint32_t>& Scope::resolved() const {
  // A ticket that is not resolved now has no final resolution: in no period, not even the whole range.
  if (!resolved_)
    resolved_ = anchored_where(anchored_, [&](uint32_t t) {
      const int64_t at = facts.tickets[t].final_resolved_at;
      return at != kNoTime && in_period(at);
    });
  return *resolved_;
}

int64_t Scope::now() const { return settings.now != kNoTime ? settings.now : facts.latest_time; }

Scope::Scope(const Dataset& d, const Facts& f, const Settings& s, const Query& q) : data(d), facts(f), settings(s), query_(q) {
  const size_t n = data.ticket_count();
  selected_.assign(n, 1);
  // Agents may be named by id or by display name.
  std::unordered_set<uint32_t> agents = ids_of(data, q.agents);
  if (!q.agents.empty())
    for (const auto& [id, user] : data.users)
      if (user.name != kNoString && std::find(q.agents.begin(), q.agents.end(), data.text(user.name)) != q.agents.end())
        agents.insert(id);
  const auto tags = ids_of(data, q.tags);
  // The channel and status filters as tables over the canonical codes: a lookup per ticket instead of string
  // comparisons (the scope is built on every re-query, over every ticket).
  const auto named = [](const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  uint8_t channel_ok[kChannelCount] = {};
  for (int c = 0; c < kChannelCount; ++c) channel_ok[c] = named(q.channels, channel_name(static_cast<Channel>(c)));
  // Raw channel names match through their numbers (index_volume_keys): a table over the few raw channels.
  std::vector<uint8_t> raw_ok(facts.raw_channel_ids.size(), 0);
  for (size_t r = 0; r < raw_ok.size(); ++r) {
    const std::string_view raw = data.text(facts.raw_channel_ids[r]);
    raw_ok[r] = !raw.empty() && named(q.channels, raw);
  }
  // Without branches on the data for the common filters: channels and statuses come in random order, and a mispredicted
  // branch per ticket was most of the scope's time at 1M tickets.
  uint8_t usable[kStatusCount];
  for (int st = 0; st < kStatusCount; ++st) {
    const Status status = static_cast<Status>(st);
    usable[st] = !is_excluded(status) && (q.statuses.empty() || named(q.statuses, status_name(status)));
  }
  const bool by_channel = !q.channels.empty();
  // Raw pointers: selected_ is a byte array, and a byte store may alias anything, so through the vectors every
  // iteration would reload their data pointers.
  const Status* status = data.status.data();
  const Channel* channel = data.channel.data();
  const uint32_t* raw_number = facts.raw_channel_number.data();
  const uint8_t* raw_channel_ok = raw_ok.data();
  const bool by_agent = !q.agents.empty(), by_tag = !q.tags.empty();
  uint8_t* selected = selected_.data();
  for (uint32_t t = 0; t < n; ++t) {
    uint8_t keep = usable[static_cast<int>(status[t])];
    if (by_channel) keep &= channel_ok[static_cast<int>(channel[t])] | raw_channel_ok[raw_number[t]];
    if (keep && by_agent) keep = agents.count(data.assignee[t]) > 0;
    if (keep && by_tag) {
      keep = 0;
      for (uint32_t i = 0; i < data.tags_count[t] && !keep; ++i) keep = tags.count(data.tag_pool[data.tags_begin[t] + i]) > 0;
    }
    selected[t] = keep;
  }
  index_anchored();
}

}  // namespace hk
