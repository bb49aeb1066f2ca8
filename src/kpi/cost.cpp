// 1.19 Cost per resolution and per ticket, from the costs the user gives for the period: cost per resolution = total
// costs / tickets finally resolved in the period; cost per ticket = total / tickets created in the period; human cost
// per human resolution = (total − bot spend) / resolutions without automation. Undefined (null) when nothing resolved.
#include "kpi/kpis.h"

namespace hk {

json cost_per_resolution(const Scope& scope) {
  const CostSettings& c = scope.settings.costs;
  if (!c.enabled) return nullptr;
  const uint64_t created = scope.created().size(), resolved = scope.resolved().size();
  uint64_t automated = 0;
  for (uint32_t t : scope.resolved()) automated += scope.facts.tickets[t].automated ? 1 : 0;
  const double total = c.total();
  const uint64_t human = resolved - automated;
  return {{"value", resolved ? json(total / static_cast<double>(resolved)) : json(nullptr)},
          {"currency", c.currency},
          {"per_ticket", created ? json(total / static_cast<double>(created)) : json(nullptr)},
          {"human_per_human_resolution", human ? json((total - c.bot) / static_cast<double>(human)) : json(nullptr)},
          {"total_cost", total},
          {"resolutions", resolved},
          {"tickets", created}};
}

}  // namespace hk
