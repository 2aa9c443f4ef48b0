// Value <-> pixel mapping of one plot axis, linear or logarithmic, with the zoom and pan arithmetic
// and the tick positions that go with it.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace tendril::app::curves {

struct ValueRange {
    double low = 0.0;
    double high = 1.0;

    friend bool operator==(const ValueRange&, const ValueRange&) = default;
};

class AxisScale {
public:
    AxisScale() = default;
    // pixelAtLow may lie above pixelAtHigh: y axes grow upwards on a screen that counts downwards.
    // A log axis needs a positive range; an empty or reversed range is widened around its value.
    AxisScale(ValueRange range, bool log, double pixelAtLow, double pixelAtHigh);

    const ValueRange& range() const { return range_; }
    bool log() const { return log_; }
    double pixelAtLow() const { return pixelLow_; }
    double pixelAtHigh() const { return pixelHigh_; }

    // NaN for a value that cannot be placed: not finite, or not positive on a log axis. Inline:
    // every point of every drawn curve goes through it.
    double toPixel(double value) const
    {
        if (!drawable(value))
            return std::numeric_limits<double>::quiet_NaN();
        return pixelLow_ + ((log_ ? std::log10(value) : value) - tLow_) * pixelsPerUnit_;
    }
    double toValue(double pixel) const;
    bool drawable(double value) const { return std::isfinite(value) && (!log_ || value > 0.0); }

    // The range after zooming by factor (below 1 zooms in) while the value under pixel stays under
    // it; on a log axis the zoom is in decades, so both ends stay positive.
    ValueRange zoomedAround(double pixel, double factor) const;
    // The range after the content moved by pixelDelta along the axis (a drag).
    ValueRange pannedBy(double pixelDelta) const;
    // The range between two pixels (a rubber band), in increasing order.
    ValueRange between(double pixelA, double pixelB) const;

private:
    double forward(double value) const;  // value -> the linear space the axis is uniform in
    double backward(double t) const;

    ValueRange range_;
    bool log_ = false;
    double pixelLow_ = 0.0;
    double pixelHigh_ = 1.0;
    double tLow_ = 0.0;
    double tHigh_ = 1.0;
    double pixelsPerUnit_ = 1.0;  // per unit of the linear space (a decade on a log axis)
};

// The range that shows these values with padFraction of its span free at each end: on a log axis
// only positive finite values count, and the padding is in decades. nullopt when no value counts.
std::optional<ValueRange> paddedRange(std::span<const double> values, bool log, double padFraction = 0.05);
// The union of two ranges, either of which may be absent.
std::optional<ValueRange> unite(const std::optional<ValueRange>& a, const std::optional<ValueRange>& b);

// Tick positions inside range, at most about maxTicks of them: 1-2-5 steps on a linear axis;
// powers of ten on a log axis spanning a few decades, 1-2-5 multiples within a narrow one.
std::vector<double> axisTicks(ValueRange range, bool log, int maxTicks);

// Tick positions for a range of seconds, on steps a clock reads well (15 s, 1 min, 5 min, 30 min,
// 1 h, 6 h, 1 day...); plain 1-2-5 steps below ten seconds and above many days.
std::vector<double> durationTicks(ValueRange range, int maxTicks);

} // namespace tendril::app::curves
