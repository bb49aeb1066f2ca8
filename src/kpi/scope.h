// A query (period + filters) applied to the store. Filters select tickets; the period selects events by each metric's
// anchor (G2): volume by creation, FRT by the first reply, resolution by the final resolution, CSAT by the rating.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/settings.h"
#include "kpi/query.h"
#include "kpi/ticket_facts.h"
#include "model/dataset.h"

namespace hk {

class Scope {
 public:
  Scope(const Dataset& data, const Facts& facts, const Settings& settings, const Query& query);
  // A narrower scope (a breakdown row, the previous period): the base's tickets, further limited to those with
  // keep[t] != 0 when `keep` is given, over the period [from, to) (kNoTime = open end).
  Scope(const Scope& base, const std::vector<uint8_t>* keep, int64_t from, int64_t to);
  // The ticket passes the filters and is not excluded (G7).
  bool ticket(uint32_t t) const { return selected_[t] != 0; }
  bool in_period(int64_t at) const {
    if (at == kNoTime) return query_.from == kNoTime && query_.to == kNoTime;
    return (query_.from == kNoTime || at >= query_.from) && (query_.to == kNoTime || at < query_.to);
  }
  const Query& query() const { return query_; }
  // The scope's tickets (each passes ticket(), so walks need not ask again) with at least one anchor (creation, first
  // reply, first or final resolution) in the period, in row order. A KPI that counts a ticket only when one of these
  // anchors is in the period may walk these instead of every ticket: the same tickets in the same order, so the same
  // bits. At 1M tickets a one-month period leaves about a tenth of them, and each KPI walk over all tickets read 120 MB
  // of facts (docs/benchmarks.md).
  const std::vector<uint32_t>& anchored() const { return anchored_; }
  // Of those, the tickets created in the period (volume, topics, retention, SLA) and those whose final resolution is
  // in the period (one-touch, FCR, automation, messages, consistency, per agent), in row order; each listed on first
  // use and kept with the scope. Several KPIs walk each population: the list is made once, and they do not each
  // read the whole anchor column again (docs/benchmarks.md).
  const std::vector<uint32_t>& created() const;
  const std::vector<uint32_t>& resolved() const;
  // The local day (days since 1970-01-01 in the report zone) of an instant.
  int64_t local_day(int64_t utc) const { return settings.zone.local_day(utc); }
  // "Now" for ages and open breaches: the setting, else the latest instant in the data.
  int64_t now() const;
  const Dataset& data;
  const Facts& facts;
  const Settings& settings;

 private:
  void index_anchored(const std::vector<uint32_t>* candidates = nullptr);
  Query query_;
  std::vector<uint8_t> selected_;
  std::vector<uint32_t> anchored_;
  mutable std::optional<std::vector<uint32_t>> created_, resolved_;
};

}  // namespace hk
