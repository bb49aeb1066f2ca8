// 1.16 ESAT and eNPS (employee surveys): ESAT = share of 4–5 answers on the 1–5 satisfaction scale, with the mean;
// eNPS = NPS maths (9–10 / 7–8 / 0–6, −100…100) on "enps" answers. Latest answer per respondent per period, anchored
// on `submitted_at`. Anonymity: a population (the whole period, or any filtered segment) with fewer than 5 answers is
// hidden — its figures are null and `hidden` says so. Null when the data has no ESAT or eNPS answers.
#include "kpi/customers.h"
#include "kpi/kpis.h"

namespace hk {
namespace {
constexpr uint64_t kMinAnswers = 5;
}  // namespace

json esat(const Scope& scope) {
  const SurveyStore& store = scope.data.surveys;
  if (!store.has(SurveyType::esat) && !store.has(SurveyType::enps)) return nullptr;
  uint64_t n = 0, satisfied = 0;
  double sum = 0;
  for (uint32_t i : latest_answers(scope, SurveyType::esat, LatestBy::respondent_first)) {
    const int32_t v = store.answers[i].score;
    ++n;
    sum += v;
    if (v >= 4) ++satisfied;
  }
  NpsCounts e;
  for (uint32_t i : latest_answers(scope, SurveyType::enps, LatestBy::respondent_first)) e.add(store.answers[i].score);
  const bool show = n >= kMinAnswers;
  const bool show_enps = e.n >= kMinAnswers;
  json j;
  j["n"] = n;
  j["score"] = show ? json(static_cast<double>(satisfied) / static_cast<double>(n)) : json(nullptr);
  j["mean"] = show ? json(sum / static_cast<double>(n)) : json(nullptr);
  const auto enps = e.score();
  j["enps"] = show_enps && enps ? json(*enps) : json(nullptr);
  j["enps_n"] = e.n;
  j["hidden"] = (n > 0 && !show) || (e.n > 0 && !show_enps);
  j["min_n"] = kMinAnswers;
  return j;
}

}  // namespace hk
