// Where a value lands on screen and back: the mapping between an axis's values and pixels, on a
// linear or a log scale, with round tick values for its labels. Qt-free, tested without widgets.
#pragma once

#include "views/overview/histogram_bins.hpp"

#include <vector>

namespace tendril::app::overview {

// The smallest round step (1, 2 or 5 times a power of ten) at least raw: tick spacing.
double tickStep(double raw);

class ValueAxis {
public:
    ValueAxis() = default;
    // Values low..high drawn from pixelLow to pixelHigh; pixelHigh may be smaller (a y axis grows
    // upward). A log axis needs 0 < low.
    ValueAxis(AxisScale scale, double low, double high, double pixelLow, double pixelHigh);
    // The axis of a histogram: exactly its bins' extent.
    static ValueAxis forBins(const HistogramBins& bins, double pixelLow, double pixelHigh);

    AxisScale scale() const { return scale_; }
    double low() const { return low_; }
    double high() const { return high_; }
    double pixelLow() const { return pixelLow_; }
    double pixelHigh() const { return pixelHigh_; }

    // Unclamped both ways, so a point dragged past the end maps past the end; NaN for a value a log
    // axis cannot show (zero, negative, NaN).
    double toPixel(double value) const;
    double toValue(double pixel) const;
    // The pixel moved onto the axis's extent.
    double clampPixel(double pixel) const;

    // Round values in [low, high] to label, at most maxTicks of them. Log axes tick at powers of
    // ten (every other one and so on when there are too many), and at 2 and 5 times them when
    // fewer than two powers fall inside.
    std::vector<double> ticks(int maxTicks) const;

private:
    double toAxis(double value) const;
    double fromAxis(double t) const;

    AxisScale scale_ = AxisScale::Linear;
    double low_ = 0.0;
    double high_ = 1.0;
    double pixelLow_ = 0.0;
    double pixelHigh_ = 1.0;
};

} // namespace tendril::app::overview
