#include "plot/axis_scale.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace tendril::app::plot {

namespace {

// A round step kept as digits and a power of ten, so its multiples can be computed as the
// decimals they stand for rather than as sums that drift.
struct RoundStep {
    int mantissa = 1;  // 1, 2 or 5
    int exponent = 0;
};

// mantissa × 10^exponent as the double nearest that decimal: 10^k is exact for the k that
// matter, and dividing by it (rather than multiplying by 10^-k, which is not exact) rounds once.
double decimal(double mantissa, int exponent)
{
    return exponent >= 0 ? mantissa * std::pow(10.0, exponent) : mantissa / std::pow(10.0, -exponent);
}

double valueOf(RoundStep step)
{
    return decimal(step.mantissa, step.exponent);
}

RoundStep roundStepAtLeast(double atLeast)
{
    if (!(atLeast > 0.0) || !std::isfinite(atLeast))
        return {};
    const int exponent = static_cast<int>(std::floor(std::log10(atLeast)));
    for (const int mantissa : {1, 2, 5})
        if (decimal(mantissa, exponent) >= atLeast * (1 - 1e-9))
            return {mantissa, exponent};
    return {1, exponent + 1};
}

RoundStep nextStep(RoundStep step)
{
    switch (step.mantissa) {
    case 1:
        return {2, step.exponent};
    case 2:
        return {5, step.exponent};
    default:
        return {1, step.exponent + 1};
    }
}

// How many multiples of step lie in range, with a little slack for rounding at the ends.
double multiplesIn(ValueRange range, double step)
{
    return std::floor(range.high / step + 1e-9) - std::ceil(range.low / step - 1e-9) + 1;
}

// multiplesIn as a count to loop over, at most limit. Counting rather than stepping a double from
// the first multiple to the last: far from zero, adding one to a multiple's index can leave it
// unchanged.
int countOf(ValueRange range, double step, int limit)
{
    const double count = multiplesIn(range, step);
    return count >= 1.0 ? static_cast<int>(std::min<double>(count, limit)) : 0;
}

std::vector<double> linearTicks(ValueRange range, int maxTicks, double minStep)
{
    const double span = range.high - range.low;
    if (!(span > 0.0) || !std::isfinite(span))
        return std::isfinite(range.low) && range.low == range.high ? std::vector<double>{range.low}
                                                                   : std::vector<double>{};
    const auto densest = [&](double atLeast) {
        RoundStep step = roundStepAtLeast(std::max(span / maxTicks, atLeast));
        while (multiplesIn(range, valueOf(step)) > maxTicks)
            step = nextStep(step);
        return step;
    };
    RoundStep step = densest(minStep);
    if (minStep > 0.0 && multiplesIn(range, valueOf(step)) < 2)
        step = densest(0.0);  // zoomed in between two whole numbers: fractions beat a bare axis
    const double size = valueOf(step);
    const double first = std::ceil(range.low / size - 1e-9);
    std::vector<double> ticks;
    for (int k = 0; k < countOf(range, size, maxTicks); ++k)
        ticks.push_back(decimal((first + k) * step.mantissa, step.exponent) + 0.0);  // + 0.0: never -0
    return ticks;
}

std::vector<double> logTicks(ValueRange range, int maxTicks, double minStep)
{
    if (!(range.low > 0.0) || !(range.high > range.low) || !std::isfinite(range.high))
        return {};
    const double tLow = std::log10(range.low);
    const double tHigh = std::log10(range.high);
    const int firstPower = static_cast<int>(std::ceil(tLow - 1e-9));
    const int lastPower = static_cast<int>(std::floor(tHigh + 1e-9));
    const int powers = lastPower - firstPower + 1;

    std::vector<double> oneTwoFive;
    if (powers <= maxTicks)
        for (int p = firstPower - 1; p <= lastPower; ++p)
            for (const int m : {1, 2, 5})
                if (const double v = decimal(m, p); v >= range.low * (1 - 1e-9) && v <= range.high * (1 + 1e-9))
                    oneTwoFive.push_back(v);
    const auto fits = [maxTicks](const std::vector<double>& ticks) {
        return ticks.size() <= static_cast<std::size_t>(maxTicks);
    };
    if (oneTwoFive.size() >= 3 && fits(oneTwoFive))
        return oneTwoFive;

    if (powers >= 2) {
        const auto alignedCount = [&](int every) {
            return std::floor(static_cast<double>(lastPower) / every) - std::ceil(static_cast<double>(firstPower) / every)
                + 1;
        };
        int every = 1;
        while (alignedCount(every) > maxTicks)
            ++every;
        std::vector<double> ticks;
        for (int p = static_cast<int>(std::ceil(static_cast<double>(firstPower) / every)) * every; p <= lastPower;
             p += every)
            ticks.push_back(decimal(1, p));
        return ticks;
    }

    // Less than a decade: even steps read best unless they leave fewer ticks than 1-2-5 does.
    std::vector<double> linear = linearTicks(range, maxTicks, minStep);
    if (fits(oneTwoFive) && oneTwoFive.size() > linear.size())
        return oneTwoFive;
    return linear;
}

} // namespace

