#include "model/surveys.h"

#include <algorithm>
#include <string>

#include "model/orders.h"

namespace hk {

std::string_view survey_type_name(SurveyType t) {
  switch (t) {
    case SurveyType::nps: return "nps";
    case SurveyType::ces: return "ces";
    case SurveyType::esat: return "esat";
    case SurveyType::enps: return "enps";
    case SurveyType::csat: return "csat";
  }
  return "";
}

bool parse_survey_type(std::string_view s, SurveyType& out) {
  std::string t(s);
  for (char& c : t)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (t == "nps") out = SurveyType::nps;
  else if (t == "ces") out = SurveyType::ces;
  else if (t == "esat") out = SurveyType::esat;
  else if (t == "enps") out = SurveyType::enps;
  else if (t == "csat") out = SurveyType::csat;
  else return false;
  return true;
}

std::string_view survey_scale_name(SurveyScale s) {
  switch (s) {
    case SurveyScale::zero_to_ten: return "0-10";
    case SurveyScale::one_to_seven: return "1-7";
    case SurveyScale::one_to_five: return "1-5";
    case SurveyScale::one_to_five_effort: return "1-5-effort";
    case SurveyScale::one_to_three: return "1-3";
    case SurveyScale::one_to_two: return "1-2";
    case SurveyScale::good_bad: return "good-bad";
  }
  return "";
}

bool parse_survey_scale(std::string_view s, SurveyType type, SurveyScale& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) {
    switch (type) {
      case SurveyType::nps:
      case SurveyType::enps: out = SurveyScale::zero_to_ten; return true;
      case SurveyType::ces: out = SurveyScale::one_to_seven; return true;
      case SurveyType::esat:
      case SurveyType::csat: out = SurveyScale::one_to_five; return true;
    }
    return false;
  }
  if (s == "0-10") out = SurveyScale::zero_to_ten;
  else if (s == "1-7") out = SurveyScale::one_to_seven;
  else if (s == "1-5") out = SurveyScale::one_to_five;
  else if (s == "1-5-effort") out = SurveyScale::one_to_five_effort;
  else if (s == "1-3") out = SurveyScale::one_to_three;
  else if (s == "1-2") out = SurveyScale::one_to_two;
  else if (s == "good-bad") out = SurveyScale::good_bad;
  else return false;
  switch (type) {  // which scales each type may declare
    case SurveyType::nps:
    case SurveyType::enps: return out == SurveyScale::zero_to_ten;
    case SurveyType::ces:
      return out == SurveyScale::one_to_seven || out == SurveyScale::one_to_five || out == SurveyScale::one_to_five_effort;
    case SurveyType::esat: return out == SurveyScale::one_to_five;
    case SurveyType::csat:
      return out == SurveyScale::one_to_five || out == SurveyScale::one_to_three || out == SurveyScale::one_to_two ||
             out == SurveyScale::good_bad || out == SurveyScale::zero_to_ten;
  }
  return false;
}

void survey_scale_range(SurveyScale s, int32_t& lo, int32_t& hi) {
  switch (s) {
    case SurveyScale::zero_to_ten: lo = 0, hi = 10; return;
    case SurveyScale::one_to_seven: lo = 1, hi = 7; return;
    case SurveyScale::one_to_five:
    case SurveyScale::one_to_five_effort: lo = 1, hi = 5; return;
    case SurveyScale::one_to_three: lo = 1, hi = 3; return;
    case SurveyScale::one_to_two: lo = 1, hi = 2; return;
    case SurveyScale::good_bad: lo = 0, hi = 1; return;
  }
  lo = hi = 0;
}

void SurveyStore::add(const SurveyRow& row, StringPool& strings) {
  linked_ = false;
  SurveyAnswer a;
  a.type = row.type;
  a.scale = row.scale;
  a.score = row.score;
  a.at = row.submitted_at;
  a.ticket = a.ticket_id = strings.intern(row.ticket_id);
  a.agent = strings.intern(row.agent);
  a.email = strings.intern(normalize_email(row.customer_email));
  a.customer_id = strings.intern(row.customer_id);
  // The respondent: the file's respondent id, else the customer id, else the e-mail (prefixed so that the kinds of
  // identity never collide).
  std::string key;
  if (!row.respondent_id.empty()) key = "r:" + std::string(row.respondent_id);
  else if (!row.customer_id.empty()) key = "c:" + std::string(row.customer_id);
  else if (a.email != kNoString) key = "e:" + std::string(strings.get(a.email));
  a.respondent = strings.intern(key);
  answers.push_back(a);
  ++counts_[static_cast<int>(row.type)];
}

void SurveyStore::sort_by_time() {
  std::stable_sort(answers.begin(), answers.end(), [](const SurveyAnswer& a, const SurveyAnswer& b) { return a.at < b.at; });
}

}  // namespace hk
