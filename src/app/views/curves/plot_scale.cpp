#include "views/curves/plot_scale.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace tendril::app::curves {

namespace {


// An empty range still needs a span to map onto pixels: widen it around its value.
ValueRange widened(ValueRange r, bool log)
{
    if (log) {
        if (!(r.low > 0.0) || !std::isfinite(r.low))
            r.low = r.high > 0.0 && std::isfinite(r.high) ? r.high / 10.0 : 1.0;
        if (!(r.high > r.low) || !std::isfinite(r.high))
            r.high = r.low * 10.0;
        return r;
    }
    if (!std::isfinite(r.low) || !std::isfinite(r.high)) {
        r = {0.0, 1.0};
    } else if (!(r.high > r.low)) {
        const double half = r.low == 0.0 ? 0.5 : std::abs(r.low) * 0.05;
        r = {r.low - half, r.low + half};
    }
    return r;
}

// The 1-2-5 step of about span / count.
double niceStep(double span, int count)
{
    const double raw = span / std::max(1, count);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / magnitude;
    const double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

std::vector<double> linearTicks(ValueRange r, int maxTicks)
{
    std::vector<double> ticks;
    const double span = r.high - r.low;
    if (!(span > 0.0) || !std::isfinite(span))
        return ticks;
    const double step = niceStep(span, std::max(1, maxTicks - 1));
    const double first = std::ceil(r.low / step - 1e-9) * step;
    for (double t = first; t <= r.high + step * 1e-9; t += step) {
        // Snap values that should be zero but carry rounding from the accumulation.
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
        if (ticks.size() > 100)
            break;
    }
    return ticks;
}

} // namespace

AxisScale::AxisScale(ValueRange range, bool log, double pixelAtLow, double pixelAtHigh)
    : range_(widened(range, log)), log_(log), pixelLow_(pixelAtLow), pixelHigh_(pixelAtHigh)
{
    tLow_ = forward(range_.low);
    tHigh_ = forward(range_.high);
    pixelsPerUnit_ = (pixelHigh_ - pixelLow_) / (tHigh_ - tLow_);
}

double AxisScale::forward(double value) const
{
    return log_ ? std::log10(value) : value;
}

double AxisScale::backward(double t) const
{
    return log_ ? std::pow(10.0, t) : t;
}

double AxisScale::toValue(double pixel) const
{
    if (pixelHigh_ == pixelLow_)
        return range_.low;
    return backward(tLow_ + (pixel - pixelLow_) / (pixelHigh_ - pixelLow_) * (tHigh_ - tLow_));
}

ValueRange AxisScale::zoomedAround(double pixel, double factor) const
{
    if (!(factor > 0.0) || !std::isfinite(factor) || pixelHigh_ == pixelLow_)
        return range_;
    const double anchor = tLow_ + (pixel - pixelLow_) / (pixelHigh_ - pixelLow_) * (tHigh_ - tLow_);
    return {backward(anchor + (tLow_ - anchor) * factor), backward(anchor + (tHigh_ - anchor) * factor)};
}

ValueRange AxisScale::pannedBy(double pixelDelta) const
{
    if (pixelHigh_ == pixelLow_)
        return range_;
    const double shift = pixelDelta / (pixelHigh_ - pixelLow_) * (tHigh_ - tLow_);
    return {backward(tLow_ - shift), backward(tHigh_ - shift)};
}

ValueRange AxisScale::between(double pixelA, double pixelB) const
{
    const double a = toValue(pixelA);
    const double b = toValue(pixelB);
    return {std::min(a, b), std::max(a, b)};
}

std::optional<ValueRange> paddedRange(std::span<const double> values, bool log, double padFraction)
{
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const double v : values) {
        if (!std::isfinite(v) || (log && v <= 0.0))
            continue;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    if (low > high)
        return std::nullopt;
    if (log) {
        const double tLow = std::log10(low);
        const double tHigh = std::log10(high);
        const double pad = tHigh > tLow ? (tHigh - tLow) * padFraction : 0.5;
        return ValueRange{std::pow(10.0, tLow - pad), std::pow(10.0, tHigh + pad)};
    }
    if (high == low)
        return widened({low, high}, false);
    const double pad = (high - low) * padFraction;
    return ValueRange{low - pad, high + pad};
}

std::optional<ValueRange> unite(const std::optional<ValueRange>& a, const std::optional<ValueRange>& b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return ValueRange{std::min(a->low, b->low), std::max(a->high, b->high)};
}

std::vector<double> axisTicks(ValueRange range, bool log, int maxTicks)
{
    maxTicks = std::max(2, maxTicks);
    if (!log)
        return linearTicks(range, maxTicks);
    if (!(range.low > 0.0) || !(range.high > range.low) || !std::isfinite(range.high))
        return {};
    const double tLow = std::log10(range.low);
    const double tHigh = std::log10(range.high);
    const int firstDecade = static_cast<int>(std::ceil(tLow - 1e-9));
    const int lastDecade = static_cast<int>(std::floor(tHigh + 1e-9));
    if (lastDecade - firstDecade + 1 >= 3) {
        // Several decades: powers of ten, every few decades when they are many.
        const int every = (lastDecade - firstDecade) / maxTicks + 1;
        std::vector<double> ticks;
        for (int d = firstDecade; d <= lastDecade; d += every)
            ticks.push_back(std::pow(10.0, d));
        return ticks;
    }
    // A decade or two: 1, 2 and 5 times the powers of ten; all of 1..9 when those are too few, the
    // powers alone when they are too many.
    auto multiplesInRange = [&](std::initializer_list<int> multiples) {
        std::vector<double> out;
        for (int d = static_cast<int>(std::floor(tLow)); d <= static_cast<int>(std::ceil(tHigh)); ++d)
            for (const int m : multiples) {
                const double t = m * std::pow(10.0, d);
                if (t >= range.low * (1 - 1e-9) && t <= range.high * (1 + 1e-9))
                    out.push_back(t);
            }
        return out;
    };
    const std::vector<double> oneTwoFive = multiplesInRange({1, 2, 5});
    const auto fits = [maxTicks](const std::vector<double>& t, std::size_t atLeast) {
        return t.size() >= atLeast && t.size() <= static_cast<std::size_t>(maxTicks);
    };
    if (fits(oneTwoFive, 3))
        return oneTwoFive;
    if (oneTwoFive.size() > static_cast<std::size_t>(maxTicks)) {
        if (const std::vector<double> powers = multiplesInRange({1}); powers.size() >= 2)
            return powers;
    } else {
        if (const std::vector<double> all = multiplesInRange({1, 2, 3, 4, 5, 6, 7, 8, 9}); fits(all, 3))
            return all;
        if (fits(oneTwoFive, 2))
            return oneTwoFive;
    }
    // Too few ticks fit the pattern (a narrow zoom): even steps read best.
    return linearTicks(range, maxTicks);
}

std::vector<double> durationTicks(ValueRange range, int maxTicks)
{
    maxTicks = std::max(2, maxTicks);
    const double span = range.high - range.low;
    static constexpr double kClockSteps[] = {10,   15,   30,   60,    120,   300,   600,   900,
                                             1800, 3600, 7200, 10800, 21600, 43200, 86400};
    if (!(span > 0.0) || !std::isfinite(span) || span / (maxTicks - 1) < kClockSteps[0])
        return linearTicks(range, maxTicks);
    for (const double step : kClockSteps) {
        if (span / step > maxTicks - 1)
            continue;
        std::vector<double> ticks;
        for (double t = std::ceil(range.low / step - 1e-9) * step; t <= range.high + step * 1e-9; t += step)
            ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
        return ticks;
    }
    return linearTicks(range, maxTicks);
}

} // namespace tendril::app::curves
