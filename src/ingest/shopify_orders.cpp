// Shopify orders (SPEC §3 "orders"; kpi-definitions 1.18, 1.22), in two shapes:
//   * Admin API JSON: `{"orders":[…]}` (also a bare array or one order a line) with `id`, `name`, `email`,
//     `customer{id,email}`, `created_at` with offset, `updated_at`, `total_price` (a string), `currency`,
//     `financial_status`, `cancelled_at`, `refunds[].transactions[]{amount,kind,status}`;
//   * the admin "Export orders" CSV: header Name, Email, Financial Status, …, Currency, …, Total, …, Created at
//     ("2025-03-05 10:12:00 +0100"), …, Cancelled at, …, Refunded Amount, …, Id, …; one line per line item, the order's
//     own fields on its first line: lines repeating a Name already read are the same order and are counted once.
// Refunded = the sum of successful refund transactions (JSON) or "Refunded Amount" (CSV); a "refunded" order with no
// amount given counts as fully refunded. Cancelled = `cancelled_at` set or financial status "voided".
// An order with an unknown or missing currency, a missing or unreadable total or creation time is skipped with an
// "invalid_order" warning naming the file, offset/line and the order.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/adapter.h"
#include "ingest/json_read.h"

namespace hk {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// ISO-8601, plus Shopify's CSV form with a space before the offset ("2025-03-05 10:12:00 +0100").
bool parse_shop_time(std::string_view text, int64_t& out, bool& no_offset) {
  text = trim(text);
  std::string buf;
  if (text.size() > 20 && text[19] == ' ' && (text[20] == '+' || text[20] == '-')) {
    buf.assign(text.substr(0, 19));
    buf.append(text.substr(20));
    text = buf;
  }
  ParsedTime p;
  if (parse_iso8601(text, p) != TimeError::none) return false;
  out = p.utc_seconds;
  no_offset = !p.had_offset;
  return true;
}

bool read_shop_time(value v, int64_t& out, bool& no_offset) {
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  if (t != simdjson::ondemand::json_type::string) return read_time(v, out, no_offset);
  std::string_view s;
  if (v.get_string().get(s)) return false;
  out = kNoTime;
  no_offset = false;
  if (trim(s).empty()) return true;
  return parse_shop_time(s, out, no_offset);
}

bool fail(RecordError& e, std::string_view order, std::string message) {
  e.code = "invalid_order";
  e.ticket.assign(order);
  e.message = std::move(message);
  return false;
}

std::string label(std::string_view id, std::string_view name) {
  if (id.empty()) return name.empty() ? std::string("the order") : "order " + std::string(name);
  if (name.empty() || name == id) return "order " + std::string(id);
  return "order " + std::string(id) + " (" + std::string(name) + ")";
}

// The checks both shapes share; fills `row` money and currency.
bool finish_order(OrderRow& row, std::string_view currency, std::string_view total, bool total_given,
                  std::string_view refunded, bool refunded_given, std::string_view financial_status,
                  std::string& currency_buf, RecordError& error) {
  const std::string who = label(row.id, row.name);
  if (row.id.empty()) return fail(error, row.name, who + " has no id");
  if (row.created_at == kNoTime) return fail(error, row.id, who + " has no readable creation time (\"created_at\")");
  currency_buf = upper(trim(currency));
  if (currency_buf.empty()) return fail(error, row.id, who + " has no currency");
  if (!is_iso4217(currency_buf))
    return fail(error, row.id, who + " has the currency \"" + std::string(currency) + "\", which is not an ISO 4217 code");
  row.currency = currency_buf;
  if (!total_given || trim(total).empty()) return fail(error, row.id, who + " has no total");
  if (!parse_money(total, row.total_milli) || row.total_milli < 0)
    return fail(error, row.id, who + " has the total \"" + std::string(total) + "\", which is not an amount");
  const std::string status = lower(trim(financial_status));
  if (refunded_given && !trim(refunded).empty()) {
    if (!parse_money(refunded, row.refunded_milli) || row.refunded_milli < 0)
      return fail(error, row.id, who + " has the refunded amount \"" + std::string(refunded) + "\", which is not an amount");
  } else if (status == "refunded") {
    row.refunded_milli = row.total_milli;  // fully refunded, amount not given
  }
  if (status == "voided") row.cancelled = true;
  return true;
}

class ShopifyOrdersAdapter final : public Adapter {
 public:
  std::string_view vendor() const override { return "shopify"; }

  int detect(const RecordProbe& p) const override {
    const bool money = p.has("total_price") || p.has("current_total_price");
    if (p.list_key == "orders" && (money || p.has("financial_status"))) return 95;
    if (p.list_key.empty() && money && (p.has("financial_status") || p.has("line_items"))) return 85;
    return 0;
  }

