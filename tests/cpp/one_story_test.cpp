// One story, six exports (fixtures/README.md): the same eight tickets written by Zendesk, Freshdesk, Gorgias, Help
// Scout, Intercom and the canonical format (examples/canonical) must give the same KPIs, except where a format cannot
// express something (the canonical format can express all of the story):
//   * first resolution of T3 — Freshdesk (`stats.resolved_at`) and Gorgias (`closed_datetime`) keep only the last
//     resolution, so T3's first resolution is unknown there (n 4 instead of 5);
//   * reopens — Gorgias tickets carry no reopen information without the Events API (reopen rate and FCR not
//   computable);
//   * CSAT — each vendor's own scale: Zendesk good/bad and Gorgias / Intercom / canonical 1–5 give 2 of 3 satisfied with 3 of 4
//     surveys answered; Freshdesk's 3-point scale has a neutral middle (103 / 100 / −103 → 1 of 3) and no "sent"
//     record; Help Scout rates replies (great / not_good / okay, T8 rated okay, chat T2 unrated: 1 of 3) and has no
//     "sent" flag;
//   * channels — Help Scout has no SMS channel and Intercom no web form, so the channel split differs (not compared).
#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"

using namespace hk_test;

namespace {

struct Vendor {
  const char* name;
  json report;
};

const std::vector<Vendor>& vendors() {
  static const std::vector<Vendor> v = {
      {"zendesk", report(zendesk_fixture())},
      {"freshdesk", report({{"small.json", read_file(fixture("freshdesk/small.json"))},
                            {"satisfaction_ratings.json", read_file(fixture("freshdesk/satisfaction_ratings.json"))}})},
      {"gorgias", report({{"small.json", read_file(fixture("gorgias/small.json"))}})},
      {"helpscout", report({{"conversations.json", read_file(testdata("helpscout/conversations.json"))}})},
      {"intercom", report({{"conversations.jsonl", read_file(testdata("intercom/conversations.jsonl"))}})},
      {"canonical",
       report({{"helpdesk-kpi-export.json", read_file(testdata("../../examples/canonical/helpdesk-kpi-export.json"))}})},
  };
  return v;
}

const json& kpis_of(const std::string& name) {
  for (const Vendor& v : vendors())
    if (name == v.name) return v.report["kpis"];
  static const json none;
  return none;
}

const json* automation_row(const json& kpis) {
  for (const auto& a : kpis["agents"])
    if (a["id"] == "automation") return &a;
  return nullptr;
}

}  // namespace

TEST(OneStory, EveryVendorIsDetected) {
  for (const Vendor& v : vendors()) {
    ASSERT_FALSE(v.report["sources"].empty()) << v.name;
    EXPECT_EQ(v.report["sources"][0]["vendor"], v.name);
    EXPECT_EQ(v.report["data_quality"]["tickets_used"], 8) << v.name;
  }
}

TEST(OneStory, VolumeIs8ByDay21122Everywhere) {
  for (const Vendor& v : vendors()) {
    const json& vol = v.report["kpis"]["ticket_volume"];
    EXPECT_EQ(vol["total"], 8) << v.name;
    EXPECT_EQ(vol["by_day"], kpis_of("zendesk")["ticket_volume"]["by_day"]) << v.name;
  }
}

TEST(OneStory, FirstResponseTimeAgreesEverywhere) {
  for (const Vendor& v : vendors()) {
    const json& f = v.report["kpis"]["first_response_time"];
    EXPECT_EQ(f["n"], 5) << v.name;
    EXPECT_DOUBLE_EQ(f["median"].get<double>(), 1200) << v.name;
    EXPECT_DOUBLE_EQ(f["mean"].get<double>(), 1956) << v.name;
    EXPECT_NEAR(f["p90"].get<double>(), 4320, 1e-6) << v.name;
    EXPECT_EQ(f["unanswered"], 3) << v.name;
  }
}

TEST(OneStory, ResponseTimeAllRepliesAgreesEverywhere) {
  for (const Vendor& v : vendors()) {
    const json& r = v.report["kpis"]["response_time"];
    EXPECT_EQ(r["n"], 7) << v.name;
    EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1200) << v.name;
    EXPECT_NEAR(r["mean"].get<double>(), 1585.714285, 1e-5) << v.name;
  }
}

TEST(OneStory, FullResolutionAgreesEverywhere) {
  for (const Vendor& v : vendors()) {
    const json& r = v.report["kpis"]["resolution_time"];
    EXPECT_EQ(r["n"], 5) << v.name;
    EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1800) << v.name;
    EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 20484) << v.name;
    EXPECT_NEAR(r["p90"].get<double>(), 59040, 1e-6) << v.name;
    EXPECT_DOUBLE_EQ(r["excluding_automated"]["median"].get<double>(), 3150) << v.name;
  }
}

TEST(OneStory, FirstResolutionAgreesWhereTheHistoryIsInTheExport) {
  for (const char* name : {"zendesk", "helpscout", "intercom", "canonical"}) {
    const json& r = kpis_of(name)["resolution_time"]["first"];
    EXPECT_EQ(r["n"], 5) << name;
    EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 2496) << name;
  }
  // Only the last resolution is kept: T3's first one is unknown, never guessed.
  for (const char* name : {"freshdesk", "gorgias"}) {
    const json& r = kpis_of(name)["resolution_time"]["first"];
    EXPECT_EQ(r["n"], 4) << name;
    EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 1755) << name;
  }
}

