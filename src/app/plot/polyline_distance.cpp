#include "plot/polyline_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::plot {

double distanceToPolyline(const QPolygonF& polyline, QPointF at)
{
    if (polyline.isEmpty())
        return std::numeric_limits<double>::infinity();
    if (polyline.size() == 1)
        return std::hypot(at.x() - polyline[0].x(), at.y() - polyline[0].y());
    double best = std::numeric_limits<double>::infinity();
    for (qsizetype i = 1; i < polyline.size(); ++i) {
        const QPointF a = polyline[i - 1];
        const QPointF b = polyline[i];
        const double dx = b.x() - a.x();
        const double dy = b.y() - a.y();
        const double lengthSquared = dx * dx + dy * dy;
        // The foot of the perpendicular, kept on the segment.
        double t = lengthSquared > 0.0 ? ((at.x() - a.x()) * dx + (at.y() - a.y()) * dy) / lengthSquared : 0.0;
        t = std::clamp(t, 0.0, 1.0);
        best = std::min(best, std::hypot(at.x() - (a.x() + t * dx), at.y() - (a.y() + t * dy)));
    }
    return best;
}

} // namespace tendril::app::plot
