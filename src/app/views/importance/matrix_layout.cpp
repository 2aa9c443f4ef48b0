#include "views/importance/matrix_layout.hpp"

#include "plot/axis_scale.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app::importance {

double barScaleMax(double largestExtent)
{
    if (!(largestExtent > 0.01))
        return 0.01;
    // Four ticks' worth: 0.43 -> step 0.2 -> 0.6; 0.07 -> step 0.02 -> 0.08.
    const double step = plot::tickStep(largestExtent / 4.0);
    return std::min(1.0, std::max(step, std::ceil(largestExtent / step - 1e-9) * step));
}

MatrixLayout::MatrixLayout(std::size_t columns, std::size_t rows, double width, double barMax,
                           const MatrixMetrics& metrics)
    : columns_(columns), rows_(rows), width_(width), barMax_(barMax > 0 ? barMax : 1.0), metrics_(metrics)
{
    const double fixed = 2 * metrics.margin + 2 * metrics.gap + metrics.shareTextWidth + metrics.minBarWidth;
    const double n = std::max<double>(1.0, static_cast<double>(columns));
    columnWidth_ = std::clamp((width - fixed) / n, metrics.minColumnWidth, metrics.maxColumnWidth);
    dotsLeft_ = metrics.margin;
    barLeft_ = dotsLeft_ + columnWidth_ * static_cast<double>(columns) + metrics.gap;
    barRight_ = std::max(barLeft_ + metrics.minBarWidth, width - metrics.margin - metrics.shareTextWidth - metrics.gap);
}

double MatrixLayout::columnX(int column) const
{
    return dotsLeft_ + columnWidth_ * (column + 0.5);
}

QRectF MatrixLayout::columnHeader(int column) const
{
    return {dotsLeft_ + columnWidth_ * column, 0.0, columnWidth_, metrics_.headerHeight};
}

QRectF MatrixLayout::header() const
{
    return {0.0, 0.0, std::max(width_, minimumWidth()), metrics_.headerHeight};
}

QRectF MatrixLayout::rowRect(std::size_t row) const
{
    return {0.0, metrics_.headerHeight + metrics_.rowHeight * static_cast<double>(row), std::max(width_, minimumWidth()),
            metrics_.rowHeight};
}

QPointF MatrixLayout::dot(std::size_t row, int column) const
{
    return {columnX(column), rowRect(row).center().y()};
}

QRectF MatrixLayout::barArea() const
{
    return {barLeft_, 0.0, barRight_ - barLeft_, height()};
}

double MatrixLayout::barPixel(double fraction) const
{
    return barLeft_ + (barRight_ - barLeft_) * std::clamp(fraction / barMax_, 0.0, 1.0);
}

QRectF MatrixLayout::shareText(std::size_t row) const
{
    const QRectF r = rowRect(row);
    return {barRight_ + metrics_.gap, r.top(), metrics_.shareTextWidth, r.height()};
}

double MatrixLayout::minimumWidth() const
{
    return 2 * metrics_.margin + 2 * metrics_.gap + metrics_.shareTextWidth + metrics_.minBarWidth
        + metrics_.minColumnWidth * static_cast<double>(columns_);
}

double MatrixLayout::height() const
{
    return metrics_.headerHeight + metrics_.rowHeight * static_cast<double>(rows_) + metrics_.margin;
}

std::optional<std::size_t> MatrixLayout::rowAt(QPointF pos) const
{
    if (pos.y() < metrics_.headerHeight || pos.x() < 0 || pos.x() > std::max(width_, minimumWidth()))
        return std::nullopt;
    const auto row = static_cast<std::size_t>((pos.y() - metrics_.headerHeight) / metrics_.rowHeight);
    return row < rows_ ? std::optional<std::size_t>(row) : std::nullopt;
}

std::optional<int> MatrixLayout::columnAt(QPointF pos) const
{
    if (pos.x() < dotsLeft_ || pos.y() < 0 || pos.y() > height())
        return std::nullopt;
    const auto column = static_cast<int>((pos.x() - dotsLeft_) / columnWidth_);
    return column < static_cast<int>(columns_) ? std::optional<int>(column) : std::nullopt;
}

} // namespace tendril::app::importance
