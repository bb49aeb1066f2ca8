// The readers of src/ingest/json_read.h take a string's text straight from the record when it holds no backslash, and
// let simdjson unescape it otherwise. These tests hold them to simdjson's DOM reading of the same text, escapes or not,
// whitespace or not, through simdjson's stage 1 and ours, and check that the fields after a string still read right.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/json_read.h"
#include "ingest/simd_stage1.h"

namespace hk {
namespace {

// String literals as they appear in exports: plain, accented and Japanese text, and every kind of escape, including
// ones at the start and end of the text and an escaped backslash right before the closing quote.
const std::vector<std::string> kLiterals = {
    R"("")",
    R"("open")",
    R"("Where is my order #32075?")",
    R"("Crème brûlée – délai")",
    R"("注文した商品がまだ届きません")",
    R"("say \"hi\"")",
    R"("\"quoted\"")",
    R"("back\\slash")",
    R"("ends with a backslash\\")",
    R"("line\nbreak\ttab")",
    R"("caf\u00e9 \ud83d\ude00")",
    R"("\/path\/")",
    R"("2025-01-06T00:08:28\u005a")",
    R"("2025-01-06T00:08:28Z")",
    R"("   spaces inside   ")",
};

// The same literal in a record, with the whitespace variants exports have around values.
std::vector<std::string> records_with(const std::string& lit) {
  return {
      "{\"a\":" + lit + ",\"b\":[" + lit + "," + lit + "],\"c\":" + lit + ",\"n\":7}",
      "{ \"a\" : " + lit + " , \"b\" : [ " + lit + " , " + lit + " ] , \"c\" : " + lit + " , \"n\" : 7 }",
      "{\n  \"a\": " + lit + "\n, \"b\": [\n" + lit + "\r\n,\t" + lit + "\n],\n  \"c\": " + lit + "\t\n, \"n\": 7\n}",
  };
}

// The literal's text as simdjson's DOM reads it (an independent path: DOM parsing, no On-Demand).
std::string dom_text(const std::string& lit) {
  simdjson::dom::parser parser;
  simdjson::padded_string json(lit);
  std::string_view s;
  EXPECT_EQ(parser.parse(json).get(s), simdjson::SUCCESS) << lit;
  return std::string(s);
}

struct Read {
  std::string a, c;
  std::vector<std::string> b;
  int64_t n = -1;
  bool ok = true;
};

Read read_record(simdjson::ondemand::parser& parser, const std::string& record) {
  Read r;
  simdjson::padded_string json(record);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object o;
  if (parser.iterate(json).get(doc) || doc.get_object().get(o)) return r.ok = false, r;
  for (auto f : o) {
    std::string_view k;
    simdjson::ondemand::value v;
    if (read_key(f, k) || f.value().get(v)) return r.ok = false, r;
    if (k == "a") {
      std::string_view s;
      r.ok &= read_string(v, s);
      r.a = std::string(s);
    } else if (k == "b") {
      std::vector<std::string_view> items;
      r.ok &= read_string_array(v, items);
      for (std::string_view s : items) r.b.emplace_back(s);
    } else if (k == "c") {
      r.ok &= read_id(v, r.c);
    } else if (k == "n") {
      r.ok &= read_int(v, r.n, -2);
    }
  }
  return r;
}

void expect_reads_like_dom(simdjson::ondemand::parser& parser, const char* stage1) {
  for (const std::string& lit : kLiterals) {
    const std::string want = dom_text(lit);
    for (const std::string& record : records_with(lit)) {
      SCOPED_TRACE(std::string(stage1) + " stage 1, record " + record);
      const Read r = read_record(parser, record);
      EXPECT_TRUE(r.ok);
      EXPECT_EQ(r.a, want);
      EXPECT_EQ(r.c, want);
      // read_string_array keeps only non-empty strings
      const std::vector<std::string> items = want.empty() ? std::vector<std::string>{} : std::vector<std::string>{want, want};
      EXPECT_EQ(r.b, items);
      EXPECT_EQ(r.n, 7);  // the field after the strings is still read
    }
  }
}

TEST(JsonRead, StringsReadAsSimdjsonUnescapesThemWithSimdjsonsStage1) {
  simdjson::ondemand::parser parser;
  expect_reads_like_dom(parser, "simdjson's");
}

TEST(JsonRead, StringsReadAsSimdjsonUnescapesThemWithOurStage1) {
  if (!own_stage1_supported()) GTEST_SKIP() << "our stage 1 needs SSSE3";
  simdjson::ondemand::parser parser;
  ASSERT_TRUE(use_own_stage1(parser));
  expect_reads_like_dom(parser, "our");
}

TEST(JsonRead, AnEscapedTimestampReadsLikeItsPlainText) {
  simdjson::ondemand::parser parser;
  int64_t plain = 0, escaped = 0;
  bool no_offset = true;
  for (auto [lit, out] : {std::pair{R"("2025-01-06T00:08:28Z")", &plain}, std::pair{R"("2025-01-06T00:08:28\u005a")", &escaped}}) {
    simdjson::padded_string json("{\"t\": " + std::string(lit) + " }");
    simdjson::ondemand::document doc;
    simdjson::ondemand::value v;
    ASSERT_EQ(parser.iterate(json).get(doc), simdjson::SUCCESS);
    ASSERT_EQ(doc["t"].get(v), simdjson::SUCCESS);
    ASSERT_TRUE(read_time(v, *out, no_offset)) << lit;
    EXPECT_FALSE(no_offset);
  }
  EXPECT_EQ(plain, 1736122108);  // 2025-01-06T00:08:28Z in seconds since the epoch
  EXPECT_EQ(escaped, plain);
}

// Each in a record of its own: a refused value may leave On-Demand unable to go on within that record.
simdjson::ondemand::value value_of(simdjson::ondemand::parser& parser, simdjson::padded_string& json,
                                   simdjson::ondemand::document& doc) {
  simdjson::ondemand::value v;
  EXPECT_EQ(parser.iterate(json).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(doc["v"].get(v), simdjson::SUCCESS);
  return v;
}

TEST(JsonRead, NonStringsAreRefusedAsBefore) {
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  std::string_view s;
  std::string id;
  std::vector<std::string_view> items;
  simdjson::padded_string number(std::string(R"({"v": 12})"));
  EXPECT_FALSE(read_string(value_of(parser, number, doc), s));
  simdjson::padded_string mixed(std::string(R"({"v": ["ok", 3]})"));
  EXPECT_FALSE(read_string_array(value_of(parser, mixed, doc), items));  // a number among the strings
  simdjson::padded_string object(std::string(R"({"v": {"x": "y"}})"));
  EXPECT_FALSE(read_id(value_of(parser, object, doc), id));
  simdjson::padded_string null(std::string(R"({"v": null})"));
  EXPECT_TRUE(read_string(value_of(parser, null, doc), s));
  EXPECT_TRUE(s.empty());
}

}  // namespace
}  // namespace hk
