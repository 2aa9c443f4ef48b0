// Where trials land on the scatter plot and which of them a mouse gesture picks. Widget-free: the
// positions are plain pixel coordinates, tested without a window.
#pragma once

#include "session/trial_table.hpp"
#include "plot/axis_scale.hpp"

#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include <optional>
#include <set>
#include <vector>

namespace tendril::app::tradeoff {

// One pixel position per table row; NaN coordinates where the trial cannot be drawn (a missing
// value, or one the axis rejects, such as zero on a log axis).
std::vector<QPointF> projectPoints(const std::vector<double>& xValues, const std::vector<double>& yValues,
                                   const plot::AxisScale& x, const plot::AxisScale& y);

inline bool isDrawable(QPointF p)
{
    return p.x() == p.x() && p.y() == p.y();  // false for NaN
}

// Even-odd rule, as a lasso is drawn: a point inside a self-crossing loop twice is outside.
bool polygonContains(const QPolygonF& polygon, QPointF point);

// The rows with eligible[row] set whose drawn position lies in the rectangle (edges included) or
// the polygon, in row order. An empty eligible vector makes every drawable row eligible.
std::vector<std::size_t> rowsInRect(const std::vector<QPointF>& positions, const QRectF& rect,
                                    const std::vector<char>& eligible = {});
std::vector<std::size_t> rowsInPolygon(const std::vector<QPointF>& positions, const QPolygonF& polygon,
                                       const std::vector<char>& eligible = {});

// The eligible row drawn nearest to point, within radius pixels; on equal distance the later row
// wins, because it is drawn on top.
std::optional<std::size_t> nearestRow(const std::vector<QPointF>& positions, QPointF point, double radius,
                                      const std::vector<char>& eligible = {});

std::set<TrialKey> keysOfRows(const TrialTable& table, const std::vector<std::size_t>& rows);

} // namespace tendril::app::tradeoff
