// Helpers for the runner's tests: study configurations as JSON, a study run in this process with
// its signals collected, the project read back, tendril-cli run as a real subprocess (also in the
// background, to signal it), and the test scripts under tests/runner/scripts.
#pragma once

#include "process.hpp"

#include "runner/study_runner.hpp"
#include "tendril/core/study.hpp"
#include "tendril/store/study_recorder.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tendril::testing {

inline constexpr const char* kPython = "/usr/bin/python3";
inline constexpr const char* kShell = "/bin/sh";

std::string scriptPath(const std::string& name);

// A configuration of a study named `name` running command, with one float parameter x in [0, 1],
// objective score (maximize), random search, max_trials 1, one worker.
nlohmann::json studyJson(const std::string& name, const std::vector<std::string>& command);
nlohmann::json floatParam(const std::string& name, double low, double high, bool log = false);
nlohmann::json intParam(const std::string& name, std::int64_t low, std::int64_t high);
nlohmann::json categoricalParam(const std::string& name, const nlohmann::json& choices);

// How an in-process run went.
struct RunRecord {
    runner::FinishReason reason = runner::FinishReason::Error;
    std::string message;
    std::vector<runner::TrialOutcome> outcomes;  // in the order trialEnded came
    std::vector<std::string> started;            // trial ids in the order trialStarted came
    runner::RunProgress progress;
};

// Polls cond every 20 ms for up to maxSeconds; true when it held. For waiting on a subprocess.
bool waitUntil(const std::function<bool()>& cond, double maxSeconds = 60.0);

class RunnerTest : public ::testing::Test {
protected:
    std::string project() const { return dir.file("p.tendril"); }
    // <project>.runs/<study>
    std::string runsDir(const std::string& study) const { return project() + ".runs/" + study; }

    StudyConfig config(const nlohmann::json& json) const;
    // Writes the configuration to a file in the test folder and returns its path.
    std::string writeConfig(const nlohmann::json& json, const std::string& name = "study.json") const;

    runner::RunOptions options(const nlohmann::json& json) const;
    // Runs a new study from this configuration in this process until it finishes. onStarted is
    // called with the runner right after start() (to stop it, for instance).
    RunRecord run(const nlohmann::json& json, const std::function<void(runner::StudyRunner&)>& onStarted = {});
    RunRecord run(const runner::RunOptions& options,
                  const std::function<void(runner::StudyRunner&)>& onStarted = {});

    Study load(const std::string& study) const;
    // The study as another runner is writing it; nullopt while the project or the study is not
    // there yet.
    std::optional<Study> tryLoad(const std::string& study) const;
    std::vector<TrialLogLine> log(const std::string& study, const std::string& trial) const;
    // The trainer's record of the trial's n-th launch (TENDRIL_OUTPUT_DIR/launch-<n>.json).
    nlohmann::json launchInfo(const std::string& study, const std::string& trial, int n) const;
    int launchCount(const std::string& study, const std::string& trial) const;

    ProcessResult cli(const std::vector<std::string>& args) const;

    TempDir dir;
};

// A program running in the background, its output going to files.
class BackgroundProcess {
public:
    BackgroundProcess(const std::string& program, const std::vector<std::string>& args);
    // Kills it (SIGKILL) if it still runs.
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    int pid() const { return pid_; }
    void signal(int signal) const;
    // Waits for the end; the exit code, or 128 + signal when it was killed by one.
    int wait();
    std::string out() const { return readFile(io_.file("stdout")); }
    std::string err() const { return readFile(io_.file("stderr")); }

private:
    TempDir io_;
    int pid_ = -1;
    bool reaped_ = false;
    int status_ = 0;
};

} // namespace tendril::testing
