// Bins for a histogram of one metric: equal widths on a linear or a log axis, with edges at round
// numbers so a bar reads "0.80 – 0.82" rather than "0.8013 – 0.8347".
//
// Qt-free so it is tested without widgets. Bins are fitted once per table to every finite value of
// the column, not to the visible ones: filtering then changes bar heights, never bar positions.
#pragma once

#include "plot/axis_scale.hpp"

#include <cstddef>
#include <vector>

namespace tendril::app::overview {

// Values that no bin can hold, counted so the view can say what it left out.
struct ExcludedValues {
    std::size_t nan = 0;
    std::size_t positiveInfinity = 0;
    std::size_t negativeInfinity = 0;

    std::size_t total() const { return nan + positiveInfinity + negativeInfinity; }
    // Counts v when it is not finite; false when v is an ordinary number.
    bool count(double v);
    friend bool operator==(const ExcludedValues&, const ExcludedValues&) = default;
};

// The round step nearest to raw (1, 2, 2.5 or 5 times a power of ten); integerSteps leaves out 2.5
// and never goes below 1, so every bin of whole numbers holds the same count of integers.
double niceStep(double raw, bool integerSteps = false);

class HistogramBins {
public:
    static constexpr int kTargetBins = 24;
    // Two decades or more between the smallest and largest positive value: log bins, or every bar
    // but the first would hold the small values.
    static constexpr double kLogSpanRatio = 100.0;

    // No bins: a column without a single finite value.
    HistogramBins() = default;
    // count bins of width step starting at first, both measured on the axis (log10 of the value on
    // a log axis).
    HistogramBins(plot::Scale scale, double first, double step, int count);

    // Bins that cover every finite value: log when the values are positive and span
    // kLogSpanRatio, whole-number bins centred on the integers when every value is one, about
    // targetBins of them otherwise.
    static HistogramBins fit(const std::vector<double>& values, int targetBins = kTargetBins);

    plot::Scale scale() const { return scale_; }
    int count() const { return count_; }
    bool empty() const { return count_ == 0; }
    // Edge i of count() + 1, as a value; edge(0) = low(), edge(count()) = high().
    double edge(int i) const;
    double low() const { return edge(0); }
    double high() const { return edge(count_); }

    // The bin holding v: [edge i, edge i+1), the last bin closed at high(). -1 when v is not finite
    // or lies outside [low(), high()] (or is not positive on a log axis).
    int binOf(double v) const;

    // The histogram's x axis, from pixelLow to pixelHigh: exactly the bins' extent, on their scale
    // (bars of equal width); [0, 1] when there are no bins.
    plot::AxisScale axis(double pixelLow, double pixelHigh) const;

    friend bool operator==(const HistogramBins&, const HistogramBins&) = default;

private:
    plot::Scale scale_ = plot::Scale::Linear;
    double first_ = 0.0;
    double step_ = 1.0;
    int count_ = 0;
};

} // namespace tendril::app::overview
