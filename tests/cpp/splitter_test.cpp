// The streaming structural scanner: shapes, chunk-size invariance, and clear errors for broken input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/json_splitter.h"
#include "test_util.h"

using hk::JsonSplitter;
using hk::RecordSpan;

namespace {

struct Got {
  std::string key;
  std::string text;  // "" = oversized
  uint64_t offset, line, index;
};

struct Result {
  std::vector<Got> records;
  bool ok;
  hk::SplitError error;
};

Result split(const std::string& input, size_t chunk, size_t max_record = 1 << 20) {
  JsonSplitter s(max_record);
  Result r;
  r.ok = true;
  auto cb = [&](const RecordSpan& span) {
    EXPECT_TRUE(span.data == nullptr || span.capacity >= span.size + 64);
    r.records.push_back({std::string(span.list_key), span.data ? std::string(span.data, span.size) : "", span.offset,
                         span.line, span.index});
  };
  for (size_t at = 0; at < input.size() && r.ok; at += chunk)
    r.ok = s.feed(input.data() + at, std::min(chunk, input.size() - at), cb);
  if (r.ok) r.ok = s.finish();
  r.error = s.error();
  return r;
}

}  // namespace

TEST(Splitter, ContainerPageYieldsRecordsUnderKnownListKeys) {
  const std::string page =
      R"({"tickets":[{"id":1,"s":"a]}"},{"id":2,"tags":["x"]}],"users":[{"id":9}],"after_cursor":"x","count":2})";
  Result r = split(page, 1 << 20);
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].key, "tickets");
  EXPECT_EQ(r.records[0].text, R"({"id":1,"s":"a]}"})");
  EXPECT_EQ(r.records[1].index, 1u);
  EXPECT_EQ(r.records[2].key, "users");
  EXPECT_EQ(r.records[2].offset, page.find(R"({"id":9})"));
}

TEST(Splitter, BareArrayAndNdjsonAndHal) {
  Result arr = split(R"([{"id":1},{"id":2}])", 3);
  ASSERT_TRUE(arr.ok);
  ASSERT_EQ(arr.records.size(), 2u);
  EXPECT_EQ(arr.records[1].key, "");

  Result nd = split("{\"id\":1,\"messages\":[{\"a\":1}]}\n{\"id\":2}\n", 5);
  ASSERT_TRUE(nd.ok);
  ASSERT_EQ(nd.records.size(), 2u) << "an NDJSON record with its own id is not a page, whatever lists it holds";
  EXPECT_EQ(nd.records[1].line, 2u);

  Result hal = split(R"({"_embedded":{"conversations":[{"id":7}]},"page":{"size":1}})", 4);
  ASSERT_TRUE(hal.ok);
  ASSERT_EQ(hal.records.size(), 1u);
  EXPECT_EQ(hal.records[0].key, "_embedded.conversations");
}

TEST(Splitter, AnyChunkingGivesTheSameRecords) {
  const std::string page = hk_test::read_file(hk_test::fixture("zendesk/small.ticket_audits.json"));
  Result whole = split(page, page.size());
  ASSERT_TRUE(whole.ok);
  for (size_t chunk : {size_t(1), size_t(7), size_t(64), size_t(1000)}) {
    Result r = split(page, chunk);
    ASSERT_TRUE(r.ok) << chunk;
    ASSERT_EQ(r.records.size(), whole.records.size()) << chunk;
    for (size_t i = 0; i < r.records.size(); ++i) {
      EXPECT_EQ(r.records[i].text, whole.records[i].text);
      EXPECT_EQ(r.records[i].offset, whole.records[i].offset);
    }
  }
}

TEST(Splitter, EscapedQuotesAndBracketsInStringsDoNotCut) {
  Result r = split(R"([{"a":"x\"}]\\"},{"b":"[{"}])", 2);
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].text, R"({"a":"x\"}]\\"})");
}

TEST(Splitter, TruncationIsReportedWithTheRecordOffset) {
  Result r = split(R"({"tickets":[{"id":1},{"id":2,"subject":"cut)", 5);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.records.size(), 1u) << "the complete record before the cut is kept";
  EXPECT_NE(r.error.message.find("truncated"), std::string::npos);
  EXPECT_NE(r.error.message.find("offset 21"), std::string::npos) << r.error.message;
}

TEST(Splitter, MismatchedBracketAndGarbageAreFatal) {
  Result m = split(R"([{"id":1]])", 100);
  EXPECT_FALSE(m.ok);
  EXPECT_NE(m.error.message.find("mismatched"), std::string::npos);
  EXPECT_EQ(m.error.offset, 8u);
  Result g = split("\x89PNG\r\n", 100);
  EXPECT_FALSE(g.ok);
  EXPECT_NE(g.error.message.find("byte 0x89"), std::string::npos);
  Result empty = split("", 100);
  EXPECT_FALSE(empty.ok);
  EXPECT_NE(empty.error.message.find("empty"), std::string::npos);
}

TEST(Splitter, ByteOrderMarkIsSkipped) {
  Result r = split("\xEF\xBB\xBF[{\"id\":1}]", 1);
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(r.records.size(), 1u);
}

TEST(Splitter, OversizedRecordIsSkippedNotBuffered) {
  const std::string big = R"([{"id":1,"body":")" + std::string(5000, 'x') + R"("},{"id":2}])";
  Result r = split(big, 100, 1024);
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].text, "") << "too large: reported with no bytes";
  EXPECT_EQ(r.records[1].text, R"({"id":2})");
}

TEST(Splitter, DeepNestingFinishesWithoutRecursion) {
  std::string deep = "[" + std::string(100000, '[') + std::string(100000, ']') + "]";
  Result r = split(deep, 4096, 1 << 20);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.records.size(), 1u);
}
