// Objective functions and a sequential driver shared by the search tests.
#pragma once

#include "tendril/search/algorithm.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

namespace tendril::search::testing {

using Params = std::vector<std::pair<std::string, Value>>;

inline double valueOf(const Params& params, const std::string& name)
{
    for (const auto& [n, v] : params)
        if (n == name)
            return v.toDouble();
    return std::nan("");
}

// Branin on x1 in [-5, 10], x2 in [0, 15]; minimum 0.397887 at three points.
inline constexpr double kBraninMinimum = 0.397887357729738;
inline double branin(double x1, double x2)
{
    const double pi = std::numbers::pi;
    const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
    const double q = x2 - b * x1 * x1 + c * x1 - 6;
    return q * q + 10 * (1 - t) * std::cos(x1) + 10;
}

inline SearchSpace braninSpace()
{
    return SearchSpace{{Param::floatRange("x1", -5, 10), Param::floatRange("x2", 0, 15)}};
}

inline double braninOf(const Params& params) { return branin(valueOf(params, "x1"), valueOf(params, "x2")); }

// Asks, evaluates and tells one trial at a time, `count` times; returns the values in order.
inline std::vector<double> runSequentially(SearchAlgorithm& algorithm, const std::function<double(const Params&)>& f,
                                           int count)
{
    std::vector<double> values;
    for (int i = 0; i < count; ++i) {
        const std::optional<TrialRequest> request = algorithm.ask();
        if (!request)
            break;
        const double value = f(request->params);
        algorithm.tell(request->trialId, TrialState::Complete, value);
        values.push_back(value);
    }
    return values;
}

inline double bestOf(const std::vector<double>& values)
{
    double best = std::numeric_limits<double>::infinity();
    for (double v : values)
        best = std::min(best, v);
    return best;
}

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

inline AlgorithmSetup setupFor(const std::string& name, SearchSpace space, std::optional<std::int64_t> maxTrials,
                               std::uint64_t seed = 0, std::string config = "",
                               Direction direction = Direction::Minimize)
{
    AlgorithmSetup setup;
    setup.name = name;
    setup.space = std::move(space);
    setup.objective = Objective{"loss", direction};
    setup.budget.maxTrials = maxTrials;
    setup.seed = seed;
    setup.configJson = std::move(config);
    return setup;
}

} // namespace tendril::search::testing
