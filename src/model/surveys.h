// Survey answers from the canonical survey file (docs/formats/surveys.md): NPS, CES, ESAT and eNPS answers that
// helpdesk exports lack (kpi-definitions 1.14–1.16). A sibling of the ticket store, held by Dataset. CSAT answers of
// that file that name a ticket become ordinary ticket ratings (Dataset::ratings) so 1.13 sees them.
//
// Scores are stored as given on their declared scale; the KPI maps them (CES legacy 1–5 effort is reversed there).
#pragma once
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/string_pool.h"
#include "time/timestamp.h"

namespace hk {

enum class SurveyType : uint8_t { nps, ces, esat, enps, csat };

// The answer scale. Each type has one default: NPS/eNPS 0–10, CES 1–7 (CES 2.0 agreement, 7 = easy), ESAT 1–5,
// CSAT 1–5.
enum class SurveyScale : uint8_t {
  zero_to_ten,      // "0-10"
  one_to_seven,     // "1-7": CES 2.0 agreement
  one_to_five,      // "1-5": ESAT / CSAT satisfaction, or CES agreement on five points (5 = easy)
  one_to_five_effort,  // "1-5-effort": legacy CES 1.0, 1 = very low effort (good); reversed (6 − x) by the KPI
  one_to_three,     // "1-3" (CSAT)
  one_to_two,       // "1-2" (CSAT)
  good_bad,         // "good-bad" (CSAT): 1 good, 0 bad
};

std::string_view survey_type_name(SurveyType t);
bool parse_survey_type(std::string_view text, SurveyType& out);
std::string_view survey_scale_name(SurveyScale s);
// The scale named in the file ("1-7", "1-5-effort", …); an empty name gives the type's default. False when the name is
// unknown or does not fit the type (e.g. "1-5-effort" on an NPS answer).
bool parse_survey_scale(std::string_view text, SurveyType type, SurveyScale& out);
// Lowest and highest score of a scale.
void survey_scale_range(SurveyScale s, int32_t& lo, int32_t& hi);

struct SurveyRow {
  SurveyType type = SurveyType::nps;
  SurveyScale scale = SurveyScale::zero_to_ten;
  int32_t score = 0;
  int64_t submitted_at = kNoTime;
  std::string_view ticket_id;
  std::string_view customer_email;  // raw; normalised when added
  std::string_view customer_id;
  std::string_view agent;
  std::string_view respondent_id;
};

struct SurveyAnswer {
  SurveyType type;
  SurveyScale scale;
  int32_t score;
  int64_t at;
  uint32_t ticket;      // interned external ticket id; after link(): the ticket row, or kNoTicketRow
  uint32_t ticket_id;   // interned external ticket id (kept after link(): "latest answer per ticket")
  uint32_t respondent;  // interned identity key for "latest answer per respondent" (see respondent_key), or kNoString
  uint32_t agent;       // interned agent id or name as written in the file
  uint32_t email;       // interned normalised e-mail
  uint32_t customer_id;
};

constexpr uint32_t kNoTicketRow = UINT32_MAX;

class SurveyStore {
 public:
  void add(const SurveyRow& row, StringPool& strings);
  // Rewrites each answer's ticket id into its ticket row (kNoTicketRow when the ticket is not in the data) and sorts
  // answers by time. `row_of` maps an interned ticket id to its row, or returns kNoTicketRow.
  template <class RowOf>
  void link(RowOf row_of) {
    if (linked_) return;
    linked_ = true;
    for (SurveyAnswer& a : answers) a.ticket = a.ticket == kNoString ? kNoTicketRow : row_of(a.ticket);
    sort_by_time();
  }
  bool linked() const { return linked_; }
  bool has(SurveyType t) const { return counts_[static_cast<int>(t)] > 0; }

  std::vector<SurveyAnswer> answers;
  uint64_t unlinked_csat = 0;  // CSAT answers without a ticket id (cannot be ticket ratings; counted, not used)

 private:
  void sort_by_time();
  uint64_t counts_[5] = {0, 0, 0, 0, 0};
  bool linked_ = false;
};

}  // namespace hk
