// The report JSON of SPEC §6.1 (schema: schema/report.schema.json).
#pragma once
#include <string>

#include "kpi/scope.h"

namespace hk {

class Engine;

constexpr int kSchemaVersion = 1;
constexpr const char* kGenerator = "helpdesk-kpi 0.1.0";

std::string build_report(const Engine& engine, const Query& query);

}  // namespace hk
