// Shared by the customer-side KPIs (1.14 CES, 1.15 NPS, 1.16 ESAT/eNPS, 1.18 converted tickets, 1.22 retention):
// requester identity of tickets, which survey answers a query selects, "latest answer per key", NPS maths, and the
// data end used for right-censoring.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpi/scope.h"

namespace hk {

// Each ticket's requester identity: the normalised requester e-mail (the ticket's own, else the users table's) and
// the requester id. Built per report; `email[t]` is "" when unknown.
struct Requesters {
  explicit Requesters(const Dataset& data);
  std::string_view id(uint32_t t) const { return data_.text(data_.requester[t]); }
  // The key that groups a requester's tickets: the e-mail when known, else "id:" + requester id, else "".
  std::string key(uint32_t t) const;
  std::vector<std::string> email;

 private:
  const Dataset& data_;
};

// Fills Facts::requester_group / next_same_requester / requester_groups (see ticket_facts.h); once, at finish().
void index_requesters(const Dataset& data, Facts& facts);

// 1.22: fills Facts::repeat_contact (see ticket_facts.h) from the requester index; once, at finish(), after
// index_requesters. `end` is data_end.
void index_repeat_contacts(const Dataset& data, Facts& facts, int64_t window_s, int64_t end);

// The end of the data for windows that look forward (1.18, 1.22): the `now` setting when given, else the latest
// instant in the tickets and the orders.
int64_t data_end(const Dataset& data, const Facts& facts, const Settings& settings);
inline int64_t data_end(const Scope& scope) { return data_end(scope.data, scope.facts, scope.settings); }

// A survey answer passes the query's filters: through its ticket when it names one in the data; otherwise it passes
// with no filters, or with only an agent filter that names the answer's own `agent`; channel/tag/status filters need a
// ticket. Excluded tickets (G7) drop their answers.
bool survey_selected(const Scope& scope, const SurveyAnswer& a);

enum class LatestBy : uint8_t { respondent_first, ticket_first };
// Indices (into data.surveys.answers) of the answers of `type` that the query selects, submitted in the period, keeping
// only the latest answer per key: respondent (respondent_id, else customer id, else e-mail), else ticket — or the
// other way round for `ticket_first`. An answer with neither counts alone.
std::vector<uint32_t> latest_answers(const Scope& scope, SurveyType type, LatestBy by);

// 1.15 maths on 0–10 answers: promoters 9–10, passives 7–8, detractors 0–6; score = %promoters − %detractors as an
// integer −100…100 (rounded half away from zero), null when n = 0.
struct NpsCounts {
  uint64_t n = 0, promoters = 0, passives = 0, detractors = 0;
  void add(int32_t score);
  std::optional<int64_t> score() const;
};

}  // namespace hk
