#include "views/tradeoff/pareto_front.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::tradeoff {

namespace {

// Both axes as "larger is better", so one sweep serves every pair of directions.
double better(Direction d, double v)
{
    return d == Direction::Maximize ? v : -v;
}

double worse(Direction d, double a, double b)
{
    return d == Direction::Maximize ? std::min(a, b) : std::max(a, b);
}

} // namespace

std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y, Direction xDirection,
                                     Direction yDirection, const std::vector<char>& candidate)
{
    const std::size_t n = std::min(x.size(), y.size());
    std::vector<std::size_t> order;
    order.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        if ((candidate.empty() || (i < candidate.size() && candidate[i])) && std::isfinite(x[i]) && std::isfinite(y[i]))
            order.push_back(i);
    // Best x first; within equal x, best y first.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double xa = better(xDirection, x[a]), xb = better(xDirection, x[b]);
        if (xa != xb)
            return xa > xb;
        return better(yDirection, y[a]) > better(yDirection, y[b]);
    });

    // A point survives when it has the best y among points of its own x and no point of a strictly
    // better x reaches that y: those would be at least as good on both and better on x.
    std::vector<std::size_t> front;
    double bestYOfBetterX = -std::numeric_limits<double>::infinity();
    for (std::size_t start = 0; start < order.size();) {
        const double groupX = better(xDirection, x[order[start]]);
        const double groupTopY = better(yDirection, y[order[start]]);
        std::size_t end = start;
        while (end < order.size() && better(xDirection, x[order[end]]) == groupX)
            ++end;
        if (groupTopY > bestYOfBetterX)
            for (std::size_t k = start; k < end && better(yDirection, y[order[k]]) == groupTopY; ++k)
                front.push_back(order[k]);
        bestYOfBetterX = std::max(bestYOfBetterX, groupTopY);
        start = end;
    }
    std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
        if (x[a] != x[b])
            return x[a] < x[b];
        if (y[a] != y[b])
            return y[a] < y[b];
        return a < b;
    });
    return front;
}

std::vector<StepPoint> paretoSteps(const std::vector<double>& x, const std::vector<double>& y,
                                   const std::vector<std::size_t>& front, Direction xDirection, Direction yDirection)
{
    std::vector<StepPoint> steps;
    if (front.empty())
        return steps;
    steps.reserve(front.size() * 2);
    steps.push_back({x[front[0]], y[front[0]]});
    for (std::size_t i = 1; i < front.size(); ++i) {
        const std::size_t a = front[i - 1], b = front[i];
        const StepPoint corner{worse(xDirection, x[a], x[b]), worse(yDirection, y[a], y[b])};
        if (!(corner == steps.back()))
            steps.push_back(corner);
        const StepPoint next{x[b], y[b]};
        if (!(next == steps.back()))
            steps.push_back(next);
    }
    return steps;
}

} // namespace tendril::app::tradeoff
