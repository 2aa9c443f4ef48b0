// What a caller of the runner (tendril-cli run, the desktop app's control panel) passes in and gets
// back: the options of one run, the progress counts, how each trial run ended and why the run
// stopped. Qt-free so the CLI's formatting and the tests need no Qt types.
#pragma once

#include "tendril/core/types.hpp"
#include "tendril/io/study_config.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace tendril::runner {

// A setup the runner refuses before anything runs; what() is one line naming the file, study or
// field at fault.
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct RunOptions {
    std::string projectPath;
    // The study to run. nullopt only when resuming: the configuration stored with the study is
    // used then.
    std::optional<StudyConfig> config;
    std::string configName;             // starts messages about the configuration ("study.json")
    std::string resumeStudy;            // the study to continue; "" starts a new one
    std::optional<int> workers;         // overrides the configuration's workers
    std::string runsDir;                // the study's folder of trial runs; "" for <project>.runs/<study>
};

enum class FinishReason {
    BudgetSpent,     // max_trials configurations were run
    SearchFinished,  // the algorithm has nothing more to run (grid exhausted, brackets done)
    TimeBudget,      // budget.max_seconds passed; running trials were interrupted (resumable)
    Stopped,         // stop() was called (Ctrl-C); running trials were interrupted (resumable)
    Error            // the project could not be written or the algorithm refused a result
};

// Counts over the whole study (trials recorded before a resume included), as the project holds
// them.
struct RunProgress {
    std::int64_t trials = 0;    // trials of the study
    std::int64_t complete = 0;
    std::int64_t pruned = 0;
    std::int64_t failed = 0;
    std::int64_t running = 0;   // runs under way now
    std::int64_t launched = 0;  // runs this invocation started
    std::optional<std::int64_t> maxTrials;
    std::string bestTrial;      // "" while no complete trial has an objective value
    double bestValue = 0.0;
    double elapsedSeconds = 0.0;  // since start()

    std::int64_t done() const { return complete + pruned + failed; }
};

// How one run of a trial ended, as recorded.
struct TrialOutcome {
    std::string trialId;
    int run = 0;                    // 1 for its first run, 2 for the first continuation, ...
    TrialState state = TrialState::Complete;
    std::optional<double> value;    // its final objective, when it has one
    std::string error;              // failed trials: why
    bool stoppedAtRung = false;     // pruned by the algorithm after its run had ended
};

} // namespace tendril::runner
