#include "model/orders.h"

#include <algorithm>

namespace hk {

bool OrderStore::add(const OrderRow& row, StringPool& strings) {
  finalized_ = false;
  const uint32_t id = strings.intern(row.id);
  Order o;
  o.id = id;
  o.name = strings.intern(row.name);
  o.email = strings.intern(normalize_email(row.email));
  o.customer_id = strings.intern(row.customer_id);
  o.currency = strings.intern(row.currency);
  o.created_at = row.created_at;
  o.updated_at = row.updated_at;
  o.total_milli = row.total_milli;
  o.refunded_milli = row.refunded_milli;
  o.cancelled = row.cancelled;
  if (row.created_at != kNoTime && (latest == kNoTime || row.created_at > latest)) latest = row.created_at;
  auto [it, inserted] = by_id_.emplace(id, static_cast<uint32_t>(rows.size()));
  if (inserted) {
    rows.push_back(o);
    return true;
  }
  ++duplicates;
  Order& old = rows[it->second];
  if (row.updated_at != kNoTime && old.updated_at != kNoTime && row.updated_at < old.updated_at) return false;
  old = o;
  return false;
}

void OrderStore::finalize() {
  if (finalized_) return;
  finalized_ = true;
  std::stable_sort(rows.begin(), rows.end(), [](const Order& a, const Order& b) { return a.created_at < b.created_at; });
  by_id_.clear();
  for (uint32_t i = 0; i < rows.size(); ++i) by_id_.emplace(rows[i].id, i);
}

std::string normalize_email(std::string_view e) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!e.empty() && space(e.front())) e.remove_prefix(1);
  while (!e.empty() && space(e.back())) e.remove_suffix(1);
  if (e.find('@') == std::string_view::npos) return std::string();
  std::string out(e);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_iso4217(std::string_view code) {
  // Active ISO 4217 codes (list one, 2024), plus the widely used fund/precious-metal-free ones a shop can sell in.
  static const char* const kCodes[] = {
      "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
      "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
      "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
      "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
      "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
      "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
      "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
      "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC",
      "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
      "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG", "ZWL"};
  if (code.size() != 3) return false;
  for (const char* c : kCodes)
    if (code == c) return true;
  return false;
}

bool parse_money(std::string_view s, int64_t& milli) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  constexpr int64_t kMax = INT64_MAX / 1000 - 1;  // leaves room for the fraction and rounding
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  // Thousands commas must separate groups of exactly three digits ("1,234,567").
  if (whole.find(',') != std::string_view::npos) {
    size_t group = 0;
    bool first = true;
    for (size_t k = 0; k <= whole.size(); ++k) {
      if (k == whole.size() || whole[k] == ',') {
        if (first ? (group == 0 || group > 3) : group != 3) return false;
        first = false;
        group = 0;
      } else {
        ++group;
      }
    }
  }
  int64_t units = 0;
  size_t digits = 0;
  for (const char c : whole) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return false;
    if (units > (kMax - (c - '0')) / 10) return false;
    units = units * 10 + (c - '0');
    ++digits;
  }
  size_t i = dot == std::string_view::npos ? s.size() : dot;
  int64_t frac = 0;
  size_t frac_digits = 0;
  bool round_up = false;
  if (i < s.size()) {  // s[i] == '.'
    ++i;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c < '0' || c > '9') return false;
      if (frac_digits < 3) frac = frac * 10 + (c - '0');
      else if (frac_digits == 3) round_up = c >= '5';
      ++frac_digits;
    }
  }
  if (digits == 0 && frac_digits == 0) return false;
  for (size_t k = frac_digits; k < 3; ++k) frac *= 10;
  int64_t v = units * 1000 + frac + (round_up ? 1 : 0);
  milli = negative ? -v : v;
  return true;
}

}  // namespace hk
