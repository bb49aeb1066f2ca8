// The bad-input corpus (SPEC §7): every case of tests/bad-input/cases.json goes through the whole engine at several
// chunk sizes. A case lists its files and what must come out: the fatal error of each file (or none), the warnings
// (code, message, count, example tickets), the tickets still counted and the data_quality counts. The reports at every
// chunk size must be byte-identical. The format of a case is described in tests/bad-input/README.md; adding a case
// is one entry in cases.json. Big inputs (deep nesting, huge strings, huge arrays) are generated here, never committed.
#include <gtest/gtest.h>

#include <cstring>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "ingest/json_splitter.h"
#include "bad_input_corpus.h"
#include "test_util.h"

using namespace hk_test;

namespace {

std::vector<size_t> chunk_sizes(const ojson& spec, const std::vector<Input>& inputs) {
  if (spec.contains("chunks")) return spec["chunks"].get<std::vector<size_t>>();
  size_t total = 0;
  for (const Input& in : inputs) total += in.bytes.size();
  if (total > (size_t(4) << 20)) return {size_t(1) << 20};
  if (total > (size_t(16) << 10)) return {size_t(1) << 20, 4096, 7};
  return {size_t(1) << 20, 4096, 7, 1};
}

bool matches(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript));
}

// The checks of an "expect" object against one report.
void check_report(const json& r, const ojson& expect) {
  ASSERT_TRUE(r.is_object() && r.contains("sources")) << r.dump().substr(0, 500);
  const ojson source_errors = expect.value("source_errors", ojson::object());
  for (const json& s : r["sources"]) {
    const std::string name = s["name"];
    if (source_errors.contains(name)) {
      ASSERT_TRUE(s["error"].is_string()) << name << " should have been rejected";
      EXPECT_TRUE(matches(s["error"], source_errors[name].get<std::string>()))
          << name << ": error\n  " << s["error"].get<std::string>() << "\ndoes not match\n  " << source_errors[name];
    } else {
      EXPECT_TRUE(s["error"].is_null()) << name << ": unexpected error " << s["error"];
    }
  }
  for (const char* key : {"records", "skipped"}) {
    const ojson counts = expect.value(key, ojson::object());
    for (auto& [name, n] : counts.items()) {
      bool found = false;
      for (const json& s : r["sources"]) {
        if (s["name"] != name) continue;
        found = true;
        EXPECT_EQ(s[key], n.get<int64_t>()) << name << " " << key;
      }
      EXPECT_TRUE(found) << "no source " << name;
    }
  }

  const json& dq = r["data_quality"];
  std::vector<std::string> expected_codes;
  const ojson warnings = expect.value("warnings", ojson::array());
  for (const ojson& w : warnings) {
    const std::string code = w.at("code");
    expected_codes.push_back(code);
    const json* got = nullptr;
    for (const json& g : dq["warnings"])
      if (g["code"] == code) got = &g;
    if (!got) {
      ADD_FAILURE() << "no warning " << code << " in " << dq["warnings"].dump();
      continue;
    }
    if (w.contains("message"))
      EXPECT_TRUE(matches((*got)["message"], w["message"].get<std::string>()))
          << code << ": message\n  " << (*got)["message"].get<std::string>() << "\ndoes not match\n  " << w["message"];
    if (w.contains("count")) EXPECT_EQ((*got)["count"], w["count"].get<uint64_t>()) << code;
    if (w.contains("examples")) EXPECT_EQ((*got)["examples"], json(w["examples"].get<std::vector<std::string>>())) << code;
  }
  if (!expect.value("other_warnings", false))
    for (const json& g : dq["warnings"])
      EXPECT_NE(std::find(expected_codes.begin(), expected_codes.end(), g["code"].get<std::string>()), expected_codes.end())
          << "unexpected warning " << g.dump();

  if (expect.contains("tickets_total")) EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], expect["tickets_total"].get<int64_t>());
  if (expect.contains("tickets_read")) EXPECT_EQ(dq["tickets_read"], expect["tickets_read"].get<int64_t>());
  if (expect.contains("tickets_used")) EXPECT_EQ(dq["tickets_used"], expect["tickets_used"].get<int64_t>());
  // Exclusions are exact: a count the case does not name must be 0.
  const ojson excluded = expect.value("excluded", ojson::object());
  for (const char* k : {"spam", "deleted", "merged", "duplicate", "invalid"})
    EXPECT_EQ(dq["excluded"][k], excluded.value(k, int64_t(0))) << "excluded." << k;
  const ojson values = expect.value("report", ojson::object());
  for (auto& [pointer, value] : values.items())
    EXPECT_EQ(r.value(json::json_pointer(pointer), json()), json::parse(value.dump())) << pointer;
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, GivesItsExpectedOutcomeAtEveryChunkSize) {
  const ojson& spec = GetParam().spec;
  if (spec.contains("sweep")) GTEST_SKIP() << "a sweep: see BadInputSweep";
  const std::vector<Input> inputs = build_inputs(spec);
  const std::string settings = spec.value("settings", ojson::object()).dump();
  std::string first;
  for (size_t chunk : chunk_sizes(spec, inputs)) {
    const std::string text = report_text(inputs, chunk, "{}", settings);
    if (first.empty()) {
      first = text;
      const json r = json::parse(text, nullptr, false);
      ASSERT_FALSE(r.is_discarded()) << "the report is not JSON";
      check_report(r, spec.at("expect"));
    } else {
      ASSERT_EQ(text, first) << "the report changes with the chunk size (" << chunk << " bytes)";
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string n = info.param.name;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(load_cases()), case_name);

TEST(BadInputCorpus, HasAtLeastFiftyCasesWithDistinctNames) {
  const std::vector<Case> cases = load_cases();
  EXPECT_GE(cases.size(), 50u);
  std::set<std::string> names;
  for (const Case& c : cases) {
    EXPECT_TRUE(names.insert(case_name({c, 0})).second) << "duplicate case name " << c.name;
    EXPECT_TRUE(c.spec.contains("expect") || c.spec.contains("sweep")) << c.name << " has no expected outcome";
  }
}

// "sweep": "truncate-structural" — the fixture cut right after each structural character ({ } [ ] , :) outside strings. Every cut keeps exactly the records that end before it; every cut short of the end is reported as
// truncated with the file name and the offset of the cut.
TEST(BadInputSweep, TruncationAtEveryStructuralPositionKeepsTheCompleteRecords) {
  for (const Case& c : load_cases()) {
    if (c.spec.value("sweep", "") != "truncate-structural") continue;
    const std::string path = c.spec.at("fixture");
    const std::string name = path.substr(path.rfind('/') + 1);
    const std::string whole = read_file(fixture(path));
    ASSERT_FALSE(whole.empty()) << path;
    // Where each record ends, from one pass of the splitter over the whole file.
    std::vector<std::pair<size_t, bool>> record_ends;  // end offset, is a ticket
    hk::JsonSplitter splitter;
    ASSERT_TRUE(splitter.feed(whole.data(), whole.size(), [&](const hk::RecordSpan& s) {
      record_ends.emplace_back(s.offset + s.size, s.list_key == "tickets");
    }));
    ASSERT_TRUE(splitter.finish());
    const size_t doc_end = whole.find_last_not_of(" \t\r\n") + 1;
    const std::regex error_regex(c.spec.at("expect").at("source_error").get<std::string>(), std::regex::ECMAScript);
    size_t cuts = 0;
    bool in_string = false, escape = false;
    for (size_t i = 0; i < whole.size(); ++i) {
      const char ch = whole[i];
      if (in_string) {
        if (escape) escape = false;
        else if (ch == '\\') escape = true;
        else if (ch == '"') in_string = false;
        continue;
      }
      if (ch == '"') in_string = true;
      if (ch == 0 || !std::strchr("{}[],:", ch)) continue;
      const size_t cut = i + 1;
      ++cuts;
      size_t records = 0, tickets = 0;
      for (auto [end, is_ticket] : record_ends)
        if (end <= cut) ++records, tickets += is_ticket;
      // The engine's own counts, not the report: thousands of cuts, and the report is what the corpus checks.
      hk::Engine engine;
      engine.feed(name, whole.data(), cut);
      engine.end_source(name);
      engine.finish();
      const hk::SourceInfo& src = engine.sources()[0];
      SCOPED_TRACE(name + " cut after byte " + std::to_string(i) + " ('" + ch + "')");
      if (cut >= doc_end) {
        EXPECT_EQ(src.error, "");
      } else {
        EXPECT_TRUE(std::regex_search(src.error, error_regex)) << src.error;
        EXPECT_NE(src.error.find("offset " + std::to_string(cut)), std::string::npos) << src.error;
      }
      EXPECT_EQ(src.records + src.skipped, records);
      EXPECT_EQ(engine.dataset().ticket_count(), tickets);
      EXPECT_EQ(engine.dataset().quality.excluded.invalid, 0u);
      if (HasFailure()) return;  // one broken cut says enough
    }
    EXPECT_GT(cuts, 100u) << path;
  }
}

}  // namespace
