// The project file: one SQLite database holding every study of a project.
//
// One writer and any number of readers may use the same file at once (WAL mode): the runner writes
// while the desktop app reads. Every operation that writes is one transaction; a failed operation
// leaves the file exactly as it was. A Project is one connection and must be used by one thread at
// a time; give each thread its own Project. docs/schema.md describes the file.
#pragma once

#include "tendril/core/study.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace tendril {

// Thrown for every store failure; what() is one line that names the file and what is wrong.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct BestTrial {
    std::string trial;  // trial id
    double value = 0.0;
};

// What lists of studies show, computed in bulk without loading trials.
struct StudySummary {
    std::int64_t id = 0;
    std::string name;
    Objective objective;
    std::string algorithm;
    std::string parent;
    std::string created;
    std::int64_t trials = 0;
    StateCounts states{};
    std::optional<BestTrial> best;  // over complete trials by the objective
};

enum class OpenMode {
    ReadOnly,        // the file must exist; nothing is written
    ReadWrite,       // the file must exist
    CreateIfMissing  // creates an empty project when the file does not exist
};

// How addStudies treats a name that is already taken.
enum class NameConflict {
    Suffix,  // import as "name-2", "name-3", ...
    Fail     // refuse the whole operation
};

struct LoadOptions {
    bool curves = true;
    bool notes = true;
    std::optional<TrialState> state;  // only trials in this state
};

// Receives one page of a paged read: the study without its trials (the same object for every
// page) and the next trials in order. The page may be changed, and trials moved out of it; the
// trials left in it are overwritten by the next page.
using TrialPageVisitor = std::function<void(const Study& header, std::vector<Trial>& page)>;

class Project {
public:
    static constexpr int kSchemaVersion = 2;

    // Opens or creates the project. Throws StoreError for a missing file (unless created), a file
    // that is not SQLite, a SQLite file that is not a Tendril project, or one from a newer schema.
    Project(const std::string& path, OpenMode mode);
    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;
    Project(Project&&) noexcept;
    Project& operator=(Project&&) noexcept;

    const std::string& path() const { return path_; }
    int schemaVersion() const;

    std::vector<StudySummary> studies() const;
    bool hasStudy(const std::string& name) const;
    std::vector<std::string> studyNames() const;

    // Loads one study with its trials (bulk queries, never one per trial). Throws when absent.
    Study loadStudy(const std::string& name, const LoadOptions& options = {}) const;

    // A page size for forEachTrialPage: large enough that the few queries per page cost nothing
    // next to reading the rows, small enough that a page of trials stays a few megabytes.
    static constexpr std::size_t kTrialPageSize = 4096;

    // Reads one study page by page: the trials loadStudy would give, in the same order, at most
    // pageSize at a time, with memory that does not grow with the study (each page reuses the
    // previous one's trials). Every page comes from the snapshot taken at the start, whatever other
    // connections commit meanwhile. A study without (selected) trials gives one empty page, so the
    // header always arrives. visit may read through this Project but not write through it: the
    // read transaction stays open until the last page. Throws when the study is absent or pageSize
    // is 0; an exception from visit ends the read and propagates.
    void forEachTrialPage(const std::string& name, const LoadOptions& options, std::size_t pageSize,
                          const TrialPageVisitor& visit) const;

    // Adds the studies in one transaction and returns the names they were stored under, in order.
    // Nothing is written when any of them fails.
    std::vector<std::string> addStudies(const std::vector<Study>& studies,
                                        NameConflict conflict = NameConflict::Suffix);

    // Removes a study and everything it holds, in one transaction.
    void removeStudy(const std::string& name);

    // A number that changes whenever another connection commits to the file; polling it is how
    // open views notice that the runner (or another process) added trials.
    std::int64_t dataVersion() const;

    sqlite3* handle() const { return db_; }

private:
    sqlite3* connection() const;  // db_, or StoreError when this Project was moved from

    std::string path_;
    sqlite3* db_ = nullptr;
};

} // namespace tendril
