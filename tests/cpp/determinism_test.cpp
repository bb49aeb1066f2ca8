// Determinism (issue 6): the same inputs give a byte-identical report and per-ticket CSV whatever the chunk sizes and
// whatever the order of the files. The rule that makes file order irrelevant (README "Determinism"): sources are listed
// by name; ticket rows, warnings and their examples follow locations (file name in byte order, then byte offset); a
// ticket read twice keeps the copy with the latest updated_at, on a tie the one at the later location.
#include <algorithm>

#include "test_util.h"

namespace {

using hk_test::Input;
using hk_test::json;
using hk_test::read_file;

struct Output {
  std::string report, csv;
};

Output run(const std::vector<Input>& inputs, size_t chunk) {
  hk::Engine engine;
  for (const Input& in : inputs) {
    for (size_t at = 0; at < in.bytes.size(); at += chunk)
      engine.feed(in.name, in.bytes.data() + at, std::min(chunk, in.bytes.size() - at));
    engine.end_source(in.name);
  }
  return {engine.report("{}"), engine.tickets_csv("{}")};
}

// The first difference of two texts with some context, to keep failure messages readable.
std::string first_difference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const size_t from = i > 120 ? i - 120 : 0;
  return "…" + a.substr(from, 240) + "…\n  versus\n…" + b.substr(from, 240) + "…";
}

// Runs every permutation of `inputs` (and a few chunk sizes on the given order) and expects one output; returns it.
Output expect_order_free(std::vector<Input> inputs, const std::vector<size_t>& chunks = {1 << 20}) {
  std::sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.name < b.name; });
  const Output first = run(inputs, 1 << 20);
  size_t permutations = 0;
  do {
    const Output o = run(inputs, 1 << 20);
    std::string order;
    for (const Input& in : inputs) order += in.name + " ";
    EXPECT_TRUE(o.report == first.report) << "report differs for the order " << order << ":\n"
                                          << first_difference(first.report, o.report);
    EXPECT_TRUE(o.csv == first.csv) << "per-ticket CSV differs for the order " << order << ":\n"
                                    << first_difference(first.csv, o.csv);
    ++permutations;
  } while (std::next_permutation(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.name < b.name; }));
  EXPECT_GE(permutations, 2u);
  for (size_t chunk : chunks) {
    const Output o = run(inputs, chunk);
    EXPECT_TRUE(o.report == first.report) << "chunk " << chunk << ":\n" << first_difference(first.report, o.report);
  }
  return first;
}

// The Zendesk fixture's tickets file, with the ticket 5001 changed to arrive by phone ("voice"), the ticket 5002
// without updated_at, Bob Baker renamed, and one extra ticket: a second copy of an export with conflicting content.
Input zendesk_conflicts(const std::string& name) {
  json doc = json::parse(read_file(hk_test::fixture("zendesk/small.json")));
  json tickets = json::array();
  for (auto& t : doc["tickets"]) {
    if (t["id"] == 5001) {
      t["via"]["channel"] = "voice";
      tickets.push_back(t);  // same updated_at as the original: a tie
    } else if (t["id"] == 5002) {
      t["updated_at"] = nullptr;
      t["via"]["channel"] = "voice";
      tickets.push_back(t);  // no updated_at: older than any copy that has one
    }
  }
  json extra = tickets[0];
  extra["id"] = 9999;
  extra["via"]["channel"] = "web";
  tickets.push_back(extra);
  json users = json::array();
  for (auto& u : doc["users"])
    if (u["name"] == "Bob Baker") {
      u["name"] = "Robert Baker";
      users.push_back(u);
    }
  return {name, json{{"tickets", tickets}, {"users", users}, {"count", tickets.size()}}.dump(1)};
}

TEST(Determinism, ZendeskTicketsAuditsRatingsInEveryOrderAndChunkSize) {
  const Output o = expect_order_free(hk_test::zendesk_fixture(), {1, 7, 4096});
  const json r = json::parse(o.report);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["total"], 8);
  // Sources are listed by name, not in the order given.
  EXPECT_EQ(r["sources"][0]["name"], "small.json");
  EXPECT_EQ(r["sources"][1]["name"], "small.satisfaction_ratings.json");
  EXPECT_EQ(r["sources"][2]["name"], "small.ticket_audits.json");
}

