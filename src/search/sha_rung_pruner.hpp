// Optuna's successive-halving pruning rule (SuccessiveHalvingPruner, the asynchronous variant the
// ASHA paper describes), decision for decision. Rung k sits at step min_resource · η^(s + k) with
// s the minimum early-stopping rate. When a trial's report reaches the step of its next rung, the
// value is recorded there and compared with every value recorded at that rung so far (pruned and
// finished trials included): the trial goes on only while it ranks within the top ⌊n/η⌋ of those
// n values; while n < η, only a value as good as the best so far goes on (Optuna cannot pause a
// trial until enough competitors arrive, so it keeps only sure winners). A report that crosses
// several rungs at once is checked against each in turn.
#pragma once

#include "tendril/core/types.hpp"
#include "tendril/search/algorithm.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tendril::search {

struct RungRule {
    // The step of rung 0 at rate 0; nullopt is Optuna's "auto": max(⌊last step / 100⌋, 1) over the
    // trials completed when it is first needed, fixed from then on (no pruning before that).
    std::optional<double> minResource = 1.0;
    std::int64_t reductionFactor = 4;
    std::int64_t minEarlyStoppingRate = 0;
    // A rung must hold more than this many values (the new one included) before anything passes it.
    std::int64_t bootstrapCount = 0;
};

class RungPruner {
public:
    RungPruner(RungRule rule, Direction direction);

    // The decision for a trial's report. Only a report beyond the trial's furthest step so far is
    // judged (Optuna judges the last step); earlier or repeated steps change nothing. A NaN value
    // at a rung stops the trial without being recorded.
    Verdict report(const std::string& trialId, double step, double value);
    // A trial completed after reaching lastStep: what the "auto" minimum resource is estimated from.
    void completed(double lastStep);
    // Records the values a trial's reports left at the rungs they crossed, without judging them:
    // used to rebuild the rungs from a study's curves. The trial is taken to have passed every
    // rung it recorded a value at.
    void replay(const std::string& trialId, double step, double value);

    // The step of rung k for this pruner (nullopt while "auto" is not estimated yet).
    std::optional<double> rungStep(std::int64_t rung) const;
    std::optional<double> minResource() const { return minResource_; }
    // Values recorded at rung k, best first.
    std::vector<double> valuesAt(std::int64_t rung) const;
    // The rung a trial is heading for (the number of rungs it has passed).
    std::int64_t rungOf(const std::string& trialId) const;

private:
    struct Progress {
        std::int64_t rung = 0;
        std::optional<double> lastStep;
        bool stopped = false;  // later reports (a runner still draining output) change nothing
    };

    bool ensureMinResource();
    void record(std::int64_t rung, double value);
    bool promotable(std::int64_t rung, double value) const;

    RungRule rule_;
    Direction direction_;
    std::optional<double> minResource_;
    std::optional<double> maxCompletedStep_;
    std::unordered_map<std::string, Progress> trials_;
    std::vector<std::vector<double>> rungs_;  // values per rung, ascending
};

} // namespace tendril::search