ValueRange usableRange(ValueRange range, Scale scale)
{
    const auto usable = [scale](double v) { return std::isfinite(v) && (scale == Scale::Linear || v > 0.0); };
    const bool lowUsable = usable(range.low);
    const bool highUsable = usable(range.high);
    if (!lowUsable && !highUsable)
        return scale == Scale::Log ? ValueRange{1.0, 10.0} : ValueRange{0.0, 1.0};
    if (scale == Scale::Log) {
        if (!lowUsable)
            range.low = range.high / 10.0;
        if (!highUsable)
            range.high = range.low * 10.0;
    } else {
        if (!lowUsable)
            range.low = range.high;
        if (!highUsable)
            range.high = range.low;
    }
    if (range.high < range.low)
        std::swap(range.low, range.high);
    if (range.high == range.low) {
        const double v = range.low;
        if (scale == Scale::Log) {
            const double halfDecade = std::sqrt(10.0);
            return {v / halfDecade, v * halfDecade};
        }
        const double half = v == 0.0 ? 0.5 : std::abs(v) * 0.05;
        return {v - half, v + half};
    }
    return range;
}

AxisScale::AxisScale(ValueRange range, Scale scale, double pixelAtLow, double pixelAtHigh)
    : range_(usableRange(range, scale)), scale_(scale)
{
    tLow_ = toLinear(range_.low);
    tHigh_ = toLinear(range_.high);
    setPixelSpan(pixelAtLow, pixelAtHigh);
}

AxisScale AxisScale::fitted(std::span<const double> values, Scale scale, double padFraction)
{
    const std::optional<ValueRange> range = paddedRange(values, scale, padFraction);
    return AxisScale(range.value_or(scale == Scale::Log ? ValueRange{1.0, 10.0} : ValueRange{0.0, 1.0}), scale);
}

void AxisScale::setPixelSpan(double pixelAtLow, double pixelAtHigh)
{
    pixelLow_ = pixelAtLow;
    pixelHigh_ = pixelAtHigh;
    // Ends a hair apart can still meet in log10; such a range maps everything to its low pixel.
    pixelsPerUnit_ = tHigh_ > tLow_ ? (pixelHigh_ - pixelLow_) / (tHigh_ - tLow_) : 0.0;
}

double AxisScale::fromLinear(double t) const
{
    return scale_ == Scale::Log ? std::pow(10.0, t) : t;
}

double AxisScale::linearAt(double pixel) const
{
    return tLow_ + (pixel - pixelLow_) / (pixelHigh_ - pixelLow_) * (tHigh_ - tLow_);
}

double AxisScale::toValue(double pixel) const
{
    if (pixel == pixelLow_ || pixelHigh_ == pixelLow_)
        return range_.low;
    if (pixel == pixelHigh_)
        return range_.high;
    return fromLinear(linearAt(pixel));
}

double AxisScale::clampPixel(double pixel) const
{
    return std::clamp(pixel, std::min(pixelLow_, pixelHigh_), std::max(pixelLow_, pixelHigh_));
}

