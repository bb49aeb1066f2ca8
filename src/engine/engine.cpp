#include "engine/engine.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <nlohmann/json.hpp>

#include "ingest/json_read.h"
#include "ingest/simd_stage1.h"
#include "kpi/customers.h"
#include "kpi/kpis.h"
#include "report/report.h"
#include "report/tickets_csv.h"

namespace hk {

struct Engine::Source {
  SourceInfo info;
  JsonSplitter splitter;
  Adapter* adapter = nullptr;
  std::string head;  // first bytes: to name what a non-JSON file is, and for detection (RecordProbe::head)
  // A JSON error at offset 0 waits for the first kSniffBytes (or the end of the file) before it is reported, so the
  // hint naming what the file is ("it is a ZIP archive…") does not depend on how small the first chunk was.
  bool error_waits_for_head = false;
  SplitError first_error;
  std::vector<std::string> roles;
  bool ended = false;
  // CSV sources (orders, surveys): JSON or CSV is decided from the first line (sniff_text_format); until then the
  // bytes wait in `pending` (at most one line). A CSV source goes through `csv` instead of `splitter`.
  TextFormat format = TextFormat::undecided;
  std::string pending;
  std::unique_ptr<CsvReader> csv;
  std::vector<std::string> csv_header;
  uint32_t index = 0;  // order of first appearance (locations compare by name, not by this)
  explicit Source(size_t max_record) : splitter(max_record, simdjson::SIMDJSON_PADDING) {}
};

namespace {

// The ticket a record is about, read from its raw bytes when simdjson or the adapter could not say: its "ticket_id"
// (audits, ratings), else its "id" when it sits in a tickets list.
std::string record_ticket(const RecordSpan& span, bool ticket_list) {
  const std::string_view raw = span.data ? std::string_view(span.data, span.size) : span.head;
  std::string id = scan_top_level_field(raw, "ticket_id");
  if (id.empty() && ticket_list) id = scan_top_level_field(raw, "id");
  return id;
}

// simdjson's default maximum depth: a record nested deeper cannot be read.
constexpr size_t kMaxRecordDepth = simdjson::DEFAULT_MAX_DEPTH;

// What a file that is not JSON probably is, from its first bytes (at most kSniffBytes).
constexpr size_t kSniffBytes = 8;
std::string sniff(const std::string& head) {
  auto starts = [&](const char* magic, size_t n) { return head.size() >= n && std::memcmp(head.data(), magic, n) == 0; };
  if (starts("\x1f\x8b", 2)) return " (it is gzip-compressed: name it .gz so it is decompressed first)";
  if (starts("\x89PNG", 4)) return " (it is a PNG image)";
  if (starts("PK\x03\x04", 4)) return " (it is a ZIP archive: extract the JSON files first)";
  if (starts("%PDF", 4)) return " (it is a PDF document)";
  if (starts("\xff\xfe", 2) || starts("\xfe\xff", 2)) return " (it is UTF-16 text: save the export as UTF-8)";
  if (!head.empty() && (head[0] == '<')) return " (it looks like HTML or XML)";
  return "";
}

}  // namespace

Engine::Engine(Settings settings) : settings_(std::move(settings)), adapters_(make_adapters()) {
  if (settings_.has_business_hours) business_ = BusinessHours(settings_.weekly, settings_.holidays, &settings_.zone);
  // Where simdjson's stage 1 would run byte by byte (wasm), ours runs 64 bytes at a time. HK_OWN_STAGE1=1 makes a
  // native build use it too: the tests that read exports run through it a second time (scripts/run-tests.sh).
  const char* force = std::getenv("HK_OWN_STAGE1");
  if (simdjson_stage1_is_scalar() || (force && *force == '1')) use_own_stage1(parser_);
}
Engine::~Engine() = default;

Engine::Source& Engine::source(std::string_view name) {
  for (auto& s : sources_)
    if (s->info.name == name) return *s;
  sources_.push_back(std::make_unique<Source>(static_cast<size_t>(settings_.max_record_bytes)));
  Source& s = *sources_.back();
  s.info.name = std::string(name);
  s.index = static_cast<uint32_t>(sources_.size() - 1);
  auto o = settings_.vendor_override.find(s.info.name);
  if (o != settings_.vendor_override.end()) {
    for (auto& a : adapters_)
      if (a->vendor() == o->second) s.adapter = a.get();
    if (!s.adapter) fail_source(s, "unknown vendor \"" + o->second + "\" in the settings", 0, 0);
    else s.info.vendor = o->second;
  }
  return s;
}

void Engine::fail_source(Source& s, const std::string& message, uint64_t offset, uint64_t line) {
  if (!s.info.error.empty()) return;
  data_.set_location(s.index, s.info.name, offset);
  s.info.error = s.info.name + ": " + message;
  if (offset || line) s.info.error += " (offset " + std::to_string(offset) + ", line " + std::to_string(line) + ")";
  s.info.rejected = s.info.records == 0;
  data_.quality.warn(s.info.rejected ? "file_rejected" : "file_incomplete",
                     s.info.error + (s.info.rejected ? "; the file was not used" : "; the records before it were kept"));
}

void Engine::feed(std::string_view name, const char* bytes, size_t size) {
  if (finished_) return;
  Source& s = source(name);
  if (s.ended) return;
  s.info.bytes += size;  // every byte given, also after a fatal error: the figure must not depend on the chunking
  if (s.head.size() < kProbeHeadBytes) s.head.append(bytes, std::min(size, kProbeHeadBytes - s.head.size()));
  if (s.error_waits_for_head) {
    if (s.head.size() >= kSniffBytes) report_first_error(s);
    return;
  }
  if (!s.info.error.empty()) return;
  if (!memory_stopped_in_.empty())
    return fail_source(s, "too large for this browser: not read, because the memory limit was reached while reading " +
                              memory_stopped_in_, 0, 0);
  if (s.format == TextFormat::undecided) {  // hold the first bytes back until JSON vs CSV is known
    s.pending.append(bytes, size);
    if ((s.format = sniff_text_format(s.pending, false)) == TextFormat::undecided) return;
    std::string first;
    first.swap(s.pending);
    feed_decided(s, first.data(), first.size());
    return;
  }
  feed_decided(s, bytes, size);
}

void Engine::feed_decided(Source& s, const char* bytes, size_t size) {
  if (s.format == TextFormat::csv) {
    if (!s.csv) s.csv = std::make_unique<CsvReader>(static_cast<size_t>(settings_.max_record_bytes));
    if (!s.csv->feed(bytes, size, [&](const CsvRow& row) { on_csv_row(s, row); }))
      fail_source(s, "CSV: " + s.csv->error().message, s.csv->error().offset, s.csv->error().line);
    return;
  }
  const bool ok = s.splitter.feed(bytes, size, [&](const RecordSpan& span) { on_record(s, span); });
  if (!ok) {
    const SplitError& e = s.splitter.error();
    if (e.offset != 0) return fail_source(s, e.message, e.offset, e.line);
    s.first_error = e;
    s.error_waits_for_head = true;
    if (s.head.size() >= kSniffBytes || s.ended) report_first_error(s);
  }
}

void Engine::report_first_error(Source& s) {
  s.error_waits_for_head = false;
  fail_source(s, s.first_error.message + sniff(s.head), s.first_error.offset, s.first_error.line);
}

void Engine::end_source(std::string_view name) {
  Source& s = source(name);
  if (s.ended) return;
  s.ended = true;
  if (s.error_waits_for_head) report_first_error(s);
  if (!s.info.error.empty()) return;
  if (s.format == TextFormat::undecided) {  // a short file: decide on what there is
    s.format = sniff_text_format(s.pending, true);
    std::string first;
    first.swap(s.pending);
    feed_decided(s, first.data(), first.size());
    if (!s.info.error.empty()) return;
  }
  if (s.format == TextFormat::csv) {
    if (!s.csv) s.csv = std::make_unique<CsvReader>(static_cast<size_t>(settings_.max_record_bytes));
    if (!s.csv->finish([&](const CsvRow& row) { on_csv_row(s, row); }))
      fail_source(s, "CSV: " + s.csv->error().message, s.csv->error().offset, s.csv->error().line);
    else if (s.info.error.empty() && s.info.records == 0 && s.info.skipped == 0)
      fail_source(s, s.csv->rows() <= 1 ? "the CSV file has a header but no data rows" : "no records found", 0, 0);
    return;
  }
  if (!s.splitter.finish()) {
    const SplitError& e = s.splitter.error();
    fail_source(s, e.message, e.offset, e.line);
  } else if (s.info.records == 0 && s.info.skipped == 0) {
    const uint64_t scalars = s.splitter.non_object_elements();
    fail_source(s,
                scalars ? "no records found: the " + std::to_string(scalars) + " array elements are not objects"
                : s.splitter.saw_container() ? "no records under any known list key"
                                             : "no records found",
                0, 0);
  }
}

void Engine::on_record(Source& s, const RecordSpan& span) {
  if (!s.info.error.empty()) return;
  data_.set_location(s.index, s.info.name, span.offset);
  RecordContext ctx{s.info.name, &span};
  ctx.validator = &validator_;
  // Tickets that cannot be read still count as read and as invalid (data_quality), like those an adapter rejects.
  const bool ticket_list = span.list_key == "tickets" || span.list_key.empty();
  if (!span.data && !span.cut) {
    ++s.info.skipped;
    if (ticket_list) ++data_.quality.tickets_read, ++data_.quality.excluded.invalid;
    const std::string ticket = record_ticket(span, ticket_list);  // from the record's first bytes
    data_.quality.warn("record_too_large",
                       ctx.where() + (ticket.empty() ? "" : ", ticket " + ticket) + ": the record is " +
                           std::to_string(span.size) + " bytes, more than the limit of " +
                           std::to_string(settings_.max_record_bytes) + "; it was skipped",
                       ticket);
    return;
  }
  simdjson::ondemand::document doc;
  simdjson::ondemand::object obj;
  // `invalid_ticket`: the record counts as an invalid ticket (data_quality.excluded.invalid).
  auto skip = [&](const std::string& ticket, const std::string& why, const std::string& code = std::string(),
                  bool invalid_ticket = true) {
    ++s.info.skipped;
    if (!code.empty()) {  // not a ticket (an order, a survey answer): its own code, its id already in `why`
      data_.quality.warn(code, ctx.where() + ": " + why + "; the record was skipped", ticket);
      return;
    }
    if (invalid_ticket && (span.list_key == "tickets" || span.list_key.empty())) ++data_.quality.excluded.invalid;
    data_.quality.warn("invalid_record",
                       ctx.where() + (ticket.empty() ? "" : ", ticket " + ticket) + ": " + why + "; the record was skipped",
                       ticket);
  };
  // A record simdjson cannot read: say why, and which ticket it was when a plain scan can still tell.
  auto unreadable = [&](simdjson::error_code e) {
    if (ticket_list) ++data_.quality.tickets_read;
    skip(record_ticket(span, ticket_list), e == simdjson::INCORRECT_TYPE
                                               ? std::string("not a JSON object")
                                               : std::string("not valid JSON: ") + simdjson::error_message(e));
  };
  if (span.cut) {
    if (ticket_list) ++data_.quality.tickets_read;
    return skip(record_ticket(span, ticket_list), "the line ends before the record does (a cut or broken JSONL line)");
  }
  // simdjson's own depth limit, checked up front from the splitter's count: the same message for every record too
  // deep, whatever its type, and no deep value is ever walked.
  if (span.depth > kMaxRecordDepth) {
    if (ticket_list) ++data_.quality.tickets_read;
    return skip(record_ticket(span, ticket_list), "not valid JSON: it is nested " + std::to_string(span.depth) +
                                                      " levels deep, more than " + std::to_string(kMaxRecordDepth));
  }
  simdjson::error_code parse_error = parser_.iterate(span.data, span.size, span.capacity).get(doc);
  if (!parse_error) parse_error = doc.get_object().get(obj);
  if (parse_error) return unreadable(parse_error);
  // The first record of each list decides the vendor (unless overridden) and names the file's role.
  const std::string key(span.list_key);
  if (span.index == 0 || !s.adapter || s.info.role.empty()) {  // (a broken first record leaves the role unknown)
    RecordProbe probe;
    probe.list_key = span.list_key;
    // Only the bytes before this record, so detection never depends on how the file was chunked.
    probe.head = std::string_view(s.head).substr(0, std::min<uint64_t>(s.head.size(), span.offset));
    for (auto f : obj) {
      std::string_view k;
      if ((parse_error = f.unescaped_key().get(k))) break;
      probe.keys.emplace_back(k);
    }
    // After an error simdjson abandons the document (its parser pointer is null): rewinding it would be undefined.
    if (parse_error) return unreadable(parse_error);
    if (!s.adapter) {
      int best = 0;
      for (auto& a : adapters_) {
        const int score = a->detect(probe);
        if (score > best) best = score, s.adapter = a.get();
      }
      if (!s.adapter) {
        std::string keys;
        for (size_t i = 0; i < probe.keys.size() && i < 8; ++i) keys += (i ? ", " : "") + probe.keys[i];
        fail_source(s, "unknown export format: the first record" +
                           (span.list_key.empty() ? std::string() : " under \"" + key + "\"") + " has the keys {" + keys +
                           "}, which no supported helpdesk (Zendesk, Freshdesk, Gorgias, Help Scout, Intercom) writes; other helpdesks can "
                           "be converted to the canonical format (docs/formats/canonical.md)",
                    span.offset, span.line);
        return;
      }
      s.info.vendor = std::string(s.adapter->vendor());
    }
    std::string role(s.adapter->role_of(probe));
    if (std::find(s.roles.begin(), s.roles.end(), role) == s.roles.end()) {
      s.roles.push_back(role);
      s.info.role = s.info.role.empty() ? role : s.info.role + "+" + role;
    }
    doc.rewind();
    if ((parse_error = doc.get_object().get(obj))) return unreadable(parse_error);
  }
  RecordError err;
  const uint64_t duplicates = data_.quality.excluded.duplicate;
  bool ingested = s.adapter->ingest(obj, ctx, data_, err);
  if (!ingested && err.read_again) {  // the adapter's guess of the record's kind failed: read it from the start
    err = RecordError();
    ctx.probe_first = true;
    parse_error = parser_.iterate(span.data, span.size, span.capacity).get(doc);
    if (!parse_error) parse_error = doc.get_object().get(obj);
    if (parse_error) return unreadable(parse_error);
    ingested = s.adapter->ingest(obj, ctx, data_, err);
  }
  // A ticket read (data_quality.tickets_read): a record of a tickets list, or a bare record (JSONL) the adapter read as
  // a ticket; when it does not say, any bare record of a file whose first record was a ticket.
  const bool a_ticket = span.list_key == "tickets" ||
                        (span.list_key.empty() && (err.read_as.empty() ? s.info.role.find("tickets") != std::string::npos
                                                                       : err.read_as == "tickets"));
  if (a_ticket) ++data_.quality.tickets_read;
  if (!ingested) {
    skip(err.ticket.empty() && err.code.empty() ? record_ticket(span, ticket_list) : err.ticket, err.message, err.code,
         a_ticket || (span.list_key.empty() && err.read_as.empty()));
    return;
  }
  if (data_.quality.excluded.duplicate > duplicates) {
    // Named by the ticket's two smallest locations, counted at the later one: the same words whatever the file order.
    const std::string id(data_.text(data_.last_duplicate));
    auto where = [&](const RowOrigin& o) {
      return sources_[o.source]->info.name + " (offset " + std::to_string(o.offset) + ")";
    };
    data_.set_location(data_.last_duplicate_second.source, sources_[data_.last_duplicate_second.source]->info.name,
                       data_.last_duplicate_second.offset);
    data_.quality.warn("duplicate_ticket",
                       "ticket " + id + " appears more than once, in " + where(data_.last_duplicate_first) + " and in " +
                           where(data_.last_duplicate_second) +
                           "; the copy with the latest \"updated_at\" is kept (on a tie, the one in the file whose name "
                           "sorts last)",
                       id);
  }
  ++s.info.records;
  check_memory(s, span.offset, span.line);
}

// The memory ceiling (settings.max_memory_bytes), checked every 256 records: past it, this file stops here and later
// files are not read, but everything read so far stays in the report. Better a named, partial report than a dead tab.
void Engine::check_memory(Source& s, uint64_t offset, uint64_t line) {
  if (settings_.max_memory_bytes == 0 || ++records_since_check_ < 256) return;
  records_since_check_ = 0;
  const uint64_t used = data_.memory_bytes();
  if (used <= settings_.max_memory_bytes) return;
  auto mib = [](uint64_t b) { return std::to_string((b + (1 << 19)) >> 20) + " MiB"; };
  const std::string read = std::to_string(s.info.records) + " records";
  fail_source(s, "too large for this browser: the data read so far needs about " + mib(used) +
                     ", over the memory limit of " + mib(settings_.max_memory_bytes) +
                     " (setting max_memory_bytes); reading stopped after " + read + " of this file, which are kept and "
                     "reported with everything read before; the rest of this file and any later files were not read",
              offset, line);
  memory_stopped_in_ = s.info.name;
}

// One row of a CSV source: row 0 is the header (it picks the adapter, like a JSON file's first record), every later
// row is one record. Locations name the file, offset and line; records are numbered from 1 after the header.
void Engine::on_csv_row(Source& s, const CsvRow& row) {
  if (!s.info.error.empty()) return;
  data_.set_location(s.index, s.info.name, row.offset);
  RecordSpan span;
  span.offset = row.offset;
  span.line = row.line;
  span.index = row.index == 0 ? 0 : row.index - 1;
  RecordContext ctx{s.info.name, &span};
  if (row.index == 0) {
    if (row.oversized) return fail_source(s, "the CSV header row is larger than the record limit", row.offset, row.line);
    for (std::string_view f : *row.fields) {
      while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
      while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.remove_suffix(1);
      s.csv_header.emplace_back(f);
    }
    if (!s.adapter) {
      int best = 0;
      for (auto& a : adapters_) {
        const int score = a->detect_csv(s.csv_header);
        if (score > best) best = score, s.adapter = a.get();
      }
      if (!s.adapter) {
        std::string names;
        for (size_t i = 0; i < s.csv_header.size() && i < 8; ++i) names += (i ? ", " : "") + s.csv_header[i];
        return fail_source(s, "unknown CSV format: the header has the columns {" + names +
                                  "}, which is neither a Shopify orders export nor a survey file (docs/formats/surveys.md)",
                           row.offset, row.line);
      }
      s.info.vendor = std::string(s.adapter->vendor());
    }
    s.info.role = std::string(s.adapter->csv_role(s.csv_header));
    s.adapter->begin_csv(s.csv_header, ctx);
    return;
  }
  if (row.oversized) {
    ++s.info.skipped;
    data_.quality.warn("record_too_large", ctx.where() + ": the row is " + std::to_string(row.size) +
                                               " bytes, more than the limit of " +
                                               std::to_string(settings_.max_record_bytes) + "; it was skipped");
    return;
  }
  CsvRecord record{&s.csv_header, row.fields};
  RecordError err;
  if (!s.adapter->ingest_csv(record, ctx, data_, err)) {
    ++s.info.skipped;
    data_.quality.warn(err.code.empty() ? "invalid_record" : err.code,
                       ctx.where() + ": " + err.message + "; the record was skipped", err.ticket);
    return;
  }
  ++s.info.records;
  check_memory(s, row.offset, row.line);
}

void Engine::finish() {
  if (finished_) return;
  for (auto& s : sources_)
    if (!s->ended) end_source(s->info.name);
  finished_ = true;
  data_.clear_location();
  data_.finalize();
  if (!settings_.automation_authors.empty()) data_.treat_as_automation(settings_.automation_authors);
  FactsSettings fs;
  fs.automation_window_s = settings_.automation_window_hours * 3600;
  if (business_.enabled()) fs.business = &business_;
  facts_ = compute_facts(data_, fs);
  index_requesters(data_, facts_);
  index_repeat_contacts(data_, facts_, settings_.repeat_contact_days * 86400, data_end(data_, facts_, settings_));
  index_subject_keywords(data_, facts_);
  index_agents(data_, facts_);
  index_consistency(data_, facts_);
  index_ranked_durations(facts_, settings_.has_business_hours);
  index_volume_keys(data_, facts_, settings_.zone);
  index_rating_anchors(data_, facts_);
  for (uint32_t t = 0; t < data_.ticket_count(); ++t) {
    const Status st = data_.status[t];
    if (st == Status::spam) ++data_.quality.excluded.spam;
    else if (st == Status::deleted) ++data_.quality.excluded.deleted;
    else if (st == Status::merged) ++data_.quality.excluded.merged;
  }
}

const std::vector<SourceInfo>& Engine::sources() const {
  // By name (byte order), not in the order given: the report must not depend on it.
  infos_.clear();
  for (const auto& s : sources_) infos_.push_back(s->info);
  std::sort(infos_.begin(), infos_.end(), [](const SourceInfo& a, const SourceInfo& b) { return a.name < b.name; });
  return infos_;
}

std::string Engine::report(std::string_view query_json) {
  finish();
  Query q;
  std::string error;
  if (!parse_query(query_json, settings_.zone, q, error)) return nlohmann::json{{"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return build_report(*this, q);
}

}  // namespace hk

namespace hk {

std::string Engine::tickets_csv(std::string_view query_json) {
  finish();
  Query q;
  std::string error;
  if (!parse_query(query_json, settings_.zone, q, error)) return "error: " + error + "\n";
  return build_tickets_csv(*this, q);
}

}  // namespace hk
