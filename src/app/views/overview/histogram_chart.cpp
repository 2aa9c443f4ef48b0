// The histogram card's state, geometry and mouse and keyboard handling; painting is in
// histogram_chart_paint.cpp.
#include "views/overview/histogram_chart.hpp"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>

#include <cmath>

namespace tendril::app::overview {

HistogramChart::HistogramChart(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Every pixel is painted by paintEvent.
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void HistogramChart::setMetric(const QString& name, std::optional<Direction> direction, bool objective)
{
    metric_ = name;
    direction_ = direction;
    objective_ = objective;
    setAccessibleName(tr("Histogram of %1").arg(name));
    update();
}

void HistogramChart::setStudies(const QStringList& names)
{
    studies_ = names;
    update();
}

void HistogramChart::setBins(const HistogramBins& bins, const ExcludedValues& excluded)
{
    bins_ = bins;
    excludedAll_ = excluded;
    hoveredBin_ = -1;
    update();
}

void HistogramChart::setCounts(HistogramCounts counts, bool anySelection)
{
    counts_ = std::move(counts);
    anySelection_ = anySelection;
    update();
}

void HistogramChart::setBrush(std::optional<plot::ValueRange> range)
{
    if (range == brush_)
        return;
    brush_ = range;
    update();
}

void HistogramChart::setHoveredValue(std::optional<double> value)
{
    if (value == hoveredValue_)
        return;
    hoveredValue_ = value;
    update();
}

QRectF HistogramChart::plotRect() const
{
    const double left = kMargin + kCountAxisWidth;
    const double top = kMargin + kTitleHeight + kBrushLabelHeight;
    const double right = width() - kMargin - 8;
    const double bottom = height() - kMargin - kFooterHeight - kTickLabelHeight;
    return QRectF(QPointF(left, top), QPointF(std::max(left + 1, right), std::max(top + 1, bottom)));
}

plot::AxisScale HistogramChart::xAxis() const
{
    const QRectF plot = plotRect();
    return bins_.axis(plot.left(), plot.right());
}

int HistogramChart::binAt(const QPointF& point) const
{
    const QRectF plot = plotRect();
    if (bins_.empty() || point.y() < plot.top() || point.y() > plot.bottom() || point.x() < plot.left()
        || point.x() > plot.right())
        return -1;
    return bins_.binOf(xAxis().toValue(point.x()));
}

QSize HistogramChart::sizeHint() const
{
    return {380, 236};
}

QSize HistogramChart::minimumSizeHint() const
{
    return {260, 236};
}

bool HistogramChart::inInteractiveArea(const QPointF& point) const
{
    // The band above the plot belongs to it too, so the brush label and handles can be grabbed.
    const QRectF area = plotRect().adjusted(-kEdgeGrab, -kBrushLabelHeight, kEdgeGrab, 0);
    return !bins_.empty() && area.contains(point);
}

void HistogramChart::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !inInteractiveArea(event->position())) {
        QWidget::mousePressEvent(event);
        return;
    }
    pressX_ = event->position().x();
    grabbed_ = brush_ ? hitBrush(xAxis(), *brush_, pressX_, kEdgeGrab) : BrushHandle::None;
    brushAtPress_ = brush_.value_or(plot::ValueRange{});
    drag_ = Drag::Pending;
    event->accept();
}

void HistogramChart::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF point = event->position();
    if (drag_ == Drag::None) {
        const int bin = binAt(point);
        if (bin != hoveredBin_) {
            hoveredBin_ = bin;
            update();
        }
        updateCursor(point);
        return;
    }
    const double dx = point.x() - pressX_;
    if (drag_ == Drag::Pending) {
        // An edge follows the mouse from the first pixel; anything else must move far enough not
        // to be a click.
        const bool onEdge = grabbed_ == BrushHandle::LowEdge || grabbed_ == BrushHandle::HighEdge;
        if (dx == 0.0 || (!onEdge && std::fabs(dx) < QApplication::startDragDistance()))
            return;
        drag_ = onEdge ? Drag::Resize : grabbed_ == BrushHandle::Body ? Drag::Move : Drag::NewBrush;
        hoveredBin_ = -1;
        QToolTip::hideText();
    }
    const plot::AxisScale axis = xAxis();
    switch (drag_) {
    case Drag::NewBrush: brush_ = brushFromPixels(axis, pressX_, point.x()); break;
    case Drag::Move: brush_ = moveBrush(axis, brushAtPress_, dx); break;
    case Drag::Resize: brush_ = resizeBrush(axis, brushAtPress_, grabbed_, point.x()); break;
    case Drag::None:
    case Drag::Pending: return;
    }
    update();
    emit brushEdited(brush_);
    event->accept();
}

void HistogramChart::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || drag_ == Drag::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const bool click = drag_ == Drag::Pending;
    drag_ = Drag::None;
    grabbed_ = BrushHandle::None;
    updateCursor(event->position());
    if (click)
        emit binClicked(binAt(event->position()), event->modifiers());
    event->accept();
}

void HistogramChart::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseDoubleClickEvent(event);
        return;
    }
    drag_ = Drag::None;
    clearBrushByUser();
    emit doubleClicked();
    event->accept();
}

void HistogramChart::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && brush_) {
        drag_ = Drag::None;  // the rest of a drag in progress no longer edits anything
        clearBrushByUser();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void HistogramChart::leaveEvent(QEvent* event)
{
    if (hoveredBin_ != -1) {
        hoveredBin_ = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

bool HistogramChart::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int bin = drag_ == Drag::None ? binAt(help->pos()) : -1;
        if (bin < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const plot::AxisScale axis = xAxis();
        const QRectF plot = plotRect();
        const QRect barArea = QRectF(QPointF(axis.toPixel(bins_.edge(bin)), plot.top()),
                                     QPointF(axis.toPixel(bins_.edge(bin + 1)), plot.bottom()))
                                  .toAlignedRect();
        QToolTip::showText(help->globalPos(), toolTipFor(bin), this, barArea);
        return true;
    }
    return QWidget::event(event);
}

void HistogramChart::clearBrushByUser()
{
    if (!brush_)
        return;
    brush_.reset();
    update();
    emit brushEdited(brush_);
}

void HistogramChart::updateCursor(const QPointF& point)
{
    if (!inInteractiveArea(point)) {
        unsetCursor();
        return;
    }
    const BrushHandle handle = brush_ ? hitBrush(xAxis(), *brush_, point.x(), kEdgeGrab) : BrushHandle::None;
    switch (handle) {
    case BrushHandle::LowEdge:
    case BrushHandle::HighEdge: setCursor(Qt::SizeHorCursor); break;
    case BrushHandle::Body: setCursor(Qt::OpenHandCursor); break;
    case BrushHandle::None: setCursor(Qt::CrossCursor); break;
    }
}

} // namespace tendril::app::overview
