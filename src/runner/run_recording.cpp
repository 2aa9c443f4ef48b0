#include "run_recording.hpp"

#include <algorithm>
#include <exception>

namespace tendril::runner {

RunRecording::RunRecording(StudyRecorder& recorder, std::function<void(const std::string&)> onError)
    : recorder_(recorder), onError_(std::move(onError))
{
    timer_.setSingleShot(true);
    timer_.setInterval(0);
    QObject::connect(&timer_, &QTimer::timeout, [this] {
        scheduled_ = false;
        flush();
    });
}

void RunRecording::added()
{
    if (++pending_ >= kMaxPending) {
        flush();
        return;
    }
    if (!scheduled_) {
        scheduled_ = true;
        timer_.start();
    }
}

void RunRecording::start(TrialStartRecord record)
{
    if (failed())
        return;
    // A batch applies starts before ends; a run that ended in this batch and goes on right away
    // (a promoted configuration) must see its end written first, or the end would undo the start.
    const std::string& id = record.trial.id;
    if (std::any_of(batch_.ends.begin(), batch_.ends.end(), [&](const TrialEndRecord& e) { return e.trialId == id; }))
        flush();
    batch_.starts.push_back(std::move(record));
    added();
}

void RunRecording::point(CurvePointRecord record)
{
    if (failed())
        return;
    batch_.points.push_back(std::move(record));
    added();
}

void RunRecording::log(const std::string& trialId, TrialLogLine line)
{
    if (failed())
        return;
    batch_.logs.push_back(TrialLogRecord{trialId, std::move(line)});
    added();
}

void RunRecording::artifacts(TrialArtifactsRecord record)
{
    if (failed())
        return;
    // Each artifacts record replaces the whole object: only the newest of a trial matters.
    for (TrialArtifactsRecord& pending : batch_.artifacts) {
        if (pending.trialId == record.trialId) {
            pending.artifactsJson = std::move(record.artifactsJson);
            return;
        }
    }
    batch_.artifacts.push_back(std::move(record));
    added();
}

void RunRecording::end(TrialEndRecord record)
{
    if (failed())
        return;
    batch_.ends.push_back(std::move(record));
    added();
}

bool RunRecording::flush()
{
    if (failed())
        return false;
    if (batch_.empty())
        return true;
    try {
        recorder_.write(batch_);
        pointsWritten_ += batch_.points.size();
        ++batchesWritten_;
    } catch (const std::exception& e) {
        error_ = e.what();
    }
    batch_.clear();
    pending_ = 0;
    if (failed()) {
        timer_.stop();
        onError_(error_);
        return false;
    }
    return true;
}

} // namespace tendril::runner
