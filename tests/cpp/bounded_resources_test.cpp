// Bounded resources (issue 6): the memory ceiling (settings.max_memory_bytes) stops reading with a named "too large for
// this browser" error and keeps what was read; hostile shapes (deep nesting, millions of tiny elements) finish with a
// message instead of looping or exhausting memory. No timing assertions: finishing at all is the check.
#include <string>

#include "test_util.h"

namespace {

using hk_test::json;

// N Zendesk-like tickets in one document, each with a distinct id and subject.
std::string tickets_doc(int n) {
  std::string s = "{\"tickets\":[";
  for (int i = 1; i <= n; ++i) {
    if (i > 1) s += ',';
    s += R"({"id":)" + std::to_string(i) +
         R"(,"created_at":"2025-03-03T09:00:00Z","updated_at":"2025-03-03T10:00:00Z","status":"open","via":{"channel":"email"},"subject":"order )" +
         std::to_string(i) + R"( has not arrived yet","tags":["t)" + std::to_string(i) + R"("]})";
  }
  return s + "]}";
}

TEST(MemoryCeiling, SettingIsReadAndValidated) {
  hk::Settings s;
  std::string error;
  EXPECT_TRUE(hk::parse_settings(R"({"max_memory_bytes": 1048576})", s, error)) << error;
  EXPECT_EQ(s.max_memory_bytes, 1048576u);
  hk::Settings d;
  EXPECT_EQ(d.max_memory_bytes, 0u);  // native default: no ceiling
  EXPECT_FALSE(hk::parse_settings(R"({"max_memory_bytes": -1})", d, error));
  EXPECT_NE(error.find("max_memory_bytes"), std::string::npos);
  EXPECT_FALSE(hk::parse_settings(R"({"max_memory_bytes": "1 GB"})", d, error));
}

TEST(MemoryCeiling, StopsWithANamedErrorAndKeepsWhatWasRead) {
  const std::string big = tickets_doc(20000);
  const std::string later = tickets_doc(3);
  // Without a ceiling everything is read.
  json full = hk_test::report({{"big.json", big}}, 1 << 16);
  EXPECT_EQ(full["kpis"]["ticket_volume"]["total"], 20000);

  const std::string settings = R"({"max_memory_bytes": 2000000})";
  const json r = hk_test::report({{"big.json", big}, {"later.json", later}}, 1 << 16, "{}", settings);
  const json& src = r["sources"];
  ASSERT_EQ(src.size(), 2u);
  EXPECT_EQ(src[0]["name"], "big.json");
  const std::string error = src[0]["error"];
  EXPECT_EQ(error.rfind("big.json: too large for this browser: the data read so far needs about ", 0), 0u) << error;
  EXPECT_NE(error.find("over the memory limit of 2 MiB (setting max_memory_bytes)"), std::string::npos) << error;
  EXPECT_NE(error.find("(offset "), std::string::npos) << error;
  const uint64_t kept = src[0]["records"];
  EXPECT_GT(kept, 256u);
  EXPECT_LT(kept, 20000u);
  EXPECT_NE(error.find("reading stopped after " + std::to_string(kept) + " records of this file"), std::string::npos);
  // The tickets read before the stop are all in the report; the later file was not read, and says why.
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], kept);
  EXPECT_EQ(r["data_quality"]["tickets_read"], kept);
  EXPECT_EQ(src[1]["records"], 0);
  EXPECT_EQ(src[1]["error"],
            "later.json: too large for this browser: not read, because the memory limit was reached while reading big.json");
  EXPECT_TRUE(hk_test::has_warning(r, "file_incomplete"));
  EXPECT_TRUE(hk_test::has_warning(r, "file_rejected"));
  // The estimate grows with the data and stays within a small factor of the input's size here.
  hk::Engine engine;
  engine.feed("big.json", big.data(), big.size());
  engine.end_source("big.json");
  EXPECT_GT(engine.dataset().memory_bytes(), 20000u * 200u);
  EXPECT_LT(engine.dataset().memory_bytes(), 4 * big.size());
}

TEST(MemoryCeiling, ALimitAboveTheDataChangesNothing) {
  const std::string doc = tickets_doc(600);
  EXPECT_EQ(hk_test::report_text({{"t.json", doc}}, 4096, "{}", R"({"max_memory_bytes": 1073741824})"),
            hk_test::report_text({{"t.json", doc}}, 4096));
}

TEST(HostileInput, NestingOneMillionDeepFinishesWithAMessage) {
  const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  const json r = hk_test::report({{"deep.json", deep}}, 1 << 16);
  // The one element of the top-level array nests far past the record depth limit: skipped, and said so with the file,
  // the offset and the depth.
  EXPECT_EQ(hk_test::warning_message(r, "invalid_record"),
            "deep.json, offset 1 (line 1), record #1: not valid JSON: it is nested 999999 levels deep, more than 1024; "
            "the record was skipped");
  EXPECT_EQ(r["sources"][0]["skipped"], 1);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 0);
  // The same depth as objects under a list key.
  std::string objects = "{\"tickets\":[";
  for (int i = 0; i < 200000; ++i) objects += "{\"a\":";
  const json r2 = hk_test::report({{"deep-objects.json", objects}}, 1 << 16);
  EXPECT_TRUE(r2["sources"][0]["error"].is_string());
}

TEST(HostileInput, MillionsOfTinyElementsFinish) {
  // 4 million scalars in a tickets list: nothing usable, one message, no per-element warnings piling up.
  std::string zeros = "{\"tickets\":[0";
  zeros.reserve(8000020);
  for (int i = 1; i < 4000000; ++i) zeros += ",0";
  zeros += "]}";
  const json r = hk_test::report({{"zeros.json", zeros}}, 1 << 20);
  EXPECT_LE(r["data_quality"]["warnings"].size(), 3u);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 0);
  EXPECT_TRUE(r["sources"][0]["error"].is_string() || r["sources"][0]["skipped"].get<uint64_t>() > 0) << r["sources"].dump();

  // One million empty objects: each is read, found invalid and counted, with one aggregated warning.
  std::string empties = "{\"tickets\":[{}";
  empties.reserve(3000020);
  for (int i = 1; i < 1000000; ++i) empties += ",{}";
  empties += "]}";
  const json e = hk_test::report({{"empties.json", empties}}, 1 << 20);
  EXPECT_EQ(e["kpis"]["ticket_volume"]["total"], 0);
  EXPECT_LE(e["data_quality"]["warnings"].size(), 3u) << e["data_quality"].dump();
  for (const auto& w : e["data_quality"]["warnings"]) EXPECT_LE(w["examples"].size(), 5u);
}

}  // namespace
