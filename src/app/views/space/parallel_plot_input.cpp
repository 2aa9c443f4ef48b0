// What the mouse does on the parallel coordinates: brushing on an axis (drag to add a range, drag
// a range to move it, drag its ends to resize it, click it to remove it), dragging an axis title
// to reorder, clicking the importance bars, hovering and clicking lines, and the axis menu.
#include "views/space/parallel_plot.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "views/space/axis_order.hpp"
#include "views/space/line_picking.hpp"
#include "views/space/space_brushes.hpp"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace tendril::app::space {

namespace {

constexpr double kEdgeGrab = 4.0;  // pixels around a range's end that resize it

} // namespace

std::optional<std::size_t> ParallelPlot::axisAt(QPointF pos, double grab) const
{
    if (pos.y() < axesArea_.top() - kEdgeGrab || pos.y() > axesArea_.bottom() + kEdgeGrab)
        return std::nullopt;
    std::optional<std::size_t> best;
    for (std::size_t a = 0; a < axisX_.size(); ++a)
        if (std::fabs(pos.x() - (axisX_[a] + 0.5)) <= grab
            && (!best || std::fabs(pos.x() - axisX_[a]) < std::fabs(pos.x() - axisX_[*best])))
            best = a;
    return best;
}

std::optional<std::size_t> ParallelPlot::titleAt(QPointF pos) const
{
    for (std::size_t a = 0; a < axes_.size(); ++a)
        if (titleRect(a).adjusted(-4, -3, 4, 3).contains(pos))
            return a;
    return std::nullopt;
}

std::optional<std::size_t> ParallelPlot::rangeAt(std::size_t axis, double y, Gesture* part) const
{
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < brush_.size(); ++i) {
        if (brush_[i].column != axes_[axis].column())
            continue;
        const PixelBand band = axes_[axis].pixelsOf(brush_[i]);
        // Ends win over the body, so a short range can still be resized.
        if (std::fabs(y - band.top) <= kEdgeGrab) {
            *part = Gesture::ResizeTop;
            return i;
        }
        if (std::fabs(y - band.bottom) <= kEdgeGrab) {
            *part = Gesture::ResizeBottom;
            return i;
        }
        if (y > band.top && y < band.bottom && !found) {
            *part = Gesture::MoveBrush;
            found = i;
        }
    }
    return found;
}

void ParallelPlot::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || empty()) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPointF pos = event->position();
    pressPos_ = dragPos_ = pos;
    pressModifiers_ = event->modifiers();
    gesture_ = Gesture::None;
    if (const StripSlot* slot = slotAt(strip_, pos)) {
        if (slot->partner)
            emit partnerClicked(qstr(slot->param));
        else
            emit parameterClicked(qstr(slot->param));
        return;
    }
    if (const auto title = titleAt(pos); title && *title < parameterAxisCount()) {
        gesture_ = Gesture::PendingTitle;
        dragAxis_ = *title;
        return;
    }
    if (const auto axis = axisAt(pos, kAxisGrab)) {
        gesture_ = Gesture::PendingBrush;
        dragAxis_ = *axis;
        Gesture part = Gesture::NewBrush;
        dragRange_ = rangeAt(*axis, pos.y(), &part);
        brushIntent_ = dragRange_ ? part : Gesture::NewBrush;
        if (dragRange_) {
            dragStart_ = brush_[*dragRange_];
            dragStartBand_ = axes_[*axis].pixelsOf(dragStart_);
        }
        return;
    }
    gesture_ = Gesture::Click;
}

void ParallelPlot::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (!(event->buttons() & Qt::LeftButton) || gesture_ == Gesture::None) {
        hoverAt(pos, event->globalPosition().toPoint());
        return;
    }
    dragPos_ = pos;
    const bool dragged = (pos - pressPos_).manhattanLength() >= kDragThreshold;
    switch (gesture_) {
    case Gesture::PendingTitle:
        if (dragged) {
            gesture_ = Gesture::MoveAxis;
            setCursor(Qt::ClosedHandCursor);
        }
        update();
        break;
    case Gesture::MoveAxis:
        update();
        break;
    case Gesture::PendingBrush:
        if (!dragged)
            break;
        gesture_ = brushIntent_;
        [[fallthrough]];
    case Gesture::NewBrush:
    case Gesture::MoveBrush:
    case Gesture::ResizeTop:
    case Gesture::ResizeBottom:
        updateBrushDrag(pos);
        break;
    case Gesture::Click:
        if (dragged)
            gesture_ = Gesture::None;
        break;
    case Gesture::None:
        break;
    }
}

