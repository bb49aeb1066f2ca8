// 1.14 CES: CES 2.0 by default, "made it easy for me to handle my issue" on 1–7 (7 = strongly agree). Mean on 1–7,
// easy_rate = share of 5–7, difficult_rate = share of 1–3 (4 is neutral). Other scales only when the file declares
// them: "1-5" agreement (easy 4–5, difficult 1–2) and the legacy CES 1.0 "1-5-effort" (1 = low effort), reversed as
// 6 − x first. Scales are never mixed in a mean: `mean` is over 1–7 answers only, and each scale's own mean is in
// `by_scale` (the effort scale's after reversal); the easy/difficult shares pool all answers. Latest answer per ticket
// (else per respondent). Anchored on `submitted_at`. Null when the data has no CES answers.
#include <map>

#include "kpi/customers.h"
#include "kpi/kpis.h"

namespace hk {

json ces(const Scope& scope) {
  if (!scope.data.surveys.has(SurveyType::ces)) return nullptr;
  struct PerScale {
    uint64_t n = 0;
    double sum = 0;
  };
  std::map<std::string_view, PerScale> scales;
  uint64_t n = 0, easy = 0, difficult = 0;
  for (uint32_t i : latest_answers(scope, SurveyType::ces, LatestBy::ticket_first)) {
    const SurveyAnswer& a = scope.data.surveys.answers[i];
    int32_t v = a.score;
    const bool seven = a.scale == SurveyScale::one_to_seven;
    if (a.scale == SurveyScale::one_to_five_effort) v = 6 - v;  // now 5 = easy, like the agreement scales
    ++n;
    if (seven ? v >= 5 : v >= 4) ++easy;
    if (seven ? v <= 3 : v <= 2) ++difficult;
    PerScale& s = scales[survey_scale_name(a.scale)];
    ++s.n;
    s.sum += v;
  }
  auto share = [&](uint64_t k) { return n ? json(static_cast<double>(k) / static_cast<double>(n)) : json(nullptr); };
  json j;
  j["n"] = n;
  auto seven = scales.find("1-7");
  j["mean"] = seven != scales.end() ? json(seven->second.sum / static_cast<double>(seven->second.n)) : json(nullptr);
  j["easy_rate"] = share(easy);
  j["difficult_rate"] = share(difficult);
  j["neutral"] = n - easy - difficult;
  json by = json::object();
  for (const auto& [name, s] : scales) by[std::string(name)] = {{"n", s.n}, {"mean", s.sum / static_cast<double>(s.n)}};
  j["by_scale"] = by;
  return j;
}

}  // namespace hk
