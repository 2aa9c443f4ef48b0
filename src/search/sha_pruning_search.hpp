// Random configurations that each run for the whole resource while a pruner watches their reports
// and stops the ones falling behind: ASHA (Optuna's successive-halving pruner) and Hyperband in
// pruner mode (Optuna's HyperbandPruner). A stopped trial is recorded pruned; nothing is resumed,
// so every trial is a new configuration and budget.max_trials counts them.
#pragma once

#include "tendril/search/algorithm.hpp"

#include "sampling.hpp"
#include "sha_rung_pruner.hpp"
#include "sha_trial_book.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tendril::search {

// The decisions of a pruning search, per trial.
class StepPruner {
public:
    virtual ~StepPruner() = default;
    // A new trial: the pruner may note things on its request (Hyperband: its bracket).
    virtual void admit(TrialRequest& request) = 0;
    // A trial of a restored study, before its curve is replayed.
    virtual void readmit(const Trial& trial) = 0;
    virtual Verdict report(const std::string& trialId, double step, double value) = 0;
    // Records a restored trial's report the way report() would have, without judging it.
    virtual void replay(const std::string& trialId, double step, double value) = 0;
    virtual void completed(const std::string& trialId, double lastStep) = 0;
};

class PruningSearch : public SearchAlgorithm {
public:
    PruningSearch(const AlgorithmSetup& setup, std::optional<double> maxResource, std::uint64_t seed,
                  std::unique_ptr<StepPruner> pruner);

    std::optional<TrialRequest> ask() override;
    Verdict report(const std::string& trialId, double step, double value) override;
    void tell(const std::string& trialId, TrialState state, std::optional<double> value) override;
    bool finished() const override;
    // Replays every trial's curve in creation order to rebuild the rungs, and queues interrupted
    // trials to resume from their own checkpoint (same trial, start step = their last report).
    void restore(const Study& study) override;

private:
    struct Running {
        std::optional<double> lastStep;
        bool ended = false;
    };

    SearchSpace space_;
    std::vector<SamplingScale> scales_;
    Objective objective_;
    std::optional<double> maxResource_;
    std::uint64_t seed_;
    std::unique_ptr<StepPruner> pruner_;
    TrialBook book_;
    std::unordered_map<std::string, Running> trials_;
    std::deque<TrialRequest> resumptions_;
};

// Optuna's SuccessiveHalvingPruner as a StepPruner.
std::unique_ptr<StepPruner> makeRungStepPruner(const RungRule& rule, Direction direction);

} // namespace tendril::search
