// 1.23 SLA compliance. For each ticket created in the period and each target (first response, resolution; per channel
// overrides): hit = the event happened by start + target; miss = it happened later, or the target has passed with no
// event ("open breach", judged at "now"); a target still running is pending and left out. Rate = hits / (hits + misses).
// Measured in calendar time, or in business time when settings.sla.business_hours and a schedule are set.
#include "kpi/kpis.h"
#include "time/business_hours.h"

namespace hk {
namespace {

struct Tally {
  uint64_t met = 0, missed = 0, pending = 0, open_breaches = 0;
  json to_json(int64_t target) const {
    const uint64_t applied = met + missed;
    return {{"target_s", target == 0 ? json(nullptr) : json(target)},
            {"applied", applied},
            {"met", met},
            {"missed", missed},
            {"open_breaches", open_breaches},
            {"pending", pending},
            {"rate", applied ? json(static_cast<double>(met) / static_cast<double>(applied)) : json(nullptr)}};
  }
};

}  // namespace

json sla(const Scope& scope, const BusinessHours* business) {
  const SlaSettings& s = scope.settings.sla;
  if (!s.enabled) return nullptr;
  const bool use_business = s.business_hours && business && business->enabled();
  const int64_t now = scope.now();
  Tally frt, res;
  // Elapsed time from start to `end`, in the SLA's clock.
  auto elapsed = [&](int64_t start, int64_t end) { return use_business ? business->seconds_between(start, end) : end - start; };
  auto judge = [&](Tally& t, int64_t target, int64_t start, int64_t end) {
    if (target <= 0 || start == kNoTime) return;
    if (end != kNoTime) {
      (elapsed(start, end) <= target ? t.met : t.missed)++;
    } else if (now != kNoTime && elapsed(start, now) > target) {
      ++t.missed;
      ++t.open_breaches;
    } else {
      ++t.pending;
    }
  };
  for (uint32_t t : scope.created()) {
    const TicketFacts& f = scope.facts.tickets[t];
    SlaTargets targets = s.targets;
    auto it = s.by_channel.find(std::string(channel_name(scope.data.channel[t])));
    if (it != s.by_channel.end()) targets = it->second;
    // A ticket resolved without any human reply no longer waits for one: its FRT target does not apply.
    if (!(f.first_reply_at == kNoTime && f.final_resolved_at != kNoTime))
      judge(frt, targets.first_response_s, f.start, f.first_reply_at);
    judge(res, targets.resolution_s, f.start, f.final_resolved_at);
  }
  return {{"clock", use_business ? "business" : "calendar"},
          {"first_response", frt.to_json(s.targets.first_response_s)},
          {"resolution", res.to_json(s.targets.resolution_s)}};
}

}  // namespace hk
