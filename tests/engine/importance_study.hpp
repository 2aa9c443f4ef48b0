// Studies with known importances: uniform random samples of analytic functions.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/engine/importance.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include <functional>
#include <random>

namespace tendril::testing {

// n trials with the given space, each parameter drawn uniformly in its sampling scale (log-uniform
// for log parameters, uniform choice for categoricals), metric "y" = f(values as doubles, with
// categoricals as their choice index).
inline Study sampleStudy(const SearchSpace& space, std::size_t n, std::uint64_t seed,
                         const std::function<double(const std::vector<double>&)>& f)
{
    Study s;
    s.name = "analytic";
    s.objective = {"y", Direction::Maximize};
    s.space = space;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = static_cast<std::int64_t>(i);
        std::vector<double> x;
        for (const Param& p : space.params) {
            if (p.type == ParamType::Categorical) {
                const auto k = static_cast<std::size_t>(u(rng) * static_cast<double>(p.choices.size()));
                t.params.emplace_back(p.name, p.choices[k]);
                x.push_back(static_cast<double>(k));
            } else if (p.log) {
                const double v = std::exp(std::log(p.low) + u(rng) * (std::log(p.high) - std::log(p.low)));
                t.params.emplace_back(p.name, Value(v));
                x.push_back(v);
            } else {
                const double v = p.low + u(rng) * (p.high - p.low);
                t.params.emplace_back(p.name, Value(v));
                x.push_back(v);
            }
        }
        t.metrics = {{"y", f(x)}};
        s.trials.push_back(std::move(t));
    }
    return s;
}

inline SearchSpace unitCube(int dims)
{
    SearchSpace s;
    for (int i = 1; i <= dims; ++i)
        s.params.push_back(Param::floatRange("x" + std::to_string(i), 0.0, 1.0));
    return s;
}

// The importance of one parameter in a report (a test failure when it is not there).
inline double importanceOf(const engine::ImportanceReport& r, const std::string& name)
{
    for (const engine::ParamImportance& p : r.params)
        if (p.name == name)
            return p.importance;
    ADD_FAILURE() << "no parameter " << name;
    return NAN;
}

} // namespace tendril::testing
