// The registry of vendor adapters, in detection order.
#include "ingest/adapter.h"

namespace hk {

std::unique_ptr<Adapter> make_zendesk_adapter();
std::unique_ptr<Adapter> make_freshdesk_adapter();
std::unique_ptr<Adapter> make_gorgias_adapter();
std::unique_ptr<Adapter> make_helpscout_adapter();
std::unique_ptr<Adapter> make_intercom_adapter();
std::unique_ptr<Adapter> make_canonical_adapter();
std::unique_ptr<Adapter> make_shopify_orders_adapter();
std::unique_ptr<Adapter> make_surveys_adapter();

std::vector<std::unique_ptr<Adapter>> make_adapters() {
  std::vector<std::unique_ptr<Adapter>> adapters;
  adapters.push_back(make_zendesk_adapter());
  adapters.push_back(make_freshdesk_adapter());
  adapters.push_back(make_gorgias_adapter());
  adapters.push_back(make_helpscout_adapter());
  adapters.push_back(make_intercom_adapter());
  adapters.push_back(make_canonical_adapter());        // helpdesk-kpi/1, for any other helpdesk
  adapters.push_back(make_shopify_orders_adapter());  // orders JSON and CSV
  adapters.push_back(make_surveys_adapter());         // the canonical survey file, JSON and CSV
  return adapters;
}

std::string RecordContext::where() const {
  std::string s(file);
  if (!span) return s;
  s += ", offset " + std::to_string(span->offset) + " (line " + std::to_string(span->line) + "), record #" +
       std::to_string(span->index + 1);
  if (!span->list_key.empty()) s += " of \"" + std::string(span->list_key) + "\"";
  return s;
}

std::string RecordContext::json_error() const {
  if (!validator || !span || !span->data) return "";
  simdjson::dom::element root;
  const simdjson::error_code e = validator->parse(span->data, span->size, false).get(root);
  // A string that does not decode (a lone surrogate escape \ud800) is a bad value, not a broken structure: On-Demand
  // reads on past it, so that field alone can be ignored.
  return e && e != simdjson::STRING_ERROR ? simdjson::error_message(e) : "";
}

void warn_field_ignored(Dataset& data, const RecordContext& ctx, std::string_view ticket, std::string_view what) {
  data.quality.warn("field_ignored",
                    ctx.where() + (ticket.empty() ? "" : ", ticket " + std::string(ticket)) + ": " + std::string(what) +
                        "; the field was ignored",
                    ticket);
}

}  // namespace hk
