#include "hyperband_brackets.hpp"

namespace tendril::search {

namespace {

constexpr double kTolerance = 1e-9;

} // namespace

double integerPower(std::int64_t eta, std::int64_t k)
{
    double result = 1.0;
    for (std::int64_t i = 0; i < k; ++i)
        result *= static_cast<double>(eta);
    return result;
}

std::int64_t hyperbandMaxBracket(double maxResource, double minResource, std::int64_t eta)
{
    const double ratio = maxResource / minResource;
    if (!(ratio * (1.0 + kTolerance) >= 1.0))
        return -1;
    std::int64_t s = 0;
    while (integerPower(eta, s + 1) <= ratio * (1.0 + kTolerance))
        ++s;
    return s;
}

std::vector<BracketPlan> hyperbandRound(double maxResource, double minResource, std::int64_t eta)
{
    const std::int64_t sMax = hyperbandMaxBracket(maxResource, minResource, eta);
    std::vector<BracketPlan> round;
    for (std::int64_t s = sMax; s >= 0; --s) {
        BracketPlan plan;
        plan.bracket = s;
        // ⌈(s_max + 1)·η^s / (s + 1)⌉ in integers: (B/R) is s_max + 1 exactly.
        const auto numerator = static_cast<std::int64_t>(integerPower(eta, s)) * (sMax + 1);
        plan.configurations = (numerator + s) / (s + 1);
        for (std::int64_t i = 0; i <= s; ++i)
            plan.resources.push_back(maxResource / integerPower(eta, s - i));
        round.push_back(std::move(plan));
    }
    return round;
}

BracketPlan successiveHalvingBracket(double maxResource, double minResource, std::int64_t eta,
                                     std::int64_t minEarlyStoppingRate)
{
    BracketPlan plan;
    for (std::int64_t i = 0;; ++i) {
        const double resource = minResource * integerPower(eta, minEarlyStoppingRate + i);
        if (resource > maxResource * (1.0 + kTolerance))
            break;
        plan.resources.push_back(resource);
    }
    plan.bracket = static_cast<std::int64_t>(plan.resources.size()) - 1;
    plan.configurations =
        plan.resources.empty() ? 0 : static_cast<std::int64_t>(integerPower(eta, plan.bracket));
    return plan;
}

std::vector<BracketStage> bracketStages(const BracketPlan& plan, std::int64_t startedWith, std::int64_t eta)
{
    std::vector<BracketStage> stages;
    std::int64_t n = startedWith;
    for (double resource : plan.resources) {
        if (n < 1)
            break;
        stages.push_back({n, resource});
        n /= eta;  // ⌊⌊n/η^i⌋/η⌋ = ⌊n/η^(i+1)⌋ for a whole η
    }
    return stages;
}

} // namespace tendril::search
