// How far a point is from a drawn line, for picking what the mouse is on: a learning curve, a
// Pareto front, a polyline of parallel coordinates. In pixels, on the polyline as drawn.
#pragma once

#include <QPointF>
#include <QPolygonF>

namespace tendril::app::plot {

// The distance from at to the nearest point of the polyline's segments (to its only point, for a
// dot); infinity for an empty polyline.
double distanceToPolyline(const QPolygonF& polyline, QPointF at);

} // namespace tendril::app::plot
