// What TPE learns from finished trials, and how it splits them into the good ("below") and the
// rest ("above"), as Optuna 3.x does: complete trials ranked by their value (direction-aware),
// then pruned trials, deeper-reaching first and, at equal depth, by their last reported value.
#pragma once

#include "tendril/core/types.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace tendril::search {

struct TpeObservation {
    std::int64_t order = 0;  // chronological position: proposal index or trial number
    // Sampling coordinate of every parameter of the space; nullopt when the trial lacks it (a
    // study resumed after its space changed).
    std::vector<std::optional<double>> coordinates;
    // Ranking key, smaller first: depth, then loss. Complete trials have depth -infinity, pruned
    // ones minus the step of their deepest report, or +1 when they reported nothing. The loss is
    // the value for minimisation, its negation for maximisation, +infinity for a NaN report.
    double depth = 0.0;
    double loss = 0.0;
};

// The deepest intermediate value a trial reported.
struct DeepestReport {
    double step = 0.0;
    double value = 0.0;
};

// The observation a finished trial gives, or nullopt when it teaches nothing: failed trials, and
// complete ones without a value or with NaN (Optuna records those as failed).
std::optional<TpeObservation> makeObservation(std::int64_t order, std::vector<std::optional<double>> coordinates,
                                              TrialState state, std::optional<double> value,
                                              std::optional<DeepestReport> deepest, Direction direction);

// gamma(n) = min(ceil(0.1 n), 25): how many observations go below.
std::size_t tpeGamma(std::size_t n);

struct TpeSplit {
    std::vector<std::size_t> below;  // indices into the observations, chronological
    std::vector<std::size_t> above;
};

// The best `belowCount` observations by (depth, loss), ties kept in chronological order, and the
// rest. The observations must be in chronological order.
TpeSplit splitObservations(const std::vector<TpeObservation>& observations, std::size_t belowCount);

} // namespace tendril::search
