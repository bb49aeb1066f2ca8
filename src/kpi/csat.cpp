// 1.13 CSAT: one rating per ticket (the latest); score = satisfied / answered, where satisfied is good on good/bad,
// 4–5 on 1–5, 3 on 1–3, 2 on 1–2, 9–10 on 1–10, "great" on great/okay/not good (the numeric thresholds and "okay"
// counting as satisfied can be changed in settings.csat_satisfied). The mean is given only for a single
// numeric scale. Response rate = answered / offered, when the export says which surveys were offered.
// Anchored on the rating's time (else the ticket's resolution, else its creation).
#include <map>

#include "kpi/dense_index.h"
#include "kpi/kpis.h"

namespace hk {
namespace {

std::string value_label(const Rating& r) {
  switch (r.scale) {
    case RatingScale::good_bad: return r.value ? "good" : "bad";
    case RatingScale::great_okay_bad: return r.value >= 3 ? "great" : r.value == 2 ? "okay" : "not_good";
    default: return std::to_string(r.value);
  }
}

const char* scale_name(RatingScale s) {
  switch (s) {
    case RatingScale::good_bad: return "good_bad";
    case RatingScale::one_to_five: return "1-5";
    case RatingScale::one_to_three: return "1-3";
    case RatingScale::one_to_two: return "1-2";
    case RatingScale::one_to_ten: return "1-10";
    case RatingScale::great_okay_bad: return "great_okay_not_good";
  }
  return "";
}

}  // namespace

bool is_satisfied(const Rating& r, const CsatMapping& m) {
  switch (r.scale) {
    case RatingScale::good_bad: return r.value == 1;
    case RatingScale::one_to_five: return r.value >= m.one_to_five;
    case RatingScale::one_to_three: return r.value >= m.one_to_three;
    case RatingScale::one_to_two: return r.value >= m.one_to_two;
    case RatingScale::one_to_ten: return r.value >= m.one_to_ten;
    case RatingScale::great_okay_bad: return r.value >= m.great_okay_bad;
  }
  return false;
}

void index_rating_anchors(const Dataset& d, Facts& facts) {
  facts.rating_at.resize(d.ratings.size());
  for (size_t i = 0; i < d.ratings.size(); ++i) {
    const Rating& r = d.ratings[i];
    facts.rating_at[i] = r.at != kNoTime                                  ? r.at
                         : facts.tickets[r.ticket].final_resolved_at != kNoTime ? facts.tickets[r.ticket].final_resolved_at
                                                                        : d.created_at[r.ticket];
  }
}

json csat(const Scope& scope) {
  uint64_t answered = 0, satisfied = 0, offered_only = 0;
  // Answers counted per (scale, value) through a DenseIndex, labelled once afterwards: a label string and two map
  // lookups per rating were most of this KPI's time on a whole-range re-query at 1M tickets.
  DenseIndex scale_value;
  std::vector<uint64_t> count;
  double sum = 0;
  const std::vector<Rating>& ratings = scope.data.ratings;
  for (size_t i = 0; i < ratings.size(); ++i) {
    const Rating& r = ratings[i];
    if (!scope.ticket(r.ticket) || !scope.in_period(scope.facts.rating_at[i])) continue;
    if (!r.answered) {
      ++offered_only;
      continue;
    }
    ++answered;
    if (is_satisfied(r, scope.settings.csat)) ++satisfied;
    const uint32_t k = scale_value.number(uint64_t(r.scale) << 32 | static_cast<uint32_t>(r.value));
    if (k == count.size()) count.push_back(0);
    ++count[k];
    sum += r.value;
  }
  std::map<std::string, uint64_t> distribution;
  std::map<RatingScale, uint64_t> scales;
  for (uint32_t k = 0; k < count.size(); ++k) {
    Rating r{};
    r.scale = static_cast<RatingScale>(scale_value.key(k) >> 32);
    r.value = static_cast<int32_t>(static_cast<uint32_t>(scale_value.key(k)));
    distribution[value_label(r)] += count[k];
    scales[r.scale] += count[k];
  }
  json j;
  j["n"] = answered;
  j["score"] = answered ? json(static_cast<double>(satisfied) / static_cast<double>(answered)) : json(nullptr);
  const bool one_numeric_scale = scales.size() == 1 && scales.begin()->first != RatingScale::good_bad &&
                                 scales.begin()->first != RatingScale::great_okay_bad;
  j["mean"] = one_numeric_scale ? json(sum / static_cast<double>(answered)) : json(nullptr);
  json dist = json::object();
  for (const auto& [k, v] : distribution) dist[k] = v;
  j["distribution"] = dist;
  j["satisfied"] = satisfied;
  j["offered"] = answered + offered_only;
  j["response_rate"] =
      offered_only ? json(static_cast<double>(answered) / static_cast<double>(answered + offered_only)) : json(nullptr);
  json sc = json::array();
  for (const auto& [s, n] : scales) sc.push_back(scale_name(s));
  j["scales"] = sc;
  return j;
}

}  // namespace hk
