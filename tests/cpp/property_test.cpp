// Invariants as property tests (issue 3): the report does not depend on how an
// export is cut into files or chunks; filters partition the tickets (the sum
// over channels, or statuses, is the total); a period filter never counts a
// ticket twice (adjacent periods sum to their union). Data: a seeded synthetic
// Zendesk export generated at build time (scripts/gen-export.mjs, see
// CMakeLists.txt) and the hand-written Zendesk fixture.
#include <gtest/gtest.h>

#include <memory>
#include <map>
#include <random>

#include "test_util.h"

using namespace hk_test;

namespace {

std::string generated(const std::string &name) {
  return read_file(std::string(HK_GENERATED_DIR) + "/" + name);
}

// The generated export as the files a user would drop.
std::vector<Input> generated_export() {
  return {
      {"zendesk.jsonl", generated("zendesk.jsonl")},
      {"zendesk.ticket_audits.json", generated("zendesk.ticket_audits.json")},
      {"zendesk.satisfaction_ratings.json",
       generated("zendesk.satisfaction_ratings.json")},
      {"zendesk.users.json", generated("zendesk.users.json")}};
}

// The generated export ingested once; queries on it do not re-parse (as in the
// product).
json query(const std::string &q) {
  static const std::unique_ptr<hk::Engine> engine = [] {
    auto e = std::make_unique<hk::Engine>();
    for (const Input &in : generated_export()) {
      e->feed(in.name, in.bytes.data(), in.bytes.size());
      e->end_source(in.name);
    }
    return e;
  }();
  json r = json::parse(engine->report(q));
  EXPECT_FALSE(r.contains("error")) << q << ": " << r.value("error", "");
  return r;
}

// What must not change when the same data arrives differently (sources[]
// naturally names other files).
json invariant_part(const json &r) {
  return {{"kpis", r["kpis"]}, {"data_quality", r["data_quality"]}};
}

// Feeds each input in chunks whose sizes are drawn from [1, max_chunk] by a
// seeded generator.
json report_random_chunks(const std::vector<Input> &inputs, size_t max_chunk,
                          unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> size(1, max_chunk);
  hk::Engine engine;
  for (const Input &in : inputs) {
    for (size_t at = 0; at < in.bytes.size();) {
      const size_t n = std::min(size(rng), in.bytes.size() - at);
      engine.feed(in.name, in.bytes.data() + at, n);
      at += n;
    }
    engine.end_source(in.name);
  }
  return json::parse(engine.report("{}"));
}

// Cuts a JSONL file into `parts` files, line i going to file i % parts.
std::vector<Input> split_lines(const Input &in, int parts) {
  std::vector<Input> out(parts);
  for (int p = 0; p < parts; ++p)
    out[p].name = in.name + ".part" + std::to_string(p);
  size_t at = 0, line = 0;
  while (at < in.bytes.size()) {
    size_t end = in.bytes.find('\n', at);
    end = end == std::string::npos ? in.bytes.size() : end + 1;
    out[line++ % parts].bytes += in.bytes.substr(at, end - at);
    at = end;
  }
  return out;
}

// Cuts a {"<list>": [...], …} page into `parts` pages of contiguous records (as
// a paginated API export would be).
std::vector<Input> split_page(const Input &in, const std::string &list,
                              int parts) {
  const json page = json::parse(in.bytes);
  const json &items = page[list];
  std::vector<Input> out;
  for (int p = 0; p < parts; ++p) {
    json part = page;
    part[list] = json::array();
    for (size_t i = items.size() * p / parts;
         i < items.size() * (p + 1) / parts; ++i)
      part[list].push_back(items[i]);
    out.push_back({in.name + ".page" + std::to_string(p), part.dump()});
  }
  return out;
}

uint64_t volume(const json &r) {
  return r["kpis"]["ticket_volume"]["total"].get<uint64_t>();
}

} // namespace

TEST(Property, ChunkingDoesNotChangeTheReport) {
  const std::vector<Input> inputs = generated_export();
  const json whole = invariant_part(report(inputs));
  ASSERT_GT(volume(whole), 250u);
  for (unsigned seed : {1u, 2u, 3u})
    EXPECT_EQ(invariant_part(report_random_chunks(inputs, 4096, seed)), whole)
        << seed;
  EXPECT_EQ(invariant_part(report_random_chunks(inputs, 7, 4)), whole)
      << "tiny chunks";
  EXPECT_EQ(invariant_part(report_random_chunks(zendesk_fixture(), 3, 5)),
            invariant_part(report(zendesk_fixture())));
}

