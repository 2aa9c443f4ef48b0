// Reading everything about one study except its trials: the part of a study that whole loads and
// paged loads share, read once per load.
#pragma once

#include "tendril/core/study.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>

struct sqlite3;

namespace tendril::store {

using NamesById = std::unordered_map<std::int64_t, std::string>;

struct StudyHeader {
    Study study;          // every field but trials
    std::int64_t id = 0;  // the studies row
    // The names of every parameter and metric the study uses, declared or not, by row id: the
    // per-trial tables refer to them by id.
    NamesById paramNames;
    NamesById metricNames;
};

// Reads the header inside the caller's read transaction; notes only when asked for. Throws
// StoreError when there is no study of that name.
StudyHeader readStudyHeader(sqlite3* db, const std::string& path, const std::string& name, bool notes);

} // namespace tendril::store
