// The canonical survey file (docs/formats/surveys.md) as CSV, JSON and JSONL, with the Zendesk fixture's tickets:
// NPS (1.15), CES (1.14), ESAT / eNPS (1.16) and CSAT answers that become ticket ratings (1.13). Expected values are
// computed by hand from tests/data/surveys/surveys.csv (surveys.json holds the same answers) in the comments.
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

namespace {

// Sources are listed by name in the report (README "Determinism"), so a test looks its file up by name.
json source_named(const json& r, const std::string& name) {
  for (const auto& s : r["sources"])
    if (s["name"] == name) return s;
  ADD_FAILURE() << "no source " << name;
  return json::object();
}

std::vector<Input> with(const std::string& name, const std::string& bytes) {
  std::vector<Input> in = zendesk_fixture();
  in.push_back({name, bytes});
  return in;
}

std::string csv() { return read_file(testdata("surveys/surveys.csv")); }
std::string json_doc() { return read_file(testdata("surveys/surveys.json")); }
// The same answers one per line, without a wrapper.
std::string jsonl() {
  std::string out;
  const json doc = json::parse(json_doc());
  for (const auto& a : doc["surveys"]) out += a.dump() + "\n";
  return out;
}

const json& csv_report() {
  static const json r = report(with("surveys.csv", csv()));
  return r;
}

// NPS answers (0–10), latest per respondent (no respondent_id or customer_id in the file: the normalised e-mail):
//   dana  9 (03-04, 5001) then 10 (03-08, 5008, "Dana.Reyes@Example.com " → same e-mail) → 10
//   evan 7 · farah 3 · ivan 6 · jade 9 · kim 10 (no ticket)         · gus 11 → outside 0–10, skipped
// n 6: promoters dana, jade, kim = 3; passives evan = 1; detractors farah, ivan = 2 (6 is a detractor);
// NPS = (3 − 2) / 6 × 100 = 16.67 → 17. Answers in the period before de-duplication: 7.
void expect_nps(const json& n, const std::string& what) {
  ASSERT_TRUE(n.is_object()) << what;
  EXPECT_EQ(n["n"], 6) << what;
  EXPECT_EQ(n["promoters"], 3) << what;
  EXPECT_EQ(n["passives"], 1) << what;
  EXPECT_EQ(n["detractors"], 2) << what;
  EXPECT_EQ(n["score"], 17) << what;
  EXPECT_EQ(n["answers"], 7) << what;
}

// CES, latest answer per ticket: 5001 6 · 5002 4 · 5003 5 then 2 (18:00 is later) → 2 · 5006 1 on the legacy 1–5
// effort scale, reversed 6 − 1 = 5 → easy · 5008 7. n 5; easy (5–7 on 1–7, 4–5 on five points): 6, 5r, 7 → 3 → 0.6;
// difficult (1–3): 2 → 0.2; neutral: 4 → 1. Mean over the 1–7 answers only: (6 + 4 + 2 + 7) / 4 = 4.75.
void expect_ces(const json& c, const std::string& what) {
  ASSERT_TRUE(c.is_object()) << what;
  EXPECT_EQ(c["n"], 5) << what;
  EXPECT_DOUBLE_EQ(c["easy_rate"].get<double>(), 0.6) << what;
  EXPECT_DOUBLE_EQ(c["difficult_rate"].get<double>(), 0.2) << what;
  EXPECT_EQ(c["neutral"], 1) << what;
  EXPECT_DOUBLE_EQ(c["mean"].get<double>(), 4.75) << what;
  EXPECT_EQ(c["by_scale"]["1-7"]["n"], 4) << what;
  EXPECT_EQ(c["by_scale"]["1-5-effort"]["n"], 1) << what;
  EXPECT_DOUBLE_EQ(c["by_scale"]["1-5-effort"]["mean"].get<double>(), 5) << what;
}

// ESAT, latest per respondent: emp-01 5 · emp-02 1 then 4 (03-07) → 4 · emp-03 4 · emp-04 3 · emp-05 2 · emp-06 5.
// n 6; satisfied (4–5) 4 → 4/6; mean 23/6. eNPS: 10, 9, 9, 6, 3, 9 → promoters 4, detractors 2 → (4 − 2)/6 = 33.3 → 33.
void expect_esat(const json& e, const std::string& what) {
  ASSERT_TRUE(e.is_object()) << what;
  EXPECT_EQ(e["n"], 6) << what;
  EXPECT_NEAR(e["score"].get<double>(), 4.0 / 6, 1e-12) << what;
  EXPECT_NEAR(e["mean"].get<double>(), 23.0 / 6, 1e-12) << what;
  EXPECT_EQ(e["enps"], 33) << what;
  EXPECT_EQ(e["enps_n"], 6) << what;
  EXPECT_EQ(e["hidden"], false) << what;
}

}  // namespace