TEST(Property, SplittingIntoSeveralFilesDoesNotChangeTheReport) {
  const std::vector<Input> inputs = generated_export();
  const json whole = invariant_part(report(inputs));
  std::vector<Input> split;
  for (Input &p : split_lines(inputs[0], 3))
    split.push_back(std::move(p)); // tickets: 3 JSONL files
  for (Input &p : split_page(inputs[1], "audits", 4))
    split.push_back(std::move(p)); // audits: 4 pages
  for (Input &p : split_page(inputs[2], "satisfaction_ratings", 2))
    split.push_back(std::move(p));
  split.push_back(inputs[3]);
  ASSERT_EQ(split.size(), 10u);
  EXPECT_EQ(invariant_part(report(split)), whole);
  // The order in which the files come does not matter either (events may arrive
  // before their tickets).
  std::reverse(split.begin(), split.end());
  EXPECT_EQ(invariant_part(report(split)), whole);
}

TEST(Property, FixtureTicketPagesSplitGiveTheSameReport) {
  const std::vector<Input> fx = zendesk_fixture();
  std::vector<Input> split = split_page(fx[0], "tickets", 3);
  split.push_back(fx[1]);
  split.push_back(fx[2]);
  EXPECT_EQ(invariant_part(report(split)), invariant_part(report(fx)));
}

TEST(Property, ChannelAndStatusFiltersPartitionTheTickets) {
  // Without a period, and with one (fields placed before the filters of each
  // query).
  for (const std::string period :
       {std::string(),
        std::string(R"("from":"2025-01-20","to":"2025-02-10")")}) {
    const std::string open = period.empty() ? "{" : "{" + period + ",";
    const json all = query("{" + period + "}");
    const json &k = all["kpis"];
    // Additive counts: volume, and the n of each anchored population.
    uint64_t vol = 0, frt = 0, res = 0, csat = 0, resolved = 0;
    for (const char *c : {"email", "chat", "voice", "web_form", "social", "sms",
                          "api", "other"}) {
      const json r = query(open + R"("filters":{"channel":[")" + c + "\"]}}");
      vol += volume(r);
      frt += r["kpis"]["first_response_time"]["n"].get<uint64_t>();
      res += r["kpis"]["resolution_time"]["n"].get<uint64_t>();
      csat += r["kpis"]["csat"]["n"].get<uint64_t>();
      resolved +=
          r["kpis"]["automated_resolution"]["denominator"].get<uint64_t>();
      EXPECT_EQ(r["kpis"]["ticket_volume"]["by_channel"][c], volume(r)) << c;
    }
    EXPECT_EQ(vol, volume(all)) << period;
    EXPECT_EQ(frt, k["first_response_time"]["n"].get<uint64_t>()) << period;
    EXPECT_EQ(res, k["resolution_time"]["n"].get<uint64_t>()) << period;
    EXPECT_EQ(csat, k["csat"]["n"].get<uint64_t>()) << period;
    EXPECT_EQ(resolved,
              k["automated_resolution"]["denominator"].get<uint64_t>())
        << period;
    uint64_t by_status = 0;
    for (const char *s :
         {"new", "open", "pending", "on_hold", "snoozed", "resolved", "closed"})
      by_status +=
          volume(query(open + R"("filters":{"status":[")" + s + "\"]}}"));
    EXPECT_EQ(by_status, volume(all)) << period;
  }
}

TEST(Property, BreakdownRowsPartitionTheTotals) {
  for (const char *by : {"channel", "status", "agent"}) {
    const json r = query(std::string(R"({"breakdown":")") + by + "\"}");
    uint64_t vol = 0, frt = 0, res = 0;
    for (const auto &row : r["breakdown"]["rows"]) {
      vol += row["kpis"]["ticket_volume"].get<uint64_t>();
      frt += row["kpis"]["first_response_time"]["n"].get<uint64_t>();
      res += row["kpis"]["resolution_time"]["n"].get<uint64_t>();
    }
    EXPECT_EQ(vol, volume(r)) << by;
    EXPECT_EQ(frt, r["kpis"]["first_response_time"]["n"].get<uint64_t>()) << by;
    EXPECT_EQ(res, r["kpis"]["resolution_time"]["n"].get<uint64_t>()) << by;
  }
  // A breakdown row is exactly the report with that row's filter.
  const json by_channel = query(R"({"breakdown":"channel"})");
  const json email = query(R"({"filters":{"channel":["email"]}})");
  for (const auto &row : by_channel["breakdown"]["rows"])
    if (row["key"] == "email") {
      EXPECT_EQ(row["kpis"]["first_response_time"]["median"],
                email["kpis"]["first_response_time"]["median"]);
      EXPECT_EQ(row["kpis"]["resolution_time"]["p90"],
                email["kpis"]["resolution_time"]["p90"]);
      EXPECT_EQ(row["kpis"]["csat"]["score"], email["kpis"]["csat"]["score"]);
    }
}

