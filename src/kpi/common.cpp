// Shared JSON shapes for aggregates: a duration summary {n, median, mean, p90} and a rate {rate, numerator, denominator}.
#include "kpi/kpis.h"

namespace hk {

json summary_json(const Summary& s) {
  json j;
  j["n"] = s.n;
  j["median"] = s.median ? json(*s.median) : json(nullptr);
  j["mean"] = s.mean ? json(*s.mean) : json(nullptr);
  j["p90"] = s.p90 ? json(*s.p90) : json(nullptr);
  return j;
}

json rate_json(const Rate& r) {
  json j;
  const auto v = r.rate();
  j["rate"] = v ? json(*v) : json(nullptr);
  j["numerator"] = r.numerator;
  j["denominator"] = r.denominator;
  return j;
}

}  // namespace hk
