// The parser alone (ISSUE 5): how long the engine's own reading of an export takes before any KPI work, on the same
// file and the same machine as the engine's runs, so the ingest budgets can be set against what is possible at all.
//   parse_floor [--runs N] FILE
// The file is read into memory first (reading it is not timed). Three walks, each the median of N runs:
//   split     the splitter cutting the file into records, 4 MiB at a time, as the engine is fed (no parsing);
//   walk      split, then simdjson On-Demand over each record (its stage 1: ours in wasm, simdjson's SIMD kernel
//             natively, as in the engine) and each record's keys read: the least the engine's adapters can do, since
//             they must at least see every key to find theirs. Nested values are stepped over, not read;
//   document  no splitter: simdjson On-Demand over the whole file at once (iterate_many for JSON Lines), each record's
//             keys read. The fastest the design card's parser walks this file; it needs the whole file in memory, which
//             the engine does not (a 1 GB export), so it is a bound, not a design.
// Built natively by bench/run.mjs (g++, like hk_bench) and for wasm (em++, run in Node: Chromium runs our wasm as fast
// as Node, docs/benchmarks.md). Prints one JSON object; exits 1 when the walks disagree on the records they saw.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ingest/json_splitter.h"
#include "ingest/simd_stage1.h"
#include "simdjson.h"

namespace {

using simdjson::ondemand::object;

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Counts {
  uint64_t records = 0;
  uint64_t keys = 0;
  bool unavailable = false;  // this walk cannot run here (see whole_document)
  bool operator==(const Counts& o) const { return records == o.records && keys == o.keys; }
};

// Each key of one record (an object), its value stepped over.
bool walk_keys(object o, Counts& c) {
  for (auto field : o) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    ++c.keys;
  }
  return true;
}

constexpr size_t kSlice = size_t(4) << 20;  // what the page and the native driver feed at a time

Counts split_only(const std::vector<char>& file, size_t size) {
  Counts c;
  hk::JsonSplitter splitter;
  for (size_t at = 0; at < size; at += kSlice)
    splitter.feed(file.data() + at, std::min(kSlice, size - at), [&](const hk::RecordSpan&) { ++c.records; });
  splitter.finish();
  return c;
}

Counts split_and_walk(simdjson::ondemand::parser& parser, const std::vector<char>& file, size_t size) {
  Counts c;
  hk::JsonSplitter splitter;
  for (size_t at = 0; at < size; at += kSlice)
    splitter.feed(file.data() + at, std::min(kSlice, size - at), [&](const hk::RecordSpan& span) {
      if (!span.data) return;
      simdjson::ondemand::document doc;
      object o;
      if (parser.iterate(span.data, span.size, span.capacity).get(doc) || doc.get_object().get(o)) return;
      if (walk_keys(o, c)) ++c.records;
    });
  splitter.finish();
  return c;
}

