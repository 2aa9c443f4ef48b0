#include "views/overview/brush_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app::overview {

using plot::AxisScale;
using plot::ValueRange;

namespace {

double leftPixel(const AxisScale& axis)
{
    return std::min(axis.pixelAtLow(), axis.pixelAtHigh());
}

double rightPixel(const AxisScale& axis)
{
    return std::max(axis.pixelAtLow(), axis.pixelAtHigh());
}

} // namespace

ValueRange brushFromPixels(const AxisScale& axis, double x0, double x1)
{
    const double a = axis.toValue(axis.clampPixel(x0));
    const double b = axis.toValue(axis.clampPixel(x1));
    return {std::min(a, b), std::max(a, b)};
}

PixelSpan brushToPixels(const AxisScale& axis, const ValueRange& range)
{
    auto pixelOf = [&axis](double v) {
        const double p = axis.toPixel(v);
        if (std::isnan(p))
            return v > axis.high() ? axis.pixelAtHigh() : axis.pixelAtLow();
        return axis.clampPixel(p);
    };
    const double a = pixelOf(range.low);
    const double b = pixelOf(range.high);
    return {std::min(a, b), std::max(a, b)};
}

BrushHandle hitBrush(const AxisScale& axis, const ValueRange& range, double x, double tolerance)
{
    const PixelSpan span = brushToPixels(axis, range);
    const double toLow = std::fabs(x - span.from);
    const double toHigh = std::fabs(x - span.to);
    if (std::min(toLow, toHigh) <= tolerance) {
        // On a brush narrower than twice the tolerance, the nearer edge; to the right of the
        // middle, the high edge, so a brush of zero width can still be widened both ways.
        const bool low = toLow < toHigh || (toLow == toHigh && x < span.from);
        const bool lowIsLeft = axis.pixelAtHigh() >= axis.pixelAtLow();
        return low == lowIsLeft ? BrushHandle::LowEdge : BrushHandle::HighEdge;
    }
    if (x > span.from && x < span.to)
        return BrushHandle::Body;
    return BrushHandle::None;
}

ValueRange moveBrush(const AxisScale& axis, const ValueRange& start, double dx)
{
    const PixelSpan span = brushToPixels(axis, start);
    const double shift = std::clamp(dx, leftPixel(axis) - span.from, rightPixel(axis) - span.to);
    return brushFromPixels(axis, span.from + shift, span.to + shift);
}

ValueRange resizeBrush(const AxisScale& axis, const ValueRange& start, BrushHandle edge, double x)
{
    const double kept = edge == BrushHandle::LowEdge ? start.high : start.low;
    const double moved = axis.toValue(axis.clampPixel(x));
    // The kept edge keeps its exact value rather than a round trip through pixels.
    return {std::min(kept, moved), std::max(kept, moved)};
}

} // namespace tendril::app::overview
