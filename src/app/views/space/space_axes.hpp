// One vertical axis of the search-space overview: where a trial's value sits on it and which
// values a dragged span covers. Numeric parameters and metrics map through the shared plot axis
// (plot::AxisScale), so a log parameter spaces its decades evenly; a categorical parameter gives
// each category an equal band, bottom to top in the category order, and spreads its trials over
// the band so a thousand "relu" trials are not one line. Widget-free: tested directly.
#pragma once

#include "plot/axis_scale.hpp"
#include "session/selection_hub.hpp"
#include "session/trial_table.hpp"

#include <optional>
#include <vector>

namespace tendril::app::space {

enum class AxisKind { Linear, Log, Categorical };

// A vertical extent in screen pixels: top < bottom.
struct PixelBand {
    double top = 0.0;
    double bottom = 0.0;
    double height() const { return bottom - top; }
    double center() const { return 0.5 * (top + bottom); }
};

class AxisGeometry {
public:
    // The part of a category's band its trials spread over: the rest keeps bands apart.
    static constexpr double kSpreadFraction = 0.56;

    AxisGeometry() = default;
    // range: the values from bottom to top (numeric axes); categories: how many (categorical).
    AxisGeometry(std::size_t column, AxisKind kind, plot::ValueRange range, int categories = 0);
    // Ticks only at whole numbers (an int parameter: no "2.5 layers").
    void setIntegral(bool integral) { integral_ = integral; }
    bool integral() const { return integral_; }
    // The axis of a table column: log parameters on a log scale, categoricals as bands, the rest
    // linear, over the column's range (the declared ranges of the shown studies widened to the
    // values they hold).
    static AxisGeometry forColumn(const TrialTable& table, std::size_t column);

    std::size_t column() const { return column_; }
    AxisKind kind() const { return kind_; }
    bool categorical() const { return kind_ == AxisKind::Categorical; }
    int categoryCount() const { return categories_; }
    // The values from bottom to top; for a categorical axis the category indexes [0, count - 1].
    plot::ValueRange range() const { return scale_.range(); }
    const plot::AxisScale& scale() const { return scale_; }

    void setPixelSpan(double top, double bottom);
    double top() const { return top_; }
    double bottom() const { return bottom_; }

    // The pixel of a value (a category index on a categorical axis); NaN when the axis cannot
    // place it (missing, or zero or less on a log axis). Unclamped: values outside the range map
    // outside the span.
    double toPixel(double value) const;
    // As toPixel, moved within a category's band by spread in [-0.5, 0.5] (categorical axes only;
    // numeric axes ignore it).
    double toPixel(double value, double spread) const;
    // The value under a pixel (the fractional category index on a categorical axis).
    double toValue(double pixel) const;
    // The band category index occupies.
    PixelBand categoryBand(int index) const;

    // The range a drag between two pixels covers, each end first clamped onto the axis. Numeric:
    // the values under the two ends. Categorical: the categories whose middle the drag covers, or
    // the one category a short drag stays inside; nullopt when that leaves none.
    std::optional<ColumnRange> rangeFromPixels(double y0, double y1) const;
    // The band a range covers on screen, clamped onto the axis. A categorical range covers the
    // bands from its lowest to its highest category.
    PixelBand pixelsOf(const ColumnRange& range) const;

    // Round values to label a numeric axis (empty for a categorical one).
    std::vector<double> ticks(int maxTicks) const;

private:
    std::size_t column_ = 0;
    AxisKind kind_ = AxisKind::Linear;
    int categories_ = 0;
    bool integral_ = false;
    plot::AxisScale scale_;
    double top_ = 0.0;
    double bottom_ = 1.0;
};

// Where a trial sits within its category's band, in [-0.5, 0.5]: derived from its key, so it
// stays in place on every redraw, after a reload and in every run.
double categorySpread(TrialKey key);

// Contiguous runs of sorted category indexes, one range per run, on column: a categorical brush
// read back from numbers ("relu, logistic") becomes alternatives the axis can draw.
std::vector<ColumnRange> categoryRuns(std::size_t column, std::vector<int> categories);

} // namespace tendril::app::space
