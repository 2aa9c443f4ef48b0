// The scatter plot's mouse and keyboard: click, rectangle and lasso selection, hover and tooltips.
#include "views/tradeoff/scatter_plot.hpp"

#include "plot/polyline_distance.hpp"
#include "views/tradeoff/scatter_geometry.hpp"
#include "views/tradeoff/scatter_tooltips.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>

namespace tendril::app::tradeoff {

namespace {

// How near (pixels) the pointer must be to the Pareto step line to list the front.
constexpr double kFrontPickDistance = 5.0;
// Lasso points closer than this to the previous one add nothing but cost.
constexpr double kLassoSpacing = 2.0;

bool additive(Qt::KeyboardModifiers modifiers)
{
    return modifiers.testFlag(Qt::ControlModifier);
}

} // namespace

void ScatterPlot::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !scene_.table) {
        QWidget::mousePressEvent(event);
        return;
    }
    QToolTip::hideText();
    gesture_ = Gesture::Pending;
    pressPos_ = dragPos_ = event->position();
    pressModifiers_ = event->modifiers();
    lassoGesture_ = lassoMode_ || pressModifiers_.testFlag(Qt::ShiftModifier);
    lasso_ = QPolygonF{pressPos_};
    event->accept();
}

void ScatterPlot::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (gesture_ == Gesture::None || !(event->buttons() & Qt::LeftButton)) {
        hoverAt(pos, event->globalPosition().toPoint());
        return;
    }
    if (gesture_ == Gesture::Pending) {
        if ((pos - pressPos_).manhattanLength() < kDragThreshold)
            return;
        gesture_ = lassoGesture_ ? Gesture::Lasso : Gesture::Rectangle;
        emitHover(std::nullopt);
    }
    dragPos_ = pos;
    if (gesture_ == Gesture::Lasso && (pos - lasso_.back()).manhattanLength() >= kLassoSpacing)
        lasso_ << pos;
    update();
}

void ScatterPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || gesture_ == Gesture::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    finishGesture(event->position());
    gesture_ = Gesture::None;
    lasso_.clear();
    update();
    event->accept();
}

void ScatterPlot::finishGesture(QPointF pos)
{
    const bool add = additive(pressModifiers_);
    switch (gesture_) {
    case Gesture::Pending: {
        if (const auto row = nearestRow(scene_.positions, pos, kPickRadius, scene_.visible))
            emit selectionEdited({*row}, add ? SelectionEdit::Toggle : SelectionEdit::Replace);
        else if (!add)
            emit selectionEdited({}, SelectionEdit::Replace);
        break;
    }
    case Gesture::Rectangle:
        emit selectionEdited(rowsInRect(scene_.positions, QRectF(pressPos_, pos), scene_.visible),
                             add ? SelectionEdit::Add : SelectionEdit::Replace);
        break;
    case Gesture::Lasso:
        lasso_ << pos;
        emit selectionEdited(rowsInPolygon(scene_.positions, lasso_, scene_.visible),
                             add ? SelectionEdit::Add : SelectionEdit::Replace);
        break;
    case Gesture::None: break;
    }
}

void ScatterPlot::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && gesture_ != Gesture::None) {
        gesture_ = Gesture::None;
        lasso_.clear();
        update();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ScatterPlot::leaveEvent(QEvent* event)
{
    if (hoverIsMine_)
        emitHover(std::nullopt);
    QToolTip::hideText();
    QWidget::leaveEvent(event);
}

void ScatterPlot::hoverAt(QPointF pos, QPoint globalPos)
{
    if (!scene_.table || drawn_ == 0)
        return;
    const auto row = nearestRow(scene_.positions, pos, kPickRadius, scene_.visible);
    if (row != hovered_ || (row && !hoverIsMine_))
        emitHover(row);
    if (row) {
        QToolTip::showText(globalPos, trialTooltip(*scene_.table, *row), this);
        return;
    }
    if (scene_.frontLine.size() > 0 && plot::distanceToPolyline(scene_.frontLine, pos) <= kFrontPickDistance) {
        QToolTip::showText(globalPos, frontTooltip(*scene_.table, scene_.front, x_, y_), this);
        return;
    }
    QToolTip::hideText();
}

void ScatterPlot::emitHover(std::optional<std::size_t> row)
{
    // Shown at once; the hub echoes it back (coalesced per frame), which then changes nothing.
    hoverIsMine_ = row.has_value();
    if (row != hovered_) {
        hovered_ = row;
        update();
    }
    emit hoverEdited(row);
}

} // namespace tendril::app::tradeoff
