// libFuzzer target: arbitrary files through the whole Engine (splitter → detection → adapter → store → facts → report).
// Built twice over: `engine_fuzz` lets detection pick the adapter (or byte 1 forces one), and `<vendor>_fuzz`
// (HK_FUZZ_VENDOR) forces one vendor so its adapter sees every record (CMakeLists.txt, fuzzing block).
// Input: byte 0 picks the chunking, byte 1 the vendor (engine_fuzz only), the rest is up to four files separated by
// the line "--8<--". Beyond ASan/UBSan: the report is valid JSON and byte-identical whatever the chunking.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "fuzz_util.h"

namespace {

constexpr std::string_view kSeparator = "\n--8<--\n";

const std::vector<std::string>& vendors() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& a : hk::make_adapters()) v.emplace_back(a->vendor());
    return v;
  }();
  return names;
}

#ifdef HK_FUZZ_VENDOR
// The adapter's file name may spell the vendor differently: "help_scout.cpp" for "helpscout", "shopify_orders.cpp"
// for "shopify".
std::string forced_vendor() {
  auto squash = [](std::string s) {
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    return s;
  };
  const std::string file = squash(HK_FUZZ_VENDOR);
  for (const std::string& v : vendors())
    if (file.rfind(squash(v), 0) == 0) return v;
  hk_fuzz::fail("HK_FUZZ_VENDOR names no adapter in make_adapters()");
}
#endif

std::string run(const std::vector<std::string_view>& files, const hk::Settings& settings, int seed) {
  hk::Engine engine(settings);
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string name = "f" + std::to_string(i) + ".json";
    if (seed < 0) {
      const std::vector<char> whole(files[i].begin(), files[i].end());
      engine.feed(name, whole.data(), whole.size());
    } else {
      hk_fuzz::feed_in_chunks(files[i], static_cast<uint8_t>(seed + i),
                              [&](const char* p, size_t n) { engine.feed(name, p, n); });
    }
    engine.end_source(name);
  }
  return engine.report("{}");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#ifdef HK_FUZZ_VENDOR
  static const std::string vendor = forced_vendor();
  const size_t header = 1;
#else
  const size_t header = 2;
#endif
  if (size < header) return 0;
  const uint8_t seed = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + header, size - header);
  std::vector<std::string_view> files;
  while (files.size() < 3) {
    const size_t cut = rest.find(kSeparator);
    if (cut == std::string_view::npos) break;
    files.push_back(rest.substr(0, cut));
    rest.remove_prefix(cut + kSeparator.size());
  }
  files.push_back(rest);

  hk::Settings settings;
  settings.max_record_bytes = (seed & 0x80) ? 1024 : size_t(1) << 20;  // 1 KiB: oversized records occur
#ifdef HK_FUZZ_VENDOR
  for (size_t i = 0; i < files.size(); ++i) settings.vendor_override["f" + std::to_string(i) + ".json"] = vendor;
#else
  const uint8_t pick = data[1] % (vendors().size() + 1);  // 0: detect from content
  if (pick > 0)
    for (size_t i = 0; i < files.size(); ++i) settings.vendor_override["f" + std::to_string(i) + ".json"] = vendors()[pick - 1];
#endif
  const std::string whole = run(files, settings, -1);
  const auto report = nlohmann::json::parse(whole, nullptr, false);
  if (report.is_discarded() || !report.is_object() || report.contains("error")) hk_fuzz::fail("report() is not a report");
  const std::string chunked = run(files, settings, seed);
  if (chunked != whole) hk_fuzz::fail_diff("the report depends on the chunking", whole, chunked);
  return 0;
}
