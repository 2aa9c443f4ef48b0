// What a Fanova holds: the domains and every tree's leaf boxes, shared by the analyses.
#pragma once

#include "marginal_boxes.hpp"
#include "tendril/engine/fanova.hpp"

#include <cmath>
#include <span>
#include <vector>

namespace tendril::engine {

struct Fanova::Prepared {
    std::vector<ColumnDomain> domains;
    std::vector<detail::LeafBoxes> trees;
    int threads = 0;
};

namespace detail {

// Mean and population standard deviation, two-pass for accuracy.
inline MeanStd meanStd(std::span<const double> values)
{
    MeanStd result;
    if (values.empty())
        return result;
    const auto n = static_cast<double>(values.size());
    double sum = 0.0;
    for (double v : values)
        sum += v;
    result.mean = sum / n;
    double squares = 0.0;
    for (double v : values)
        squares += (v - result.mean) * (v - result.mean);
    result.std = std::sqrt(squares / n);
    return result;
}

} // namespace detail
} // namespace tendril::engine