  std::string_view role_of(const RecordProbe&) const override { return "orders"; }

  bool ingest(object record, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    const std::string_view key = ctx.span->list_key;
    if (!key.empty() && key != "orders") return true;  // another side-load: nothing the KPIs need
    OrderRow row;
    id_.clear(), name_.clear(), email_.clear(), customer_id_.clear(), customer_email_.clear();
    total_.clear(), currency_.clear(), status_.clear(), refunded_text_.clear();
    bool total_given = false, no_offset = false, any_no_offset = false, refund_found = false;
    int64_t refunded = 0;
    for (auto f : record) {
      std::string_view k;
      value v;
      if (read_key(f, k) || f.value().get(v)) return fail(error, id_, label(id_, name_) + " is not valid JSON");
      if (k == "id") {
        if (!read_id(v, id_)) return fail(error, "", "the order's \"id\" is not an id");
      } else if (k == "name") {
        std::string_view s;
        if (read_string(v, s)) name_.assign(s);
      } else if (k == "email" || (k == "contact_email" && email_.empty())) {
        std::string_view s;
        if (read_string(v, s) && !s.empty()) email_.assign(s);
      } else if (k == "customer") {
        object c;
        if (is_null(v)) continue;
        if (v.get_object().get(c)) return fail(error, id_, label(id_, name_) + ": \"customer\" is not an object");
        for (auto cf : c) {
          std::string_view ck;
          value cv;
          if (read_key(cf, ck) || cf.value().get(cv)) return fail(error, id_, label(id_, name_) + " is not valid JSON");
          if (ck == "id") read_id(cv, customer_id_);
          else if (ck == "email") {
            std::string_view s;
            if (read_string(cv, s)) customer_email_.assign(s);
          }
        }
      } else if (k == "created_at") {
        if (!read_shop_time(v, row.created_at, no_offset))
          return fail(error, id_, label(id_, name_) + ": \"created_at\" is not a valid timestamp");
        any_no_offset |= no_offset;
      } else if (k == "updated_at") {
        if (!read_shop_time(v, row.updated_at, no_offset)) row.updated_at = kNoTime;
      } else if (k == "total_price") {
        if (!read_id(v, total_)) return fail(error, id_, label(id_, name_) + ": \"total_price\" is not an amount");
        total_given = true;
      } else if (k == "currency") {
        std::string_view s;
        if (!read_string(v, s)) return fail(error, id_, label(id_, name_) + ": \"currency\" is not a string");
        currency_.assign(s);
      } else if (k == "financial_status") {
        std::string_view s;
        if (read_string(v, s)) status_.assign(s);
      } else if (k == "cancelled_at") {
        int64_t at = kNoTime;
        if (!read_shop_time(v, at, no_offset)) return fail(error, id_, label(id_, name_) + ": \"cancelled_at\" is not a timestamp");
        row.cancelled = row.cancelled || at != kNoTime;
      } else if (k == "total_refunded" || k == "refunded_amount") {  // some exports carry the total directly
        if (!read_id(v, refunded_text_)) return fail(error, id_, label(id_, name_) + ": \"" + std::string(k) + "\" is not an amount");
      } else if (k == "refunds") {
        if (!read_refunds(v, refunded, refund_found))
          return fail(error, id_, label(id_, name_) + ": \"refunds\" is malformed (transactions need an \"amount\")");
      }
    }
    if (email_.empty()) email_ = customer_email_;
    row.id = id_;
    row.name = name_;
    row.email = email_;
    row.customer_id = customer_id_;
    const bool refunded_given = !refunded_text_.empty() || refund_found;
    if (refunded_text_.empty() && refund_found) refunded_text_ = money_text(refunded);
    if (!finish_order(row, currency_, total_, total_given, refunded_text_, refunded_given, status_, currency_buf_, error))
      return false;
    if (any_no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": " + label(id_, name_) + " has a timestamp without a zone offset; it was read as UTC",
                        id_);
    data.orders.add(row, data.strings);
    return true;
  }

  int detect_csv(const std::vector<std::string>& header) const override {
    Columns c = columns(header);
    if (c.name >= 0 && c.total >= 0 && c.created >= 0 && (c.financial >= 0 || c.currency >= 0)) return 95;
    return 0;
  }

  std::string_view csv_role(const std::vector<std::string>&) const override { return "orders"; }

  void begin_csv(const std::vector<std::string>& header, const RecordContext& ctx) override {
    FileState& f = files_[std::string(ctx.file)];
    f.columns = columns(header);
    f.names.clear();
  }

