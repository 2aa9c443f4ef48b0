// Shared pieces of the store tests: a scratch directory, raw SQLite access for checking what is
// really in the file, and studies that use every field of the model.
#pragma once

#include "tendril/core/study.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tendril::testing {

// A fresh directory, removed with everything in it when the object goes away.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::string file(const std::string& name) const { return (dir_ / name).string(); }
    const std::filesystem::path& path() const { return dir_; }

private:
    std::filesystem::path dir_;
};

std::string readBytes(const std::string& path);
void writeBytes(const std::string& path, const std::string& bytes);

// A plain sqlite3 connection, independent of the store, for looking at the file directly.
class RawDb {
public:
    explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ~RawDb();
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    void exec(const std::string& sql);  // fails the test on error
    std::int64_t integer(const std::string& sql);  // first column of the first row
    std::string text(const std::string& sql);  // first column of the first row; "" for NULL
    std::vector<std::string> column(const std::string& sql);  // first column of every row
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// Every reference in the file points at an existing row (PRAGMA foreign_key_check finds
// nothing) and SQLite's integrity check passes. The store writes studies with foreign-key
// enforcement off, so the tests check its work this way.
void expectConsistent(const std::string& projectPath);

// Row counts of every table of the schema, in a fixed order, for before/after comparisons.
std::vector<std::int64_t> rowCounts(const std::string& projectPath);

// "" when the studies are equal by operator==; otherwise the first field that differs, so that a
// failed comparison says more than two byte dumps.
std::string firstDifference(const Study& expected, const Study& actual);

// Appends a trial to an existing study with plain SQL, as another program writing to the file
// would: the trial row, then its params, metrics and curves with their points. Names the study does
// not use yet are added to it as undeclared parameters and metrics. Fails the test on error.
void appendTrialRows(RawDb& db, const std::string& study, const Trial& trial);

// A trial with the given id and number, completed, with one objective value.
Trial simpleTrial(const std::string& id, std::int64_t number, TrialState state, double objective,
                  const std::string& metric = "val_acc");

// A study whose trials were added out of number order, several with number 1: c (3), a1 (1),
// b (2, pruned), a2 (1), a3 (1), z (0). Read back in order they are z, a1, a2, a3, b, c.
Study shuffledNumbersStudy(const std::string& name);

// A study that uses every field of the model: every param type and value kind, NaN and infinite
// numbers, curves with and without times, an empty curve, notes, lineage fields, JSON texts.
Study richStudy(const std::string& name);

// A study of n trials with ~10 params, 3 metrics and, if curvePoints > 0, two curves.
Study generatedStudy(const std::string& name, int n, int curvePoints, unsigned seed);

} // namespace tendril::testing
