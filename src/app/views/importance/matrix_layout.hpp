// Where the parts of the importance matrix sit: the parameter columns with their names over them,
// one row per term, the importance bars with their spread, and the number beside each bar. Pure
// arithmetic on sizes the widget measures from its font, so the painting, the mouse and the tests
// all read positions from one place.
#pragma once

#include <QPointF>
#include <QRectF>

#include <cstddef>
#include <optional>

namespace tendril::app::importance {

struct MatrixMetrics {
    double rowHeight = 24.0;
    double minColumnWidth = 16.0;  // below this the dots would touch
    double maxColumnWidth = 26.0;  // above this the matrix reads as scattered dots
    double headerHeight = 90.0;    // the rotated parameter names and the bar scale
    double shareTextWidth = 90.0;  // room for "41.2 % ± 3.1"
    double margin = 10.0;
    double gap = 12.0;             // between the dots and the bars, and the bars and the numbers
    double minBarWidth = 48.0;
    double dotRadius = 5.0;
};

// The bar length that stands for 100 % of the axis: the largest importance + spread rounded up to
// a 1-2-5 step, never below 1 %, so the longest whisker always fits and small shares stay visible.
double barScaleMax(double largestExtent);

class MatrixLayout {
public:
    MatrixLayout() = default;
    MatrixLayout(std::size_t columns, std::size_t rows, double width, double barMax, const MatrixMetrics& metrics);

    std::size_t columns() const { return columns_; }
    std::size_t rows() const { return rows_; }
    const MatrixMetrics& metrics() const { return metrics_; }
    double columnWidth() const { return columnWidth_; }
    double barMax() const { return barMax_; }

    // The centre x of a parameter column.
    double columnX(int column) const;
    // The band over a column in the header, where its name is drawn.
    QRectF columnHeader(int column) const;
    QRectF header() const;
    // A whole row, across the full width.
    QRectF rowRect(std::size_t row) const;
    QPointF dot(std::size_t row, int column) const;
    // The x span the bars may take (0 at its left, barMax at its right) and the header over it.
    QRectF barArea() const;
    double barPixel(double fraction) const;
    QRectF shareText(std::size_t row) const;

    // The width the matrix needs to show every column at its narrowest.
    double minimumWidth() const;
    double height() const;

    std::optional<std::size_t> rowAt(QPointF pos) const;
    // The column under x, in the header or the rows.
    std::optional<int> columnAt(QPointF pos) const;

private:
    std::size_t columns_ = 0;
    std::size_t rows_ = 0;
    double width_ = 0.0;
    double barMax_ = 1.0;
    MatrixMetrics metrics_;
    double columnWidth_ = 0.0;
    double dotsLeft_ = 0.0;
    double barLeft_ = 0.0;
    double barRight_ = 0.0;
};

} // namespace tendril::app::importance
