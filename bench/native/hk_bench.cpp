// Native benchmark driver (ISSUE 5): the same engine as tools/hk_native, with the phases timed apart.
//   hk_bench [--chunk BYTES] [--requery N] [--query JSON] [--mode engine|split|read] [--report-out FILE] FILE...
// (--query: every re-query is that one query, for profiling one kind)
// Prints one JSON object: bytes, seconds per phase (feed = read (mapped) + split + parse + store; finish = join + facts;
// report = first report; requery = median of N re-queries with a new period and channel filter), max RSS.
// Built by bench/run.mjs against build/bench-native's static libraries (Release, no sanitizers).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "ingest/json_splitter.h"
#include "../../tools/file_slices.h"

namespace {
double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

int main(int argc, char** argv) {
  size_t chunk = size_t(4) << 20;
  int requery = 5;
  std::string mode = "engine", report_out, query;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--chunk") && i + 1 < argc) chunk = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--requery") && i + 1 < argc) requery = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--mode") && i + 1 < argc) mode = argv[++i];
    else if (!std::strcmp(argv[i], "--report-out") && i + 1 < argc) report_out = argv[++i];
    else if (!std::strcmp(argv[i], "--query") && i + 1 < argc) query = argv[++i];
    else files.emplace_back(argv[i]);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: hk_bench [--chunk BYTES] [--requery N] [--mode engine|split] [--report-out FILE] FILE...\n");
    return 2;
  }
  const double t0 = now_s();
  uint64_t bytes = 0, records = 0;
  hk::Engine engine;
  for (const std::string& path : files) {
    const char* slash = std::strrchr(path.c_str(), '/');
    const std::string name = slash ? slash + 1 : path;
    hk::JsonSplitter splitter;
    const bool read = hk_tools::for_each_slice(path, chunk, [&](const char* data, size_t n) {
      bytes += n;
      if (mode == "read") records += static_cast<unsigned char>(data[n / 2]);
      else if (mode == "split") splitter.feed(data, n, [&](const hk::RecordSpan&) { ++records; });
      else engine.feed(name, data, n);
    });
    if (!read) {
      std::fprintf(stderr, "hk_bench: cannot read %s\n", path.c_str());
      return 1;
    }
    if (mode == "engine") engine.end_source(name);
  }
  const double t1 = now_s();
  if (mode != "engine") {
    std::printf("{\"mode\":\"%s\",\"bytes\":%llu,\"records\":%llu,\"split_s\":%.6f}\n", mode.c_str(), (unsigned long long)bytes,
                (unsigned long long)records, t1 - t0);
    return 0;
  }
  engine.finish();
  const double t2 = now_s();
  const std::string report = engine.report("{}");
  const double t3 = now_s();
  // Re-queries: a new period (the middle of the data) and a channel filter, as a user changing the dashboard would.
  std::vector<double> rq;
  for (int i = 0; i < requery; ++i) {
    const char* q = !query.empty() ? query.c_str()
                    : (i % 2 == 0) ? R"({"from":"2025-02-01","to":"2025-03-01","filters":{"channel":["email"]}})"
                                   : R"({"from":"2025-01-15","to":"2025-03-15","filters":{"channel":["chat","sms"]}})";
    const double a = now_s();
    (void)engine.report(q).size();
    rq.push_back(now_s() - a);
  }
  std::sort(rq.begin(), rq.end());
  if (!report_out.empty()) {
    FILE* o = std::fopen(report_out.c_str(), "wb");
    if (o) {
      std::fwrite(report.data(), 1, report.size(), o);
      std::fclose(o);
    }
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "{\"mode\":\"engine\",\"bytes\":%llu,\"tickets\":%zu,\"feed_s\":%.6f,\"finish_s\":%.6f,\"report_s\":%.6f,"
      "\"to_report_s\":%.6f,\"requery_median_s\":%.6f,\"requery_n\":%d,\"max_rss_kb\":%ld,\"report_bytes\":%zu,"
      "\"user_s\":%.3f,\"sys_s\":%.3f}\n",
      (unsigned long long)bytes, engine.dataset().ticket_count(), t1 - t0, t2 - t1, t3 - t2, t3 - t0,
      rq.empty() ? 0.0 : rq[rq.size() / 2], requery, ru.ru_maxrss, report.size(),
      ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6, ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
  std::fflush(stdout);
  std::_Exit(0);  // the OS frees the store; destruction is not part of the measured work
}
