// The frame every plot draws under its data: grid lines at the ticks and the left and bottom axis
// lines. Lines sit on pixel centres so they stay one crisp pixel wide at any scale.
#pragma once

#include <QPainter>
#include <QRectF>

#include <cmath>
#include <vector>

namespace tendril::app::plot {

// Vertical lines at xTicks and horizontal ones at yTicks, across area, with the painter's pen.
// An axis is anything with toPixel(value).
template <typename XAxis, typename YAxis>
void drawGridLines(QPainter& painter, const QRectF& area, const XAxis& x, const std::vector<double>& xTicks,
                   const YAxis& y, const std::vector<double>& yTicks)
{
    for (const double t : xTicks) {
        const double px = std::round(x.toPixel(t)) + 0.5;
        painter.drawLine(QPointF(px, area.top()), QPointF(px, area.bottom()));
    }
    for (const double t : yTicks) {
        const double py = std::round(y.toPixel(t)) + 0.5;
        painter.drawLine(QPointF(area.left(), py), QPointF(area.right(), py));
    }
}

// The left and bottom axis lines just outside area, with the painter's pen.
inline void drawAxisLines(QPainter& painter, const QRectF& area)
{
    painter.drawLine(QPointF(area.left() - 0.5, area.top()), QPointF(area.left() - 0.5, area.bottom() + 0.5));
    painter.drawLine(QPointF(area.left() - 0.5, area.bottom() + 0.5), QPointF(area.right(), area.bottom() + 0.5));
}

} // namespace tendril::app::plot
