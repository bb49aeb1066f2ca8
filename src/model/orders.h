// Orders from a shop export (Shopify Admin API JSON or the admin orders CSV), for converted tickets, revenue from
// support and repeat-purchase retention (kpi-definitions 1.18, 1.22). A sibling of the ticket store, held by Dataset.
//
// One row per order (a CSV order spread over several line-item lines is counted once); money is kept as integer
// thousandths of the currency unit so sums are exact; the customer e-mail is normalised (trimmed, lowercase) so it can
// be matched with the tickets' requester e-mails.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/string_pool.h"
#include "time/timestamp.h"

namespace hk {

struct OrderRow {
  std::string_view id;           // the shop's order id; the order name when the export has no id
  std::string_view name;         // "#1001", for messages
  std::string_view email;        // raw; normalised when added
  std::string_view customer_id;  // the shop's customer id, may be empty
  std::string_view currency;     // ISO 4217, upper case
  int64_t created_at = kNoTime;
  int64_t updated_at = kNoTime;  // for duplicates: the latest version wins
  int64_t total_milli = 0;       // order total, thousandths of the currency unit
  int64_t refunded_milli = 0;    // amount refunded so far
  bool cancelled = false;        // cancelled or voided: never a conversion, never "active"
};

struct Order {
  uint32_t id;
  uint32_t name;
  uint32_t email;        // interned normalised e-mail, kNoString when unknown
  uint32_t customer_id;  // interned, kNoString when unknown
  uint32_t currency;
  int64_t created_at;
  int64_t updated_at;
  int64_t total_milli;
  int64_t refunded_milli;
  bool cancelled;
  int64_t net_milli() const { return total_milli - (refunded_milli < total_milli ? refunded_milli : total_milli); }
};

class OrderStore {
 public:
  // Duplicates by id (overlapping pages, the same orders as JSON and CSV) keep the latest updated_at; an equal or
  // unknown updated_at keeps the later row. Returns false when the row was a duplicate.
  bool add(const OrderRow& row, StringPool& strings);
  // Sorts by creation time. Idempotent.
  void finalize();
  bool empty() const { return rows.empty(); }

  std::vector<Order> rows;  // after finalize(): sorted by created_at
  uint64_t duplicates = 0;
  int64_t latest = kNoTime;  // the latest order time seen (part of "the data end")

 private:
  std::unordered_map<uint32_t, uint32_t> by_id_;
  bool finalized_ = false;
};

// Trimmed (ASCII white space), ASCII-lowercased e-mail; "" when the text holds no '@'.
std::string normalize_email(std::string_view email);
// An active ISO 4217 currency code ("USD", "EUR", "JPY", …).
bool is_iso4217(std::string_view code);
// "598.94", "-3", "1,234.50" (thousands commas allowed), surrounding spaces ignored → thousandths; digits beyond the
// third decimal are rounded half away from zero. False on anything else (empty, "12abc", "NaN", overflow).
bool parse_money(std::string_view text, int64_t& milli);
// Thousandths → a number of currency units.
inline double money_value(int64_t milli) { return static_cast<double>(milli) / 1000.0; }

}  // namespace hk