void ParallelPlot::updateBrushDrag(QPointF pos)
{
    const AxisGeometry& axis = axes_[dragAxis_];
    std::optional<ColumnRange> range;
    switch (gesture_) {
    case Gesture::NewBrush:
        range = axis.rangeFromPixels(pressPos_.y(), pos.y());
        break;
    case Gesture::MoveBrush: {
        // The range keeps its height on screen and stops at the axis ends.
        const double dy = std::clamp(pos.y() - pressPos_.y(), axis.top() - dragStartBand_.top,
                                     axis.bottom() - dragStartBand_.bottom);
        range = axis.rangeFromPixels(dragStartBand_.top + dy, dragStartBand_.bottom + dy);
        break;
    }
    case Gesture::ResizeTop:
        range = axis.rangeFromPixels(pos.y(), dragStartBand_.bottom);
        break;
    case Gesture::ResizeBottom:
        range = axis.rangeFromPixels(dragStartBand_.top, pos.y());
        break;
    default:
        return;
    }
    Brush next = brush_;
    if (!range) {
        // A categorical drag that covers no category yet: no range until it does.
        if (dragRange_ && *dragRange_ < next.size() && gesture_ == Gesture::NewBrush) {
            next.erase(next.begin() + static_cast<std::ptrdiff_t>(*dragRange_));
            dragRange_.reset();
            editBrush(std::move(next));
        }
        return;
    }
    if (dragRange_ && *dragRange_ < next.size()) {
        next[*dragRange_] = *range;
    } else {
        next.push_back(*range);
        dragRange_ = next.size() - 1;
    }
    editBrush(std::move(next));
}

void ParallelPlot::editBrush(Brush brush)
{
    if (brush == brush_)
        return;
    brush_ = std::move(brush);
    refreshFocus(false);
    emit brushEdited(brush_);
}

void ParallelPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const QPointF pos = event->position();
    const Gesture gesture = gesture_;
    gesture_ = Gesture::None;
    unsetCursor();
    switch (gesture) {
    case Gesture::PendingTitle: {
        // A click on a title activates its parameter, as a click on its bar does.
        const std::string& name = table_->columns()[axes_[dragAxis_].column()].name;
        if (bars_.bar(name))
            emit parameterClicked(qstr(name));
        break;
    }
    case Gesture::MoveAxis: {
        std::vector<double> xs;
        for (std::size_t a = 0; a < parameterAxisCount(); ++a)
            xs.push_back(axisX_[a]);
        const std::size_t target = nearestAxis(xs, pos.x());
        if (target != dragAxis_)
            emit axisMoved(dragAxis_, target);
        update();
        break;
    }
    case Gesture::PendingBrush:
        // A click on a range removes it.
        if (dragRange_ && *dragRange_ < brush_.size()) {
            Brush next = brush_;
            next.erase(next.begin() + static_cast<std::ptrdiff_t>(*dragRange_));
            editBrush(std::move(next));
        }
        break;
    case Gesture::Click: {
        std::optional<std::size_t> row = nearestLine(*scene_, pos, kPickRadius, focus_);
        if (!row)
            row = nearestLine(*scene_, pos, kPickRadius, visible_);
        const bool toggle = pressModifiers_ & (Qt::ControlModifier | Qt::MetaModifier);
        if (row)
            emit selectionEdited({*row}, toggle ? SelectionEdit::Toggle : SelectionEdit::Replace);
        else if (!toggle)
            emit selectionEdited({}, SelectionEdit::Replace);
        break;
    }
    default:
        break;
    }
    dragRange_.reset();
    hoverAt(pos, event->globalPosition().toPoint());
}

void ParallelPlot::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    hoveredSlot_.reset();
    if (hoverIsMine_)
        emitHover(std::nullopt);
    update();
}

void ParallelPlot::hoverAt(QPointF pos, QPoint global)
{
    if (empty())
        return;
    const StripSlot* slot = slotAt(strip_, pos);
    const std::optional<std::string> slotName = slot ? std::optional(slot->param) : std::nullopt;
    if (slotName != hoveredSlot_) {
        hoveredSlot_ = slotName;
        update();
    }
    Gesture part = Gesture::None;
    const auto axis = axisAt(pos, kAxisGrab);
    if (slot || (titleAt(pos) && *titleAt(pos) < parameterAxisCount()))
        setCursor(slot ? Qt::PointingHandCursor : Qt::OpenHandCursor);
    else if (axis && rangeAt(*axis, pos.y(), &part))
        setCursor(part == Gesture::MoveBrush ? Qt::SizeAllCursor : Qt::SizeVerCursor);
    else if (axis)
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();

    std::optional<std::size_t> row;
    const bool overLines = !slot && !axis && pos.y() >= axesArea_.top() - 4 && pos.y() <= missingY_ + 4;
    if (overLines) {
        row = nearestLine(*scene_, pos, kPickRadius, focus_);
        if (!row)
            row = nearestLine(*scene_, pos, kPickRadius, visible_);
    }
    if (row)
        QToolTip::showText(global, rowTooltip(*row), this);
    else if (hoverIsMine_ && hovered_)
        QToolTip::hideText();
    if (row != hovered_ && (row || hoverIsMine_))
        emitHover(row);
}

void ParallelPlot::emitHover(std::optional<std::size_t> row)
{
    hovered_ = row;
    hoverIsMine_ = row.has_value();
    update();
    emit hoverEdited(row);
}

