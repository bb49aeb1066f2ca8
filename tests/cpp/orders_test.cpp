// Shopify orders (Admin API JSON and the admin "Export orders" CSV) through the whole engine with the Zendesk fixture's
// eight tickets: converted tickets, revenue from support and repeat-purchase retention (kpi-definitions 1.18, 1.22).
// Every expected value below is computed by hand in the comment above it, from tests/data/orders/* and the ticket
// table of ../shared/fixtures/README.md.
//
// Tickets (created, requester): 5001 03-03 09:00 dana · 5002 03-03 14:00 evan · 5003 03-04 08:00 farah ·
// 5004 03-06 16:00 gus · 5005 03-06 11:00 hana · 5006 03-05 12:00 ivan · 5007 03-07 09:00 jade · 5008 03-07 15:00 dana.
// Orders (UTC; the files give local times with offsets):
//   #1000 hana  03-01 10:00  25.00 USD           before hana's only ticket → not a conversion
//   #1001 dana  03-05 09:00 120.00 USD           5001 + 2 d 0 h  → 5001
//   #1002 evan  03-04 10:00  60.00 USD voided    cancelled → never counted
//   #1003 farah 03-06 12:00  80.00 USD, refunded 30.00 (a failed 99.00 refund is ignored) → net 50.00; 5003 + 2 d 4 h
//   #1004 gus   03-07 10:00  40.00 XYZ           not an ISO 4217 currency → skipped, "invalid_order"
//   #1005 ivan  03-05 12:30  45.50 USD (e-mail " Ivan.Petrov@Example.COM ") → 5006 + 30 min
//   #1006 jade  03-13 10:00  60.00 USD           5007 + 6 d 1 h > 5 d → not a conversion
//   #1007 dana  03-06 10:00  30.00 USD           dana's latest ticket before it is 5001 (+3 d 1 h) → 5001
//   #1008 kim   02-20 12:00  15.00 USD           no tickets
//   #1009 kim   03-14 12:00  22.00 USD           no tickets; the latest instant of all data
//   #1010 dana  03-08 08:00  18.00 USD           inside both 5001's (+4 d 23 h) and 5008's (+17 h) windows: goes to
//                                                the most recent ticket only, 5008
#include <gtest/gtest.h>

#include "ingest/csv_reader.h"
#include "model/orders.h"
#include "test_util.h"

using namespace hk_test;

