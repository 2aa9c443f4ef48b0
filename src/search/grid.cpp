#include "grid.hpp"

#include <algorithm>

namespace tendril::search {

std::unique_ptr<SearchAlgorithm> GridSearch::create(const AlgorithmSetup& setup)
{
    return std::make_unique<GridSearch>(gridAxes(setup.space, setup.configJson), setup.budget);
}

GridSearch::GridSearch(std::vector<GridAxis> axes, const Budget& budget)
    : axes_(std::move(axes)), ledger_(budget)
{
    for (const GridAxis& axis : axes_)
        size_ *= axis.values.size();
}

std::uint64_t GridSearch::nextOpen() const
{
    std::uint64_t index = cursor_;
    for (auto it = done_.lower_bound(index); it != done_.end() && *it == index; ++it)
        ++index;
    return index;
}

ParamValues GridSearch::combination(std::uint64_t index) const
{
    ParamValues params(axes_.size());
    for (std::size_t i = axes_.size(); i-- > 0;) {
        const std::uint64_t count = axes_[i].values.size();
        params[i] = {axes_[i].name, axes_[i].values[index % count]};
        index /= count;
    }
    return params;
}

std::optional<std::uint64_t> GridSearch::indexOf(const ParamValues& params) const
{
    std::uint64_t index = 0;
    for (const GridAxis& axis : axes_) {
        const auto given = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == axis.name; });
        if (given == params.end())
            return std::nullopt;
        const auto at = std::find_if(axis.values.begin(), axis.values.end(),
                                     [&](const Value& v) { return sameGridValue(v, given->second); });
        if (at == axis.values.end())
            return std::nullopt;
        index = index * axis.values.size() + static_cast<std::uint64_t>(at - axis.values.begin());
    }
    return index;
}

std::optional<TrialRequest> GridSearch::ask()
{
    if (finished())
        return std::nullopt;
    const std::uint64_t index = nextOpen();
    done_.erase(done_.begin(), done_.upper_bound(index));
    cursor_ = index + 1;
    return ledger_.propose(combination(index));
}

Verdict GridSearch::report(const std::string& trialId, double, double)
{
    ledger_.running(trialId, "report");
    return Verdict::Continue;
}

void GridSearch::tell(const std::string& trialId, TrialState state, std::optional<double>)
{
    ProposalLedger::checkEndState(state);
    ledger_.end(trialId, "tell");
}

bool GridSearch::finished() const
{
    return !ledger_.budgetLeft() || nextOpen() >= size_;
}

void GridSearch::restore(const Study& study)
{
    ledger_.restore(study);
    cursor_ = 0;
    done_.clear();
    for (const Trial& trial : study.trials) {
        if (trial.state == TrialState::Failed || trial.state == TrialState::Skipped)
            continue;
        if (const std::optional<std::uint64_t> index = indexOf(trial.params))
            done_.insert(*index);
    }
}

} // namespace tendril::search