TEST(Surveys, CsvIsDetectedAsSurveys) {
  const json s = source_named(csv_report(), "surveys.csv");
  EXPECT_EQ(s["name"], "surveys.csv");
  EXPECT_EQ(s["vendor"], "surveys");
  EXPECT_EQ(s["role"], "surveys");
  EXPECT_EQ(s["records"], 28);  // 29 answers − the NPS 11
  EXPECT_EQ(s["skipped"], 1);
}

TEST(Surveys, NpsSixIsADetractorAndTheLatestAnswerPerRespondentCounts) { expect_nps(csv_report()["kpis"]["nps"], "csv"); }

TEST(Surveys, CesLatestPerTicketAndTheEffortScaleReversed) { expect_ces(csv_report()["kpis"]["ces"], "csv"); }

TEST(Surveys, EsatAndEnps) { expect_esat(csv_report()["kpis"]["esat"], "csv"); }

TEST(Surveys, ScoreOutsideTheScaleIsSkippedNamingFileLineAndTicket) {
  // Line 10: kim's comment (row 7) holds a line break, so gus's row — the 9th record — starts on physical line 10.
  const std::string m = warning_message(csv_report(), "invalid_survey_answer");
  EXPECT_NE(m.find("surveys.csv"), std::string::npos) << m;
  EXPECT_NE(m.find("line 10"), std::string::npos) << m;
  EXPECT_NE(m.find("ticket 5004"), std::string::npos) << m;
  EXPECT_NE(m.find("11"), std::string::npos) << m;
  EXPECT_NE(m.find("0-10"), std::string::npos) << m;
}

TEST(Surveys, JsonAndJsonlGiveTheSameFiguresAsCsv) {
  const std::vector<std::pair<std::string, std::string>> files = {{"surveys.json", json_doc()}, {"surveys.jsonl", jsonl()}};
  for (const auto& [name, bytes] : files) {
    for (size_t chunk : {size_t(3), size_t(1) << 20}) {
      const json r = report(with(name, bytes), chunk);
      EXPECT_EQ(source_named(r, name)["vendor"], "surveys") << name;
      EXPECT_EQ(source_named(r, name)["records"], 28) << name;
      expect_nps(r["kpis"]["nps"], name);
      expect_ces(r["kpis"]["ces"], name);
      expect_esat(r["kpis"]["esat"], name);
    }
  }
}

TEST(Surveys, CsatAnswerWithATicketBecomesThatTicketsRating) {
  // 5007 had no Zendesk rating; the file rates it 5 on 1–5 → CSAT n 3 + 1 = 4, satisfied good, good, 5 → 3 of 4.
  // The CSAT answer without a ticket (kim) cannot be a ticket rating: counted in a warning, not used.
  const json& c = csv_report()["kpis"]["csat"];
  EXPECT_EQ(c["n"], 4);
  EXPECT_DOUBLE_EQ(c["score"].get<double>(), 0.75);
  EXPECT_TRUE(has_warning(csv_report(), "survey_csat_without_ticket"));
}

TEST(Surveys, NpsFollowsTicketFilters) {
  // channel = email: answers through tickets 5001 (dana 9), 5003 (farah 3), 5008 (dana 10); kim's answer has no
  // ticket and cannot pass a channel filter. Latest per respondent: dana 10, farah 3 → 1 promoter, 1 detractor → 0.
  const json r = report(with("surveys.csv", csv()), 1 << 20, R"({"filters":{"channel":["email"]}})");
  const json& n = r["kpis"]["nps"];
  EXPECT_EQ(n["n"], 2);
  EXPECT_EQ(n["score"], 0);
}

