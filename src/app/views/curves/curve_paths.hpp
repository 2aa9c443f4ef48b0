// Curves as pixel polylines: what the plot strokes and what the mouse is tested against.
#pragma once

#include "plot/axis_scale.hpp"

#include <QPointF>
#include <QPolygonF>

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace tendril::app::curves {

// One curve on screen: the runs of drawable points between its gaps. A run of one point is drawn
// as a dot (a Hyperband configuration stopped after its first epoch has nothing else).
using CurvePolylines = std::vector<QPolygonF>;

// Maps a curve to pixels. It is split where a value cannot be placed (NaN, or not positive on a log
// axis), cut to the visible x range (keeping one point beyond each edge so lines leave the plot
// instead of stopping short), and runs denser than two points per pixel column are reduced with
// minMaxPerColumn. x must be non-decreasing for the cut; other curves are mapped whole.
CurvePolylines curvePolylines(std::span<const double> x, std::span<const double> y, const plot::AxisScale& xScale,
                              const plot::AxisScale& yScale);

struct CurveHit {
    std::size_t curve = 0;  // index in the list tested
    double distance = 0.0;  // pixels
};

// The curve nearest to at, when one passes within maxDistance pixels. On a tie the later curve
// wins: it is drawn on top.
std::optional<CurveHit> nearestCurve(std::span<const CurvePolylines* const> curves, QPointF at, double maxDistance);

// The index of the point whose x is closest to x (x non-decreasing: a binary search); nullopt for
// an empty curve.
std::optional<std::size_t> nearestPointByX(std::span<const double> xs, double x);

} // namespace tendril::app::curves
