#include "views/curves/curve_smoothing.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace tendril::app::curves {

std::vector<double> movingAverage(std::span<const double> values, int window)
{
    std::vector<double> out(values.begin(), values.end());
    if (window <= 1 || values.empty())
        return out;
    const auto n = static_cast<std::ptrdiff_t>(values.size());
    const std::ptrdiff_t before = (window - 1) / 2;
    const std::ptrdiff_t after = window / 2;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        if (!std::isfinite(values[static_cast<std::size_t>(i)]))
            continue;
        const std::ptrdiff_t from = std::max<std::ptrdiff_t>(0, i - before);
        const std::ptrdiff_t to = std::min(n - 1, i + after);
        double sum = 0.0;
        int count = 0;
        for (std::ptrdiff_t j = from; j <= to; ++j) {
            const double v = values[static_cast<std::size_t>(j)];
            if (std::isfinite(v)) {
                sum += v;
                ++count;
            }
        }
        // count >= 1: point i itself is finite.
        out[static_cast<std::size_t>(i)] = sum / count;
    }
    return out;
}

} // namespace tendril::app::curves
