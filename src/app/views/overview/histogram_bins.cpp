#include "views/overview/histogram_bins.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace tendril::app::overview {

bool ExcludedValues::count(double v)
{
    if (std::isnan(v)) {
        ++nan;
        return true;
    }
    if (std::isinf(v)) {
        ++(v > 0 ? positiveInfinity : negativeInfinity);
        return true;
    }
    return false;
}

double niceStep(double raw, bool integerSteps)
{
    if (!(raw > 0.0) || !std::isfinite(raw))
        return 1.0;
    static constexpr std::array<double, 5> kAny = {1.0, 2.0, 2.5, 5.0, 10.0};
    static constexpr std::array<double, 4> kWhole = {1.0, 2.0, 5.0, 10.0};
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double best = magnitude;
    double bestDistance = std::numeric_limits<double>::infinity();
    auto consider = [&](double factor) {
        const double candidate = factor * magnitude;
        const double distance = std::fabs(std::log(candidate / raw));  // nearest as a ratio
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    };
    if (integerSteps) {
        for (const double f : kWhole)
            consider(f);
        return std::max(1.0, std::round(best));
    }
    for (const double f : kAny)
        consider(f);
    return best;
}

HistogramBins::HistogramBins(plot::Scale scale, double first, double step, int count)
    : scale_(scale), first_(first), step_(step), count_(std::max(0, count))
{
}

double HistogramBins::edge(int i) const
{
    const double t = first_ + i * step_;
    return scale_ == plot::Scale::Log ? std::pow(10.0, t) : t;
}

int HistogramBins::binOf(double v) const
{
    if (count_ == 0 || !std::isfinite(v) || v < low() || v > high())
        return -1;
    const double t = scale_ == plot::Scale::Log ? std::log10(v) : v;
    int i = static_cast<int>(std::floor((t - first_) / step_));
    i = std::clamp(i, 0, count_ - 1);
    // The division can land one bin off near an edge; the edges themselves decide, so a value on
    // an edge is in the bin the tooltip says it is.
    while (i > 0 && v < edge(i))
        --i;
    while (i < count_ - 1 && v >= edge(i + 1))
        ++i;
    return i;
}

plot::AxisScale HistogramBins::axis(double pixelLow, double pixelHigh) const
{
    if (empty())
        return plot::AxisScale(plot::ValueRange{0.0, 1.0}, plot::Scale::Linear, pixelLow, pixelHigh);
    return plot::AxisScale(plot::ValueRange{low(), high()}, scale_, pixelLow, pixelHigh);
}

namespace {

// Grows the bins outward until [lo, hi] lies inside: floor and ceil on rounded quotients can miss
// an extreme by one ulp.
HistogramBins covering(plot::Scale scale, double first, double step, int count, double lo, double hi)
{
    // A few rounds at most; values so large that a step no longer moves an edge stop it anyway.
    constexpr int kMaxRounds = 8;
    count = std::max(1, count);
    HistogramBins bins(scale, first, step, count);
    for (int round = 0; round < kMaxRounds && bins.low() > lo; ++round) {
        first -= step;
        bins = HistogramBins(scale, first, step, ++count);
    }
    for (int round = 0; round < kMaxRounds && bins.high() < hi; ++round)
        bins = HistogramBins(scale, first, step, ++count);
    return bins;
}

} // namespace

HistogramBins HistogramBins::fit(const std::vector<double>& values, int targetBins)
{
    targetBins = std::max(1, targetBins);
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    bool integers = true;
    bool positive = true;
    for (const double v : values) {
        if (!std::isfinite(v))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        integers = integers && v == std::trunc(v);
        positive = positive && v > 0.0;
    }
    if (lo > hi)
        return {};

    if (positive && hi / lo >= kLogSpanRatio) {
        const double a = std::log10(lo);
        const double b = std::log10(hi);
        const double step = niceStep((b - a) / targetBins);
        const double first = std::floor(a / step) * step;
        return covering(plot::Scale::Log, first, step, static_cast<int>(std::ceil((b - first) / step)), lo, hi);
    }

    // Halving first keeps the span finite for values near the largest doubles.
    const double span = hi / 2 - lo / 2;
    if (integers && span * 2 < 1e15) {
        // Edges half-way between integers: no whole number sits on an edge.
        const double step = niceStep(2 * span / targetBins, true);
        const double first = std::floor(lo / step) * step - 0.5;
        return covering(plot::Scale::Linear, first, step, static_cast<int>(std::floor((hi - first) / step)) + 1, lo, hi);
    }
    if (span == 0.0) {
        // One value: one bar centred on it.
        const double step = lo == 0.0 ? 1.0 : niceStep(std::fabs(lo) / 10);
        return covering(plot::Scale::Linear, lo - step / 2, step, 1, lo, hi);
    }
    const double step = niceStep(2 * span / targetBins);
    const double first = std::floor(lo / step) * step;
    return covering(plot::Scale::Linear, first, step, static_cast<int>(std::ceil((hi - first) / step)), lo, hi);
}

} // namespace tendril::app::overview
