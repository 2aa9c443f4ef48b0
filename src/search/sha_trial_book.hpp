// What the bandit and population algorithms (successive halving, Hyperband, BOHB, PBT) keep about
// the trials they create, and what they read back from a study when resuming one.
#pragma once

#include "tendril/core/study.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace tendril::search {

// Fresh trial ids in the library's "t<index>" convention, kept unique against the ids a resumed
// study already holds; the proposal index of each new configuration (which seeds its random
// stream, so a resumed study draws what an uninterrupted one would have); and the count of
// configurations against budget.max_trials.
class TrialBook {
public:
    explicit TrialBook(std::optional<std::int64_t> maxTrials) : maxTrials_(maxTrials) {}

    bool budgetLeft() const { return !maxTrials_ || created_ < *maxTrials_; }
    // Configurations max_trials still allows; nullopt when there is no limit.
    std::optional<std::int64_t> remaining() const;
    std::optional<std::int64_t> maxTrials() const { return maxTrials_; }
    std::int64_t created() const { return created_; }

    struct NewTrial {
        std::string id;
        std::int64_t index = 0;
    };
    // Counts a new configuration and names it.
    NewTrial create();
    // Counts every trial of the study as created and continues after its numbers and ids.
    void restore(const Study& study);

private:
    std::optional<std::int64_t> maxTrials_;
    std::int64_t created_ = 0;
    std::int64_t nextIndex_ = 0;
    std::set<std::string, std::less<>> takenIds_;
};

// Throws std::invalid_argument for a report or tell about a trial the algorithm does not know:
// `tell: trial "t9" was never proposed`.
[[noreturn]] void throwUnknownTrial(std::string_view call, std::string_view trialId);

// True for a trial a resumed study should carry on from its checkpoint: still running or queued,
// or failed because Tendril itself stopped while it ran (the runner records those "interrupted").
bool wasInterrupted(const Trial& trial);

// The last point of a metric's curve at a step <= limit; nullopt when there is none.
std::optional<double> curveValueUpTo(const Trial& trial, std::string_view metric, double limit);
// The furthest step of a metric's curve; nullopt for an empty or missing curve.
std::optional<double> lastCurveStep(const Trial& trial, std::string_view metric);
// What a finished run scored: its final metric when it has one, else the last point of its
// curve, else NaN.
double finalValue(const Trial& trial, std::string_view metric);

} // namespace tendril::search
