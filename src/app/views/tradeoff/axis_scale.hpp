// One axis of a plot: a domain of data values, linear or logarithmic, mapped onto a pixel range.
// Widget-free so the mapping every mouse action depends on is tested directly.
#pragma once

#include <vector>

namespace tendril::app::tradeoff {

class AxisScale {
public:
    AxisScale() = default;
    // A log axis needs 0 < low; low == high is widened so the axis keeps a length.
    AxisScale(double low, double high, bool log);

    // The domain that shows every value this axis can draw (finite, and positive on a log axis)
    // with padding (a fraction of the span on each side, measured in the axis' own space), so
    // markers at the extremes are not cut by the frame. No drawable value: [0, 1] or [1, 10].
    static AxisScale fitted(const std::vector<double>& values, bool log, double padding = 0.05);

    bool log() const { return log_; }
    double low() const { return low_; }
    double high() const { return high_; }

    // Where low and high land on screen; last < first for a vertical axis that grows upwards.
    void setPixelRange(double pixelOfLow, double pixelOfHigh);
    double pixelOfLow() const { return pixelLow_; }
    double pixelOfHigh() const { return pixelHigh_; }

    // Finite, and positive on a log axis.
    bool accepts(double value) const;
    // NaN for values the axis cannot draw.
    double toPixel(double value) const;
    double toValue(double pixel) const;

    // Round values inside the domain for grid lines and labels, at most about maxTicks of them:
    // 1-2-5 steps on a linear axis; powers of ten on a log axis that spans a few decades, with
    // 2 and 5 between them when there is room, and linear steps when it spans less than one.
    std::vector<double> ticks(int maxTicks) const;

private:
    double transform(double value) const;
    double inverse(double t) const;

    double low_ = 0.0;
    double high_ = 1.0;
    bool log_ = false;
    double pixelLow_ = 0.0;
    double pixelHigh_ = 1.0;
};

} // namespace tendril::app::tradeoff
