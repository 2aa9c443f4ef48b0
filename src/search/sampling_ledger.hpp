// Bookkeeping the sampling algorithms (grid, random, TPE) share: the budget of trials, the index of
// each proposal (recorded as its iteration), fresh trial ids, the resource every trial gets, and
// which proposed trials are still running, with the values they were given.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/search/algorithm.hpp"

#include "sampling.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tendril::search {

class ProposalLedger {
public:
    // budget: max_trials bounds the proposals; max_resource, when set, is the resource every
    // trial is given (these algorithms train every trial fully).
    explicit ProposalLedger(const Budget& budget) : maxTrials_(budget.maxTrials), resource_(budget.maxResource) {}

    // True while max_trials allows another proposal.
    bool budgetLeft() const { return !maxTrials_ || proposed_ < *maxTrials_; }
    std::int64_t proposed() const { return proposed_; }
    // The index the next proposal will get.
    std::int64_t nextIndex() const { return nextIndex_; }

    // Records a new trial with these values and returns its request: a fresh id ("t<index>"),
    // iteration = the proposal index, budget = max_resource.
    TrialRequest propose(ParamValues params);

    bool isRunning(const std::string& trialId) const { return running_.count(trialId) != 0; }
    // The values and proposal index of a running trial; throws std::invalid_argument naming the
    // call when the id was never proposed or has already ended.
    const std::pair<std::int64_t, ParamValues>& running(const std::string& trialId, const char* call) const;
    // Ends a running trial (same errors as running()) and returns what it was given.
    std::pair<std::int64_t, ParamValues> end(const std::string& trialId, const char* call);

    // Throws std::invalid_argument unless the state is one a run ends in (complete, pruned, failed).
    static void checkEndState(TrialState state);

    // Starts over from a study: every trial in it counts against the budget, proposals continue
    // after the highest iteration and trial count, ids stay unique, and trials still running or
    // queued can be told about later.
    void restore(const Study& study);

private:
    std::optional<std::int64_t> maxTrials_;
    std::optional<double> resource_;
    std::int64_t proposed_ = 0;
    std::int64_t nextIndex_ = 0;
    std::set<std::string, std::less<>> takenIds_;
    std::map<std::string, std::pair<std::int64_t, ParamValues>, std::less<>> running_;
};

} // namespace tendril::search
