// Hyperband as a pruner (Optuna's HyperbandPruner): every trial runs for the whole resource and
// belongs to one bracket; within its bracket, successive halving prunes it (Optuna's rule, see
// sha_rung_pruner.hpp) with rungs starting at min_resource · η^(s_max − s), compared only with
// trials of the same bracket. Brackets are numbered as in the paper: s = s_max has its first rung
// at min_resource, s = 0 never prunes before max_resource. (Optuna numbers them the other way:
// its bracket id is s_max − s.)
//
// Optuna hashes the study name and trial number into brackets in proportion to each bracket's
// trial budget ⌈(s_max + 1)·η^s/(s+1)⌉, so its assignment changes with the study's name.
// BracketAssigner keeps the same proportions deterministically: a smooth weighted round robin that
// gives 27, 12, 6 and 4 trials of every 49 to brackets 3, 2, 1, 0 for R = 27, η = 3.
#pragma once

#include "sha_rung_pruner.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tendril::search {

class HyperbandPruner {
public:
    HyperbandPruner(double minResource, double maxResource, std::int64_t eta, std::int64_t bootstrapCount,
                    Direction direction);

    std::int64_t bracketCount() const { return static_cast<std::int64_t>(brackets_.size()); }
    // How many of every round of trials bracket s receives.
    std::int64_t trialBudget(std::int64_t bracket) const;

    Verdict report(const std::string& trialId, std::int64_t bracket, double step, double value);
    void replay(const std::string& trialId, std::int64_t bracket, double step, double value);
    const RungPruner& bracket(std::int64_t s) const;

private:
    RungPruner& at(std::int64_t s);

    std::int64_t eta_;
    std::vector<RungPruner> brackets_;  // index s
};

class BracketAssigner {
public:
    explicit BracketAssigner(std::vector<std::int64_t> weights);  // weights[s]
    std::int64_t next();

private:
    std::vector<std::int64_t> weights_;
    std::vector<std::int64_t> credit_;
    std::int64_t total_ = 0;
};

} // namespace tendril::search
