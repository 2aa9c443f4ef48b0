#include "views/tradeoff/scatter_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::tradeoff {

namespace {

bool eligibleRow(const std::vector<char>& eligible, std::size_t row)
{
    return eligible.empty() || (row < eligible.size() && eligible[row]);
}

} // namespace

std::vector<QPointF> projectPoints(const std::vector<double>& xValues, const std::vector<double>& yValues,
                                   const plot::AxisScale& x, const plot::AxisScale& y)
{
    const std::size_t n = std::min(xValues.size(), yValues.size());
    std::vector<QPointF> out(n);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < n; ++i) {
        const double px = x.toPixel(xValues[i]);
        const double py = y.toPixel(yValues[i]);
        out[i] = (std::isnan(px) || std::isnan(py)) ? QPointF(nan, nan) : QPointF(px, py);
    }
    return out;
}

bool polygonContains(const QPolygonF& polygon, QPointF point)
{
    const qsizetype n = polygon.size();
    if (n < 3)
        return false;
    // Ray casting to the right: count the edges that cross the horizontal line through the point
    // to its right.
    bool inside = false;
    for (qsizetype i = 0, j = n - 1; i < n; j = i++) {
        const QPointF& a = polygon[i];
        const QPointF& b = polygon[j];
        if ((a.y() > point.y()) != (b.y() > point.y())) {
            const double crossX = a.x() + (point.y() - a.y()) * (b.x() - a.x()) / (b.y() - a.y());
            if (point.x() < crossX)
                inside = !inside;
        }
    }
    return inside;
}

std::vector<std::size_t> rowsInRect(const std::vector<QPointF>& positions, const QRectF& rect,
                                    const std::vector<char>& eligible)
{
    const QRectF r = rect.normalized();
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const QPointF& p = positions[i];
        if (eligibleRow(eligible, i) && isDrawable(p) && p.x() >= r.left() && p.x() <= r.right() && p.y() >= r.top()
            && p.y() <= r.bottom())
            out.push_back(i);
    }
    return out;
}

std::vector<std::size_t> rowsInPolygon(const std::vector<QPointF>& positions, const QPolygonF& polygon,
                                       const std::vector<char>& eligible)
{
    std::vector<std::size_t> out;
    if (polygon.size() < 3)
        return out;
    // The bounding box rejects most points before the edge loop.
    const QRectF bounds = polygon.boundingRect();
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const QPointF& p = positions[i];
        if (eligibleRow(eligible, i) && isDrawable(p) && p.x() >= bounds.left() && p.x() <= bounds.right()
            && p.y() >= bounds.top() && p.y() <= bounds.bottom() && polygonContains(polygon, p))
            out.push_back(i);
    }
    return out;
}

std::optional<std::size_t> nearestRow(const std::vector<QPointF>& positions, QPointF point, double radius,
                                      const std::vector<char>& eligible)
{
    std::optional<std::size_t> best;
    double bestDistance = radius * radius;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (!eligibleRow(eligible, i) || !isDrawable(positions[i]))
            continue;
        const double dx = positions[i].x() - point.x(), dy = positions[i].y() - point.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

std::set<TrialKey> keysOfRows(const TrialTable& table, const std::vector<std::size_t>& rows)
{
    std::set<TrialKey> keys;
    for (const std::size_t row : rows)
        if (row < table.rows())
            keys.insert(table.key(row));
    return keys;
}

} // namespace tendril::app::tradeoff
