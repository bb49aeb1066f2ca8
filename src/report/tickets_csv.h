// The per-ticket CSV export (SPEC §6.2 tickets_csv): one row per ticket passing the query's filters, with every
// computed field, RFC 4180 quoting, and text cells that start with = + - @ (or a tab/CR) prefixed with an apostrophe
// so spreadsheets do not run them as formulas.
#pragma once
#include <string>
#include <string_view>

#include "kpi/scope.h"

namespace hk {

class Engine;

std::string build_tickets_csv(const Engine& engine, const Query& query);
// One CSV cell: quoted when needed, formula-escaped when it is text.
void append_csv_text(std::string& out, std::string_view text);

}  // namespace hk
