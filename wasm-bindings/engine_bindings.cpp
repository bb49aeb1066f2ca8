// The only C++↔JS seam (SPEC §6.2): one small embind class. Bulk bytes never cross as std::string: JS copies each
// chunk into wasm memory it got from _malloc (HEAPU8.set) and passes the pointer and length. Errors are values: the
// engine reports problems in its JSON; nothing here throws.
#include <emscripten/bind.h>

#include <string>

#include "engine/engine.h"

namespace {

class WasmEngine {
 public:
  explicit WasmEngine(const std::string& settings_json) {
    hk::Settings settings;
    if (!hk::parse_settings(settings_json, settings, error_)) settings = hk::Settings{};
    engine_ = std::make_unique<hk::Engine>(settings);
  }
  // "" when the settings were fine; otherwise why they were not (defaults were used).
  std::string settingsError() const { return error_; }
  void feed(const std::string& source, uintptr_t ptr, size_t len) {
    engine_->feed(source, reinterpret_cast<const char*>(ptr), len);
  }
  void endSource(const std::string& source) { engine_->end_source(source); }
  void finish() { engine_->finish(); }
  std::string report(const std::string& query_json) { return engine_->report(query_json); }
  std::string ticketsCsv(const std::string& query_json) { return engine_->tickets_csv(query_json); }

 private:
  std::string error_;
  std::unique_ptr<hk::Engine> engine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(helpdesk_kpi) {
  emscripten::class_<WasmEngine>("Engine")
      .constructor<const std::string&>()
      .function("settingsError", &WasmEngine::settingsError)
      .function("feed", &WasmEngine::feed)
      .function("endSource", &WasmEngine::endSource)
      .function("finish", &WasmEngine::finish)
      .function("report", &WasmEngine::report)
      .function("ticketsCsv", &WasmEngine::ticketsCsv);
}