TEST(OneStory, OneTouchIsTwoOfFourEverywhere) {
  for (const Vendor& v : vendors()) {
    const json& o = v.report["kpis"]["one_touch_resolution"];
    EXPECT_EQ(o["numerator"], 2) << v.name;
    EXPECT_EQ(o["denominator"], 4) << v.name;
    EXPECT_EQ(o["two_touch"], 2) << v.name;
    EXPECT_EQ(o["zero_touch"], 1) << v.name;
  }
}

TEST(OneStory, ReopenRateIsOneOfFiveExceptGorgias) {
  for (const char* name : {"zendesk", "freshdesk", "helpscout", "intercom", "canonical"}) {
    EXPECT_EQ(kpis_of(name)["reopen_rate"]["numerator"], 1) << name;
    EXPECT_EQ(kpis_of(name)["reopen_rate"]["denominator"], 5) << name;
  }
  EXPECT_TRUE(kpis_of("gorgias")["reopen_rate"]["rate"].is_null());  // needs the Events API
}

TEST(OneStory, FirstContactResolutionIsOneOfFourExceptGorgias) {
  for (const char* name : {"zendesk", "freshdesk", "helpscout", "intercom", "canonical"}) {
    EXPECT_EQ(kpis_of(name)["first_contact_resolution"]["numerator"], 1) << name;
    EXPECT_EQ(kpis_of(name)["first_contact_resolution"]["denominator"], 4) << name;
  }
  EXPECT_TRUE(kpis_of("gorgias")["first_contact_resolution"]["rate"].is_null());  // "no reopen" cannot be checked
}

TEST(OneStory, AutomatedResolutionIsOneOfFiveEverywhere) {
  for (const Vendor& v : vendors()) {
    const json& a = v.report["kpis"]["automated_resolution"];
    EXPECT_EQ(a["numerator"], 1) << v.name;
    EXPECT_EQ(a["denominator"], 5) << v.name;
    const json* row = automation_row(v.report["kpis"]);
    ASSERT_NE(row, nullptr) << v.name;
    EXPECT_EQ((*row)["tickets_resolved"], 1) << v.name;
  }
}

TEST(OneStory, BacklogIs3WithTwoAwaitingAReplyEverywhere) {
  for (const Vendor& v : vendors()) {
    const json& o = v.report["kpis"]["open_tickets"];
    EXPECT_EQ(o["total"], 3) << v.name;
    EXPECT_EQ(o["unassigned"], 1) << v.name;
    EXPECT_EQ(o["awaiting_reply"], 2) << v.name;
  }
}

TEST(OneStory, ResolvedPerAgentIs3And1Everywhere) {
  for (const Vendor& v : vendors()) {
    std::vector<int> resolved;
    for (const auto& a : v.report["kpis"]["agents"])
      if (a["id"] != "automation" && a["tickets_resolved"].get<int>() > 0) resolved.push_back(a["tickets_resolved"]);
    std::sort(resolved.begin(), resolved.end());
    EXPECT_EQ(resolved, (std::vector<int>{1, 3})) << v.name;  // Bob 1, Alice 3
  }
}

TEST(OneStory, CsatAgreesWithinEachScale) {
  // Two of three satisfied where the scale has no neutral middle and the survey send is recorded.
  for (const char* name : {"zendesk", "gorgias", "intercom", "canonical"}) {
    const json& c = kpis_of(name)["csat"];
    EXPECT_EQ(c["n"], 3) << name;
    EXPECT_NEAR(c["score"].get<double>(), 2.0 / 3, 1e-9) << name;
    EXPECT_DOUBLE_EQ(c["response_rate"].get<double>(), 0.75) << name;
  }
  // Three-level scales (neutral is not satisfied) and no record of surveys sent.
  for (const char* name : {"freshdesk", "helpscout"}) {
    const json& c = kpis_of(name)["csat"];
    EXPECT_EQ(c["n"], 3) << name;
    EXPECT_NEAR(c["score"].get<double>(), 1.0 / 3, 1e-9) << name;
    EXPECT_TRUE(c["response_rate"].is_null()) << name;
    EXPECT_EQ(c["distribution"]["great"], 1) << name;
    EXPECT_EQ(c["distribution"]["okay"], 1) << name;
    EXPECT_EQ(c["distribution"]["not_good"], 1) << name;
  }
}

TEST(OneStory, RepeatContactIsOneOfEightWhereRequestersAreKnown) {
  // Dana's T1 is followed by her T8 within 7 days of T1's resolution (fixtures/zendesk/expected.md): 1 / 8.
  for (const char* name : {"zendesk", "canonical"}) {
    EXPECT_EQ(kpis_of(name)["retention"]["repeat_contacts"], 1) << name;
    EXPECT_EQ(kpis_of(name)["retention"]["tickets"], 8) << name;
  }
}
