// Reading one whole study with a handful of bulk queries.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/store/project.hpp"

#include <string>

struct sqlite3;

namespace tendril::store {

// Reads the study inside the caller's read transaction. Throws StoreError when it does not exist.
Study readStudy(sqlite3* db, const std::string& path, const std::string& name, const LoadOptions& options);

} // namespace tendril::store