TEST(Property, AdjacentPeriodsSumToTheirUnion) {
  auto counts = [](const json &r) {
    const json &k = r["kpis"];
    return std::vector<uint64_t>{
        volume(r),
        k["first_response_time"]["n"].get<uint64_t>(),
        k["response_time"]["n"].get<uint64_t>(),
        k["resolution_time"]["n"].get<uint64_t>(),
        k["resolution_time"]["first"]["n"].get<uint64_t>(),
        k["reopen_rate"]["denominator"].get<uint64_t>(),
        k["one_touch_resolution"]["denominator"].get<uint64_t>(),
        k["csat"]["n"].get<uint64_t>()};
  };
  // [01-13, 01-27) ∪ [01-27, 02-17): the cut at a local midnight and at an
  // arbitrary instant.
  for (const std::string cut : {std::string("2025-01-27T00:00:00Z"),
                                std::string("2025-01-29T13:37:11Z")}) {
    const auto a =
        counts(query(R"({"from":"2025-01-13T00:00:00Z","to":")" + cut + "\"}"));
    const auto b = counts(
        query(R"({"from":")" + cut + R"(","to":"2025-02-17T00:00:00Z"})"));
    const auto u = counts(query(
        R"({"from":"2025-01-13T00:00:00Z","to":"2025-02-17T00:00:00Z"})"));
    ASSERT_GT(u[0], 100u);
    for (size_t i = 0; i < u.size(); ++i)
      EXPECT_EQ(a[i] + b[i], u[i]) << "count " << i << " cut " << cut;
  }
  // The day breakdown is the same property over many adjacent periods at once.
  const json r =
      query(R"({"from":"2025-01-13","to":"2025-02-16","breakdown":"day"})");
  uint64_t vol = 0, frt = 0, res = 0;
  for (const auto &row : r["breakdown"]["rows"]) {
    vol += row["kpis"]["ticket_volume"].get<uint64_t>();
    frt += row["kpis"]["first_response_time"]["n"].get<uint64_t>();
    res += row["kpis"]["resolution_time"]["n"].get<uint64_t>();
  }
  EXPECT_EQ(r["breakdown"]["rows"].size(), 35u);
  EXPECT_EQ(vol, volume(r));
  EXPECT_EQ(frt, r["kpis"]["first_response_time"]["n"].get<uint64_t>());
  EXPECT_EQ(res, r["kpis"]["resolution_time"]["n"].get<uint64_t>());
}

// 1.1 series_by_channel: each channel's series is what a report filtered to that channel gives (the dashboard's chart
// used to make those reports one by one), with and without a period, and the channels' days add up to the total's.
TEST(Property, SeriesByChannelEqualsAReportFilteredToEachChannel) {
  for (const std::string period : {std::string(), std::string(R"("from":"2025-02-01","to":"2025-02-28",)")}) {
    const json total = query("{" + period + R"("filters":{}})")["kpis"]["ticket_volume"];
    const json& per = total["series_by_channel"];
    ASSERT_GE(per.size(), 3u) << "the generated export has several channels";
    std::map<std::string, uint64_t> summed;
    for (const auto& [channel, series] : per.items()) {
      const json filtered =
          query("{" + period + R"("filters":{"channel":[")" + channel + R"("]}})")["kpis"]["ticket_volume"];
      for (const char* g : {"by_day", "by_week", "by_month"}) EXPECT_EQ(series[g], filtered[g]) << channel << " " << g;
      EXPECT_EQ(total["by_channel"][channel], filtered["total"]) << channel;
      for (const auto& b : series["by_day"]) summed[b["period"].get<std::string>()] += b["count"].get<uint64_t>();
    }
    for (const auto& b : total["by_day"])
      EXPECT_EQ(summed[b["period"].get<std::string>()], b["count"].get<uint64_t>()) << b["period"];
  }
}
