#include "engine/engine.h"

#include <algorithm>
#include <cstring>

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace hk {

struct Engine::Source {
  SourceInfo info;
  JsonSplitter splitter;
  Adapter* adapter = nullptr;
  std::string head;  // first bytes, to name what a non-JSON file is
  std::vector<std::string> roles;
  bool ended = false;
  explicit Source(size_t max_record) : splitter(max_record, simdjson::SIMDJSON_PADDING) {}
};

namespace {

// What a file that is not JSON probably is, from its first bytes.
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
}
Engine::~Engine() = default;

Engine::Source& Engine::source(std::string_view name) {
  for (auto& s : sources_)
    if (s->info.name == name) return *s;
  sources_.push_back(std::make_unique<Source>(static_cast<size_t>(settings_.max_record_bytes)));
  Source& s = *sources_.back();
  s.info.name = std::string(name);
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
  if (!s.info.error.empty()) return;
  if (s.head.size() < 8) s.head.append(bytes, std::min(size, 8 - s.head.size()));
  const bool ok = s.splitter.feed(bytes, size, [&](const RecordSpan& span) { on_record(s, span); });
  if (!ok) {
    const SplitError& e = s.splitter.error();
    fail_source(s, e.message + (e.offset == 0 ? sniff(s.head) : ""), e.offset, e.line);
  }
}

void Engine::end_source(std::string_view name) {
  Source& s = source(name);
  if (s.ended) return;
  s.ended = true;
  if (!s.info.error.empty()) return;
  if (!s.splitter.finish()) {
    const SplitError& e = s.splitter.error();
    fail_source(s, e.message, e.offset, e.line);
  } else if (s.info.records == 0 && s.info.skipped == 0) {
    fail_source(s, s.splitter.saw_container() ? "no records under any known list key" : "no records found", 0, 0);
  }
}

void Engine::on_record(Source& s, const RecordSpan& span) {
  if (!s.info.error.empty()) return;
  RecordContext ctx{s.info.name, &span};
  if (!span.data) {
    ++s.info.skipped;
    data_.quality.warn("record_too_large", ctx.where() + ": the record is " + std::to_string(span.size) +
                                               " bytes, more than the limit of " +
                                               std::to_string(settings_.max_record_bytes) + "; it was skipped");
    return;
  }
  simdjson::ondemand::document doc;
  simdjson::ondemand::object obj;
  auto skip = [&](const std::string& ticket, const std::string& why) {
    ++s.info.skipped;
    if (span.list_key == "tickets" || span.list_key.empty()) ++data_.quality.excluded.invalid;
    data_.quality.warn("invalid_record",
                       ctx.where() + (ticket.empty() ? "" : ", ticket " + ticket) + ": " + why + "; the record was skipped",
                       ticket);
  };
  if (parser_.iterate(span.data, span.size, span.capacity).get(doc) || doc.get_object().get(obj)) {
    skip("", "not a valid JSON object");
    return;
  }
  // The first record of each list decides the vendor (unless overridden) and names the file's role.
  const std::string key(span.list_key);
  if (span.index == 0 || !s.adapter) {
    RecordProbe probe;
    probe.list_key = span.list_key;
    bool readable = true;
    for (auto f : obj) {
      std::string_view k;
      if (f.unescaped_key().get(k)) {
        readable = false;
        break;
      }
      probe.keys.emplace_back(k);
    }
    // After an error simdjson abandons the document (its parser pointer is null): rewinding it would be undefined.
    if (!readable) return skip("", "not a valid JSON object");
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
                           "}, which no supported helpdesk (Zendesk, Freshdesk, Gorgias, Help Scout, Intercom) writes",
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
    if (doc.get_object().get(obj)) return skip("", "not a valid JSON object");
  }
  if (span.list_key == "tickets" || (span.list_key.empty() && s.info.role.find("tickets") != std::string::npos))
    ++data_.quality.tickets_read;
  RecordError err;
  if (!s.adapter->ingest(obj, ctx, data_, err)) {
    skip(err.ticket, err.message);
    return;
  }
  ++s.info.records;
}

void Engine::finish() {
  if (finished_) return;
  for (auto& s : sources_)
    if (!s->ended) end_source(s->info.name);
  finished_ = true;
  data_.finalize();
  FactsSettings fs;
  fs.automation_window_s = settings_.automation_window_hours * 3600;
  if (business_.enabled()) fs.business = &business_;
  facts_ = compute_facts(data_, fs);
  for (uint32_t t = 0; t < data_.ticket_count(); ++t) {
    const Status st = data_.status[t];
    if (st == Status::spam) ++data_.quality.excluded.spam;
    else if (st == Status::deleted) ++data_.quality.excluded.deleted;
    else if (st == Status::merged) ++data_.quality.excluded.merged;
  }
}

const std::vector<SourceInfo>& Engine::sources() const {
  infos_.clear();
  for (const auto& s : sources_) infos_.push_back(s->info);
  return infos_;
}

std::string Engine::report(std::string_view query_json) {
  finish();
  Query q;
  std::string error;
  if (!parse_query(query_json, settings_.zone, q, error)) return nlohmann::json{{"error", error}}.dump();
  return build_report(*this, q);
}

}  // namespace hk
