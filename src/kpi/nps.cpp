// 1.15 NPS: answers of type "nps" on 0–10; promoters 9–10, passives 7–8, detractors 0–6 (6 is a detractor);
// NPS = %promoters − %detractors, an integer from −100 to +100. Latest answer per respondent per period (respondent_id,
// else customer id, else e-mail, else ticket: relationship NPS by customer, transactional NPS by ticket). Anchored on
// `submitted_at`. Null when the data has no NPS answers at all; {n: 0, score: null, …} when the period has none.
#include "kpi/customers.h"
#include "kpi/kpis.h"

namespace hk {

json nps(const Scope& scope) {
  if (!scope.data.surveys.has(SurveyType::nps)) return nullptr;
  NpsCounts c;
  uint64_t answers = 0;
  for (const SurveyAnswer& a : scope.data.surveys.answers)
    if (a.type == SurveyType::nps && survey_selected(scope, a) && scope.in_period(a.at)) ++answers;
  for (uint32_t i : latest_answers(scope, SurveyType::nps, LatestBy::respondent_first))
    c.add(scope.data.surveys.answers[i].score);
  json j;
  j["n"] = c.n;
  const auto score = c.score();
  j["score"] = score ? json(*score) : json(nullptr);
  j["promoters"] = c.promoters;
  j["passives"] = c.passives;
  j["detractors"] = c.detractors;
  j["answers"] = answers;  // before keeping the latest per respondent
  return j;
}

}  // namespace hk
