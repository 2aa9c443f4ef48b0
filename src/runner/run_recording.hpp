// Batching what the trials print into the project. Everything read during one turn of the event
// loop goes into one RecordBatch, written as one transaction by a zero-delay timer at the end of
// that turn (or at once when the batch grows past a threshold), so a line read is in the file
// within one loop turn and a fast script costs one transaction per read, not one per line.
#pragma once

#include "tendril/store/study_recorder.hpp"

#include <QTimer>

#include <cstddef>
#include <functional>
#include <string>

namespace tendril::runner {

class RunRecording {
public:
    // onError is called once, with a one-line message, when a write fails; every record after
    // that is dropped (the runner stops the study then).
    RunRecording(StudyRecorder& recorder, std::function<void(const std::string&)> onError);
    RunRecording(const RunRecording&) = delete;
    RunRecording& operator=(const RunRecording&) = delete;

    void start(TrialStartRecord record);
    void point(CurvePointRecord record);
    void log(const std::string& trialId, TrialLogLine line);
    void artifacts(TrialArtifactsRecord record);
    void end(TrialEndRecord record);

    // Writes what is pending now. False when the project could not be written (now or before).
    bool flush();
    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }

    // Records written so far, by kind (for benchmarks and tests).
    std::size_t pointsWritten() const { return pointsWritten_; }
    std::size_t batchesWritten() const { return batchesWritten_; }

    // A batch this large is written without waiting for the end of the loop turn, to bound memory.
    static constexpr std::size_t kMaxPending = 10000;

private:
    void added();

    StudyRecorder& recorder_;
    std::function<void(const std::string&)> onError_;
    RecordBatch batch_;
    std::size_t pending_ = 0;
    bool scheduled_ = false;
    QTimer timer_;
    std::string error_;
    std::size_t pointsWritten_ = 0;
    std::size_t batchesWritten_ = 0;
};

} // namespace tendril::runner
