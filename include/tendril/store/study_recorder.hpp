// Recording a study while it runs: trials start, report points and log lines, and end, and every
// change reaches the project file as soon as the runner has read it.
//
// The runner gathers what arrived during one turn of its event loop into a RecordBatch and writes
// it with write(): one transaction per batch, so a crash of the runner loses nothing it had read,
// and a failed write leaves the file as it was. A StudyRecorder keeps the row ids of the study's
// trials and curves in memory, so appending a point is one insert and never a lookup query.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/store/project.hpp"

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tendril {

// Where a kept line of a trial's output came from.
enum class LogStream {
    Stdout,  // a line of standard output that is not a report
    Stderr,  // a line of standard error
    Runner   // what the runner says about the trial: launch, stop, exit
};

// The word a stream is stored and shown as: stdout, stderr, runner.
std::string_view toString(LogStream stream);

// One line of a trial's log.
struct TrialLogLine {
    LogStream stream = LogStream::Stdout;
    std::string text;              // valid UTF-8, without the line break
    bool malformedReport = false;  // a stdout line that looked like a report but was not valid JSON
    friend bool operator==(const TrialLogLine&, const TrialLogLine&) = default;
};

// A run of a trial begins. A new trial carries everything but its reports: id, number, params,
// iteration, parent, startStep, bracket, rung, budget, started, userAttrsJson (its state is
// recorded as running whatever trial.state says; its metrics, curves, artifacts, finished time and
// error are left out, they arrive as reports). A continuation (the same trial going on with a larger budget, or an
// interrupted one resumed) names an existing trial; its rung, budget, startStep and started are
// updated when given, its state becomes running, its finished time and error are cleared, and its
// params, number, parent and reports stay.
struct TrialStartRecord {
    Trial trial;
    bool continuation = false;
};

// One intermediate value of one metric.
struct CurvePointRecord {
    std::string trialId;
    std::string metric;
    double step = 0.0;
    double value = 0.0;                 // NaN allowed
    double seconds = std::nan("");      // wall time since the trial started, NaN when unknown
};

struct TrialLogRecord {
    std::string trialId;
    TrialLogLine line;
};

// A run ends. metrics replace the trial's final metrics (NaN allowed); artifactsJson, when not
// empty, replaces its artifacts object; error is kept for failed trials and cleared otherwise.
struct TrialEndRecord {
    std::string trialId;
    TrialState state = TrialState::Complete;
    std::vector<std::pair<std::string, double>> metrics;
    std::string error;
    std::string finished;       // ISO-8601
    std::string artifactsJson;  // JSON object text, "" to keep what the trial has
};

// Replaces a trial's artifacts object while it runs (an artifact report arrived).
struct TrialArtifactsRecord {
    std::string trialId;
    std::string artifactsJson;  // the whole JSON object
};

// Everything of one moment, applied in this order: starts, points, logs, artifacts, ends. A trial
// may start and end within one batch.
struct RecordBatch {
    std::vector<TrialStartRecord> starts;
    std::vector<CurvePointRecord> points;
    std::vector<TrialLogRecord> logs;
    std::vector<TrialArtifactsRecord> artifacts;
    std::vector<TrialEndRecord> ends;

    bool empty() const
    {
        return starts.empty() && points.empty() && logs.empty() && artifacts.empty() && ends.empty();
    }
    void clear();
};

class StudyRecorder {
public:
    // Opens an existing study of the project for recording. The project must have been opened
    // writable and must outlive the recorder; use it from one thread. Throws StoreError when the
    // study does not exist or the project is open read-only. The recorder reads the study's ids
    // once, here: while it records, nothing else may add trials or curves to the study (one runner
    // per study). Other studies, readers, and other writers of other studies are fine.
    StudyRecorder(Project& project, const std::string& study);
    ~StudyRecorder();
    StudyRecorder(const StudyRecorder&) = delete;
    StudyRecorder& operator=(const StudyRecorder&) = delete;

    const std::string& study() const;

    // Marks every running or queued trial of the study failed with this error and finished time,
    // in one transaction (a runner that died left them so); returns their ids in trial order.
    std::vector<std::string> markUnfinished(const std::string& error, const std::string& finished);

    // Writes the batch in one transaction. Throws StoreError naming the study and trial when a
    // record cannot apply (a start for an id that exists without continuation, a point, log or end
    // for an unknown trial, a name given twice in a start's params or an end's metrics); nothing of
    // the batch is written then, and the recorder goes on as if it had not been given. Also throws,
    // writing nothing, when another connection has removed the study. An empty batch does nothing.
    void write(const RecordBatch& batch);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// The log of one trial, in the order it was written. Throws StoreError when the study or trial
// does not exist.
std::vector<TrialLogLine> trialLog(const Project& project, const std::string& study, const std::string& trial);

} // namespace tendril
