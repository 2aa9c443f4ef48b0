// What a StudyRecorder knows about its study without asking the file: the row ids of the study's
// parameter and metric names, of its trials and of their curves, and where each curve and each
// trial's log goes on. With these, appending a point or a log line is one insert.
//
// A batch that fails is rolled back in the file, so the index must forget what that batch taught
// it. It keeps a journal for the batch in progress: the earlier state of every trial the batch
// changed (saved the first time the batch touches it) and every trial and name the batch added.
// Copying only what a batch touches keeps the cost proportional to the batch, not to the study.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;

namespace tendril::store {

struct CurveSlot {
    std::int64_t metricId = 0;
    std::int64_t rowId = 0;    // curves.id
    std::int64_t nextSeq = 0;  // seq of the curve's next point
    bool hasSeconds = false;   // curves.has_seconds
};

struct TrialSlot {
    std::int64_t rowId = 0;              // trials.id
    std::int64_t nextLogSeq = 0;         // seq of the trial's next log line
    std::int64_t nextCurvePosition = 0;  // position of the trial's next curve
    std::vector<CurveSlot> curves;       // few per trial, so a linear search beats hashing
    std::uint64_t savedInBatch = 0;      // the last batch whose journal holds this slot's earlier state

    // The curve of a metric, or nullptr when the trial has none yet.
    CurveSlot* curveOf(std::int64_t metricId);
};

class RecorderIndex {
public:
    // Reads the ids of the study with a fixed handful of queries, whatever its number of trials
    // and curves, inside the caller's read transaction. Throws StoreError when there is no study of
    // that name.
    RecorderIndex(sqlite3* db, const std::string& path, const std::string& study);

    std::int64_t studyId() const { return studyId_; }

    // Starts the journal of a batch; commitBatch forgets it once the file has the batch, and
    // rollbackBatch restores everything the batch changed.
    void beginBatch();
    void commitBatch();
    void rollbackBatch();

    bool hasTrial(const std::string& key) const { return trials_.count(key) != 0; }
    // The slot of a trial, to read; nullptr when the study has no such trial.
    const TrialSlot* findTrial(const std::string& key) const;
    // The slot of a trial, to be changed by the batch in progress (its earlier state is saved the
    // first time); nullptr when the study has no such trial.
    TrialSlot* trialForUpdate(const std::string& key);
    // A trial the batch in progress inserted.
    TrialSlot& addTrial(const std::string& key, std::int64_t rowId);

    // The row id of a parameter or metric name, or 0 when the study does not use it yet (row ids
    // start at 1); addParam/addMetric record one the batch in progress inserted.
    std::int64_t paramId(const std::string& name) const { return idOf(params_, name); }
    std::int64_t metricId(const std::string& name) const { return idOf(metrics_, name); }
    void addParam(const std::string& name, std::int64_t id);
    void addMetric(const std::string& name, std::int64_t id);

private:
    using NameIds = std::unordered_map<std::string, std::int64_t>;
    static std::int64_t idOf(const NameIds& names, const std::string& name);
    void load(sqlite3* db, const std::string& path, const std::string& study);
    void clearJournal();

    std::int64_t studyId_ = 0;
    NameIds params_;
    NameIds metrics_;
    std::unordered_map<std::string, TrialSlot> trials_;

    // The journal of the batch in progress.
    std::uint64_t batch_ = 0;
    std::vector<std::pair<std::string, TrialSlot>> savedTrials_;
    std::vector<std::string> addedTrials_;
    std::vector<std::string> addedParams_;
    std::vector<std::string> addedMetrics_;
};

} // namespace tendril::store
