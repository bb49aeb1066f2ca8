// The canonical survey file (docs/formats/surveys.md, schema/surveys.schema.json), CSV or JSON: one answer per row /
// object with `type` (nps | ces | esat | enps | csat), `score`, `submitted_at`, and optionally `ticket_id`,
// `customer_email`, `customer_id`, `agent`, `respondent_id`, `scale` and `comment`. JSON may be `{"surveys":[…]}`
// (also "responses" / "answers"), a bare array or one answer a line. Column and key names are case-insensitive.
// NPS/CES/ESAT/eNPS answers go to Dataset::surveys; CSAT answers that name a ticket become ticket ratings (1.13), CSAT
// answers without a ticket are counted and reported, not used. A score that is not an integer on its scale, an
// unknown type or scale, or a missing/unreadable `submitted_at` skips the answer with an "invalid_survey_answer"
// warning naming the file, offset/line and the respondent or ticket.
#include <array>
#include <string>
#include <unordered_map>

#include "ingest/adapter.h"
#include "ingest/json_read.h"

namespace hk {
namespace {

using simdjson::ondemand::object;
using simdjson::ondemand::value;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(trim(s));
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

enum Field { kType, kScore, kSubmitted, kTicket, kEmail, kCustomer, kAgent, kRespondent, kScale, kComment, kFieldCount };

int field_of(std::string_view name) {
  const std::string n = lower(name);
  static const char* const kNames[kFieldCount] = {"type",  "score",         "submitted_at", "ticket_id", "customer_email",
                                                   "customer_id", "agent", "respondent_id", "scale", "comment"};
  for (int i = 0; i < kFieldCount; ++i)
    if (n == kNames[i]) return i;
  return -1;
}

// The raw text of each field of one answer, from either shape.
struct RawAnswer {
  std::string_view text[kFieldCount];
};

bool fail(RecordError& e, std::string_view who, std::string message) {
  e.code = "invalid_survey_answer";
  e.ticket.assign(who);
  e.message = std::move(message);
  return false;
}

bool to_rating_scale(SurveyScale s, RatingScale& out) {
  switch (s) {
    case SurveyScale::one_to_five: out = RatingScale::one_to_five; return true;
    case SurveyScale::one_to_three: out = RatingScale::one_to_three; return true;
    case SurveyScale::one_to_two: out = RatingScale::one_to_two; return true;
    case SurveyScale::good_bad: out = RatingScale::good_bad; return true;
    default: return false;
  }
}

// Validates and stores one answer (both shapes end here).
bool store(const RawAnswer& a, const RecordContext& ctx, Dataset& data, RecordError& error) {
  const std::string_view ticket = trim(a.text[kTicket]);
  const std::string_view respondent = trim(a.text[kRespondent]);
  std::string who = !respondent.empty() ? "respondent " + std::string(respondent)
                    : !ticket.empty()   ? "ticket " + std::string(ticket)
                                        : std::string("an answer");
  const std::string_view example = !respondent.empty() ? respondent : ticket;
  SurveyRow row;
  const std::string_view type = trim(a.text[kType]);
  if (type.empty()) return fail(error, example, who + " has no \"type\" (nps, ces, esat, enps or csat)");
  if (!parse_survey_type(type, row.type))
    return fail(error, example, who + " has the type \"" + std::string(type) + "\"; expected nps, ces, esat, enps or csat");
  const std::string_view scale = trim(a.text[kScale]);
  if (!parse_survey_scale(lower(scale), row.type, row.scale))
    return fail(error, example,
                who + " declares the scale \"" + std::string(scale) + "\", which a " + std::string(survey_type_name(row.type)) +
                    " answer cannot have");
  std::string_view score = trim(a.text[kScore]);
  if (score.empty()) return fail(error, example, who + " has no score");
  int32_t lo, hi;
  survey_scale_range(row.scale, lo, hi);
  int64_t milli = 0;
  const std::string s = lower(score);
  if (row.scale == SurveyScale::good_bad && (s == "good" || s == "bad")) {
    milli = s == "good" ? 1000 : 0;
  } else if (!parse_money(score, milli) || milli % 1000 != 0 || score.find(',') != std::string_view::npos) {
    return fail(error, example, who + " has the score \"" + std::string(score) + "\", which is not a whole number");
  }
  const int64_t v = milli / 1000;
  if (v < lo || v > hi)
    return fail(error, example,
                who + " has the score " + std::to_string(v) + ", outside the " + std::string(survey_type_name(row.type)) +
                    " scale " + std::string(survey_scale_name(row.scale)));
  row.score = static_cast<int32_t>(v);
  const std::string_view submitted = trim(a.text[kSubmitted]);
  if (submitted.empty()) return fail(error, example, who + " has no \"submitted_at\"");
  ParsedTime p;
  if (parse_iso8601(submitted, p) != TimeError::none) {
    // Epoch seconds are accepted too; values past 10^11 are milliseconds, as everywhere else (read_time).
    int64_t epoch_milli;
    if (!parse_money(submitted, epoch_milli))
      return fail(error, example, who + ": \"submitted_at\" is not a valid timestamp (\"" + std::string(submitted) + "\")");
    p.utc_seconds = epoch_milli / 1000;
    if (p.utc_seconds > 100000000000) p.utc_seconds /= 1000;
    p.had_offset = true;
  }
  row.submitted_at = p.utc_seconds;
  if (!p.had_offset)
    data.quality.warn("time_without_offset",
                      ctx.where() + ": " + who + " has a timestamp without a zone offset; it was read as UTC", example);
  row.ticket_id = ticket;
  row.customer_email = a.text[kEmail];
  row.customer_id = trim(a.text[kCustomer]);
  row.agent = trim(a.text[kAgent]);
  row.respondent_id = respondent;
  if (row.type == SurveyType::csat) {
    if (ticket.empty()) {
      ++data.surveys.unlinked_csat;
      data.quality.warn("survey_csat_without_ticket",
                        ctx.where() + ": a CSAT answer names no ticket_id; CSAT answers are ticket ratings (1.13), so it "
                                      "is not counted",
                        example);
      return true;
    }
    RatingRow r;
    r.ticket = ticket;
    to_rating_scale(row.scale, r.scale);
    r.value = row.score;
    r.answered = true;
    r.at = row.submitted_at;
    r.agent = row.agent;
    data.add_rating(r);
    return true;
  }
  data.surveys.add(row, data.strings);
  return true;
}

class SurveysAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "surveys"; }

