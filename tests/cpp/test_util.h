// Helpers for engine-level tests: feed files (or strings) into an Engine in chunks and parse the report.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace hk_test {

using json = nlohmann::json;

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string fixture(const std::string& rel) { return std::string(HK_FIXTURES_DIR) + "/" + rel; }
inline std::string testdata(const std::string& rel) { return std::string(HK_TESTDATA_DIR) + "/" + rel; }

struct Input {
  std::string name;
  std::string bytes;
};

inline std::string report_text(const std::vector<Input>& inputs, size_t chunk = 1 << 20, const std::string& query = "{}",
                               const std::string& settings = "{}") {
  hk::Settings s;
  std::string error;
  EXPECT_TRUE(hk::parse_settings(settings, s, error)) << error;
  hk::Engine engine(s);
  for (const Input& in : inputs) {
    for (size_t at = 0; at < in.bytes.size(); at += chunk)
      engine.feed(in.name, in.bytes.data() + at, std::min(chunk, in.bytes.size() - at));
    engine.end_source(in.name);
  }
  return engine.report(query);
}

inline json report(const std::vector<Input>& inputs, size_t chunk = 1 << 20, const std::string& query = "{}",
                   const std::string& settings = "{}") {
  json j = json::parse(report_text(inputs, chunk, query, settings), nullptr, false);
  EXPECT_FALSE(j.is_discarded());
  return j;
}

inline std::vector<Input> zendesk_fixture() {
  return {{"small.json", read_file(fixture("zendesk/small.json"))},
          {"small.ticket_audits.json", read_file(fixture("zendesk/small.ticket_audits.json"))},
          {"small.satisfaction_ratings.json", read_file(fixture("zendesk/small.satisfaction_ratings.json"))}};
}

inline bool has_warning(const json& r, const std::string& code) {
  for (const auto& w : r["data_quality"]["warnings"])
    if (w["code"] == code) return true;
  return false;
}

inline std::string warning_message(const json& r, const std::string& code) {
  for (const auto& w : r["data_quality"]["warnings"])
    if (w["code"] == code) return w["message"].get<std::string>();
  return "";
}

}  // namespace hk_test
