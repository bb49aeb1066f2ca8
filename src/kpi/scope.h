// A query (period + filters) applied to the store. Filters select tickets; the period selects events by each metric's
// anchor (G2): volume by creation, FRT by the first reply, resolution by the final resolution, CSAT by the rating.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kpi/ticket_facts.h"
#include "model/dataset.h"

namespace hk {

struct Query {
  int64_t from = kNoTime;  // inclusive
  int64_t to = kNoTime;    // exclusive
  std::vector<std::string> agents, channels, tags, statuses;  // multi-select; empty = all
};

class Scope {
 public:
  Scope(const Dataset& data, const Facts& facts, const Query& query);
  // The ticket passes the filters and is not excluded (G7).
  bool ticket(uint32_t t) const { return selected_[t] != 0; }
  bool in_period(int64_t at) const {
    if (at == kNoTime) return query_.from == kNoTime && query_.to == kNoTime;
    return (query_.from == kNoTime || at >= query_.from) && (query_.to == kNoTime || at < query_.to);
  }
  const Query& query() const { return query_; }
  const Dataset& data;
  const Facts& facts;

 private:
  Query query_;
  std::vector<uint8_t> selected_;
};

}  // namespace hk
