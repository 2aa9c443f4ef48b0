// The axes of the importance detail plots and the brushes dragged on them. A parameter axis shows
// the domain the forest integrated over, on the parameter's sampling scale (log10 for log
// parameters, so decades take equal room, as in the analysis), or one band per category; the metric
// axis of a marginal plot covers the expected curve with its spread and the bulk of the trials.
// Widget-free: tested directly.
#pragma once

#include "plot/axis_scale.hpp"
#include "session/selection_hub.hpp"

#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace tendril::app::importance {

struct DetailAxis {
    QString title;
    plot::AxisScale scale;
    QStringList categories;  // non-empty: one band per category index, centred on the index

    bool categorical() const { return !categories.isEmpty(); }
    double toPixel(double value) const { return scale.toPixel(value); }
    // A category's name, or a compact number.
    QString label(double value) const;
    // Tick values: every category that fits, or the scale's round values.
    std::vector<double> ticks(int maxTicks) const;
};

// The values a parameter axis spans: the ends of the analysis's edges when there are any (the
// domain it integrated over, in the parameter's own values), else the column's declared range.
plot::ValueRange paramDomain(const TableColumn& column, std::span<const double> edges);

// A parameter's axis onto no particular pixels yet: categorical columns get bands [-0.5, k - 0.5];
// numeric ones the domain padded by padFraction at each end (in decades on a log axis), so trials
// at the ends are not cut by the frame.
DetailAxis paramAxis(const TableColumn& column, plot::ValueRange domain, double padFraction = 0.03);

// The metric axis of a marginal plot: the union of [low, high] of the expected curve's band and
// the trials' values, where with 50 trials or more the trials count from their 1st to their 99th
// percentile (a few diverged runs would otherwise flatten the curve; they are drawn at the edge).
DetailAxis metricAxis(const QString& title, plot::ValueRange band, std::span<const double> trialValues);

// The brush a drag between two pixels sets on a parameter axis: numeric columns the values under
// the pixels (each clamped onto the axis, in increasing order); categorical ones the categories
// whose band centre the drag covers, or the one band it stays inside. nullopt when it covers no
// category.
std::optional<ColumnRange> brushFromPixels(const DetailAxis& axis, std::size_t column, double pixelA, double pixelB);

// The pixels a brush range covers on the axis, in increasing order, clamped onto the axis: a
// categorical brush spans its categories' bands.
std::pair<double, double> brushPixels(const DetailAxis& axis, const ColumnRange& range);

// The offset of a trial inside its category band, in [-0.3, 0.3], fixed per trial so categories
// read as clouds of points that keep their place across redraws.
double categoryJitter(std::uint64_t trialKey);

} // namespace tendril::app::importance
