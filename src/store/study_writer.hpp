// Writing whole studies into an open write transaction.
#pragma once

#include "batch_insert.hpp"
#include "sqlite_util.hpp"

#include "tendril/core/study.hpp"
#include "tendril/store/project.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tendril::store {

// Prepares every insert once and reuses it for all studies, trials and curve points of one
// addStudies call. The caller owns the transaction; a throw leaves rows for it to roll back.
class StudyWriter {
public:
    StudyWriter(sqlite3* db, const std::string& path);

    // Adds one study and returns the name it was stored under.
    std::string add(const Study& study, NameConflict conflict);

private:
    // A parameter or metric name of the study being written, with the last trial that used it so
    // that a name given twice in one trial is caught without a per-trial set.
    struct NameSlot {
        std::int64_t id = 0;
        std::size_t lastTrial = SIZE_MAX;
        std::size_t lastCurveTrial = SIZE_MAX;
    };

    std::string chooseName(const std::string& wanted, NameConflict conflict);
    // Studies of this call stored under another name: a later study refined from one of them
    // (its parent) follows the rename, so a re-imported family stays linked to itself.
    std::unordered_map<std::string, std::string> renamed_;
    bool nameTaken(const std::string& name);
    std::int64_t insertStudyRow(const Study& study, const std::string& name);
    void insertSpace(const Study& study, std::int64_t studyId);
    void insertDeclaredMetrics(const Study& study, std::int64_t studyId);
    void insertTrial(const Study& study, std::int64_t studyId, std::size_t index);
    void insertCurve(std::int64_t trialId, int position, std::int64_t metricId, const Curve& curve);
    void insertNotes(const Study& study, std::int64_t studyId);
    NameSlot& paramSlot(std::int64_t studyId, const std::string& name);
    NameSlot& metricSlot(std::int64_t studyId, const std::string& name);
    NameSlot& slotFor(std::unordered_map<std::string, NameSlot>& slots, Statement& insert, std::int64_t studyId,
                      const std::string& name);

    [[noreturn]] void failStudy(const Study& study, const std::string& what) const;
    [[noreturn]] void failTrial(const Study& study, const Trial& trial, const std::string& what) const;

    sqlite3* db_;
    const std::string& path_;
    Statement nameTaken_;
    Statement study_;
    Statement param_;
    Statement extraParam_;
    Statement choice_;
    Statement metric_;
    Statement extraMetric_;
    Statement trial_;
    Statement curve_;
    Statement note_;
    BatchInsert trialParams_;
    BatchInsert trialMetrics_;
    BatchInsert points_;
    std::unordered_map<std::string, NameSlot> params_;   // of the study being written
    std::unordered_map<std::string, NameSlot> metrics_;  // of the study being written
};

// A JSON array of strings: the stored form of Study::command.
std::string jsonStringArray(const std::vector<std::string>& items);

} // namespace tendril::store
