// The per-ticket CSV export (SPEC §6.2): one row per ticket with the figures of the Zendesk fixture's oracle
// (../shared/fixtures/zendesk/expected.md), and cells that cannot be run as spreadsheet formulas.
#include <map>
#include <sstream>

#include "report/tickets_csv.h"
#include "test_util.h"

using namespace hk_test;

namespace {

// A small RFC 4180 reader, independent of the writer under test.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false, cell_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = cell_started = true;
    } else if (c == ',') {
      rows.back().push_back(cell), cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell), cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string csv_of(const std::vector<Input>& inputs, const std::string& query = "{}") {
  hk::Engine engine{hk::Settings{}};
  for (const Input& in : inputs) {
    engine.feed(in.name, in.bytes.data(), in.bytes.size());
    engine.end_source(in.name);
  }
  return engine.tickets_csv(query);
}

std::map<std::string, std::map<std::string, std::string>> by_ticket(const std::string& csv) {
  auto rows = parse_csv(csv);
  std::map<std::string, std::map<std::string, std::string>> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r].size(), rows[0].size()) << "row " << r << " has a different number of cells";
    for (size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) out[rows[r][0]][rows[0][c]] = rows[r][c];
  }
  return out;
}

std::string cell(std::string_view text) {
  std::string out;
  hk::append_csv_text(out, text);
  return out;
}

}  // namespace

TEST(TicketsCsv, FormulaCellsArePrefixedWithAnApostropheAndQuoted) {
  EXPECT_EQ(cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(cell("+1"), "\"'+1\"");
  EXPECT_EQ(cell("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(cell("\tx"), "\"'\tx\"");
}

TEST(TicketsCsv, PlainCellsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(cell("refund"), "refund");
  EXPECT_EQ(cell("a,b"), "\"a,b\"");
  EXPECT_EQ(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(cell("返品について"), "返品について");
  EXPECT_EQ(cell(""), "");
}

TEST(TicketsCsv, OneRowPerTicketWithTheFixtureOracleFigures) {
  const auto rows = by_ticket(csv_of(zendesk_fixture()));
  ASSERT_EQ(rows.size(), 8u);  // expected.md: volume 8
  // expected.md per-ticket oracle: FRT, first/full resolution, replies, reopens, automated, CSAT.
  EXPECT_EQ(rows.at("5001").at("first_response_s"), "2700");
  EXPECT_EQ(rows.at("5001").at("full_resolution_s"), "4500");
  EXPECT_EQ(rows.at("5001").at("csat"), "good");
  EXPECT_EQ(rows.at("5002").at("first_response_s"), "180");
  EXPECT_EQ(rows.at("5002").at("replies"), "2");
  EXPECT_EQ(rows.at("5003").at("first_resolution_s"), "5460");
  EXPECT_EQ(rows.at("5003").at("full_resolution_s"), "95400");
  EXPECT_EQ(rows.at("5003").at("reopens"), "1");
  EXPECT_EQ(rows.at("5003").at("csat"), "bad");
  EXPECT_EQ(rows.at("5004").at("first_response_s"), "");  // unanswered: empty, never 0
  EXPECT_EQ(rows.at("5004").at("status"), "new");
  EXPECT_EQ(rows.at("5006").at("automated"), "true");
  EXPECT_EQ(rows.at("5006").at("full_resolution_s"), "120");
  EXPECT_EQ(rows.at("5007").at("full_resolution_s"), "");
  EXPECT_EQ(rows.at("5008").at("first_response_s"), "1200");
  EXPECT_EQ(rows.at("5008").at("csat"), "offered");
  EXPECT_EQ(rows.at("5001").at("created_at"), "2025-03-03T09:00:00Z");
}

TEST(TicketsCsv, FollowsTheQueryFilters) {
  const auto rows = by_ticket(csv_of(zendesk_fixture(), R"({"filters":{"channel":["email"]}})"));
  EXPECT_EQ(rows.size(), 4u);  // expected.md: email 4 (5001, 5003, 5005, 5008)
  for (const char* id : {"5001", "5003", "5005", "5008"}) EXPECT_TRUE(rows.count(id)) << id;
}

TEST(TicketsCsv, ABadQueryGivesAnErrorLineNotCsv) {
  const std::string out = csv_of(zendesk_fixture(), R"({"from": "not a date"})");
  EXPECT_EQ(out.rfind("error: ", 0), 0u) << out;
}

TEST(TicketsCsv, TicketTextThatLooksLikeAFormulaIsEscapedInTheExport) {
  const std::string tickets =
      R"({"tickets":[{"id":1,"via":{"channel":"email"},"created_at":"2025-03-03T09:00:00Z","status":"open",)"
      R"("subject":"=cmd|' /C calc'!A0","tags":["-x"]}]})";
  const std::string csv = csv_of({{"t.json", tickets}});
  EXPECT_NE(csv.find("\"'=cmd|' /C calc'!A0\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'-x\""), std::string::npos) << csv;
  const auto rows = by_ticket(csv);
  EXPECT_EQ(rows.at("1").at("subject"), "'=cmd|' /C calc'!A0");
}
