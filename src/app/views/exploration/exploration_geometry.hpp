// Where things go in the exploration overview, without widgets: the iteration axis (column <->
// x), a hyperparameter's axis (value <-> y, log scales and bands for categories), the spreading of
// points inside a band so that none hides another, the labels and shaded bands along the iteration
// axis, and the grid of small plots that reflows with the width.
#pragma once

#include "plot/axis_scale.hpp"
#include "tendril/core/lineage.hpp"
#include "views/exploration/exploration_data.hpp"

#include <QRect>
#include <QRectF>

#include <optional>
#include <span>
#include <vector>

namespace tendril::app::exploration {

// The algorithm's iterations across a span of pixels: every column gets the same width and its
// points sit on its centre line.
class IterationAxis {
public:
    IterationAxis() = default;
    IterationAxis(std::size_t columns, double left, double right);

    std::size_t columns() const { return columns_; }
    double left() const { return left_; }
    double right() const { return right_; }
    double columnWidth() const { return width_; }
    double center(std::size_t column) const { return left_ + (static_cast<double>(column) + 0.5) * width_; }
    double leftEdge(std::size_t column) const { return left_ + static_cast<double>(column) * width_; }
    // The column under x; nullopt outside the span.
    std::optional<std::size_t> columnAt(double x) const;

private:
    std::size_t columns_ = 0;
    double left_ = 0.0;
    double right_ = 1.0;
    double width_ = 1.0;
};

// A hyperparameter's values down a plot: a linear or log scale over its range (padded so points
// at the ends stay inside the frame), or one band per category with band 0 at the bottom.
class ValueAxis {
public:
    ValueAxis() = default;
    ValueAxis(const ParamAxis& param, double top, double bottom);

    bool banded() const { return bands_ > 0; }
    std::size_t bandCount() const { return bands_; }
    double top() const { return top_; }
    double bottom() const { return bottom_; }
    double bandHeight() const { return bands_ > 0 ? (bottom_ - top_) / static_cast<double>(bands_) : 0.0; }
    double bandCenter(std::size_t band) const { return bottom_ - (static_cast<double>(band) + 0.5) * bandHeight(); }
    // The pixel of a stored value: on the scale, or its band's centre line. NaN when it has none
    // (NaN, not positive on a log scale, or no band's value).
    double toPixel(double value) const;
    // The band of a pixel row; nullopt outside.
    std::optional<std::size_t> bandAt(double y) const;
    const plot::AxisScale& scale() const { return scale_; }

private:
    ParamAxis param_;
    std::size_t bands_ = 0;
    double top_ = 0.0;
    double bottom_ = 1.0;
    plot::AxisScale scale_;
};

// Positions for points of one band so that no two of them (discs of this diameter) overlap: each
// point starts at its x on the band's centre line and is pushed away from there just far enough to
// clear the points placed before it, taken in x order (then in the given order), which settles
// the repulsion deterministically. It moves up or down within center ± halfHeight and sideways by
// at most xFreedom (the room its iteration column leaves), preferring the nearest free place. When
// the band has no room left, a point takes the place where it overlaps least.
struct Spot {
    double x = 0.0;
    double y = 0.0;
};
std::vector<Spot> spreadInBand(std::span<const double> xs, double center, double halfHeight, double diameter,
                               double xFreedom = 0.0);

// Columns to label along the iteration axis so that labels of this width do not collide: every
// k-th column for the smallest k in 1, 2, 5, 10, 20, 50... that leaves room.
std::size_t labelStride(const IterationAxis& axis, double labelWidth);

// Spans of columns [first, last] shaded alternately: a bracket run's stages together; otherwise
// (every column its own group) blocks of `stride` columns, so shading follows the labels.
struct ColumnSpan {
    std::size_t first = 0;
    std::size_t last = 0;
};
std::vector<ColumnSpan> shadedSpans(const std::vector<IterationColumn>& columns, std::size_t stride);

// A colour bar from extent.low (left) to extent.high (right) with the range's two handles on it.
class RangeBar {
public:
    RangeBar(ColorRange extent, double left, double right);
    double xOf(double value) const;
    // The value at x, clamped into the extent.
    double valueAt(double x) const;

private:
    ColorRange extent_;
    double left_;
    double right_;
};

// The small plots, placed on a canvas of a given width.
struct CanvasCell {
    QRect rect;
    std::size_t track = 0;              // index into ExplorationData::tracks()
    std::optional<std::size_t> param;   // index into params(); nullopt: the performance plot
};
struct CanvasCaption {
    QRect rect;
    std::size_t track = 0;
};
struct CanvasLayout {
    QSize size;
    std::vector<CanvasCell> cells;
    std::vector<CanvasCaption> captions;  // study titles over side-by-side columns
};

struct CanvasMetrics {
    int margin = 12;
    int gap = 10;
    int minCellWidth = 300;       // one study: small multiples reflow into as many columns as fit
    int minColumnWidth = 250;     // side by side: each study's column is at least this wide
    int performanceHeight = 150;
    int cellHeight = 168;         // the least height of a small plot
    int maxCellHeight = 280;      // small plots grow up to this to fill the height available
    int captionHeight = 26;
    int availableHeight = 0;      // the height to fill (the scroll area's); 0: none
};

// One study (tracks has one entry): its performance plot over the whole width, then its
// parameters' plots in a grid of as many columns as fit. Several studies side by side: one column
// each (scrolling sideways when they do not fit), a caption, the performance plot, then one row
// per parameter of any of them, aligned across studies so that the same parameter compares
// across a row. params lists the parameter indexes to draw, in order. When the plots leave part of
// the available height empty, they grow (up to maxCellHeight) to fill it.
CanvasLayout layoutCanvas(int width, const std::vector<std::size_t>& tracks, const std::vector<std::size_t>& params,
                          const CanvasMetrics& metrics = {});

// Inside a cell: the title line, the strip with the iteration labels, and the plot area.
struct CellFrame {
    QRectF title;
    QRectF labels;  // iteration indexes, above the plot
    QRectF plot;
    QRectF axis;    // value ticks or band names, left of the plot
};
CellFrame frameCell(const QRectF& cell, double axisWidth);

} // namespace tendril::app::exploration
