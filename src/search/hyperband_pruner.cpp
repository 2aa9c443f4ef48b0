#include "hyperband_pruner.hpp"

#include "hyperband_brackets.hpp"

#include <stdexcept>

namespace tendril::search {

HyperbandPruner::HyperbandPruner(double minResource, double maxResource, std::int64_t eta,
                                 std::int64_t bootstrapCount, Direction direction)
    : eta_(eta)
{
    const std::int64_t sMax = hyperbandMaxBracket(maxResource, minResource, eta);
    for (std::int64_t s = 0; s <= sMax; ++s) {
        RungRule rule;
        rule.minResource = minResource;
        rule.reductionFactor = eta;
        rule.minEarlyStoppingRate = sMax - s;
        rule.bootstrapCount = bootstrapCount;
        brackets_.emplace_back(rule, direction);
    }
}

std::int64_t HyperbandPruner::trialBudget(std::int64_t bracket) const
{
    const auto n = static_cast<std::int64_t>(integerPower(eta_, bracket)) * bracketCount();
    return (n + bracket) / (bracket + 1);
}

RungPruner& HyperbandPruner::at(std::int64_t s)
{
    if (s < 0 || s >= bracketCount())
        throw std::out_of_range("Hyperband bracket " + std::to_string(s) + " does not exist (there are " +
                                std::to_string(bracketCount()) + ")");
    return brackets_[static_cast<std::size_t>(s)];
}

const RungPruner& HyperbandPruner::bracket(std::int64_t s) const
{
    return const_cast<HyperbandPruner*>(this)->at(s);
}

Verdict HyperbandPruner::report(const std::string& trialId, std::int64_t bracket, double step, double value)
{
    return at(bracket).report(trialId, step, value);
}

void HyperbandPruner::replay(const std::string& trialId, std::int64_t bracket, double step, double value)
{
    at(bracket).replay(trialId, step, value);
}

BracketAssigner::BracketAssigner(std::vector<std::int64_t> weights)
    : weights_(std::move(weights)), credit_(weights_.size(), 0)
{
    for (std::int64_t w : weights_)
        total_ += w;
}

std::int64_t BracketAssigner::next()
{
    std::size_t chosen = 0;
    for (std::size_t s = 0; s < weights_.size(); ++s) {
        credit_[s] += weights_[s];
        // Ties go to the larger s: the most aggressive bracket starts first, as in a round.
        if (credit_[s] >= credit_[chosen])
            chosen = s;
    }
    credit_[chosen] -= total_;
    return static_cast<std::int64_t>(chosen);
}

} // namespace tendril::search
