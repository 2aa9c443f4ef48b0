// How the search algorithms draw and model a parameter: in its sampling scale. Log parameters live
// on the log of their value, categoricals on their choice index, and grid parameters (ints, stepped
// floats) on a range widened by half a step at each end, so that after rounding every grid point,
// the end points included, gets the same share of the draws (Optuna's convention).
#pragma once

#include "tendril/core/space.hpp"

#include "sampling_rng.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tendril::search {

// Hyperparameter values of one trial, in the order of the space.
using ParamValues = std::vector<std::pair<std::string, Value>>;

class SamplingScale {
public:
    explicit SamplingScale(const Param& param);

    ParamType type() const { return type_; }
    bool categorical() const { return type_ == ParamType::Categorical; }
    // Bounds of the sampling coordinate: log-transformed for log parameters, widened by half a
    // step for grid parameters, [-0.5, n - 0.5] for n choices.
    double low() const { return low_; }
    double high() const { return high_; }
    double range() const { return high_ - low_; }
    // The width of one grid cell in the sampling coordinate; none for continuous and log
    // parameters (a log int is modelled as continuous in the log of its value, as Optuna does).
    std::optional<double> cell() const { return cell_; }
    std::size_t choiceCount() const { return choices_.size(); }
    // True when the domain holds exactly one value: nothing to sample or model.
    bool single() const { return single_; }

    // The sampling coordinate of a value; nullopt when the value lies outside the domain. Values a
    // hair outside a numeric range (rounding in other tools) are pulled onto it.
    std::optional<double> toCoordinate(const Value& value) const;
    // The value at a coordinate: exp for log parameters, rounded to the grid and clipped to the
    // last grid point for grid parameters, clipped to the range otherwise. Ints come back as Int,
    // floats as Real, categoricals as the choice itself.
    Value toValue(double coordinate) const;
    // The coordinate of the value a coordinate rounds to (what a candidate really proposes).
    double snap(double coordinate) const;

private:
    ParamType type_;
    bool log_ = false;
    double low_ = 0.0, high_ = 0.0;
    double valueLow_ = 0.0, valueHigh_ = 0.0;  // the domain in the parameter's own values
    std::optional<double> step_;                // the value grid, when there is one
    std::optional<double> cell_;
    std::vector<Value> choices_;
    bool single_ = false;
};

// One uniform draw in the parameter's sampling scale: log-uniform for log parameters; ints and
// stepped floats uniform on [low - step/2, high + step/2], rounded to the grid and clipped;
// categoricals uniform over the choices.
Value sampleUniform(const SamplingScale& scale, SearchRng& rng);

// The sampling scales of every parameter of a space, in its order.
std::vector<SamplingScale> samplingScales(const SearchSpace& space);
// One uniform draw of every parameter, in the order of the space.
ParamValues sampleUniform(const SearchSpace& space, const std::vector<SamplingScale>& scales, SearchRng& rng);

// Grid points of [low, high] with a step: low + k * step for k = 0 .. gridPointCount - 1. A high
// that is not on the grid is not reached (the last point is the largest one below it).
std::int64_t gridPointCount(double low, double high, double step);
// low + k * step, rounded to the decimals low and step are written with, so that a grid from 0.3
// with step 0.1 holds 0.7 rather than 0.7000000000000001.
double gridPoint(double low, double step, std::int64_t k);

} // namespace tendril::search
