// The state machine that runs brackets of successive halving for synchronous successive halving,
// Hyperband and BOHB.
//
// How runs, reports and tells fit together. Every run is given a budget: the resource of its
// stage. A configuration's first run is a new trial (rung 0); a promoted configuration goes on as
// the same trial (continuation, rung + 1, the next stage's budget, restoring its own checkpoint,
// start step = the budget it stopped at), so its curve extends. A run is expected to train up to
// its budget and exit: report() answers Continue for every step within the budget and Stop for a
// step beyond it (a script that ignores its budget is paused at its rung). When the run ends, tell()
// records the configuration's value at the rung: the final value of a complete run, or the last
// value reported within the budget for a run that was stopped, and NaN for a failed one. The
// configuration then waits at its rung until every configuration of the stage has ended; the stage
// keeps the top ⌊n_i/η⌋ with a value (NaN never passes) for the next stage and ends the others
// there. Those runs exited normally, so only the algorithm knows they are over: it lists them in
// takeStoppedAtRung() for the runner to record as pruned.
//
// Brackets open in round order (the plan's brackets, round after round) while budget.max_trials,
// which counts configurations, allows; the bracket that opens when the budget is nearly spent
// starts fewer configurations (its stages shrink with it); without max_trials, rounds go on until
// the runner ends the study (max_seconds). A new bracket opens only when every open one is waiting
// for running trials, so idle workers are used without reordering the search.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/search/algorithm.hpp"

#include "hyperband_brackets.hpp"
#include "sampling.hpp"
#include "sha_trial_book.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tendril::search {

// Trials a bracket algorithm ended after their run exited normally (not promoted past their
// rung). The fixed SearchAlgorithm interface has no channel for that, so the algorithms that do
// it (sh, hyperband, bohb) also implement this; a runner finds it with dynamic_cast.
class RungStops {
public:
    virtual ~RungStops() = default;
    // Ids ended at their rung since the last call, in the order decided.
    virtual std::vector<std::string> takeStoppedAtRung() = 0;
};

// Where a schedule's new configurations come from, and who learns their results.
class ConfigurationSource {
public:
    virtual ~ConfigurationSource() = default;
    // The values of the configuration with this proposal index.
    virtual ParamValues propose(std::int64_t proposalIndex) = 0;
    // A configuration's value at a stage's resource (NaN for a failed run). Restoring a study
    // replays these for every stage its trials completed.
    virtual void observe(const ParamValues& params, double resource, double value) = 0;
};

struct ScheduleOptions {
    std::vector<BracketPlan> round;  // the brackets of one round, in order
    std::int64_t eta = 3;
    Objective objective;              // direction to rank by, metric to read back on restore
    std::optional<std::int64_t> maxTrials;
};

class BracketSchedule {
public:
    BracketSchedule(ScheduleOptions options, ConfigurationSource& source);

    std::optional<TrialRequest> ask();
    Verdict report(const std::string& trialId, double step, double value);
    void tell(const std::string& trialId, TrialState state, std::optional<double> value);
    bool finished() const;
    void restore(const Study& study);
    std::vector<std::string> takeStoppedAtRung();

    std::int64_t configurationsCreated() const { return book_.created(); }

private:
    enum class Phase { Queued, Running, Ended };

    struct Member {
        std::string trialId;
        ParamValues params;
        std::size_t run = 0;
        std::int64_t stage = 0;
        Phase phase = Phase::Queued;
        bool continuation = false;  // queued as a continuation of its own trial
        std::optional<double> startStep;
        double value = 0.0;          // at its stage, once ended
        TrialState endState = TrialState::Complete;
        std::optional<double> lastStepInBudget;
        std::optional<double> lastValueInBudget;
    };

    struct Run {
        std::int64_t round = 0;
        std::size_t plan = 0;
        std::vector<BracketStage> stages;
        std::int64_t startedWith = 0;
        std::int64_t created = 0;
        std::int64_t stage = 0;
        std::vector<std::size_t> members;  // those at the current stage
        std::int64_t ended = 0;            // how many of them have ended
        std::deque<std::size_t> queued;    // promoted or interrupted, waiting to be launched
        bool done = false;
    };

    std::optional<TrialRequest> launch(std::size_t memberIndex);
    std::optional<TrialRequest> createMember(std::size_t runIndex);
    bool openRun();
    std::int64_t reserved() const;
    bool stageComplete(const Run& run) const;
    void completeStage(std::size_t runIndex);
    // Members of a stage with a value, best first (ties: the earlier configuration first).
    std::vector<std::size_t> ranked(const std::vector<std::size_t>& members) const;
    Member& member(const std::string& trialId, const char* call);

    void restoreRun(std::size_t runIndex, const std::vector<const Trial*>& trials);

    ScheduleOptions options_;
    ConfigurationSource& source_;
    TrialBook book_;
    std::vector<Member> members_;
    std::unordered_map<std::string, std::size_t> memberById_;
    std::vector<Run> runs_;
    std::int64_t nextRound_ = 0;
    std::size_t nextPlan_ = 0;
    std::vector<std::string> stoppedAtRung_;
};

} // namespace tendril::search
