#include "sha_rung_pruner.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::search {

namespace {

// η^k as Optuna computes it: an exact integer power, so that min_resource · η^k rounds the way
// Python's float-times-int does.
double integerPower(std::int64_t base, std::int64_t exponent)
{
    double result = 1.0;
    for (std::int64_t i = 0; i < exponent; ++i)
        result *= static_cast<double>(base);
    return result;
}

} // namespace

RungPruner::RungPruner(RungRule rule, Direction direction)
    : rule_(rule), direction_(direction), minResource_(rule.minResource)
{
}

bool RungPruner::ensureMinResource()
{
    if (!minResource_ && maxCompletedStep_)
        minResource_ = std::max(std::floor(*maxCompletedStep_ / 100.0), 1.0);
    return minResource_.has_value();
}

void RungPruner::completed(double lastStep)
{
    if (!maxCompletedStep_ || lastStep > *maxCompletedStep_)
        maxCompletedStep_ = lastStep;
}

std::optional<double> RungPruner::rungStep(std::int64_t rung) const
{
    if (!minResource_)
        return std::nullopt;
    return *minResource_ * integerPower(rule_.reductionFactor, rule_.minEarlyStoppingRate + rung);
}

void RungPruner::record(std::int64_t rung, double value)
{
    if (static_cast<std::int64_t>(rungs_.size()) <= rung)
        rungs_.resize(static_cast<std::size_t>(rung) + 1);
    std::vector<double>& values = rungs_[static_cast<std::size_t>(rung)];
    values.insert(std::upper_bound(values.begin(), values.end(), value), value);
}

bool RungPruner::promotable(std::int64_t rung, double value) const
{
    const std::vector<double>& values = rungs_[static_cast<std::size_t>(rung)];
    const std::int64_t n = static_cast<std::int64_t>(values.size());
    const std::int64_t index = std::max<std::int64_t>(n / rule_.reductionFactor - 1, 0);
    if (direction_ == Direction::Maximize)
        return value >= values[static_cast<std::size_t>(n - 1 - index)];
    return value <= values[static_cast<std::size_t>(index)];
}

Verdict RungPruner::report(const std::string& trialId, double step, double value)
{
    Progress& progress = trials_[trialId];
    if (progress.stopped)
        return Verdict::Stop;
    if (progress.lastStep && !(step > *progress.lastStep))
        return Verdict::Continue;
    progress.lastStep = step;
    for (;;) {
        if (!ensureMinResource())
            return Verdict::Continue;
        if (step < *rungStep(progress.rung))
            return Verdict::Continue;
        if (!std::isnan(value)) {
            record(progress.rung, value);
            const auto n = static_cast<std::int64_t>(rungs_[static_cast<std::size_t>(progress.rung)].size());
            if (n > rule_.bootstrapCount && promotable(progress.rung, value)) {
                ++progress.rung;
                continue;
            }
        }
        progress.stopped = true;
        return Verdict::Stop;
    }
}

void RungPruner::replay(const std::string& trialId, double step, double value)
{
    Progress& progress = trials_[trialId];
    if (progress.lastStep && !(step > *progress.lastStep))
        return;
    progress.lastStep = step;
    while (ensureMinResource() && step >= *rungStep(progress.rung) && !std::isnan(value)) {
        record(progress.rung, value);
        ++progress.rung;
    }
}

std::vector<double> RungPruner::valuesAt(std::int64_t rung) const
{
    if (rung < 0 || rung >= static_cast<std::int64_t>(rungs_.size()))
        return {};
    std::vector<double> values = rungs_[static_cast<std::size_t>(rung)];
    if (direction_ == Direction::Maximize)
        std::reverse(values.begin(), values.end());
    return values;
}

std::int64_t RungPruner::rungOf(const std::string& trialId) const
{
    const auto it = trials_.find(trialId);
    return it == trials_.end() ? 0 : it->second.rung;
}

} // namespace tendril::search
