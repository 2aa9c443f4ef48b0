// The scheduler behind StudyRunner: the launch loop, what happens when a run reports or ends, the
// time budget, stopping and finishing. Internal to the runner library.
#pragma once

#include "run_recording.hpp"
#include "run_tally.hpp"
#include "study_runner.hpp"
#include "study_setup.hpp"
#include "trial_run.hpp"

#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tendril::search {
class RungStops;
}

namespace tendril::runner {

class StudyRunnerCore final : public TrialRunHost {
public:
    StudyRunnerCore(StudyRunner& owner, PreparedRun prepared);
    ~StudyRunnerCore() override;

    const PreparedRun& prepared() const { return run_; }
    RunProgress progress() const;
    bool running() const { return phase_ == Phase::Running || phase_ == Phase::Stopping; }

    void start();
    void stop(FinishReason reason, const std::string& trialError, const std::string& message);
    void kill();

    RunRecording& recording() override { return *recording_; }
    search::Verdict objectiveReported(TrialRun& run, double step, double value) override;
    void runEnded(TrialRun& run) override;

private:
    enum class Phase { Ready, Running, Stopping, Finished };

    void fill();
    void launch(search::TrialRequest request);
    std::filesystem::path restoreSource(const search::TrialRequest& request, const RunFolders& folders);
    void recordRungStops();
    void fail(const std::string& message);
    void finishWhenIdle();
    void finish(FinishReason reason, std::string message);
    void emitProgress();

    StudyRunner& owner_;
    PreparedRun run_;
    search::RungStops* rungStops_ = nullptr;
    RunTally tally_;
    std::unique_ptr<RunRecording> recording_;
    EnvironmentList inherited_;
    std::vector<std::unique_ptr<TrialRun>> active_;
    // Runs that ended during this loop turn: their process objects are inside their own signal
    // handlers then and are deleted by the next turn.
    std::vector<std::unique_ptr<TrialRun>> retired_;
    QTimer fillTimer_;
    QTimer reapTimer_;
    QTimer timeBudget_;
    Phase phase_ = Phase::Ready;
    FinishReason stopReason_ = FinishReason::Stopped;
    std::string stopMessage_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point finishedAt_;
    std::int64_t launched_ = 0;
};

} // namespace tendril::runner
