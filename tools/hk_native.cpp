// Native driver of the engine: reads files in slices (mapped, tools/file_slices.h), prints the report JSON. Used to
// compare the native build with the wasm module (same report) and by the native benchmark.
//   hk_native [--settings JSON] [--query JSON] [--chunk BYTES] FILE...
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "file_slices.h"

int main(int argc, char** argv) {
  std::string settings_json = "{}", query_json = "{}";
  size_t chunk = size_t(4) << 20;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--settings") && i + 1 < argc) settings_json = argv[++i];
    else if (!std::strcmp(argv[i], "--query") && i + 1 < argc) query_json = argv[++i];
    else if (!std::strcmp(argv[i], "--chunk") && i + 1 < argc) chunk = std::strtoull(argv[++i], nullptr, 10);
    else files.emplace_back(argv[i]);
  }
  if (files.empty() || chunk == 0) {
    std::fprintf(stderr, "usage: hk_native [--settings JSON] [--query JSON] [--chunk BYTES] FILE...\n");
    return 2;
  }
  hk::Settings settings;
  std::string error;
  if (!hk::parse_settings(settings_json, settings, error)) {
    std::fprintf(stderr, "hk_native: %s\n", error.c_str());
    return 2;
  }
  hk::Engine engine(settings);
  for (const std::string& path : files) {
    const char* slash = std::strrchr(path.c_str(), '/');
    const std::string name = slash ? slash + 1 : path;
    if (!hk_tools::for_each_slice(path, chunk, [&](const char* data, size_t n) { engine.feed(name, data, n); })) {
      std::fprintf(stderr, "hk_native: cannot read %s\n", path.c_str());
      return 1;
    }
    engine.end_source(name);
  }
  const std::string report = engine.report(query_json);
  std::fwrite(report.data(), 1, report.size(), stdout);
  std::fputc('\n', stdout);
  // The OS takes the store back at once: freeing it block by block first is work nobody waits for.
  std::fflush(stdout);
  std::_Exit(std::ferror(stdout) ? 1 : 0);
}
