#include "views/overview/histogram_grid.hpp"

#include "views/overview/histogram_chart.hpp"

#include <QGridLayout>
#include <QResizeEvent>

#include <algorithm>

namespace tendril::app::overview {

namespace {
constexpr int kSpacing = 12;
constexpr int kOuterMargin = 16;
} // namespace

HistogramGrid::HistogramGrid(QWidget* parent) : QWidget(parent), layout_(new QGridLayout(this))
{
    layout_->setContentsMargins(kOuterMargin, kOuterMargin, kOuterMargin, kOuterMargin);
    layout_->setSpacing(kSpacing);
    layout_->setAlignment(Qt::AlignTop);
}

void HistogramGrid::setCharts(const std::vector<HistogramChart*>& charts)
{
    for (HistogramChart* chart : charts_)
        layout_->removeWidget(chart);
    charts_ = charts;
    for (HistogramChart* chart : charts_) {
        chart->setParent(this);
        chart->show();
    }
    columns_ = 0;  // force a new layout
    relayout();
}

void HistogramGrid::setAvailableHeight(int height)
{
    if (height == availableHeight_)
        return;
    availableHeight_ = height;
    columns_ = 0;
    relayout();
}

int HistogramGrid::columnsFor(int width) const
{
    const int count = static_cast<int>(charts_.size());
    if (count == 0)
        return 1;
    const int inner = width - 2 * kOuterMargin;
    int columns = std::clamp((inner + kSpacing) / (kMinCardWidth + kSpacing), 1, kMaxColumns);
    columns = std::min(columns, count);
    const int rows = (count + columns - 1) / columns;
    return (count + rows - 1) / rows;
}

void HistogramGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (columnsFor(event->size().width()) != columns_)
        relayout();
}

void HistogramGrid::relayout()
{
    const int columns = columnsFor(width());
    if (columns == columns_)
        return;
    columns_ = columns;
    for (HistogramChart* chart : charts_)
        layout_->removeWidget(chart);
    for (int c = 0; c < kMaxColumns; ++c)
        layout_->setColumnStretch(c, 0);
    const int count = static_cast<int>(charts_.size());
    const int rows = (count + columns - 1) / std::max(1, columns);
    int cardHeight = kMinCardHeight;
    if (rows > 0 && availableHeight_ > 0) {
        const int fill = (availableHeight_ - 2 * kOuterMargin - (rows - 1) * kSpacing) / rows;
        cardHeight = std::clamp(fill, kMinCardHeight, kMaxCardHeight);
    }
    for (int i = 0; i < count; ++i) {
        charts_[static_cast<std::size_t>(i)]->setFixedHeight(cardHeight);
        layout_->addWidget(charts_[static_cast<std::size_t>(i)], i / columns, i % columns);
    }
    for (int c = 0; c < columns; ++c)
        layout_->setColumnStretch(c, 1);
    // The scroll area sizes the grid from its minimum size; it must hear that the rows changed,
    // or cards would overlap until the next resize.
    layout_->activate();
    updateGeometry();
}

} // namespace tendril::app::overview
