// CSV export: one row per trial with id, study, state, every parameter and every metric.
#pragma once

#include "tendril/core/study.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace tendril {

// Columns: id, study, state, then the union of parameter names (in order of first appearance, a
// study's declared parameters in their declared order first), then the union of metric names.
// Missing values are empty cells; non-finite numbers are NaN, Infinity, -Infinity; quoting follows
// RFC 4180; rows end with "\n". Errors are std::runtime_error naming the path. The file version
// writes a temporary file in the same folder and renames it, so a failure leaves no partial file.
void writeCsv(std::ostream& out, const std::vector<Study>& studies);
void writeCsvFile(const std::string& path, const std::vector<Study>& studies);

} // namespace tendril