// The whole file at once. A top-level object's records are the object elements of its array values (one level down,
// like the splitter's list keys: the design's exports put every record there); a top-level array's are its elements.
Counts whole_document(simdjson::ondemand::parser& parser, bool own_stage1, const std::vector<char>& file, size_t size,
                      bool lines) {
  Counts c;
  if (lines) {
    // Our stage 1 indexes whole documents only: it has no streaming mode, so iterate_many cannot run on it.
    if (own_stage1) {
      c.unavailable = true;
      return c;
    }
    simdjson::ondemand::document_stream stream;
    if (parser.iterate_many(file.data(), size, simdjson::ondemand::DEFAULT_BATCH_SIZE).get(stream)) return c;
    for (auto doc : stream) {
      object o;
      if (doc.get_object().get(o)) continue;
      if (walk_keys(o, c)) ++c.records;
    }
    return c;
  }
  simdjson::ondemand::document doc;
  if (parser.iterate(file.data(), size, file.size()).get(doc)) return c;
  auto walk_array = [&](simdjson::ondemand::array a) {
    for (auto element : a) {
      object o;
      if (element.get_object().get(o)) continue;
      if (walk_keys(o, c)) ++c.records;
    }
  };
  simdjson::ondemand::json_type type;
  if (doc.type().get(type)) return c;
  if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array a;
    if (!doc.get_array().get(a)) walk_array(a);
    return c;
  }
  object top;
  if (doc.get_object().get(top)) return c;
  for (auto field : top) {
    simdjson::ondemand::value v;
    simdjson::ondemand::array a;
    if (field.value().get(v) || v.get_array().get(a)) continue;
    walk_array(a);
  }
  return c;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else path = argv[i];
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: parse_floor [--runs N] FILE\n");
    return 2;
  }
  FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) {
    std::fprintf(stderr, "parse_floor: cannot read %s\n", path.c_str());
    return 1;
  }
  std::vector<char> file;
  size_t size = 0;
  for (;;) {  // read whole, with simdjson's padding after the last byte
    file.resize(size + (size_t(16) << 20) + simdjson::SIMDJSON_PADDING);
    const size_t n = std::fread(file.data() + size, 1, file.size() - size - simdjson::SIMDJSON_PADDING, in);
    size += n;
    if (n == 0) break;
  }
  std::fclose(in);
  file.resize(size + simdjson::SIMDJSON_PADDING);
  std::fill(file.begin() + static_cast<std::ptrdiff_t>(size), file.end(), ' ');
  const bool lines = path.size() > 6 && (path.compare(path.size() - 6, 6, ".jsonl") == 0 ||
                                          path.compare(path.size() - 7, 7, ".ndjson") == 0);

  // As the engine does (src/engine/engine.cpp): where simdjson's stage 1 would be its scalar kernel, ours runs, and
  // HK_OWN_STAGE1=1 makes a native build use ours too (scripts/run-tests.sh runs the walks both ways).
  const char* force = std::getenv("HK_OWN_STAGE1");
  const bool want_own = hk::simdjson_stage1_is_scalar() || (force && *force == '1');
  simdjson::ondemand::parser parser;
  simdjson::ondemand::parser whole_parser;  // its capacity grows to the whole file on the first iterate
  const bool own_stage1 = want_own && hk::use_own_stage1(parser) && hk::use_own_stage1(whole_parser);

  std::vector<double> split_s, walk_s, document_s;
  Counts split{}, walked{}, document{};
  for (int r = 0; r < runs; ++r) {  // interleaved, so a slow moment of the host falls on all three alike
    double t = now_s();
    split = split_only(file, size);
    split_s.push_back(now_s() - t);
    t = now_s();
    walked = split_and_walk(parser, file, size);
    walk_s.push_back(now_s() - t);
    t = now_s();
    document = whole_document(whole_parser, own_stage1, file, size, lines);
    document_s.push_back(now_s() - t);
  }
  const bool agree = split.records == walked.records && (document.unavailable || walked == document);
  std::printf(
      "{\"bytes\":%zu,\"runs\":%d,\"stage1\":\"%s\",\"records\":%llu,\"keys\":%llu,\"split_s\":%.6f,\"walk_s\":%.6f,"
      "\"document_s\":%s,\"document_records\":%llu,\"agree\":%s}\n",
      size, runs, own_stage1 ? "ours" : simdjson::get_active_implementation()->name().c_str(),
      (unsigned long long)walked.records, (unsigned long long)walked.keys, median(split_s), median(walk_s),
      document.unavailable ? "null" : std::to_string(median(document_s)).c_str(), (unsigned long long)document.records,
      agree ? "true" : "false");
  if (!agree)
    std::fprintf(stderr, "parse_floor: the walks disagree: split %llu records, walk %llu records / %llu keys, document %llu / %llu\n",
                 (unsigned long long)split.records, (unsigned long long)walked.records, (unsigned long long)walked.keys,
                 (unsigned long long)document.records, (unsigned long long)document.keys);
  return agree ? 0 : 1;
}
