// One run of one trial, from launch to the recorded end: it starts the process, turns what the
// script prints into records (curve points, log lines, artifacts), passes the objective's values to
// the algorithm through its host, ends the process when the algorithm, the time limit or the user
// says so, and works out how the run ended (trial-protocol.md, "Ending").
#pragma once

#include "output_reader.hpp"
#include "run_recording.hpp"
#include "run_tally.hpp"
#include "trial_launch.hpp"
#include "trial_process.hpp"

#include "tendril/search/algorithm.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace tendril::runner {

class TrialRun;

class TrialRunHost {
public:
    virtual ~TrialRunHost() = default;
    virtual RunRecording& recording() = 0;
    // A value of the objective arrived. Stop: the algorithm ends the trial (the run is pruned).
    virtual search::Verdict objectiveReported(TrialRun& run, double step, double value) = 0;
    // The process is gone and the run's result is known. The host may not destroy the run from
    // inside this call.
    virtual void runEnded(TrialRun& run) = 0;
};

struct TrialRunSetup {
    search::TrialRequest request;
    std::string study;
    std::string objectiveMetric;
    RunFolders folders;
    std::filesystem::path restoreFrom;  // empty when the run starts over
    ProcessSpec process;
    OutputLimits limits;
    MetricValues lastValues;    // of the trial's earlier runs
    ArtifactMembers artifacts;  // of the trial's earlier runs
};

struct RunResult {
    TrialState state = TrialState::Complete;
    std::string error;
    MetricValues metrics;               // the final metrics recorded
    std::optional<double> objective;    // the objective among them
    ArtifactMembers artifacts;
    bool interrupted = false;           // ended by interrupt(): resumable, not told to the algorithm
};

class TrialRun final : public ProcessListener, public OutputSink {
public:
    TrialRun(TrialRunSetup setup, TrialRunHost& host);

    // Records the launch in the trial's log and starts the process.
    void start();
    // The algorithm stopped the trial: SIGTERM, SIGKILL after the grace period; recorded pruned.
    void prune(double step);
    // The study stops (Ctrl-C, time budget): the same, recorded failed with this reason.
    void interrupt(const std::string& reason);
    // SIGKILL now (a second Ctrl-C). The reason recorded stays the one given to interrupt().
    void kill();

    const std::string& trialId() const { return setup_.request.trialId; }
    const search::TrialRequest& request() const { return setup_.request; }
    int runNumber() const { return setup_.folders.run; }
    bool stopping() const { return ending_ != Ending::None; }
    bool finished() const { return result_.has_value(); }
    const RunResult& result() const { return *result_; }
    // The last value of every metric over all runs of the trial.
    const MetricValues& lastValues() const { return lastValues_; }
    std::size_t reportLines() const { return reader_.reportLines(); }

    // The command as a shell would need it typed, for the trial's log.
    static std::string displayCommand(const std::string& program, const std::vector<std::string>& args);

private:
    enum class Ending { None, Pruned, TimedOut, Interrupted };

    void onStdout(const char* data, std::size_t size) override;
    void onStderr(const char* data, std::size_t size) override;
    void onTimeout() override;
    void onExit(const ProcessExit& exit) override;

    void onStep(const StepReport& report) override;
    void onFinal(const FinalReport& report) override;
    void onArtifact(const ArtifactReport& report) override;
    void onLog(TrialLogLine line) override;

    void runnerLog(std::string text);
    double secondsSinceStart() const;
    RunResult conclude(const ProcessExit& exit);
    void addOutputListing(ArtifactMembers& artifacts) const;

    TrialRunSetup setup_;
    TrialRunHost& host_;
    OutputReader reader_;
    TrialProcess process_;
    std::chrono::steady_clock::time_point started_;
    double chunkSeconds_ = 0.0;  // when the output being read arrived
    Ending ending_ = Ending::None;
    std::string interruptReason_;
    std::optional<double> prunedAt_;
    bool sawFinal_ = false;
    MetricValues finals_;
    MetricValues lastValues_;
    ArtifactMembers artifacts_;
    std::optional<RunResult> result_;
};

} // namespace tendril::runner
