#include "tpe_observations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tendril::search {

std::optional<TpeObservation> makeObservation(std::int64_t order, std::vector<std::optional<double>> coordinates,
                                              TrialState state, std::optional<double> value,
                                              std::optional<DeepestReport> deepest, Direction direction)
{
    const double sign = direction == Direction::Minimize ? 1.0 : -1.0;
    TpeObservation observation;
    observation.order = order;
    observation.coordinates = std::move(coordinates);
    if (state == TrialState::Complete) {
        if (!value || std::isnan(*value))
            return std::nullopt;
        observation.depth = -std::numeric_limits<double>::infinity();
        observation.loss = sign * *value;
        return observation;
    }
    if (state == TrialState::Pruned) {
        if (!deepest) {
            observation.depth = 1.0;
            observation.loss = 0.0;
        } else {
            observation.depth = -deepest->step;
            observation.loss = std::isnan(deepest->value) ? std::numeric_limits<double>::infinity() : sign * deepest->value;
        }
        return observation;
    }
    return std::nullopt;
}

std::size_t tpeGamma(std::size_t n)
{
    // The same double expression as Optuna's default_gamma, so the split sizes agree for every n.
    return std::min(static_cast<std::size_t>(std::ceil(0.1 * static_cast<double>(n))), std::size_t{25});
}

TpeSplit splitObservations(const std::vector<TpeObservation>& observations, std::size_t belowCount)
{
    std::vector<std::size_t> ranked(observations.size());
    std::iota(ranked.begin(), ranked.end(), 0);
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
        const TpeObservation& x = observations[a];
        const TpeObservation& y = observations[b];
        if (x.depth != y.depth)
            return x.depth < y.depth;
        return x.loss < y.loss;
    });
    belowCount = std::min(belowCount, ranked.size());
    TpeSplit split;
    split.below.assign(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(belowCount));
    split.above.assign(ranked.begin() + static_cast<std::ptrdiff_t>(belowCount), ranked.end());
    std::sort(split.below.begin(), split.below.end());
    std::sort(split.above.begin(), split.above.end());
    return split;
}

} // namespace tendril::search
