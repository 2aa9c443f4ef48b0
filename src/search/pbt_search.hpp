// Population Based Training (Jaderberg et al., 2017), asynchronous as Ray's
// PopulationBasedTraining runs it, with Ray's defaults.
//
// population_size members train at once, each a trial given the whole resource. Every
// perturbation_interval steps of the resource a member is checked: its score is its value at that
// step. Among the members with a score (n of them), k = ⌈n·quantile⌉ capped at ⌊n/2⌋: a member in
// the bottom k exploits a member drawn uniformly from the top k. Its trial is stopped (the runner
// records it pruned) and a new trial takes its place in the population: the values it copied,
// explored (pbt_explore.hpp), parent = the member it copied, start step = that member's last
// reported step, restoring that member's checkpoint, iteration = the generation (the number of
// perturbation intervals at the step of the check). At most ⌈N·quantile⌉ (capped at ⌊N/2⌋)
// exploits happen per generation, so the quantile bounds the turnover even when members check in
// at different times. A new member has no score until its own first check.
//
// The population stays at N while members train: one leaves only when another takes its place.
// Members end when their run completes or fails; a failed member is not replaced (a script that
// always fails would otherwise consume the whole budget). budget.max_trials counts every trial,
// exploits included: when it is spent, members keep training without exploiting.
#pragma once

#include "tendril/search/algorithm.hpp"

#include "pbt_explore.hpp"
#include "sampling.hpp"
#include "sha_trial_book.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tendril::search {

struct PbtOptions {
    std::int64_t populationSize = 8;
    double perturbationInterval = 1.0;  // in steps of the resource
    double quantile = 0.25;
    ExploreOptions explore;
    std::optional<double> maxResource;  // each member's budget
};

class PbtSearch : public SearchAlgorithm {
public:
    struct Exploit {
        std::string replaced;  // the member whose trial ended
        std::string donor;     // the member it copied
        std::string child;     // the new trial
        double step = 0.0;     // the donor's step copied at
        std::int64_t generation = 0;
    };

    PbtSearch(const AlgorithmSetup& setup, PbtOptions options, std::uint64_t seed);

    std::optional<TrialRequest> ask() override;
    Verdict report(const std::string& trialId, double step, double value) override;
    void tell(const std::string& trialId, TrialState state, std::optional<double> value) override;
    bool finished() const override;
    // Members still training when the study stopped resume from their own checkpoints; a
    // replacement decided but never started is decided again among the resumed members.
    void restore(const Study& study) override;

    const std::vector<Exploit>& exploits() const { return exploits_; }
    // How many members may exploit per generation: ⌈N·quantile⌉ capped at ⌊N/2⌋.
    std::int64_t exploitsPerGeneration() const;

private:
    enum class Phase { Queued, Running, Done };

    struct Member {
        std::string trialId;
        ParamValues params;
        Phase phase = Phase::Queued;
        TrialRequest pending;             // while queued
        std::optional<double> score;      // value at its last check
        double lastCheck = 0.0;           // step of its last check, or the step it started at
        std::optional<double> lastStep;   // furthest step reported
    };

    std::size_t memberOf(const std::string& trialId, const char* call) const;
    std::int64_t generationAt(double step) const;
    // Members with a score, worst first (ties: the earlier member counts as worse).
    std::vector<std::size_t> rankedWorstFirst() const;
    // Replaces member `slot` by an explored copy of a top member. False when nothing to copy.
    bool exploit(std::size_t slot, std::int64_t generation);
    TrialRequest initialMember();

    SearchSpace space_;
    std::vector<SamplingScale> scales_;
    Objective objective_;
    PbtOptions options_;
    std::uint64_t seed_;
    TrialBook book_;
    std::int64_t initialCreated_ = 0;
    std::vector<Member> members_;
    std::unordered_map<std::string, std::size_t> memberByTrial_;
    std::unordered_set<std::string> ended_;  // trials that left the population
    std::map<std::int64_t, std::int64_t> exploitsByGeneration_;
    std::vector<Exploit> exploits_;
};

} // namespace tendril::search
