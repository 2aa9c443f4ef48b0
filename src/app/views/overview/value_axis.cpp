#include "views/overview/value_axis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::overview {

double tickStep(double raw)
{
    if (!(raw > 0.0) || !std::isfinite(raw))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0})
        if (factor * magnitude >= raw * (1 - 1e-12))
            return factor * magnitude;
    return 10.0 * magnitude;
}

ValueAxis::ValueAxis(AxisScale scale, double low, double high, double pixelLow, double pixelHigh)
    : scale_(scale), low_(low), high_(high), pixelLow_(pixelLow), pixelHigh_(pixelHigh)
{
}

ValueAxis ValueAxis::forBins(const HistogramBins& bins, double pixelLow, double pixelHigh)
{
    if (bins.empty())
        return ValueAxis(AxisScale::Linear, 0.0, 1.0, pixelLow, pixelHigh);
    return ValueAxis(bins.scale(), bins.low(), bins.high(), pixelLow, pixelHigh);
}

double ValueAxis::toAxis(double value) const
{
    if (scale_ == AxisScale::Log)
        return value > 0.0 ? std::log10(value) : std::numeric_limits<double>::quiet_NaN();
    return value;
}

double ValueAxis::fromAxis(double t) const
{
    return scale_ == AxisScale::Log ? std::pow(10.0, t) : t;
}

double ValueAxis::toPixel(double value) const
{
    const double a = toAxis(low_);
    const double b = toAxis(high_);
    const double t = toAxis(value);
    if (std::isnan(t))
        return t;
    if (a == b)
        return (pixelLow_ + pixelHigh_) / 2;
    return pixelLow_ + (t - a) / (b - a) * (pixelHigh_ - pixelLow_);
}

double ValueAxis::toValue(double pixel) const
{
    if (pixelLow_ == pixelHigh_)
        return low_;
    // The ends map exactly, so a drag to the edge of the plot selects the whole extent.
    if (pixel == pixelLow_)
        return low_;
    if (pixel == pixelHigh_)
        return high_;
    const double a = toAxis(low_);
    const double b = toAxis(high_);
    return fromAxis(a + (pixel - pixelLow_) / (pixelHigh_ - pixelLow_) * (b - a));
}

double ValueAxis::clampPixel(double pixel) const
{
    return std::clamp(pixel, std::min(pixelLow_, pixelHigh_), std::max(pixelLow_, pixelHigh_));
}

std::vector<double> ValueAxis::ticks(int maxTicks) const
{
    std::vector<double> out;
    maxTicks = std::max(2, maxTicks);
    if (!(high_ > low_))
        return std::isfinite(low_) ? std::vector<double>{low_} : out;

    if (scale_ == AxisScale::Log && low_ > 0.0) {
        const int firstPower = static_cast<int>(std::ceil(std::log10(low_) - 1e-9));
        const int lastPower = static_cast<int>(std::floor(std::log10(high_) + 1e-9));
        const int powers = lastPower - firstPower + 1;
        if (powers >= 2) {
            const int every = (powers + maxTicks - 1) / maxTicks;
            for (int p = firstPower; p <= lastPower; p += every)
                out.push_back(std::pow(10.0, p));
            return out;
        }
        for (int p = firstPower - 1; p <= lastPower; ++p)
            for (const double factor : {1.0, 2.0, 5.0}) {
                const double v = factor * std::pow(10.0, p);
                if (v >= low_ * (1 - 1e-12) && v <= high_ * (1 + 1e-12))
                    out.push_back(v);
            }
        if (static_cast<int>(out.size()) <= maxTicks)
            return out;
        out.clear();  // too many for the space: fall back to evenly spaced values
    }

    double step = tickStep((high_ - low_) / maxTicks);
    auto tickCount = [this](double s) {
        return std::floor(high_ / s + 1e-9) - std::ceil(low_ / s - 1e-9) + 1;
    };
    while (tickCount(step) > maxTicks)
        step = tickStep(step * 1.5);  // the next round step up
    // Multiples of the step, not sums of it: 0.6000000000000001 once, not errors that grow.
    const double firstMultiple = std::ceil(low_ / step - 1e-9);
    for (int i = 0;; ++i) {
        double v = (firstMultiple + i) * step;
        if (v > high_ + step * 1e-9)
            break;
        if (std::fabs(v) < step * 1e-9)
            v = 0.0;  // not -1.2e-17 for the tick at zero
        out.push_back(v);
    }
    return out;
}

} // namespace tendril::app::overview
