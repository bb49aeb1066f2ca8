// Our stage 1 (src/ingest/simd_stage1.h) must give On-Demand exactly the index simdjson's own SIMD kernels give:
// the same structural positions and the same error code, on valid JSON, on every kind of broken input, and at every
// position relative to the 64-byte blocks. The oracle is simdjson's stage 1 as it runs natively on this CPU.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "ingest/simd_stage1.h"
#include "bad_input_corpus.h"
#include "test_util.h"

namespace {

struct Index {
  simdjson::error_code error;
  std::vector<uint32_t> positions;  // compared only when stage 1 got as far as writing them
};

bool oracle_is_simd() { return simdjson::get_active_implementation()->name() != "fallback"; }

Index simdjsons_index(const std::string& text) {
  std::unique_ptr<simdjson::internal::dom_parser_implementation> impl;
  EXPECT_EQ(simdjson::get_active_implementation()->create_dom_parser_implementation(
                std::max<size_t>(text.size(), 64), simdjson::DEFAULT_MAX_DEPTH, impl),
            simdjson::SUCCESS);
  simdjson::padded_string padded(text);
  Index out;
  out.error = impl->stage1(reinterpret_cast<const uint8_t*>(padded.data()), text.size(), simdjson::stage1_mode::regular);
  if (out.error == simdjson::SUCCESS || out.error == simdjson::UTF8_ERROR)
    out.positions.assign(impl->structural_indexes.get(), impl->structural_indexes.get() + impl->n_structural_indexes);
  return out;
}

Index our_index(const std::string& text) {
  simdjson::padded_string padded(text);
  Index out;
  out.error = hk::own_stage1_index(reinterpret_cast<const uint8_t*>(padded.data()), text.size(), out.positions);
  if (out.error != simdjson::SUCCESS && out.error != simdjson::UTF8_ERROR) out.positions.clear();
  return out;
}

std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += char(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

// Returns false (after reporting) when the two differ, so a sweep stops at its first mismatch.
bool same_index(const std::string& text) {
  const Index want = simdjsons_index(text), got = our_index(text);
  EXPECT_EQ(simdjson::error_message(got.error), simdjson::error_message(want.error)) << "input: " << printable(text);
  EXPECT_EQ(got.positions, want.positions) << "input: " << printable(text);
  return got.error == want.error && got.positions == want.positions;
}

class SimdStage1 : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!hk::own_stage1_supported()) GTEST_SKIP() << "this CPU has no SSSE3: our stage 1 cannot run here";
    if (!oracle_is_simd()) GTEST_SKIP() << "simdjson runs its scalar kernel here: no SIMD oracle to compare with";
  }
};

TEST_F(SimdStage1, GivesSimdjsonsIndexForEveryFixtureAndTestFile) {
  size_t files = 0;
  for (const std::string root : {std::string(HK_FIXTURES_DIR), std::string(HK_TESTDATA_DIR)}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".json" && ext != ".jsonl")) continue;
      const std::string text = hk_test::read_file(entry.path().string());
      ++files;
      // Each whole file, and each line (a JSONL record, or a line of a pretty-printed document: mostly broken JSON).
      EXPECT_TRUE(same_index(text)) << entry.path();
      size_t start = 0;
      for (size_t nl = text.find('\n'); start < text.size(); nl = text.find('\n', start)) {
        if (nl == std::string::npos) nl = text.size();
        if (nl > start && !same_index(text.substr(start, nl - start))) {
          ADD_FAILURE() << entry.path() << " line at byte " << start;
          break;
        }
        start = nl + 1;
      }
    }
  }
  EXPECT_GT(files, 10u);
}

TEST_F(SimdStage1, GivesSimdjsonsIndexForEveryBadInputCase) {
  size_t inputs = 0;
  for (const hk_test::Case& c : hk_test::load_cases()) {
    for (const hk_test::Input& in : hk_test::build_inputs(c.spec)) {
      ++inputs;
      // Whole files, and their first bytes (the corpus's records are mostly within them, broken in every way).
      EXPECT_TRUE(same_index(in.bytes)) << c.name << " / " << in.name;
      EXPECT_TRUE(same_index(in.bytes.substr(0, 300))) << c.name << " / " << in.name;
    }
  }
  EXPECT_GT(inputs, 90u);
}

