// The bad-input corpus (tests/bad-input/cases.json, described in its README): loading its cases and building the bytes
// of their files. Used by the corpus test and by the stage 1 test, which reads every file of it.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace hk_test {

using ojson = nlohmann::ordered_json;

inline const std::string kCorpusDir = std::string(HK_TESTDATA_DIR) + "/../bad-input";

struct Case {
  std::string name;
  ojson spec;
};

inline std::vector<Case> load_cases() {
  const ojson manifest = ojson::parse(read_file(kCorpusDir + "/cases.json"), nullptr, false);
  std::vector<Case> cases;
  if (manifest.is_discarded() || !manifest.contains("cases")) {
    ADD_FAILURE() << kCorpusDir << "/cases.json is missing or not valid JSON";
    return cases;
  }
  for (const ojson& c : manifest["cases"]) cases.push_back({c.at("name").get<std::string>(), c});
  return cases;
}

inline std::string from_hex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    while (i < hex.size() && hex[i] == ' ') ++i;
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// One part of a file: {"text"}, {"hex"}, {"json"} (written compactly, keys in the order given), {"repeat", "count"}
// ("{i}" in the repeated text becomes 0, 1, 2, …), {"fixture", "truncate"?} or {"file"} (under tests/bad-input).
inline std::string build_part(const ojson& p) {
  if (p.contains("text")) return p["text"].get<std::string>();
  if (p.contains("hex")) return from_hex(p["hex"].get<std::string>());
  if (p.contains("json")) return p["json"].dump();
  if (p.contains("repeat")) {
    const std::string unit = p["repeat"].get<std::string>();
    const size_t count = p.at("count").get<size_t>();
    const size_t hole = unit.find("{i}");
    std::string out;
    if (hole == std::string::npos) {
      out.reserve(unit.size() * count);
      for (size_t i = 0; i < count; ++i) out += unit;
    } else {
      for (size_t i = 0; i < count; ++i) out += unit.substr(0, hole) + std::to_string(i) + unit.substr(hole + 3);
    }
    return out;
  }
  if (p.contains("fixture")) {
    std::string bytes = read_file(fixture(p["fixture"].get<std::string>()));
    EXPECT_FALSE(bytes.empty()) << "missing fixture " << p["fixture"];
    if (p.contains("truncate")) bytes.resize(std::min(bytes.size(), p["truncate"].get<size_t>()));
    return bytes;
  }
  if (p.contains("file")) return read_file(kCorpusDir + "/" + p["file"].get<std::string>());
  ADD_FAILURE() << "unknown part " << p.dump();
  return "";
}

inline std::vector<Input> build_inputs(const ojson& spec) {
  std::vector<Input> inputs;
  if (spec.value("with_zendesk_fixture", false)) inputs = zendesk_fixture();
  const ojson files = spec.value("files", ojson::array());
  for (const ojson& f : files) {
    std::string bytes;
    if (f.contains("parts"))
      for (const ojson& p : f["parts"]) bytes += build_part(p);
    else
      bytes = build_part(f);
    std::string name = f.value("name", "");
    if (name.empty() && f.contains("fixture")) name = f["fixture"].get<std::string>().substr(f["fixture"].get<std::string>().rfind('/') + 1);
    inputs.push_back({name, std::move(bytes)});
  }
  return inputs;
}

}  // namespace hk_test
