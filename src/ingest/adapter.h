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

// What detection sees of a file: the list key its first record came from, the record's top-level keys, and the file's
// first bytes (up to kProbeHeadBytes; a format marker such as the canonical format's "format" key sits there).
constexpr size_t kProbeHeadBytes = 1024;
struct RecordProbe {
  std::string_view list_key;
  std::vector<std::string> keys;
  std::string_view head;
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
  // Before keeping a record with ignored fields: is all of it valid JSON? On-Demand reads only what is asked for, and
  // a field that "failed to read" may be malformed JSON (`Infinity`, a cut token) rather than a value of the wrong
  // type; then the record is not trusted at all. "" when valid, else simdjson's reason. Slow path only (a full parse).
  simdjson::dom::parser* validator = nullptr;
  std::string json_error() const;
  // Second reading of a record whose first reading guessed its kind wrong (RecordError::read_again): look at all its
  // keys before reading it.
  bool probe_first = false;
};

struct RecordError {
  std::string ticket;   // id of the ticket the record is about, when known
  std::string message;  // what is wrong, without the location
  // Warning code for records that are not tickets (orders, survey answers): "" = "invalid_record" for a ticket. With a
  // code, `ticket` holds the record's own id (an order id) and `message` names it.
  std::string code;
  // The adapter read the record as the kind it guessed (a JSONL line is most likely what the line before it was) and
  // the guess did not hold, or the reading failed: nothing was written. The engine reads it again with
  // RecordContext::probe_first, which decides its kind from all its keys first; `ticket` and `message` are unused.
  bool read_again = false;
  // A bare record (a JSONL line): the kind the adapter read it as ("tickets", "users", "audits", …), also when it was
  // skipped. "" = not said: the engine then counts it as a ticket if the file's first record was one.
  std::string_view read_as;
};

// One data row of a CSV source (orders CSV, survey CSV): the header row decides the adapter, each later row is one
// record. Column names are trimmed, as written; fields are raw (adapters trim).
struct CsvRecord {
  const std::vector<std::string>* header = nullptr;
  const std::vector<std::string_view>* fields = nullptr;
  std::string_view at(int column) const {
    return column >= 0 && static_cast<size_t>(column) < fields->size() ? (*fields)[static_cast<size_t>(column)]
                                                                       : std::string_view();
  }
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

  // CSV sources (only orders and surveys so far; JSON-only adapters keep these defaults). How sure this adapter is that
  // a CSV file with this header row is its own, and the file's role.
  virtual int detect_csv(const std::vector<std::string>& header) const { return 0; }
  virtual std::string_view csv_role(const std::vector<std::string>& header) const { return "records"; }
  // Called once per CSV source with its header row, before its first data row (sources may interleave: key any
  // per-file state by ctx.file).
  virtual void begin_csv(const std::vector<std::string>& header, const RecordContext& ctx) {}
  // Reads one data row; the same contract as ingest().
  virtual bool ingest_csv(const CsvRecord& row, const RecordContext& ctx, Dataset& data, RecordError& error) {
    error.message = "this format has no CSV form";
    return false;
  }
};

// A kept record's field that was ignored for its type or value (SPEC §7: the rest of the ticket is worth more than one
// bad field): warning "field_ignored" naming file, offset, line, record and ticket. `what` says what was wrong, e.g.
// "\"subject\" is not a readable string". Only a ticket's id and created_at are worth dropping it for.
void warn_field_ignored(Dataset& data, const RecordContext& ctx, std::string_view ticket, std::string_view what);

// Every adapter the engine knows, in detection order.
std::vector<std::unique_ptr<Adapter>> make_adapters();

}  // namespace hk
