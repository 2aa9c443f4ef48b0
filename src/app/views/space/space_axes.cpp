#include "views/space/space_axes.hpp"

#include "tendril/core/random.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::space {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A categorical axis lays its categories out on [-0.5, count - 0.5]: each index sits in the
// middle of a band of height one.
plot::AxisScale categoryScale(int categories)
{
    return plot::AxisScale(plot::ValueRange{-0.5, std::max(1, categories) - 0.5}, plot::Scale::Linear);
}

} // namespace

AxisGeometry::AxisGeometry(std::size_t column, AxisKind kind, plot::ValueRange range, int categories)
    : column_(column),
      kind_(kind),
      categories_(kind == AxisKind::Categorical ? std::max(0, categories) : 0),
      scale_(kind == AxisKind::Categorical ? categoryScale(categories)
                                           : plot::AxisScale(range, plot::scaleFor(kind == AxisKind::Log)))
{
    setPixelSpan(0.0, 1.0);
}

AxisGeometry AxisGeometry::forColumn(const TrialTable& table, std::size_t column)
{
    const TableColumn& c = table.columns()[column];
    if (c.categorical)
        return AxisGeometry(column, AxisKind::Categorical, {}, static_cast<int>(c.categories.size()));
    // A log parameter whose range reaches zero cannot be drawn on a log axis: linear then.
    const bool log = c.log && c.low > 0.0;
    AxisGeometry axis(column, log ? AxisKind::Log : AxisKind::Linear, plot::ValueRange{c.low, c.high});
    const auto whole = [](double v) { return !std::isfinite(v) || v == std::trunc(v); };
    axis.setIntegral(c.kind == TableColumn::Kind::Param && whole(c.low) && whole(c.high)
                     && std::all_of(c.values.begin(), c.values.end(), whole));
    return axis;
}

void AxisGeometry::setPixelSpan(double top, double bottom)
{
    top_ = top;
    bottom_ = bottom;
    scale_.setPixelSpan(bottom, top);
}

double AxisGeometry::toPixel(double value) const
{
    if (categorical() && !(value >= -0.5 && value <= categories_ - 0.5))
        return kNaN;
    return scale_.toPixel(value);
}

double AxisGeometry::toPixel(double value, double spread) const
{
    if (!categorical())
        return scale_.toPixel(value);
    if (!(value >= -0.5 && value <= categories_ - 0.5))
        return kNaN;
    return scale_.toPixel(std::round(value) + std::clamp(spread, -0.5, 0.5) * kSpreadFraction);
}

double AxisGeometry::toValue(double pixel) const
{
    return scale_.toValue(pixel);
}

PixelBand AxisGeometry::categoryBand(int index) const
{
    return {scale_.toPixel(index + 0.5), scale_.toPixel(index - 0.5)};
}

std::optional<ColumnRange> AxisGeometry::rangeFromPixels(double y0, double y1) const
{
    const double a = std::clamp(std::min(y0, y1), top_, bottom_);
    const double b = std::clamp(std::max(y0, y1), top_, bottom_);
    ColumnRange range;
    range.column = column_;
    if (!categorical()) {
        const plot::ValueRange values = scale_.between(a, b);
        range.low = values.low;
        range.high = values.high;
        return range;
    }
    // Pixels grow downwards and indexes upwards: b is the lower end.
    for (int i = 0; i < categories_; ++i) {
        const double middle = scale_.toPixel(i);
        if (middle >= a && middle <= b)
            range.categories.push_back(i);
    }
    if (range.categories.empty()) {
        const int inside = static_cast<int>(std::lround(scale_.toValue(0.5 * (a + b))));
        const PixelBand band = categoryBand(inside);
        if (inside >= 0 && inside < categories_ && a >= band.top - 0.5 && b <= band.bottom + 0.5)
            range.categories.push_back(inside);
    }
    if (range.categories.empty())
        return std::nullopt;
    range.low = range.categories.front();
    range.high = range.categories.back();
    return range;
}

PixelBand AxisGeometry::pixelsOf(const ColumnRange& range) const
{
    const auto clamp = [this](double y) { return std::clamp(y, top_, bottom_); };
    if (categorical()) {
        if (range.categories.empty())
            return {top_, top_};
        const auto [lowest, highest] = std::minmax_element(range.categories.begin(), range.categories.end());
        return {clamp(categoryBand(*highest).top), clamp(categoryBand(*lowest).bottom)};
    }
    // An end the axis cannot place (zero or less on a log axis) lies below its bottom.
    const double low = scale_.drawable(range.low) ? scale_.toPixel(range.low) : bottom_;
    const double high = scale_.drawable(range.high) ? scale_.toPixel(range.high) : bottom_;
    return {clamp(std::min(low, high)), clamp(std::max(low, high))};
}

std::vector<double> AxisGeometry::ticks(int maxTicks) const
{
    if (categorical())
        return {};
    return scale_.ticks(maxTicks, integral_ ? 1.0 : 0.0);
}

double categorySpread(TrialKey key)
{
    std::uint64_t state = key;
    return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53 - 0.5;
}

std::vector<ColumnRange> categoryRuns(std::size_t column, std::vector<int> categories)
{
    std::sort(categories.begin(), categories.end());
    categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
    std::vector<ColumnRange> runs;
    for (const int c : categories) {
        if (runs.empty() || runs.back().categories.back() != c - 1) {
            ColumnRange run;
            run.column = column;
            runs.push_back(run);
        }
        runs.back().categories.push_back(c);
    }
    for (ColumnRange& run : runs) {
        run.low = run.categories.front();
        run.high = run.categories.back();
    }
    return runs;
}

} // namespace tendril::app::space
