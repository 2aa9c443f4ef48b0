// A horizontal brush on a value axis: the pixels the user drags map to the exact values under them
// (no snapping to bins or ticks), and a brush range maps back to the band that is drawn. Qt-free.
#pragma once

#include "plot/axis_scale.hpp"

namespace tendril::app::overview {

struct PixelSpan {
    double from = 0.0;  // left
    double to = 0.0;    // right
};

// What a press on the axis grabs of an existing brush.
enum class BrushHandle { None, Body, LowEdge, HighEdge };

// The range between two dragged pixels, in either order, each first clamped onto the axis.
plot::ValueRange brushFromPixels(const plot::AxisScale& axis, double x0, double x1);
// The band a range covers on screen, left to right, clamped onto the axis. An end the axis cannot
// place (zero or less on a log axis) sits at the axis's low end; +infinity at its high end.
PixelSpan brushToPixels(const plot::AxisScale& axis, const plot::ValueRange& range);

// Edges win over the body within tolerance pixels, so a narrow brush can still be resized.
BrushHandle hitBrush(const plot::AxisScale& axis, const plot::ValueRange& range, double x, double tolerance);
// The brush dragged sideways by dx pixels, its pixel width kept and stopped at the axis ends.
plot::ValueRange moveBrush(const plot::AxisScale& axis, const plot::ValueRange& start, double dx);
// One edge dragged to pixel x; the other edge stays, and crossing it swaps the two.
plot::ValueRange resizeBrush(const plot::AxisScale& axis, const plot::ValueRange& start, BrushHandle edge, double x);

} // namespace tendril::app::overview
