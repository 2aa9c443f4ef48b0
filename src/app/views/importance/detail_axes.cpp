#include "views/importance/detail_axes.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "tendril/core/random.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app::importance {

QString DetailAxis::label(double value) const
{
    if (categorical()) {
        const auto index = static_cast<qsizetype>(std::llround(value));
        return index >= 0 && index < categories.size() ? categories[index] : QString();
    }
    return formatCompact(value);
}

std::vector<double> DetailAxis::ticks(int maxTicks) const
{
    if (!categorical())
        return scale.ticks(maxTicks);
    const auto n = static_cast<int>(categories.size());
    const int every = std::max(1, (n + maxTicks - 1) / std::max(1, maxTicks));
    std::vector<double> out;
    for (int i = 0; i < n; i += every)
        out.push_back(i);
    return out;
}

plot::ValueRange paramDomain(const TableColumn& column, std::span<const double> edges)
{
    if (edges.size() >= 2 && std::isfinite(edges.front()) && std::isfinite(edges.back()))
        return {edges.front(), edges.back()};
    return {column.low, column.high};
}

DetailAxis paramAxis(const TableColumn& column, plot::ValueRange domain, double padFraction)
{
    DetailAxis axis;
    axis.title = qstr(column.name);
    if (column.categorical) {
        for (const Value& v : column.categories)
            axis.categories << qstr(v.toString());
        const double last = std::max(0.0, static_cast<double>(column.categories.size()) - 1.0);
        axis.scale = plot::AxisScale({-0.5, last + 0.5}, plot::Scale::Linear);
        return axis;
    }
    const plot::Scale scale = plot::scaleFor(column.log && domain.low > 0.0);
    if (column.log && scale == plot::Scale::Log)
        axis.title += QStringLiteral(" (log)");
    axis.scale = plot::AxisScale(plot::padded(plot::usableRange(domain, scale), scale, padFraction), scale);
    return axis;
}

DetailAxis metricAxis(const QString& title, plot::ValueRange band, std::span<const double> trialValues)
{
    std::vector<double> finite;
    finite.reserve(trialValues.size());
    for (const double v : trialValues)
        if (std::isfinite(v))
            finite.push_back(v);
    std::optional<plot::ValueRange> extent;
    if (std::isfinite(band.low) && std::isfinite(band.high))
        extent = plot::ValueRange{std::min(band.low, band.high), std::max(band.low, band.high)};
    if (!finite.empty()) {
        std::sort(finite.begin(), finite.end());
        // Percentiles interpolated between order statistics, as numpy's default.
        const auto quantile = [&](double q) {
            const double pos = q * static_cast<double>(finite.size() - 1);
            const auto lo = static_cast<std::size_t>(std::floor(pos));
            const std::size_t hi = std::min(lo + 1, finite.size() - 1);
            return finite[lo] + (pos - static_cast<double>(lo)) * (finite[hi] - finite[lo]);
        };
        const bool trim = finite.size() >= 50;
        extent = plot::unite(extent, plot::ValueRange{trim ? quantile(0.01) : finite.front(),
                                                      trim ? quantile(0.99) : finite.back()});
    }
    DetailAxis axis;
    axis.title = title;
    const plot::ValueRange range = extent ? plot::padded(*extent, plot::Scale::Linear, 0.06) : plot::ValueRange{0.0, 1.0};
    axis.scale = plot::AxisScale(range, plot::Scale::Linear);
    return axis;
}

std::optional<ColumnRange> brushFromPixels(const DetailAxis& axis, std::size_t column, double pixelA, double pixelB)
{
    const plot::ValueRange span = axis.scale.between(axis.scale.clampPixel(pixelA), axis.scale.clampPixel(pixelB));
    ColumnRange range;
    range.column = column;
    if (!axis.categorical()) {
        range.low = span.low;
        range.high = span.high;
        return range;
    }
    const int n = static_cast<int>(axis.categories.size());
    for (int i = 0; i < n; ++i)
        if (span.low <= i && i <= span.high)
            range.categories.push_back(i);
    if (range.categories.empty()) {
        const int inside = static_cast<int>(std::lround((span.low + span.high) / 2));
        if (inside < 0 || inside >= n || span.low < inside - 0.5 || span.high > inside + 0.5)
            return std::nullopt;
        range.categories.push_back(inside);
    }
    range.low = range.categories.front();
    range.high = range.categories.back();
    return range;
}

std::pair<double, double> brushPixels(const DetailAxis& axis, const ColumnRange& range)
{
    double low = range.low, high = range.high;
    if (axis.categorical() && !range.categories.empty()) {
        const auto [lo, hi] = std::minmax_element(range.categories.begin(), range.categories.end());
        low = *lo - 0.5;
        high = *hi + 0.5;
    }
    const auto place = [&](double v, bool isLow) {
        double px = axis.toPixel(v);
        if (std::isnan(px))  // zero or less on a log axis: the low end
            px = isLow ? axis.scale.pixelAtLow() : axis.scale.pixelAtHigh();
        return axis.scale.clampPixel(px);
    };
    const double a = place(low, true), b = place(high, false);
    return {std::min(a, b), std::max(a, b)};
}

double categoryJitter(std::uint64_t trialKey)
{
    std::uint64_t state = trialKey ^ 0x5bd1e995u;
    const double u = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;
    return (u - 0.5) * 0.6;
}

} // namespace tendril::app::importance
