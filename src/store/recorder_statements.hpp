// The SQL of a StudyRecorder: every statement prepared once when the recorder opens and reused by
// every batch, each behind a function that binds all of its parameters.
#pragma once

#include "batch_insert.hpp"
#include "sqlite_util.hpp"

#include "tendril/core/trial.hpp"
#include "tendril/store/study_recorder.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tendril::store {

// Runs inside the caller's write transaction. Points and log lines are queued and inserted many
// rows per statement; flush() writes them before the commit, and discard() drops them when the
// transaction is rolled back instead. Their text is not copied, so the records they came from
// must stay alive until then.
class RecorderStatements {
public:
    RecorderStatements(sqlite3* db, const std::string& path);

    // Whether the study row is still there under this name: another connection may have removed it
    // while this one was recording, and the ids the recorder holds would then refer to nothing.
    bool studyExists(std::int64_t studyId, const std::string& name);

    std::int64_t insertParamName(std::int64_t studyId, const std::string& name);
    std::int64_t insertMetricName(std::int64_t studyId, const std::string& name);

    // Inserts a new trial in the running state with its identity, lineage and start time, without
    // its params, and returns its row id.
    std::int64_t insertTrial(std::int64_t studyId, const Trial& trial);
    void insertTrialParam(std::int64_t trialRow, std::int64_t position, std::int64_t paramId, const Value& value);
    // Makes a trial running again, taking rung, budget, start step and start time from `trial` where
    // it gives them, and clears its finished time and error.
    void continueTrial(std::int64_t trialRow, const Trial& trial);

    std::int64_t insertCurve(std::int64_t trialRow, std::int64_t position, std::int64_t metricId, bool hasSeconds);
    void markCurveTimed(std::int64_t curveRow);
    void queuePoint(std::int64_t curveRow, std::int64_t seq, const CurvePointRecord& point);
    void queueLogLine(std::int64_t trialRow, std::int64_t seq, const TrialLogLine& line);

    void setArtifacts(std::int64_t trialRow, std::string_view json);
    // Sets state, finished time, error (as given: the caller decides whether to keep one) and, when
    // not empty, the artifacts.
    void endTrial(std::int64_t trialRow, const TrialEndRecord& end, std::string_view error);
    void clearFinalMetrics(std::int64_t trialRow);
    void insertFinalMetric(std::int64_t trialRow, std::int64_t position, std::int64_t metricId, double value);

    void flush();
    void discard();

private:
    sqlite3* db_;
    Statement studyExists_;
    Statement paramName_;
    Statement metricName_;
    Statement trial_;
    Statement trialParam_;
    Statement continue_;
    Statement curve_;
    Statement curveTimed_;
    Statement artifacts_;
    Statement end_;
    Statement clearMetrics_;
    Statement metric_;
    BatchInsert points_;
    BatchInsert logLines_;
};

} // namespace tendril::store
