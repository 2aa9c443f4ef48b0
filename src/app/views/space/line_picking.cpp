#include "views/space/line_picking.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::space {

std::optional<std::size_t> nearestLine(const LineScene& scene, QPointF at, double radius,
                                       const std::vector<char>& candidates)
{
    const std::size_t n = scene.axisCount();
    if (n < 2 || scene.rows == 0)
        return std::nullopt;
    const double x = at.x();
    std::size_t gap = n;
    for (std::size_t g = 0; g + 1 < n; ++g)
        if (x >= scene.axisX[g] && x <= scene.axisX[g + 1] + 1.0) {
            gap = g;
            break;
        }
    if (gap == n)
        return std::nullopt;
    const double x0 = scene.axisX[gap] + 0.5, x1 = scene.axisX[gap + 1] + 0.5;
    const double dx = x1 - x0;
    const double t = std::clamp((x - x0) / dx, 0.0, 1.0);
    std::optional<std::size_t> best;
    double bestDistance = radius;
    for (std::size_t r = 0; r < scene.rows; ++r) {
        if (r < candidates.size() && !candidates[r])
            continue;
        const float* y = scene.row(r);
        const double dy = y[gap + 1] - y[gap];
        // Vertical distance to the segment at x, turned into the perpendicular one.
        const double vertical = std::fabs(at.y() - (y[gap] + dy * t));
        const double distance = vertical * dx / std::sqrt(dx * dx + dy * dy);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = r;
        }
    }
    return best;
}

} // namespace tendril::app::space
