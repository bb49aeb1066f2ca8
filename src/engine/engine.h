// The engine: settings in; bytes of named sources fed in chunks; finish(); then any number of report queries, each
// recomputed from the compact store without re-parsing (SPEC §6.2). No I/O, no clocks, no exceptions.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/settings.h"
#include "ingest/adapter.h"
#include "ingest/csv_reader.h"
#include "ingest/json_splitter.h"
#include "kpi/ticket_facts.h"
#include "model/dataset.h"

namespace hk {

struct SourceInfo {
  std::string name;
  std::string vendor;  // detected or overridden; "" until known
  std::string role;    // "tickets", "audits", "tickets+users", …
  uint64_t bytes = 0;
  uint64_t records = 0;
  uint64_t skipped = 0;     // records that could not be read
  std::string error;        // fatal problem with this file, one line naming file and offset; "" if none
  bool rejected = false;    // nothing usable was read from it
};

class Engine {
 public:
  explicit Engine(Settings settings = {});
  ~Engine();

  // Feeds the next chunk of a source (a file, by name). Sources may be fed one after another or interleaved.
  void feed(std::string_view source, const char* data, size_t size);
  // No more bytes for this source: checks for truncation.
  void end_source(std::string_view source);
  // All input is in: joins events to tickets and derives per-ticket facts. Idempotent.
  void finish();

  // The report JSON of SPEC §6.1 for a query JSON ({"from","to","filters":{…}}); errors come back as
  // {"error": "..."} rather than as exceptions.
  std::string report(std::string_view query_json);
  // The per-ticket CSV for a query; a bad query gives a one-line "error: …" instead of CSV.
  std::string tickets_csv(std::string_view query_json);

  const std::vector<SourceInfo>& sources() const;
  const Dataset& dataset() const { return data_; }
  const Facts& facts() const { return facts_; }
  const Settings& settings() const { return settings_; }
  const BusinessHours* business_hours() const { return business_.enabled() ? &business_ : nullptr; }

 private:
  struct Source;
  Source& source(std::string_view name);
  void on_record(Source& s, const RecordSpan& span);
  void feed_decided(Source& s, const char* data, size_t size);  // after JSON vs CSV is known
  void on_csv_row(Source& s, const CsvRow& row);
  void report_first_error(Source& s);
  void fail_source(Source& s, const std::string& message, uint64_t offset, uint64_t line);
  void check_memory(Source& s, uint64_t offset, uint64_t line);

  Settings settings_;
  BusinessHours business_;  // built from settings_, points at settings_.zone
  Dataset data_;
  Facts facts_;
  std::vector<std::unique_ptr<Adapter>> adapters_;
  std::vector<std::unique_ptr<Source>> sources_;
  mutable std::vector<SourceInfo> infos_;
  simdjson::ondemand::parser parser_;
  simdjson::dom::parser validator_;  // RecordContext::json_error (records with ignored fields only)
  bool finished_ = false;
  uint64_t records_since_check_ = 0;
  std::string memory_stopped_in_;  // the source being read when the memory ceiling was reached; "" if it was not
};

}  // namespace hk
