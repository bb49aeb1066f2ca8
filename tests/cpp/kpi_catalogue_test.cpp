// KPIs of SPEC §5 that the vendor tests do not name: handle time (1.11, null
// without recorded effort), messages per ticket and replies to resolve (1.24),
// repeat contact (1.22). Hand-computed from the Zendesk fixture's audits
// (../shared/fixtures/zendesk).
#include <gtest/gtest.h>

#include "test_util.h"

using namespace hk_test;

TEST(HandleTime_1_11, NullWhenNoExportRecordsIt) {
  // No supported export carries time tracking: handle time is null (never
  // inferred from elapsed time), for every vendor.
  EXPECT_TRUE(report(zendesk_fixture())["kpis"]["handle_time"].is_null());
  EXPECT_TRUE(
      report(
          {{"small.json",
            read_file(fixture("freshdesk/small.json"))}})["kpis"]["handle_time"]
          .is_null());
  EXPECT_TRUE(
      report(
          {{"small.json",
            read_file(fixture("gorgias/small.json"))}})["kpis"]["handle_time"]
          .is_null());
  EXPECT_TRUE(
      report({{"c.json",
               read_file(testdata(
                   "helpscout/conversations.json"))}})["kpis"]["handle_time"]
          .is_null());
  EXPECT_TRUE(
      report({{"c.jsonl",
               read_file(testdata(
                   "intercom/conversations.jsonl"))}})["kpis"]["handle_time"]
          .is_null());
}

TEST(MessagesPerTicket_1_24, PublicCustomerAndHumanMessagesPerResolvedTicket) {
  // Resolved: 5001 (customer, Alice, customer = 3), 5002 (customer, Bob,
  // customer, Bob = 4), 5003 (4), 5006 (two customer messages, no agent = 2),
  // 5008 (customer, Alice = 2) → 15 / 5 = 3. Private notes (5005) never count.
  const json m = report(zendesk_fixture())["kpis"]["messages_per_ticket"];
  EXPECT_DOUBLE_EQ(m["messages_per_resolved_ticket"].get<double>(), 3.0);
  EXPECT_EQ(m["tickets"], 5);
  // Replies to resolve, over resolved tickets with ≥ 1 human reply: 1, 2, 2, 1
  // → median 1.5, p90 2.
  const json &r = m["replies_to_resolve"];
  EXPECT_EQ(r["n"], 4);
  EXPECT_DOUBLE_EQ(r["median"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(r["mean"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(r["p90"].get<double>(), 2.0);
}

TEST(MessagesPerTicket_1_24, NullWhenNothingResolvedInThePeriod) {
  // 03-06: only 5004 and 5005 were created and nothing was resolved.
  const json m = report(
      zendesk_fixture(), 1 << 20,
      R"({"from":"2025-03-06","to":"2025-03-06"})")["kpis"]
                                                   ["messages_per_ticket"];
  EXPECT_TRUE(m["messages_per_resolved_ticket"].is_null());
  EXPECT_TRUE(m["replies_to_resolve"]["median"].is_null());
}

TEST(RepeatContact_1_22, ANewTicketWithinSevenDaysOfResolution) {
  // Dana (362000101) opened 5001 (resolved 03-03 10:15) and 5008 (created 03-07
  // 15:00, within 7 days): 5001 is a repeat contact. 1 of 8 tickets; 7
  // requesters, 1 of them with more than one ticket.
  const json r = report(zendesk_fixture())["kpis"]["retention"];
  EXPECT_EQ(r["repeat_contacts"], 1);
  EXPECT_EQ(r["tickets"], 8);
  EXPECT_DOUBLE_EQ(r["repeat_contact_rate"].get<double>(), 0.125);
  EXPECT_EQ(r["customers"], 7);
  EXPECT_EQ(r["returning_customers"], 1);
  EXPECT_EQ(r["repeat_contact_days"], 7);
  // With a 3-day window 5008 comes too late (4 days after 5001's resolution).
  const json short_window =
      report(zendesk_fixture(), 1 << 20, "{}",
             R"({"repeat_contact_days":3})")["kpis"]["retention"];
  EXPECT_EQ(short_window["repeat_contacts"], 0);
  EXPECT_DOUBLE_EQ(short_window["repeat_contact_rate"].get<double>(), 0.0);
}
