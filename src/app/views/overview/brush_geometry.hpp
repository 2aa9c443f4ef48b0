// A horizontal brush on a value axis: the pixels the user drags map to the exact values under them
// (no snapping to bins or ticks), and a brush range maps back to the band that is drawn. Qt-free.
#pragma once

#include "views/overview/value_axis.hpp"

namespace tendril::app::overview {

struct ValueRange {
    double low = 0.0;
    double high = 0.0;
    friend bool operator==(const ValueRange&, const ValueRange&) = default;
};

struct PixelSpan {
    double from = 0.0;  // left
    double to = 0.0;    // right
};

// What a press on the axis grabs of an existing brush.
enum class BrushHandle { None, Body, LowEdge, HighEdge };

// The range between two dragged pixels, in either order, each first clamped onto the axis.
ValueRange brushFromPixels(const ValueAxis& axis, double x0, double x1);
// The band a range covers on screen, left to right, clamped onto the axis.
PixelSpan brushToPixels(const ValueAxis& axis, const ValueRange& range);

// Edges win over the body within tolerance pixels, so a narrow brush can still be resized.
BrushHandle hitBrush(const ValueAxis& axis, const ValueRange& range, double x, double tolerance);
// The brush dragged sideways by dx pixels, its pixel width kept and stopped at the axis ends.
ValueRange moveBrush(const ValueAxis& axis, const ValueRange& start, double dx);
// One edge dragged to pixel x; the other edge stays, and crossing it swaps the two.
ValueRange resizeBrush(const ValueAxis& axis, const ValueRange& start, BrushHandle edge, double x);

} // namespace tendril::app::overview