  int detect(const RecordProbe& p) const override {
    const bool shape = p.has("type") && p.has("score") && p.has("submitted_at");
    if (!shape) return 0;
    return (p.list_key == "surveys" || p.list_key == "responses" || p.list_key == "answers" || p.list_key.empty()) ? 95
                                                                                                                     : 60;
  }

  std::string_view role_of(const RecordProbe&) const override { return "surveys"; }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    RawAnswer a;
    for (auto& b : buf_) b.clear();
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, "", "the answer is not valid JSON");
      const int field = field_of(k);
      if (field < 0) continue;
      simdjson::ondemand::json_type t;
      if (v.type().get(t)) return fail(error, "", "the answer is not valid JSON");
      if (t == simdjson::ondemand::json_type::string || t == simdjson::ondemand::json_type::number ||
          t == simdjson::ondemand::json_type::null) {
        if (!read_id(v, buf_[field])) return fail(error, "", "\"" + std::string(k) + "\" is not readable");
      } else {
        return fail(error, "", "\"" + std::string(k) + "\" must be a string or a number");
      }
    }
    for (int i = 0; i < kFieldCount; ++i) a.text[i] = buf_[i];
    return store(a, ctx, data, error);
  }

  int detect_csv(const std::vector<std::string>& header) const override {
    bool type = false, score = false, submitted = false;
    for (const auto& h : header) {
      const int f = field_of(h);
      type |= f == kType, score |= f == kScore, submitted |= f == kSubmitted;
    }
    return type && score && submitted ? 95 : 0;
  }

  std::string_view csv_role(const std::vector<std::string>&) const override { return "surveys"; }

  void begin_csv(const std::vector<std::string>& header, const RecordContext& ctx) override {
    auto& cols = columns_[std::string(ctx.file)];
    for (int& c : cols) c = -1;
    for (size_t i = 0; i < header.size(); ++i) {
      const int f = field_of(header[i]);
      if (f >= 0 && cols[f] < 0) cols[f] = static_cast<int>(i);
    }
  }

  bool ingest_csv(const CsvRecord& rec, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    const auto& cols = columns_[std::string(ctx.file)];
    RawAnswer a;
    for (int i = 0; i < kFieldCount; ++i) a.text[i] = rec.at(cols[i]);
    return store(a, ctx, data, error);
  }

 private:
  std::string buf_[kFieldCount];
  std::unordered_map<std::string, std::array<int, kFieldCount>> columns_;
};

}  // namespace

std::unique_ptr<Adapter> make_surveys_adapter() { return std::make_unique<SurveysAdapter>(); }

}  // namespace hk
