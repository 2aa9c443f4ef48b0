// Where a value lands on a plot and back: a range of values mapped onto a span of pixels, on a
// linear or a log10 scale, with the zoom and pan arithmetic and the round tick values that go with
// it. Every view that puts values on an axis (the overview's histograms, the trade-off scatter
// plot, the learning curves, and whatever plots come next: parallel coordinates, importance
// heatmaps, small multiples) maps through this one module, so the same value sits at the same
// pixel and reads the same on every axis. Widget-free: tested directly.
//
// Conventions, for every function here:
// - A range is [low, high] in values. The pixel span may run either way: a y axis that grows
//   upwards on a screen that counts downwards has pixelAtHigh < pixelAtLow.
// - A log scale is log10: equal ratios take equal lengths, and the arithmetic of zoom, pan and
//   padding happens in decades.
// - A value the scale cannot place (NaN, an infinity, or zero or less on a log scale) maps to NaN:
//   callers skip the point or split the line there rather than draw it at a made-up place.
// - Mapping is unclamped, so a point dragged past the end maps past the end; clampPixel brings a
//   pixel back onto the span.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace tendril::app::plot {

enum class Scale { Linear, Log };

inline Scale scaleFor(bool log)
{
    return log ? Scale::Log : Scale::Linear;
}

struct ValueRange {
    double low = 0.0;
    double high = 1.0;

    friend bool operator==(const ValueRange&, const ValueRange&) = default;
};

// A range the scale can map: ends that cannot be used are replaced (a log range with no positive
// end becomes [1, 10]; one positive end gets a decade beside it; a linear range with no finite
// end becomes [0, 1]), reversed ends are swapped, and an empty range is widened around its value
// (by 5 % of it, by 0.5 around zero, by half a decade each way on a log scale) so it keeps a
// length to map onto pixels.
ValueRange usableRange(ValueRange range, Scale scale);

class AxisScale {
public:
    // [0, 1], linear, onto the pixels 0..1.
    AxisScale() : AxisScale(ValueRange{}, Scale::Linear) {}
    // The range is made usable first (usableRange): a scale never divides by zero.
    AxisScale(ValueRange range, Scale scale, double pixelAtLow = 0.0, double pixelAtHigh = 1.0);

    // The range that shows every value this scale can draw, padded by padFraction of its span at
    // each end (in decades on a log scale) so marks at the extremes are not cut by the frame; [0, 1]
    // (linear) or [1, 10] (log) when no value is drawable.
    static AxisScale fitted(std::span<const double> values, Scale scale, double padFraction = 0.05);

    const ValueRange& range() const { return range_; }
    double low() const { return range_.low; }
    double high() const { return range_.high; }
    Scale scale() const { return scale_; }
    bool log() const { return scale_ == Scale::Log; }

    // Where low and high land on screen; set again whenever the plot is laid out.
    void setPixelSpan(double pixelAtLow, double pixelAtHigh);
    double pixelAtLow() const { return pixelLow_; }
    double pixelAtHigh() const { return pixelHigh_; }

    // Finite, and positive on a log scale. Values outside the range are drawable (and clipped).
    bool drawable(double value) const { return std::isfinite(value) && (scale_ == Scale::Linear || value > 0.0); }

    // NaN for a value that is not drawable. Inline: every point of every drawn curve and marker
    // goes through it.
    double toPixel(double value) const
    {
        if (!drawable(value))
            return std::numeric_limits<double>::quiet_NaN();
        return pixelLow_ + ((scale_ == Scale::Log ? std::log10(value) : value) - tLow_) * pixelsPerUnit_;
    }
    // The ends of the pixel span map exactly onto the ends of the range, so a drag to the edge of
    // a plot takes in the whole extent. A span of no length maps everything to low.
    double toValue(double pixel) const;
    // The pixel moved onto the span.
    double clampPixel(double pixel) const;

    // The range after zooming by factor (below 1 zooms in) while the value under pixel stays
    // under it; on a log scale the zoom is in decades, so both ends stay positive.
    ValueRange zoomedAround(double pixel, double factor) const;
    // The range after the content moved by pixelDelta along the axis (a drag).
    ValueRange pannedBy(double pixelDelta) const;
    // The values between two pixels (a rubber band), in increasing order.
    ValueRange between(double pixelA, double pixelB) const;

    // Round values to label this range, at most maxTicks of them (see axisTicks).
    std::vector<double> ticks(int maxTicks, double minStep = 0.0) const;

private:
    double toLinear(double value) const { return scale_ == Scale::Log ? std::log10(value) : value; }
    double fromLinear(double t) const;
    double linearAt(double pixel) const;  // the pixel in the space the axis is uniform in

    ValueRange range_;
    Scale scale_ = Scale::Linear;
    double pixelLow_ = 0.0;
    double pixelHigh_ = 1.0;
    double tLow_ = 0.0;  // range_ in the uniform space (decades on a log scale)
    double tHigh_ = 1.0;
    double pixelsPerUnit_ = 1.0;
};

// The smallest and largest drawable value (finite, positive on a log scale), merged into `into`
// when given; nullopt when there is none. Accumulate several series by passing the last result.
std::optional<ValueRange> extentOf(std::span<const double> values, Scale scale,
                                   std::optional<ValueRange> into = std::nullopt);
// An extent with padFraction of its span added at each end (in decades on a log scale). A single
// value is widened as usableRange does, and half a decade each way on a log scale.
ValueRange padded(ValueRange extent, Scale scale, double padFraction);
// padded(extentOf(values)); nullopt when no value is drawable.
std::optional<ValueRange> paddedRange(std::span<const double> values, Scale scale, double padFraction = 0.05);
// The union of two ranges, either of which may be absent.
std::optional<ValueRange> unite(const std::optional<ValueRange>& a, const std::optional<ValueRange>& b);

// The smallest round step, 1, 2 or 5 times a power of ten, that is at least atLeast; 1 for
// anything that is not a positive number.
double tickStep(double atLeast);
// How many ticks fit along pixels when each wants pixelsPerTick: at least two, so an axis always
// shows where it starts and where it goes.
int tickBudget(double pixels, double pixelsPerTick);

// Round values inside range to label it, in increasing order, at most maxTicks of them (at least
// two are allowed for):
// - Linear: every multiple of the smallest 1-2-5 step that keeps within maxTicks; values are
//   the nearest doubles to the decimals they stand for (0.6, never 0.6000000000000001), and zero
//   is +0. Steps below minStep are skipped while that leaves two ticks or more: pass 1 for
//   counts and step numbers, which have no halves.
// - Log: 1, 2 and 5 times the powers of ten when at least three of those and no more than
//   maxTicks fall inside; else the powers of ten when two or more do, every k-th one when they
//   are too many, at multiples of k (1e-6, 1e-3, 1 rather than 1e-8, 1e-5, 1e-2) so the labels
//   read as a pattern; else (less than a decade) whichever of the linear ticks and the 1-2-5
//   multiples gives more.
std::vector<double> axisTicks(ValueRange range, Scale scale, int maxTicks, double minStep = 0.0);

// Ticks for a range of seconds on steps a clock reads well (15 s, 1 min, 5 min, 30 min, 1 h,
// 6 h, 1 day...); linear ticks below ten seconds and beyond many days.
std::vector<double> durationTicks(ValueRange range, int maxTicks);

} // namespace tendril::app::plot
