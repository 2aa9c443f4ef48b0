#include "sha_pruning_search.hpp"

#include "sampling_ledger.hpp"
#include "sha_rung_pruner.hpp"

#include <algorithm>
#include <numeric>

namespace tendril::search {

namespace {

class RungStepPruner : public StepPruner {
public:
    RungStepPruner(const RungRule& rule, Direction direction) : pruner_(rule, direction) {}

    void admit(TrialRequest&) override {}
    void readmit(const Trial&) override {}
    Verdict report(const std::string& trialId, double step, double value) override
    {
        return pruner_.report(trialId, step, value);
    }
    void replay(const std::string& trialId, double step, double value) override
    {
        pruner_.replay(trialId, step, value);
    }
    void completed(const std::string&, double lastStep) override { pruner_.completed(lastStep); }

private:
    RungPruner pruner_;
};

} // namespace

std::unique_ptr<StepPruner> makeRungStepPruner(const RungRule& rule, Direction direction)
{
    return std::make_unique<RungStepPruner>(rule, direction);
}

PruningSearch::PruningSearch(const AlgorithmSetup& setup, std::optional<double> maxResource, std::uint64_t seed,
                             std::unique_ptr<StepPruner> pruner)
    : space_(setup.space),
      scales_(samplingScales(space_)),
      objective_(setup.objective),
      maxResource_(maxResource),
      seed_(seed),
      pruner_(std::move(pruner)),
      book_(setup.budget.maxTrials)
{
}

std::optional<TrialRequest> PruningSearch::ask()
{
    if (!resumptions_.empty()) {
        TrialRequest request = std::move(resumptions_.front());
        resumptions_.pop_front();
        trials_[request.trialId] = Running{request.startStep, false};
        return request;
    }
    if (!book_.budgetLeft())
        return std::nullopt;
    const TrialBook::NewTrial trial = book_.create();
    SearchRng rng = SearchRng::forProposal(seed_, static_cast<std::uint64_t>(trial.index));
    TrialRequest request;
    request.trialId = trial.id;
    request.params = sampleUniform(space_, scales_, rng);
    request.budget = maxResource_;
    request.iteration = trial.index;
    pruner_->admit(request);
    trials_[request.trialId] = Running{};
    return request;
}

Verdict PruningSearch::report(const std::string& trialId, double step, double value)
{
    const auto it = trials_.find(trialId);
    if (it == trials_.end())
        throwUnknownTrial("report", trialId);
    if (it->second.ended)
        return Verdict::Stop;
    if (!it->second.lastStep || step > *it->second.lastStep)
        it->second.lastStep = step;
    return pruner_->report(trialId, step, value);
}

void PruningSearch::tell(const std::string& trialId, TrialState state, std::optional<double>)
{
    ProposalLedger::checkEndState(state);
    const auto it = trials_.find(trialId);
    if (it == trials_.end())
        throwUnknownTrial("tell", trialId);
    if (it->second.ended)
        throw std::invalid_argument("tell: trial \"" + trialId + "\" has already ended");
    it->second.ended = true;
    if (state == TrialState::Complete && it->second.lastStep)
        pruner_->completed(trialId, *it->second.lastStep);
}

bool PruningSearch::finished() const
{
    return resumptions_.empty() && !book_.budgetLeft();
}

void PruningSearch::restore(const Study& study)
{
    trials_.clear();
    resumptions_.clear();
    book_.restore(study);
    std::vector<const Trial*> ordered;
    for (const Trial& trial : study.trials)
        ordered.push_back(&trial);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Trial* a, const Trial* b) { return a->number < b->number; });

    for (const Trial* trial : ordered) {
        pruner_->readmit(*trial);
        std::optional<double> lastStep;
        if (const Curve* curve = trial->curve(objective_.metric)) {
            std::vector<std::size_t> order(curve->size());
            std::iota(order.begin(), order.end(), std::size_t{0});
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return curve->steps[a] < curve->steps[b]; });
            for (std::size_t i : order)
                pruner_->replay(trial->id, curve->steps[i], curve->values[i]);
            if (!order.empty())
                lastStep = curve->steps[order.back()];
        }
        if (wasInterrupted(*trial)) {
            TrialRequest request;
            request.trialId = trial->id;
            request.continuation = true;
            request.params = trial->params;
            request.budget = maxResource_;
            request.iteration = trial->iteration;
            request.bracket = trial->bracket;
            if (lastStep) {
                request.startStep = lastStep;
                request.restoreFrom = trial->id;
            }
            resumptions_.push_back(std::move(request));
        } else {
            trials_[trial->id] = Running{lastStep, true};
            if (trial->state == TrialState::Complete && lastStep)
                pruner_->completed(trial->id, *lastStep);
        }
    }
}

} // namespace tendril::search
