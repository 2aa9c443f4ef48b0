// CSV export: one row per trial with id, study, state, every parameter and every metric.
#pragma once

#include "tendril/core/study.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace tendril {

// Columns: id, study, state, then the union of parameter names (in order of first appearance),
// then the union of metric names. Missing values are empty cells; quoting follows RFC 4180.
void writeCsv(std::ostream& out, const std::vector<Study>& studies);
void writeCsvFile(const std::string& path, const std::vector<Study>& studies);

} // namespace tendril