TEST(Surveys, NpsIsAnchoredOnSubmittedAt) {
  // Period 03-03 … 03-05 (UTC, whole days): dana 9 (03-04), evan 7 (03-03), farah 3 (03-05 12:00), ivan 6
  // (03-05 13:00) → n 4, promoters 1, detractors 2 → (1 − 2) / 4 = −25.
  const json r = report(with("surveys.csv", csv()), 1 << 20, R"({"from":"2025-03-03","to":"2025-03-05"})");
  const json& n = r["kpis"]["nps"];
  EXPECT_EQ(n["n"], 4);
  EXPECT_EQ(n["score"], -25);
}

TEST(Surveys, EsatSegmentBelowFiveIsHidden) {
  // Agent filter "Bob Baker": only emp-02's answers name him → n 1 < 5: figures null, `hidden` true (anonymity).
  const json r = report(with("surveys.csv", csv()), 1 << 20, R"({"filters":{"agent":["Bob Baker"]}})");
  const json& e = r["kpis"]["esat"];
  EXPECT_EQ(e["n"], 1);
  EXPECT_TRUE(e["score"].is_null());
  EXPECT_TRUE(e["mean"].is_null());
  EXPECT_TRUE(e["enps"].is_null());
  EXPECT_EQ(e["hidden"], true);
}

TEST(Surveys, NoSurveyFileMeansNullNotZero) {
  const json full_report = report(zendesk_fixture());
  const json& k = full_report["kpis"];
  EXPECT_TRUE(k["nps"].is_null());
  EXPECT_TRUE(k["ces"].is_null());
  EXPECT_TRUE(k["esat"].is_null());
}

TEST(Surveys, BadAnswersAreNamedAndTheRestKept) {
  // One good NPS answer (10 → n 1, score 100) among four bad ones: unknown type, scale not allowed for the type,
  // fractional score, unreadable time.
  const std::string file =
      "type,score,submitted_at,ticket_id,scale\r\n"
      "nps,10,2025-03-04T10:00:00Z,5001,\r\n"
      "happiness,3,2025-03-04T10:00:00Z,5002,\r\n"
      "nps,3,2025-03-04T10:00:00Z,5003,1-5-effort\r\n"
      "ces,4.5,2025-03-04T10:00:00Z,5004,\r\n"
      "esat,4,yesterday,5005,\r\n";
  const json r = report(with("bad.csv", file));
  const json bad = source_named(r, "bad.csv");
  EXPECT_EQ(bad["records"], 1);
  EXPECT_EQ(bad["skipped"], 4);
  EXPECT_EQ(r["kpis"]["nps"]["n"], 1);
  EXPECT_EQ(r["kpis"]["nps"]["score"], 100);
  for (const auto& w : r["data_quality"]["warnings"])
    if (w["code"] == "invalid_survey_answer") EXPECT_EQ(w["count"], 4);
  const std::string m = warning_message(r, "invalid_survey_answer");
  EXPECT_NE(m.find("bad.csv"), std::string::npos) << m;
  EXPECT_NE(m.find("happiness"), std::string::npos) << m;  // the first one is the message; the rest are counted
}

TEST(Surveys, UnknownCsvHeaderIsRejectedPointingAtTheFormatDoc) {
  const json r = report(with("other.csv", "when,who,what\n2025-03-04,dana,hello\n"));
  const std::string e = source_named(r, "other.csv").value("error", std::string());
  EXPECT_NE(e.find("other.csv"), std::string::npos) << e;
  EXPECT_NE(e.find("docs/formats/surveys.md"), std::string::npos) << e;
}

TEST(Surveys, EpochSecondsAndMillisecondsAreTheSameInstant) {
  // 1741082400 = 2025-03-04T10:00:00Z; in milliseconds 1741082400000. Both answers fall on 03-04 (a period of that
  // day keeps both: n 2, promoters 2 → NPS 100). Read as seconds, the millisecond one would land in the year 57 143.
  const std::string file =
      "type,score,submitted_at,respondent_id\n"
      "nps,9,1741082400,r1\n"
      "nps,10,1741082400000,r2\n";
  const json r = report(with("epoch.csv", file), 1 << 20, R"({"from":"2025-03-04","to":"2025-03-04"})");
  EXPECT_EQ(r["kpis"]["nps"]["n"], 2);
  EXPECT_EQ(r["kpis"]["nps"]["score"], 100);
}