ValueRange AxisScale::zoomedAround(double pixel, double factor) const
{
    if (!(factor > 0.0) || !std::isfinite(factor) || pixelHigh_ == pixelLow_)
        return range_;
    const double anchor = linearAt(pixel);
    return {fromLinear(anchor + (tLow_ - anchor) * factor), fromLinear(anchor + (tHigh_ - anchor) * factor)};
}

ValueRange AxisScale::pannedBy(double pixelDelta) const
{
    if (pixelHigh_ == pixelLow_)
        return range_;
    const double shift = pixelDelta / (pixelHigh_ - pixelLow_) * (tHigh_ - tLow_);
    return {fromLinear(tLow_ - shift), fromLinear(tHigh_ - shift)};
}

ValueRange AxisScale::between(double pixelA, double pixelB) const
{
    const double a = toValue(pixelA);
    const double b = toValue(pixelB);
    return {std::min(a, b), std::max(a, b)};
}

std::vector<double> AxisScale::ticks(int maxTicks, double minStep) const
{
    return axisTicks(range_, scale_, maxTicks, minStep);
}

std::optional<ValueRange> extentOf(std::span<const double> values, Scale scale, std::optional<ValueRange> into)
{
    double low = into ? into->low : std::numeric_limits<double>::infinity();
    double high = into ? into->high : -std::numeric_limits<double>::infinity();
    for (const double v : values)
        if (std::isfinite(v) && (scale == Scale::Linear || v > 0.0)) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    if (low > high)
        return std::nullopt;
    return ValueRange{low, high};
}

ValueRange padded(ValueRange extent, Scale scale, double padFraction)
{
    if (extent.low == extent.high)
        return usableRange(extent, scale);
    extent = usableRange(extent, scale);
    const auto toLinear = [scale](double v) { return scale == Scale::Log ? std::log10(v) : v; };
    const auto fromLinear = [scale](double t) { return scale == Scale::Log ? std::pow(10.0, t) : t; };
    const double tLow = toLinear(extent.low);
    const double tHigh = toLinear(extent.high);
    const double pad = (tHigh - tLow) * padFraction;
    return {fromLinear(tLow - pad), fromLinear(tHigh + pad)};
}

std::optional<ValueRange> paddedRange(std::span<const double> values, Scale scale, double padFraction)
{
    const std::optional<ValueRange> extent = extentOf(values, scale);
    if (!extent)
        return std::nullopt;
    return padded(*extent, scale, padFraction);
}

std::optional<ValueRange> unite(const std::optional<ValueRange>& a, const std::optional<ValueRange>& b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return ValueRange{std::min(a->low, b->low), std::max(a->high, b->high)};
}

double tickStep(double atLeast)
{
    return valueOf(roundStepAtLeast(atLeast));
}

int tickBudget(double pixels, double pixelsPerTick)
{
    if (!(pixels > 0.0) || !(pixelsPerTick > 0.0))
        return 2;
    return static_cast<int>(std::clamp(std::floor(pixels / pixelsPerTick), 2.0, 1000.0));
}

std::vector<double> axisTicks(ValueRange range, Scale scale, int maxTicks, double minStep)
{
    maxTicks = std::max(2, maxTicks);
    return scale == Scale::Log ? logTicks(range, maxTicks, minStep) : linearTicks(range, maxTicks, minStep);
}

std::vector<double> durationTicks(ValueRange range, int maxTicks)
{
    maxTicks = std::max(2, maxTicks);
    const double span = range.high - range.low;
    static constexpr double kClockSteps[] = {10,   15,   30,   60,    120,   300,   600,   900,
                                             1800, 3600, 7200, 10800, 21600, 43200, 86400};
    if (!(span > 0.0) || !std::isfinite(span) || span / (maxTicks - 1) < kClockSteps[0])
        return linearTicks(range, maxTicks, 0.0);
    for (const double step : kClockSteps) {
        if (span / step > maxTicks - 1)
            continue;
        std::vector<double> ticks;
        const double first = std::ceil(range.low / step - 1e-9);
        for (int k = 0; k < countOf(range, step, maxTicks); ++k)
            ticks.push_back((first + k) * step + 0.0);
        return ticks;
    }
    return linearTicks(range, maxTicks, 0.0);
}

} // namespace tendril::app::plot