namespace {

std::string orders_json() { return read_file(testdata("orders/shopify_orders.json")); }
std::string orders_csv() { return read_file(testdata("orders/orders_export.csv")); }

std::vector<Input> with_orders(const std::string& name, const std::string& bytes) {
  std::vector<Input> in = zendesk_fixture();
  in.push_back({name, bytes});
  return in;
}

std::string crlf(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const json& json_report() {
  static const json r = report(with_orders("orders.json", orders_json()));
  return r;
}

const json* source(const json& r, const std::string& name) {
  for (const auto& s : r["sources"])
    if (s["name"] == name) return &s;
  return nullptr;
}

// The figures every correct reading of these orders gives with the default 5-day window and no `now`:
// data end = the latest instant of tickets and orders = #1009, 03-14 12:00; no ticket is created within 5 days of it,
// so none is provisional. Converted: 5001 (#1001, #1007), 5003 (#1003), 5006 (#1005), 5008 (#1010) → 4 / 8 = 0.5.
// Revenue = (120 + 30) + 50 + 45.50 + 18 = 263.50 USD from 5 attributed orders. Considered = the 10 orders read
// (#1004 skipped) − 1 cancelled = 9.
void expect_default_conversion(const json& c, const std::string& what) {
  ASSERT_TRUE(c.is_object()) << what;
  EXPECT_EQ(c["numerator"], 4) << what;
  EXPECT_EQ(c["denominator"], 8) << what;
  EXPECT_DOUBLE_EQ(c["rate"].get<double>(), 0.5) << what;
  EXPECT_EQ(c["window_days"], 5) << what;
  EXPECT_DOUBLE_EQ(c["revenue"].get<double>(), 263.5) << what;
  EXPECT_EQ(c["currency"], "USD") << what;
  EXPECT_EQ(c["provisional"], 0) << what;
  EXPECT_EQ(c["orders_attributed"], 5) << what;
  EXPECT_EQ(c["orders_considered"], 9) << what;
  EXPECT_EQ(c["orders_cancelled"], 1) << what;
  EXPECT_EQ(c["data_end"], "2025-03-14T12:00:00Z") << what;
}

}  // namespace

TEST(Orders, ShopifyJsonIsDetectedAsOrders) {
  const json* s = source(json_report(), "orders.json");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ((*s)["vendor"], "shopify");
  EXPECT_EQ((*s)["role"], "orders");
  EXPECT_EQ((*s)["records"], 10);
  EXPECT_EQ((*s)["skipped"], 1);  // #1004, XYZ
  // Orders are not tickets: the ticket counts are the Zendesk fixture's.
  EXPECT_EQ(json_report()["data_quality"]["tickets_read"], 8);
}

TEST(Orders, UnknownCurrencySkipsTheOrderNamingFileLineAndOrder) {
  const std::string m = warning_message(json_report(), "invalid_order");
  EXPECT_NE(m.find("orders.json"), std::string::npos) << m;
  EXPECT_NE(m.find("line "), std::string::npos) << m;
  EXPECT_NE(m.find("5550001004"), std::string::npos) << m;
  EXPECT_NE(m.find("XYZ"), std::string::npos) << m;
}

TEST(Orders, ConvertedTicketsFromShopifyJson) {
  expect_default_conversion(json_report()["kpis"]["converted_tickets"], "json");
}

TEST(Orders, EachOrderGoesToTheMostRecentTicketOnly) {
  // #1010 (03-08 08:00) lies in the windows of 5001 and 5008; only 5008 gets it. Were it counted for 5001 too, the
  // revenue would be 281.50 and the attributed orders 6.
  const json& c = json_report()["kpis"]["converted_tickets"];
  EXPECT_EQ(c["orders_attributed"], 5);
  EXPECT_DOUBLE_EQ(c["revenue_by_currency"]["USD"].get<double>(), 263.5);
}

TEST(Orders, ConvertedTicketsFromTheAdminCsvExport) {
  // Same orders as the JSON: BOM, quoted fields with commas, doubled quotes and a line break (#1003's note), line-item
  // lines repeating the Name (#1001, #1003) counted once, "Refunded Amount" 30.00, "Cancelled at" on #1002.
  const json r = report(with_orders("orders_export.csv", orders_csv()));
  const json* s = source(r, "orders_export.csv");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ((*s)["vendor"], "shopify");
  EXPECT_EQ((*s)["role"], "orders");
  EXPECT_EQ((*s)["records"], 13);  // rows read: 11 orders (#1000…#1010) − #1004, + 3 line-item rows (#1001, #1003 ×2)
  EXPECT_EQ((*s)["skipped"], 1);
  expect_default_conversion(r["kpis"]["converted_tickets"], "csv");
  const std::string m = warning_message(r, "invalid_order");
  EXPECT_NE(m.find("orders_export.csv"), std::string::npos) << m;
  EXPECT_NE(m.find("#1004"), std::string::npos) << m;
  EXPECT_NE(m.find("line 10"), std::string::npos) << m;  // #1003's note holds a line break: #1004 is physical line 10
}

TEST(Orders, CsvWithCrlfLineEndsInAnyChunkingGivesTheSameFigures) {
  const std::string bytes = crlf(orders_csv());
  for (size_t chunk : {size_t(1), size_t(7), size_t(4096)}) {
    const json r = report(with_orders("orders_export.csv", bytes), chunk);
    expect_default_conversion(r["kpis"]["converted_tickets"], "crlf chunk " + std::to_string(chunk));
  }
}

TEST(Orders, JsonAndCsvOfTheSameOrdersAreCountedOnce) {
  // Both files hold the same ids (5550001000…): duplicates by id keep one row each.
  std::vector<Input> in = with_orders("orders.json", orders_json());
  in.push_back({"orders_export.csv", orders_csv()});
  expect_default_conversion(report(in)["kpis"]["converted_tickets"], "json+csv");
}

TEST(Orders, ConversionWindowIsASetting) {
  // W = 1 day: only #1005 (5006, +30 min, 45.50) and #1010 (5008, +17 h, 18.00) are inside → 2 / 8, 63.50 USD.
  const json r = report(with_orders("orders.json", orders_json()), 1 << 20, "{}", R"({"conversion_window_days":1})");
  const json& c = r["kpis"]["converted_tickets"];
  EXPECT_EQ(c["window_days"], 1);
  EXPECT_EQ(c["numerator"], 2);
  EXPECT_EQ(c["denominator"], 8);
  EXPECT_DOUBLE_EQ(c["revenue"].get<double>(), 63.5);
  EXPECT_EQ(c["orders_attributed"], 2);
}

TEST(Orders, TicketsNearTheDataEndAreProvisional) {
  // now = 03-10 00:00: a ticket created after 03-05 00:00 has a window running past it → provisional: 5004, 5005, 5006,
  // 5007, 5008 (5 tickets; 5006 and 5008 already converted, 45.50 + 18.00 = 63.50 USD provisional revenue).
  // The rate is over 5001, 5002, 5003: 5001 and 5003 converted → 2 / 3; revenue 150 + 50 = 200 USD.
  const json r = report(with_orders("orders.json", orders_json()), 1 << 20, "{}", R"({"now":"2025-03-10T00:00:00Z"})");
  const json& c = r["kpis"]["converted_tickets"];
  EXPECT_EQ(c["provisional"], 5);
  EXPECT_EQ(c["provisional_converted"], 2);
  EXPECT_DOUBLE_EQ(c["provisional_revenue_by_currency"]["USD"].get<double>(), 63.5);
  EXPECT_EQ(c["numerator"], 2);
  EXPECT_EQ(c["denominator"], 3);
  EXPECT_NEAR(c["rate"].get<double>(), 2.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(c["revenue"].get<double>(), 200);
  EXPECT_EQ(c["orders_attributed"], 3);
  EXPECT_EQ(c["data_end"], "2025-03-10T00:00:00Z");
}

TEST(Orders, AllTicketsProvisionalGivesANullRateNotZero) {
  // now = the export time 03-08 00:00: every ticket was created after 03-03 00:00 → all 8 provisional, no cohort.
  const json r = report(with_orders("orders.json", orders_json()), 1 << 20, "{}", R"({"now":"2025-03-08T00:00:00Z"})");
  const json& c = r["kpis"]["converted_tickets"];
  EXPECT_EQ(c["provisional"], 8);
  EXPECT_EQ(c["denominator"], 0);
  EXPECT_TRUE(c["rate"].is_null());
  EXPECT_TRUE(c["revenue"].is_null());
}

TEST(Orders, FiltersNarrowTheCohortNotTheAttribution) {
  // channel = email: 5001, 5003, 5005, 5008; converted 5001, 5003, 5008 → 3 / 4; revenue 150 + 50 + 18 = 218.
  const json r = report(with_orders("orders.json", orders_json()), 1 << 20, R"({"filters":{"channel":["email"]}})");
  const json& c = r["kpis"]["converted_tickets"];
  EXPECT_EQ(c["numerator"], 3);
  EXPECT_EQ(c["denominator"], 4);
  EXPECT_DOUBLE_EQ(c["revenue"].get<double>(), 218);
}

TEST(Orders, NoOrdersMeansConvertedTicketsIsNull) {
  EXPECT_TRUE(report(zendesk_fixture())["kpis"]["converted_tickets"].is_null());
}

TEST(Orders, SeveralCurrenciesAreNeverSummed) {
  // One EUR order for Farah (03-05 08:00, 10.00 EUR) next to the USD ones: her 5003 converts with both; the revenue
  // per currency is USD 263.50, EUR 10.00, and the single `revenue` figure is null.
  const std::string eur =
      R"({"orders":[{"id":77,"name":"#77","email":"farah.ali@example.org","created_at":"2025-03-05T08:00:00Z",)"
      R"("total_price":"10.00","currency":"eur","financial_status":"paid"}]})";
  std::vector<Input> in = with_orders("orders.json", orders_json());
  in.push_back({"eur.json", eur});
  const json full_report = report(in);
  const json& c = full_report["kpis"]["converted_tickets"];
  EXPECT_TRUE(c["revenue"].is_null());
  EXPECT_TRUE(c["currency"].is_null());
  EXPECT_DOUBLE_EQ(c["revenue_by_currency"]["USD"].get<double>(), 263.5);
  EXPECT_DOUBLE_EQ(c["revenue_by_currency"]["EUR"].get<double>(), 10);
  EXPECT_EQ(c["numerator"], 4);
}

TEST(Orders, RefundedWithoutAmountCountsAsFullyRefunded) {
  // Ivan's #1005 replaced by a later version (same id, newer updated_at) with financial_status "refunded" and no
  // refund amount: net 0, so revenue drops by 45.50 to 218.00; 5006 still converts (a purchase happened).
  const std::string refunded =
      R"({"orders":[{"id":5550001005,"name":"#1005","email":"ivan.petrov@example.com","created_at":"2025-03-05T12:30:00Z",)"
      R"("updated_at":"2025-03-09T00:00:00Z","total_price":"45.50","currency":"USD","financial_status":"refunded"}]})";
  std::vector<Input> in = with_orders("orders.json", orders_json());
  in.push_back({"refund.json", refunded});
  const json full_report = report(in);
  const json& c = full_report["kpis"]["converted_tickets"];
  EXPECT_EQ(c["numerator"], 4);
  EXPECT_DOUBLE_EQ(c["revenue"].get<double>(), 218);
}

TEST(Orders, RepeatPurchaseRetention) {
  // P = first ticket 03-03 09:00 … data end 03-14 12:00 (+1 s, the end is inclusive): 11 d 3 h 0 min 1 s; P−1 = the
  // same length before, from 02-20 05:59:59. Customers active in P−1: hana (#1000), kim (#1008) → 2. Active again in
  // P: kim (#1009) → retained 1, rate 0.5. Contacted support (a ticket in P−1 or P): hana (5005) → 1 customer, 0
  // retained; no contact: kim → 1 customer, 1 retained.
  const json& p = json_report()["kpis"]["retention"]["purchase"];
  ASSERT_TRUE(p.is_object());
  EXPECT_EQ(p["period"]["from"], "2025-03-03T09:00:00Z");
  EXPECT_EQ(p["previous_period"]["from"], "2025-02-20T05:59:59Z");
  EXPECT_EQ(p["previous_customers"], 2);
  EXPECT_EQ(p["retained"], 1);
  EXPECT_DOUBLE_EQ(p["rate"].get<double>(), 0.5);
  EXPECT_EQ(p["contacted_support"]["customers"], 1);
  EXPECT_EQ(p["contacted_support"]["retained"], 0);
  EXPECT_DOUBLE_EQ(p["contacted_support"]["rate"].get<double>(), 0);
  EXPECT_EQ(p["no_contact"]["customers"], 1);
  EXPECT_DOUBLE_EQ(p["no_contact"]["rate"].get<double>(), 1);
}

TEST(Retention, RepeatContactRateOfTheZendeskFixtureIsOneOfEight) {
  // fixtures/zendesk/expected.md: 5001 (dana, resolved 03-03 10:15) is followed by 5008 (dana, 03-07 15:00) within
  // 7 days → 1 repeat of 8 tickets = 12.5 %; 7 requesters, 1 with more than one ticket. The other 7 tickets have no
  // follow-up yet and a window (resolution or creation + 7 d) past the data end → provisional, still in the rate.
  const json full_report = report(zendesk_fixture());
  const json& r = full_report["kpis"]["retention"];
  EXPECT_EQ(r["repeat_contacts"], 1);
  EXPECT_EQ(r["tickets"], 8);
  EXPECT_DOUBLE_EQ(r["repeat_contact_rate"].get<double>(), 0.125);
  EXPECT_EQ(r["repeat_contact_days"], 7);
  EXPECT_EQ(r["provisional"], 7);
  EXPECT_EQ(r["customers"], 7);
  EXPECT_EQ(r["returning_customers"], 1);
  EXPECT_NEAR(r["returning_rate"].get<double>(), 1.0 / 7, 1e-12);
  EXPECT_TRUE(r["purchase"].is_null());  // no orders
}

TEST(Retention, RepeatContactWindowIsASetting) {
  // 3 days: 5001's window ends 03-06 10:15, before 5008 (03-07 15:00) → no repeat; rate 0 / 8 = 0 (computable).
  const json full_report = report(zendesk_fixture(), 1 << 20, "{}", R"({"repeat_contact_days":3})");
  const json& r = full_report["kpis"]["retention"];
  EXPECT_EQ(r["repeat_contacts"], 0);
  EXPECT_DOUBLE_EQ(r["repeat_contact_rate"].get<double>(), 0);
}

TEST(OrdersParsing, MoneyIsExactThousandths) {
  int64_t m = 0;
  EXPECT_TRUE(hk::parse_money("598.94", m));
  EXPECT_EQ(m, 598940);
  EXPECT_TRUE(hk::parse_money(" 1,234.5 ", m));
  EXPECT_EQ(m, 1234500);
  EXPECT_TRUE(hk::parse_money("-3", m));
  EXPECT_EQ(m, -3000);
  EXPECT_TRUE(hk::parse_money("0.0005", m));  // half away from zero
  EXPECT_EQ(m, 1);
  EXPECT_TRUE(hk::parse_money(".5", m));
  EXPECT_EQ(m, 500);
  EXPECT_FALSE(hk::parse_money("", m));
  EXPECT_FALSE(hk::parse_money("12abc", m));
  EXPECT_FALSE(hk::parse_money("NaN", m));
  EXPECT_FALSE(hk::parse_money("1,23", m));
  EXPECT_FALSE(hk::parse_money("99999999999999999999", m));
}

TEST(OrdersParsing, EmailsAreTrimmedAndLowercased) {
  EXPECT_EQ(hk::normalize_email(" Ivan.Petrov@Example.COM "), "ivan.petrov@example.com");
  EXPECT_EQ(hk::normalize_email("no-at-sign"), "");
  EXPECT_TRUE(hk::is_iso4217("JPY"));
  EXPECT_FALSE(hk::is_iso4217("XYZ"));
  EXPECT_FALSE(hk::is_iso4217("usd"));  // callers upper-case first
}

TEST(CsvReader, QuotesCrlfBomAndLoneCr) {
  // BOM; CRLF rows; a quoted field with a comma, a doubled quote and a CRLF inside; a lone-CR row end; a blank line;
  // a last row without a line break.
  const std::string text = "\xEF\xBB\xBFName,Note\r\n#1,\"a, \"\"b\"\"\r\nc\"\r#2,x\n\n#3,\"\"";
  for (size_t chunk : {size_t(1), size_t(2), size_t(100)}) {
    hk::CsvReader reader;
    std::vector<std::vector<std::string>> rows;
    std::vector<uint64_t> lines, offsets;
    auto on_row = [&](const hk::CsvRow& r) {
      rows.emplace_back(r.fields->begin(), r.fields->end());
      lines.push_back(r.line);
      offsets.push_back(r.offset);
    };
    for (size_t at = 0; at < text.size(); at += chunk)
      ASSERT_TRUE(reader.feed(text.data() + at, std::min(chunk, text.size() - at), on_row));
    ASSERT_TRUE(reader.finish(on_row));
    EXPECT_TRUE(reader.had_bom());
    ASSERT_EQ(rows.size(), 4u) << chunk;
    EXPECT_EQ(rows[0], (std::vector<std::string>{"Name", "Note"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"#1", "a, \"b\"\r\nc"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"#2", "x"}));
    EXPECT_EQ(rows[3], (std::vector<std::string>{"#3", ""}));
    // Lines: header 1, #1 on 2 (its field spans 2–3), #2 on 4 (after the lone CR), #3 on 6 (line 5 is blank).
    EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 4, 6}));
    // Offsets are file offsets, BOM included: "Name,Note\r\n" is 11 bytes after the 3-byte BOM.
    EXPECT_EQ(offsets[0], 3u);
    EXPECT_EQ(offsets[1], 14u);
  }
}