TEST(Determinism, ConflictingDuplicateTicketsAndUsersFollowTheFileNameRule) {
  // "z-copy.json" sorts after "small.json": on a tie of updated_at its copy of 5001 (voice) wins, in every order.
  auto inputs = hk_test::zendesk_fixture();
  inputs.push_back(zendesk_conflicts("z-copy.json"));
  json r = json::parse(expect_order_free(inputs).report);
  const json& v = r["kpis"]["ticket_volume"];
  EXPECT_EQ(v["total"], 9);
  EXPECT_EQ(v["by_channel"]["voice"], 1);  // 5001 from z-copy.json; 5002 keeps small.json's copy (it has updated_at)
  EXPECT_EQ(v["by_channel"]["email"], 3);
  EXPECT_EQ(r["data_quality"]["excluded"]["duplicate"], 2);
  EXPECT_EQ(hk_test::warning_message(r, "duplicate_ticket"),
            "ticket 5001 appears more than once, in small.json (offset 21) and in z-copy.json (offset 31); the copy with "
            "the latest \"updated_at\" is kept (on a tie, the one in the file whose name sorts last)");
  bool renamed = false;
  for (const auto& a : r["kpis"]["agents"]) renamed |= a["name"] == "Robert Baker";
  EXPECT_TRUE(renamed) << "the user row read at the later location (z-copy.json) names Bob Baker's id";

  // Named "a-copy.json" it sorts first: the original (email) copy wins the tie and the original name stays.
  inputs.back() = zendesk_conflicts("a-copy.json");
  r = json::parse(expect_order_free(inputs).report);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["by_channel"]["voice"], 0);
  EXPECT_EQ(r["kpis"]["ticket_volume"]["by_channel"]["email"], 4);
  renamed = false;
  for (const auto& a : r["kpis"]["agents"]) renamed |= a["name"] == "Robert Baker";
  EXPECT_FALSE(renamed);
}

TEST(Determinism, FreshdeskFilesInEveryOrder) {
  const std::vector<Input> inputs = {
      {"small.json", read_file(hk_test::fixture("freshdesk/small.json"))},
      {"satisfaction_ratings.json", read_file(hk_test::fixture("freshdesk/satisfaction_ratings.json"))},
      {"conversations.json", read_file(hk_test::testdata("freshdesk/conversations.json"))},
      {"tickets_without_conversations.json", read_file(hk_test::testdata("freshdesk/tickets_without_conversations.json"))}};
  const json r = json::parse(expect_order_free(inputs, {13}).report);
  EXPECT_GT(r["kpis"]["ticket_volume"]["total"].get<int>(), 0);
  EXPECT_GT(r["data_quality"]["excluded"]["duplicate"].get<int>(), 0);  // the two tickets files overlap
}

TEST(Determinism, MixedVendorsOrdersAndSurveysInEveryOrder) {
  const std::vector<Input> inputs = {
      {"small.json", read_file(hk_test::fixture("zendesk/small.json"))},
      {"gorgias.json", read_file(hk_test::fixture("gorgias/small.json"))},
      {"freshdesk.json", read_file(hk_test::fixture("freshdesk/small.json"))},
      {"orders_export.csv", read_file(hk_test::testdata("orders/orders_export.csv"))},
      {"surveys.csv", read_file(hk_test::testdata("surveys/surveys.csv"))}};
  const json r = json::parse(expect_order_free(inputs, {5}).report);
  EXPECT_EQ(r["sources"].size(), 5u);
  for (const auto& s : r["sources"]) EXPECT_TRUE(s["error"].is_null()) << s.dump();
}

TEST(Determinism, WarningsKeepTheMessageOfTheSmallestLocation) {
  // Two files with an unreadable record each: the message names the file that sorts first, whatever the order.
  const std::string bad = R"({"tickets":[{"id":1,"created_at":"2025-03-03T09:00:00Z","status":"open"},{"id":2,"created_at":"not a time"}]})";
  const json r = json::parse(expect_order_free({{"b.json", bad}, {"a.json", bad}}).report);
  ASSERT_FALSE(r["data_quality"]["warnings"].empty());
  for (const auto& w : r["data_quality"]["warnings"])
    EXPECT_EQ(w["message"].get<std::string>().rfind("a.json", 0), 0u) << w.dump();
}

}  // namespace
