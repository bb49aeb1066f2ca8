// Native driver of the engine: reads files in chunks, prints the report JSON. Used to compare the native build with
// the wasm module (same report) and by the native benchmark.
//   hk_native [--settings JSON] [--query JSON] [--chunk BYTES] FILE...
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/engine.h"

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
  std::vector<char> buf(chunk);
  for (const std::string& path : files) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      std::fprintf(stderr, "hk_native: cannot open %s\n", path.c_str());
      return 1;
    }
    const char* slash = std::strrchr(path.c_str(), '/');
    const std::string name = slash ? slash + 1 : path;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) engine.feed(name, buf.data(), n);
    std::fclose(f);
    engine.end_source(name);
  }
  const std::string report = engine.report(query_json);
  std::fwrite(report.data(), 1, report.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}
