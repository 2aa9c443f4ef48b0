#include "views/tradeoff/axis_scale.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::tradeoff {

namespace {

// The smallest 1, 2 or 5 times a power of ten that is at least rough.
double niceStep(double rough)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= rough * (1 - 1e-9))
            return m * magnitude;
    return 10.0 * magnitude;
}

std::vector<double> linearTicks(double low, double high, int maxTicks)
{
    std::vector<double> out;
    if (!(high > low) || maxTicks < 1)
        return out;
    const double step = niceStep((high - low) / maxTicks);
    const double first = std::ceil(low / step - 1e-9);
    const double last = std::floor(high / step + 1e-9);
    for (double i = first; i <= last; ++i) {
        double v = i * step;
        // Multiples of a step like 0.1 carry binary noise (0.30000000000000004); rounding to the
        // step's own precision keeps labels and hover values clean.
        const double digits = std::max(0.0, -std::floor(std::log10(step))) + 1;
        const double scale = std::pow(10.0, digits);
        v = std::round(v * scale) / scale;
        out.push_back(v == 0.0 ? 0.0 : v);  // no "-0"
    }
    return out;
}

} // namespace

AxisScale::AxisScale(double low, double high, bool log) : low_(low), high_(high), log_(log)
{
    if (log_ && !(low_ > 0.0))
        low_ = std::numeric_limits<double>::min();
    if (high_ < low_)
        std::swap(low_, high_);
    if (high_ == low_) {
        if (log_) {
            low_ /= 2.0;
            high_ *= 2.0;
        } else {
            const double half = low_ == 0.0 ? 0.5 : std::fabs(low_) * 0.1;
            low_ -= half;
            high_ += half;
        }
    }
}

AxisScale AxisScale::fitted(const std::vector<double>& values, bool log, double padding)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const double v : values) {
        if (!std::isfinite(v) || (log && v <= 0.0))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo > hi)
        return log ? AxisScale(1.0, 10.0, true) : AxisScale(0.0, 1.0, false);
    AxisScale bare(lo, hi, log);  // widens a single value into a span
    const double tLow = bare.transform(bare.low_), tHigh = bare.transform(bare.high_);
    const double pad = (tHigh - tLow) * padding;
    return AxisScale(bare.inverse(tLow - pad), bare.inverse(tHigh + pad), log);
}

void AxisScale::setPixelRange(double pixelOfLow, double pixelOfHigh)
{
    pixelLow_ = pixelOfLow;
    pixelHigh_ = pixelOfHigh;
}

bool AxisScale::accepts(double value) const
{
    return std::isfinite(value) && (!log_ || value > 0.0);
}

double AxisScale::transform(double value) const
{
    return log_ ? std::log10(value) : value;
}

double AxisScale::inverse(double t) const
{
    return log_ ? std::pow(10.0, t) : t;
}

double AxisScale::toPixel(double value) const
{
    if (!accepts(value))
        return std::numeric_limits<double>::quiet_NaN();
    const double tLow = transform(low_), tHigh = transform(high_);
    const double f = (transform(value) - tLow) / (tHigh - tLow);
    return pixelLow_ + f * (pixelHigh_ - pixelLow_);
}

double AxisScale::toValue(double pixel) const
{
    const double tLow = transform(low_), tHigh = transform(high_);
    const double f = (pixel - pixelLow_) / (pixelHigh_ - pixelLow_);
    return inverse(tLow + f * (tHigh - tLow));
}

std::vector<double> AxisScale::ticks(int maxTicks) const
{
    if (!log_)
        return linearTicks(low_, high_, maxTicks);
    const double decades = std::log10(high_) - std::log10(low_);
    if (decades < 1.0)
        return linearTicks(low_, high_, maxTicks);

    const int firstPower = static_cast<int>(std::ceil(std::log10(low_) - 1e-9));
    const int lastPower = static_cast<int>(std::floor(std::log10(high_) + 1e-9));
    const int powers = lastPower - firstPower + 1;
    const int every = std::max(1, (powers + maxTicks - 1) / std::max(1, maxTicks));
    const bool subdivide = every == 1 && powers * 3 <= maxTicks;
    std::vector<double> out;
    for (int p = firstPower - 1; p <= lastPower; ++p) {
        // 1 / 10^k is the double nearest 1e-k, which pow(10, -k) need not be.
        const double power = p >= 0 ? std::pow(10.0, p) : 1.0 / std::pow(10.0, -p);
        // Skipped decades stay aligned to multiples of the step: 1e-6, 1e-3, 1 rather than 1e-8, 1e-5.
        if (p >= firstPower && ((p % every) + every) % every == 0)
            out.push_back(power);
        if (subdivide)
            for (const double m : {2.0, 5.0})
                if (const double v = m * power; v >= low_ && v <= high_)
                    out.push_back(v);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace tendril::app::tradeoff