  bool ingest_csv(const CsvRecord& rec, const RecordContext& ctx, Dataset& data, RecordError& error) override {
    FileState& f = files_[std::string(ctx.file)];
    const Columns& c = f.columns;
    const std::string_view name = trim(rec.at(c.name));
    // Line items after an order's first line repeat its Name: the same order, counted once.
    if (!name.empty() && !f.names.insert(std::string(name)).second) return true;
    OrderRow row;
    id_.assign(trim(rec.at(c.id)));
    if (id_.empty()) id_.assign(name);  // no Id column: the Name identifies the order
    row.id = id_;
    row.name = name;
    row.email = rec.at(c.email);
    row.customer_id = trim(rec.at(c.customer_id));
    bool no_offset = false;
    const std::string_view created = trim(rec.at(c.created));
    if (!created.empty() && !parse_shop_time(created, row.created_at, no_offset))
      return fail(error, id_, label(id_, name) + ": \"Created at\" is not a valid timestamp (\"" + std::string(created) + "\")");
    const std::string_view cancelled = trim(rec.at(c.cancelled));
    if (!cancelled.empty()) row.cancelled = true;
    if (!finish_order(row, rec.at(c.currency), rec.at(c.total), c.total >= 0, rec.at(c.refunded), c.refunded >= 0,
                      rec.at(c.financial), currency_buf_, error))
      return false;
    if (no_offset)
      data.quality.warn("time_without_offset",
                        ctx.where() + ": " + label(id_, name) + " has a timestamp without a zone offset; it was read as UTC",
                        id_);
    data.orders.add(row, data.strings);
    return true;
  }

 private:
  struct Columns {
    int name = -1, email = -1, financial = -1, currency = -1, total = -1, created = -1, cancelled = -1, refunded = -1,
        id = -1, customer_id = -1;
  };
  struct FileState {
    Columns columns;
    std::unordered_set<std::string> names;
  };

  static Columns columns(const std::vector<std::string>& header) {
    Columns c;
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string h = lower(header[i]);
      const int col = static_cast<int>(i);
      auto set = [&](int& slot) {
        if (slot < 0) slot = col;
      };
      if (h == "name") set(c.name);
      else if (h == "email") set(c.email);
      else if (h == "financial status") set(c.financial);
      else if (h == "currency") set(c.currency);
      else if (h == "total") set(c.total);
      else if (h == "created at") set(c.created);
      else if (h == "cancelled at") set(c.cancelled);
      else if (h == "refunded amount") set(c.refunded);
      else if (h == "id") set(c.id);
      else if (h == "customer id" || h == "customer: id" || h == "customer_id") set(c.customer_id);
    }
    return c;
  }

  static std::string money_text(int64_t milli) {
    std::string s = std::to_string(milli / 1000) + ".";
    const int64_t frac = milli % 1000;
    s += static_cast<char>('0' + frac / 100);
    s += static_cast<char>('0' + frac / 10 % 10);
    s += static_cast<char>('0' + frac % 10);
    return s;
  }

  // Σ successful refund transactions (kind "refund" or absent, status "success" or absent), in thousandths.
  bool read_refunds(value v, int64_t& total, bool& found) {
    if (is_null(v)) return true;
    array refunds;
    if (v.get_array().get(refunds)) return false;
    for (auto r : refunds) {
      object ro;
      if (r.get_object().get(ro)) return false;
      for (auto rf : ro) {
        std::string_view rk;
        value rv;
        if (read_key(rf, rk) || rf.value().get(rv)) return false;
        if (rk != "transactions") continue;
        array txs;
        if (is_null(rv)) continue;
        if (rv.get_array().get(txs)) return false;
        for (auto t : txs) {
          object to;
          if (t.get_object().get(to)) return false;
          std::string amount;
          std::string_view kind, status;
          for (auto tf : to) {
            std::string_view tk;
            value tv;
            if (read_key(tf, tk) || tf.value().get(tv)) return false;
            if (tk == "amount") {
              if (!read_id(tv, amount)) return false;
            } else if (tk == "kind") {
              read_string(tv, kind);
              kind_.assign(kind);
            } else if (tk == "status") {
              read_string(tv, status);
              tx_status_.assign(status);
            }
          }
          const bool refund = kind_.empty() || kind_ == "refund";
          const bool ok = tx_status_.empty() || tx_status_ == "success";
          kind_.clear();
          tx_status_.clear();
          if (!refund || !ok) continue;
          int64_t milli;
          if (!parse_money(amount, milli) || milli < 0) return false;
          total += milli;
          found = true;
        }
      }
    }
    return true;
  }

  // Reused between records so the hot path does not allocate.
  std::string id_, name_, email_, customer_id_, customer_email_, total_, currency_, status_, refunded_text_, currency_buf_;
  std::string kind_, tx_status_;
  std::unordered_map<std::string, FileState> files_;
};

}  // namespace

std::unique_ptr<Adapter> make_shopify_orders_adapter() { return std::make_unique<ShopifyOrdersAdapter>(); }

}  // namespace hk
