#include "sampling_ledger.hpp"

#include <algorithm>
#include <stdexcept>

namespace tendril::search {

TrialRequest ProposalLedger::propose(ParamValues params)
{
    const std::int64_t index = nextIndex_++;
    std::string id = "t" + std::to_string(index);
    // Imported studies may already use "t<n>" for something else.
    for (int suffix = 1; takenIds_.count(id); ++suffix)
        id = "t" + std::to_string(index) + "-" + std::to_string(suffix);
    takenIds_.insert(id);
    ++proposed_;
    running_.emplace(id, std::make_pair(index, params));

    TrialRequest request;
    request.trialId = std::move(id);
    request.params = std::move(params);
    request.iteration = index;
    request.budget = resource_;
    return request;
}

const std::pair<std::int64_t, ParamValues>& ProposalLedger::running(const std::string& trialId, const char* call) const
{
    const auto it = running_.find(trialId);
    if (it == running_.end())
        throw std::invalid_argument(std::string(call) + ": trial \"" + trialId +
                                    (takenIds_.count(trialId) ? "\" has already ended" : "\" was never proposed"));
    return it->second;
}

std::pair<std::int64_t, ParamValues> ProposalLedger::end(const std::string& trialId, const char* call)
{
    running(trialId, call);
    auto node = running_.extract(trialId);
    return std::move(node.mapped());
}

void ProposalLedger::checkEndState(TrialState state)
{
    if (state != TrialState::Complete && state != TrialState::Pruned && state != TrialState::Failed)
        throw std::invalid_argument("tell: a run cannot end in state " + std::string(toString(state)) +
                                    " (expected complete, pruned or failed)");
}

void ProposalLedger::restore(const Study& study)
{
    proposed_ = static_cast<std::int64_t>(study.trials.size());
    nextIndex_ = proposed_;
    takenIds_.clear();
    running_.clear();
    for (const Trial& trial : study.trials) {
        takenIds_.insert(trial.id);
        nextIndex_ = std::max(nextIndex_, trial.number + 1);
        if (trial.iteration)
            nextIndex_ = std::max(nextIndex_, *trial.iteration + 1);
        if (trial.state == TrialState::Running || trial.state == TrialState::Queued)
            running_.emplace(trial.id, std::make_pair(trial.iteration.value_or(trial.number), trial.params));
    }
}

} // namespace tendril::search
