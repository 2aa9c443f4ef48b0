// Pieces several tendril-cli commands share.
#pragma once

#include "tendril/core/types.hpp"
#include "tendril/io/json_writer.hpp"
#include "tendril/store/project.hpp"

#include <string>

namespace tendril::cli {

// Throws CommandError `study "x" not found in p.tendril (studies: a, b)` when absent.
void requireStudy(const Project& project, const std::string& name);
// "complete 100, pruned 15, failed 5" (zero counts left out; "no trials" when all are zero).
std::string stateSummary(const StateCounts& counts);
// Writes {"complete": n, ...} with all six states, for --json output.
void writeStateCounts(JsonWriter& w, const StateCounts& counts);

} // namespace tendril::cli
