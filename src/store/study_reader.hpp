// Reading a study's trials with a handful of bulk queries per page, and whole studies as one page.
#pragma once

#include "sqlite_util.hpp"
#include "study_header.hpp"

#include "tendril/core/study.hpp"
#include "tendril/store/project.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tendril::store {

// Reads the trials of one study that LoadOptions select, in order (number, then insertion), a page
// at a time. It runs inside the caller's read transaction, which must stay open until the last
// page has been read, so that every page comes from one snapshot; the header must outlive it.
class TrialPageReader {
public:
    TrialPageReader(sqlite3* db, const std::string& path, const StudyHeader& header, const LoadOptions& options);

    // Replaces the contents of page with the next trials, at most maxTrials of them; false (and an
    // empty page) when none are left. The Trial objects already in page are overwritten rather
    // than destroyed and allocated again, so that reading page after page reuses the same memory.
    bool readPage(std::vector<Trial>& page, std::size_t maxTrials);

    // Trials not yet read.
    std::size_t remaining() const { return remaining_; }

private:
    sqlite3* db_;
    const std::string& path_;
    const StudyHeader& header_;
    std::optional<TrialState> state_;
    bool curves_;
    std::size_t remaining_;
    Statement trials_;  // stepped across pages: the trial rows in order
    std::vector<std::int64_t> rowIds_;  // of the current page's trials
};

// Reads a whole study inside the caller's read transaction. Throws StoreError when it does not exist.
Study readStudy(sqlite3* db, const std::string& path, const std::string& name, const LoadOptions& options);

} // namespace tendril::store
