// 1.1 Ticket volume: tickets created in the period, by day / ISO week / month / quarter, every bucket present — over at
//     most kMaxDenseDays; a wider range (one ticket dated in the year 1012 among 2025's, a query "from 4050 to 9025")
//     lists only its non-empty buckets, instead of hundreds of thousands of empty days (megabytes, minutes).
// 1.2 Volume by channel: canonical channel (raw vendor value kept for drill-down).
// 1.21 Top topics: tickets created in the period per tag; a ticket with several tags counts under each.
#include <algorithm>
#include <map>

#include "kpi/dense_index.h"
#include "kpi/kpis.h"
#include "time/buckets.h"

namespace hk {
namespace {

constexpr int64_t kMaxDenseDays = 36525;  // 100 years

json series(const Scope& scope, const std::map<int64_t, uint64_t>& days, Granularity g) {
  BucketRule rule{g, scope.settings.week_start == "sunday", scope.settings.fiscal_year_start_month};
  std::map<int64_t, uint64_t> counts;
  for (const auto& [day, n] : days) counts[bucket_of_day(day, rule)] += n;
  int64_t lo = days.empty() ? INT64_MAX : days.begin()->first, hi = days.empty() ? INT64_MIN : days.rbegin()->first;
  // Every bucket of the range, empty ones as 0: the query's bounds when given, else the data's.
  if (scope.query().from != kNoTime) lo = scope.local_day(scope.query().from);
  if (scope.query().to != kNoTime) hi = scope.local_day(scope.query().to - 1);
  json out = json::array();
  if (lo > hi) return out;
  if (hi - lo > kMaxDenseDays) {
    for (const auto& [b, n] : counts) out.push_back({{"period", bucket_label(b, rule)}, {"count", n}});
    return out;
  }
  for (int64_t b = bucket_of_day(lo, rule); b <= hi; b = next_bucket(b, rule)) {
    auto it = counts.find(b);
    out.push_back({{"period", bucket_label(b, rule)}, {"count", it == counts.end() ? 0 : it->second}});
  }
  return out;
}

}  // namespace

void index_volume_keys(const Dataset& d, Facts& f, const ZoneOffsets& zone) {
  const uint32_t n = d.ticket_count();
  f.created_day.resize(n);
  f.first_day = 0;
  f.last_day = -1;
  bool any = false;
  for (uint32_t t = 0; t < n; ++t) {
    const int64_t day = zone.local_day(d.created_at[t]);
    f.created_day[t] = day;
    if (d.created_at[t] == kNoTime) continue;
    f.first_day = any ? std::min(f.first_day, day) : day;
    f.last_day = any ? std::max(f.last_day, day) : day;
    any = true;
  }
  DenseIndex raw;
  f.raw_channel_number.resize(n);
  for (uint32_t t = 0; t < n; ++t) f.raw_channel_number[t] = raw.number(d.raw_channel[t]);
  f.raw_channel_ids.resize(raw.size());
  for (uint32_t i = 0; i < raw.size(); ++i) f.raw_channel_ids[i] = static_cast<uint32_t>(raw.key(i));
  DenseIndex tags;
  f.tag_number.resize(d.tag_pool.size());
  for (size_t i = 0; i < d.tag_pool.size(); ++i) f.tag_number[i] = tags.number(d.tag_pool[i]);
  f.tag_ids.resize(tags.size());
  for (uint32_t i = 0; i < tags.size(); ++i) f.tag_ids[i] = static_cast<uint32_t>(tags.key(i));
}

json ticket_volume(const Scope& scope) {
  const Dataset& d = scope.data;
  const Facts& f = scope.facts;
  uint64_t total = 0;
  uint64_t by_channel[kChannelCount] = {};
  // Tickets created in the period per raw channel, and per channel and local day, in one walk, by the keys numbered at
  // finish (index_volume_keys): per (day, channel) in an array over the data's days when they span at most
  // kMaxDenseDays, else through a DenseIndex (a ticket dated in the year 1012). Each granularity's buckets are summed
  // from the days afterwards, and the whole's days from the channels'.
  std::vector<uint64_t> raw_count(f.raw_channel_ids.size(), 0);
  const bool dense = f.last_day - f.first_day < kMaxDenseDays;
  std::vector<uint64_t> day_channel_count(dense ? static_cast<size_t>(f.last_day - f.first_day + 1) * kChannelCount : 0, 0);
  DenseIndex day_channel;  // (day << 3 | channel) → index into sparse_count, when not dense
  std::vector<uint64_t> sparse_count;
  for (uint32_t t : scope.created()) {
    const int c = static_cast<int>(d.channel[t]);
    ++total;
    ++by_channel[c];
    ++raw_count[f.raw_channel_number[t]];
    const int64_t day = f.created_day[t];
    if (dense && day >= f.first_day && day <= f.last_day) {
      ++day_channel_count[static_cast<size_t>(day - f.first_day) * kChannelCount + static_cast<size_t>(c)];
    } else {
      // Days since 1970 fit in the top 61 bits with the channel (0..7) below them.
      const uint32_t k = day_channel.number(static_cast<uint64_t>(day) << 3 | static_cast<uint64_t>(c));
      if (k == sparse_count.size()) sparse_count.push_back(0);
      ++sparse_count[k];
    }
  }
  std::map<std::string, uint64_t> by_raw;
  for (uint32_t r = 0; r < raw_count.size(); ++r)
    if (raw_count[r]) by_raw[std::string(d.text(f.raw_channel_ids[r]))] += raw_count[r];
  std::map<int64_t, uint64_t> channel_days[kChannelCount];
  for (size_t i = 0; i < day_channel_count.size(); ++i)
    if (day_channel_count[i]) channel_days[i % kChannelCount][f.first_day + static_cast<int64_t>(i / kChannelCount)] += day_channel_count[i];
  for (uint32_t k = 0; k < sparse_count.size(); ++k) {
    const uint64_t key = day_channel.key(k);
    channel_days[key & 7][static_cast<int64_t>(key) >> 3] += sparse_count[k];
  }
  json j;
  j["total"] = total;
  json ch = json::object();
  for (int c = 0; c < kChannelCount; ++c) ch[std::string(channel_name(static_cast<Channel>(c)))] = by_channel[c];
  j["by_channel"] = ch;
  json raw = json::object();
  for (const auto& [k, v] : by_raw) raw[k.empty() ? "(none)" : k] = v;
  j["by_raw_channel"] = raw;
  std::map<int64_t, uint64_t> days;
  for (const auto& per_day : channel_days)
    for (const auto& [day, n] : per_day) days[day] += n;
  j["by_day"] = series(scope, days, Granularity::day);
  j["by_week"] = series(scope, days, Granularity::week);
  j["by_month"] = series(scope, days, Granularity::month);
  j["by_quarter"] = series(scope, days, Granularity::quarter);
  // Each channel's series (channels with tickets in the period), for a chart of volume stacked by channel: exactly
  // what a report filtered to that channel gives as its by_day / by_week / by_month, in one query instead of one per
  // channel (the dashboard made up to eight full reports for its chart).
  json per_channel = json::object();
  for (int c = 0; c < kChannelCount; ++c) {
    if (!by_channel[c]) continue;
    per_channel[std::string(channel_name(static_cast<Channel>(c)))] = {
        {"by_day", series(scope, channel_days[c], Granularity::day)},
        {"by_week", series(scope, channel_days[c], Granularity::week)},
        {"by_month", series(scope, channel_days[c], Granularity::month)}};
  }
  j["series_by_channel"] = per_channel;
  return j;
}

json top_topics(const Scope& scope) {
  const Dataset& d = scope.data;
  // Counted by the tag numbers given at finish (index_volume_keys).
  const Facts& f = scope.facts;
  std::vector<uint64_t> counts(f.tag_ids.size(), 0);
  const uint64_t created = scope.created().size();
  for (uint32_t t : scope.created())
    for (uint32_t i = d.tags_begin[t], end = i + d.tags_count[t]; i < end; ++i) ++counts[f.tag_number[i]];
  std::vector<std::pair<uint32_t, uint64_t>> sorted;
  for (uint32_t n = 0; n < counts.size(); ++n)
    if (counts[n]) sorted.emplace_back(f.tag_ids[n], counts[n]);
  std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return d.text(a.first) < d.text(b.first);
  });
  json out = json::array();
  for (size_t i = 0; i < sorted.size() && i < 50; ++i)
    out.push_back({{"topic", d.text(sorted[i].first)},
                   {"source", "tag"},
                   {"count", sorted[i].second},
                   {"share", created ? static_cast<double>(sorted[i].second) / static_cast<double>(created) : 0.0}});
  return out;
}

}  // namespace hk