TEST(CsvReader, UnterminatedQuoteIsATruncationError) {
  hk::CsvReader reader;
  const std::string text = "a,b\n1,\"never closed\n2,3\n";
  auto ignore = [](const hk::CsvRow&) {};
  ASSERT_TRUE(reader.feed(text.data(), text.size(), ignore));
  EXPECT_FALSE(reader.finish(ignore));
  EXPECT_EQ(reader.error().line, 2u);
  EXPECT_EQ(reader.error().offset, 6u);
}

TEST(CsvReader, SniffTellsJsonFromCsv) {
  EXPECT_EQ(hk::sniff_text_format("\xEF\xBB\xBF{\"orders\":[]}", true), hk::TextFormat::json);
  EXPECT_EQ(hk::sniff_text_format("  [", false), hk::TextFormat::json);
  EXPECT_EQ(hk::sniff_text_format("type,score,submitted_at\n", false), hk::TextFormat::csv);
  EXPECT_EQ(hk::sniff_text_format("type,score", false), hk::TextFormat::undecided);  // the header line is not over
  EXPECT_EQ(hk::sniff_text_format("type,score", true), hk::TextFormat::csv);
  EXPECT_EQ(hk::sniff_text_format("hello world\n", true), hk::TextFormat::json);  // one name: not a CSV header
}