// Random texts from pieces that matter to stage 1 (operators, quotes, backslash runs, whitespace, control bytes, valid
// and broken UTF-8), long enough to cross several 64-byte blocks; each also with a valid JSON object around it.
TEST_F(SimdStage1, GivesSimdjsonsIndexForRandomTextsAcrossBlockBoundaries) {
  const std::vector<std::string> pieces = {
      "{", "}", "[", "]", ":", ",", "\"", "\"", "\"", "\\", "\\\\", "\\\"", " ", "  ", "\n", "\t", "\r", "a", "ab",
      "true", "null", "12", "-3.5e2", "\xC3\xA9" /* é */, "\xE6\x97\xA5" /* 日 */, "\xF0\x9F\x98\x80" /* 😀 */,
      "\x80", "\xC3", "\xE6\x97", "\xF0\x9F\x98", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8", "\xFF",
      std::string(1, '\0'), "\x01", "\x1A", "\x0C", "\x1F", "\x7F", "\"key\":", "\"text with spaces\"",
      std::string(40, ' '), std::string(30, 'x'), std::string(61, '\\')};
  std::mt19937 rng(20261201);
  size_t checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int n = std::uniform_int_distribution<int>(0, 60)(rng);
    for (int i = 0; i < n; ++i) text += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
    if (!same_index(text)) break;
    ++checked;
  }
  EXPECT_EQ(checked, 20000u);
}

TEST_F(SimdStage1, PutsEveryTokenAtEveryOffsetOfABlock) {
  // A string, a backslash run, a multi-byte character and a cut one, each moved byte by byte across two blocks.
  const std::vector<std::string> tokens = {"\"abc\"", "\"a\\\"b\"", "\"\\\\\\\\\"", "\"\\\\\\\"\"", "\"\xE6\x97\xA5\"",
                                           "\"\xF0\x9F\x98\x80\"", "\"\xE6\x97\"", "true", "\"\x01\"", "[1,2]"};
  for (const std::string& t : tokens) {
    for (size_t at = 0; at < 140; ++at) {
      const std::string value = "{\"k\":" + std::string(at, ' ') + t + "}";
      if (!same_index(value) || !same_index(value.substr(0, value.size() - 1))) {
        ADD_FAILURE() << "token " << printable(t) << " at " << at;
        break;
      }
    }
  }
}

TEST_F(SimdStage1, ReadsRealRecordsLikeSimdjsonThroughOnDemand) {
  // The parser On-Demand uses: the same field values from a record read with our stage 1 as with simdjson's.
  simdjson::ondemand::parser ours;
  ASSERT_TRUE(hk::use_own_stage1(ours));
  const std::string record =
      "{\"id\": 7, \"subject\": \"R\\u00e9sum\\u00e9 \\\"\xE6\x97\xA5\xE6\x9C\xAC\\\"\", \"tags\": [\"a\",\"b\"],"
      " \"via\": {\"channel\": \"email\"}, \"n\": -1.5e3, \"ok\": true, \"none\": null}";
  simdjson::padded_string padded(record);
  simdjson::ondemand::document doc;
  ASSERT_EQ(ours.iterate(padded).get(doc), simdjson::SUCCESS);
  int64_t id = 0;
  std::string_view subject, channel;
  double n = 0;
  bool ok = false;
  ASSERT_EQ(doc["id"].get(id), simdjson::SUCCESS);
  ASSERT_EQ(doc["subject"].get(subject), simdjson::SUCCESS);
  EXPECT_EQ(id, 7);
  EXPECT_EQ(subject, "R\xC3\xA9sum\xC3\xA9 \"\xE6\x97\xA5\xE6\x9C\xAC\"");
  size_t tags = 0;
  simdjson::ondemand::array arr;
  ASSERT_EQ(doc["tags"].get(arr), simdjson::SUCCESS);
  for (auto t : arr) {
    std::string_view s;
    EXPECT_EQ(t.get(s), simdjson::SUCCESS);
    ++tags;
  }
  EXPECT_EQ(tags, 2u);
  ASSERT_EQ(doc["via"]["channel"].get(channel), simdjson::SUCCESS);
  EXPECT_EQ(channel, "email");
  ASSERT_EQ(doc["n"].get(n), simdjson::SUCCESS);
  EXPECT_EQ(n, -1500.0);
  ASSERT_EQ(doc["ok"].get(ok), simdjson::SUCCESS);
  EXPECT_TRUE(ok);
  // A broken record gives the error simdjson's stage 1 gives.
  simdjson::padded_string broken(std::string("{\"a\": \"\xC3\x28\"}"));
  EXPECT_EQ(ours.iterate(broken).error(), simdjson::UTF8_ERROR);
  // A record larger than the first allocation makes the parser grow its (our) index.
  std::string big = "[";
  for (int i = 0; i < 30000; ++i) big += (i ? "," : "") + std::to_string(i);
  big += "]";
  simdjson::padded_string big_padded(big);
  simdjson::ondemand::document big_doc;
  ASSERT_EQ(ours.iterate(big_padded).get(big_doc), simdjson::SUCCESS);
  int64_t sum = 0;
  for (auto v : big_doc.get_array()) sum += int64_t(v.get_int64().value_unsafe());
  EXPECT_EQ(sum, int64_t(29999) * 30000 / 2);
}

}  // namespace
