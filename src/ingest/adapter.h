// The seam between vendor knowledge and the engine: one Adapter per helpdesk translates that vendor's records into the
// canonical Dataset. Adding a helpdesk = one adapter file + its fixture + its test (STYLE.md).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/json_splitter.h"
#include "ingest/simdjson_config.h"
#include "model/dataset.h"

namespace hk {

// What detection sees of a file: the list key its first record came from and the record's top-level keys.
struct RecordProbe {
  std::string_view list_key;
  std::vector<std::string> keys;
  bool has(std::string_view k) const {
    for (const auto& key : keys)
      if (key == k) return true;
    return false;
  }
};

// Where a record came from, for messages that name the file, the offset/line and the ticket (SPEC §7).
struct RecordContext {
  std::string_view file;
  const RecordSpan* span = nullptr;
  std::string where() const;  // "tickets.json, offset 1234 (line 56), record #7 of \"tickets\""
};

struct RecordError {
  std::string ticket;   // id of the ticket the record is about, when known
  std::string message;  // what is wrong, without the location
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual std::string_view vendor() const = 0;
  // How sure this adapter is that a record like `probe` is its own: 0 = not mine, 100 = certain.
  virtual int detect(const RecordProbe& probe) const = 0;
  // The role of such a record in the export ("tickets", "users", "audits", "ratings", …), for the sources listing.
  virtual std::string_view role_of(const RecordProbe& probe) const = 0;
  // Reads one record into the dataset. Returns false and fills `error` when the record must be skipped; a record
  // either lands whole or not at all.
  virtual bool ingest(simdjson::ondemand::object record, const RecordContext& ctx, Dataset& data, RecordError& error) = 0;
};

// Every adapter the engine knows, in detection order.
std::vector<std::unique_ptr<Adapter>> make_adapters();

}  // namespace hk
