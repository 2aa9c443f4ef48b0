#include "views/curves/curve_downsampling.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app::curves {

namespace {

// floor() without the libm call it costs on baseline x86-64 (no SSE4.1 rounding instruction):
// this runs once per point of every dense curve drawn.
double columnFloor(double v)
{
    if (!(std::abs(v) < 1e15))
        return std::floor(v);
    const auto truncated = static_cast<double>(static_cast<long long>(v));
    return truncated > v ? truncated - 1.0 : truncated;
}

} // namespace

std::vector<std::size_t> minMaxPerColumn(std::span<const double> x, std::span<const double> y, double origin,
                                         double columnWidth)
{
    const std::size_t n = std::min(x.size(), y.size());
    std::vector<std::size_t> kept;
    if (!(columnWidth > 0.0) || !std::isfinite(columnWidth)) {
        kept.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            kept[i] = i;
        return kept;
    }
    kept.reserve(std::min<std::size_t>(n, 2048));
    const auto keep = [&kept](std::size_t i) {
        if (kept.empty() || kept.back() < i)
            kept.push_back(i);
    };
    const auto columnOf = [&](std::size_t i) { return columnFloor((x[i] - origin) / columnWidth); };
    if (n > 0)
        keep(0);
    std::size_t i = 0;
    while (i < n) {
        const double column = columnOf(i);
        std::size_t lowest = i;
        std::size_t highest = i;
        for (++i; i < n && columnOf(i) == column; ++i) {
            if (y[i] < y[lowest])
                lowest = i;
            if (y[i] > y[highest])
                highest = i;
        }
        keep(std::min(lowest, highest));
        keep(std::max(lowest, highest));
    }
    if (n > 0)
        keep(n - 1);
    return kept;
}

} // namespace tendril::app::curves