QString ParallelPlot::rowTooltip(std::size_t row) const
{
    const Trial& trial = table_->trial(row);
    QStringList lines;
    lines << tr("%1 · trial %2 (%3)")
                 .arg(qstr(table_->study(table_->studyOf(row)).name), qstr(trial.id), qstr(toString(trial.state)));
    for (std::size_t a = 0; a < axes_.size(); ++a) {
        const TableColumn& column = table_->columns()[axes_[a].column()];
        const double v = column.values[row];
        const QString value = std::isnan(v) ? tr("no value")
            : column.categorical           ? qstr(column.label(v))
                                           : formatCompact(v);
        lines << QStringLiteral("%1: %2").arg(qstr(column.name), value);
    }
    return lines.join(u'\n');
}

QString ParallelPlot::expectedTooltip(QPointF pos) const
{
    if (expected_.empty())
        return {};
    const double longest = expectedBarLength();
    for (std::size_t a = 0; a < parameterAxisCount(); ++a) {
        if (pos.x() < axisX_[a] + 2.0 || pos.x() > axisX_[a] + 2.0 + longest)
            continue;
        const auto it = expected_.find(axes_[a].column());
        if (it == expected_.end())
            continue;
        const ExpectedCells& cells = it->second;
        const TableColumn& column = table_->columns()[axes_[a].column()];
        for (std::size_t i = 0; i < cells.cells(); ++i) {
            ColumnRange r;
            QString where;
            PixelBand band;
            if (cells.categorical) {
                band = axes_[a].categoryBand(cells.categories[i]);
                where = qstr(column.label(cells.categories[i]));
            } else {
                r.low = cells.edges[i];
                r.high = cells.edges[i + 1];
                band = axes_[a].pixelsOf(r);
                where = formatCompact(r.low) + QStringLiteral(" – ") + formatCompact(r.high);
            }
            if (pos.y() < band.top || pos.y() > band.bottom)
                continue;
            return tr("Expected %1 where %2 is %3: %4 ± %5\n(the model's marginal%6)")
                .arg(qstr(bars_.metric()), qstr(column.name), where, formatCompact(cells.mean[i]),
                     formatCompact(cells.std[i]),
                     bars_.active() && *bars_.active() != column.name
                         ? tr(" over the brushed range of %1").arg(qstr(*bars_.active()))
                         : QString());
        }
    }
    return {};
}

bool ParallelPlot::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip || empty())
        return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const QPointF pos = help->pos();
    QString text;
    Gesture part = Gesture::None;
    if (const StripSlot* slot = slotAt(strip_, pos)) {
        text = slotTooltip(*slot, bars_);
    } else if (const auto title = titleAt(pos)) {
        const TableColumn& column = table_->columns()[axes_[*title].column()];
        text = *title < parameterAxisCount()
            ? tr("%1\nDrag the title to move the axis; right-click for more. Drag along the axis to brush a range.")
                  .arg(qstr(column.name))
            : tr("%1, the objective (%2 is better)\nDrag along the axis to brush a range.")
                  .arg(qstr(column.name), column.direction ? directionWord(*column.direction) : tr("either way"));
    } else if (const auto axis = axisAt(pos, kAxisGrab); axis && rangeAt(*axis, pos.y(), &part)) {
        const auto index = rangeAt(*axis, pos.y(), &part);
        const TableColumn& column = table_->columns()[brush_[*index].column];
        text = tr("%1: %2\nDrag to move, drag an end to resize, click to remove.")
                   .arg(qstr(column.name), rangeText(column, brush_[*index]));
    } else {
        text = expectedTooltip(pos);
    }
    if (text.isEmpty()) {
        if (!hovered_ || !hoverIsMine_)
            QToolTip::hideText();
        event->ignore();
        return true;
    }
    QToolTip::showText(help->globalPos(), text, this);
    return true;
}

void ParallelPlot::contextMenuEvent(QContextMenuEvent* event)
{
    if (empty())
        return;
    const QPointF pos = event->pos();
    std::optional<std::size_t> axis = titleAt(pos);
    if (!axis)
        axis = axisAt(pos, kAxisGrab * 2);
    QMenu menu(this);
    if (axis) {
        const std::size_t column = axes_[*axis].column();
        const QString name = qstr(table_->columns()[column].name);
        if (*axis < parameterAxisCount())
            connect(menu.addAction(tr("Hide “%1”").arg(name)), &QAction::triggered, this,
                    [this, column] { emit axisHideRequested(column); });
        if (!rangesOn(brush_, column).empty())
            connect(menu.addAction(tr("Clear the brushes on “%1”").arg(name)), &QAction::triggered, this,
                    [this, column] { editBrush(withoutColumn(brush_, column)); });
        menu.addSeparator();
    }
    if (!brush_.empty())
        connect(menu.addAction(tr("Clear all brushes")), &QAction::triggered, this, [this] { editBrush({}); });
    connect(menu.addAction(tr("Show all axes")), &QAction::triggered, this, &ParallelPlot::showAllAxesRequested);
    connect(menu.addAction(tr("Order axes by importance")), &QAction::triggered, this,
            &ParallelPlot::importanceOrderRequested);
    connect(menu.addAction(tr("Order axes as in the search space")), &QAction::triggered, this,
            &ParallelPlot::spaceOrderRequested);
    menu.exec(event->globalPos());
}

} // namespace tendril::app::space
