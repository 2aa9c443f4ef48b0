// The detail plot's mouse and keyboard: hover and tooltips, clicks on trials, and the rectangle
// that brushes parameter ranges.
#include "views/importance/detail_plot.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>

namespace tendril::app::importance {

QString DetailPlot::trialTooltip(std::size_t row) const
{
    if (!scene_ || row >= scene_->table->rows())
        return {};
    const DetailScene& s = *scene_;
    const TrialTable& table = *s.table;
    const Trial& trial = table.trial(row);
    QString text = tr("<b>Trial %1</b> · %2").arg(qstr(trial.id).toHtmlEscaped(), qstr(table.study(table.studyOf(row)).name).toHtmlEscaped());
    const auto line = [&](std::size_t column) {
        const TableColumn& c = table.columns()[column];
        const double v = c.values[row];
        const QString value = c.categorical ? qstr(c.label(v)) : formatCompact(v);
        text += QStringLiteral("<br>%1 = %2").arg(qstr(c.name).toHtmlEscaped(), value.toHtmlEscaped());
    };
    line(s.xColumn);
    if (s.pair)
        line(s.yColumn);
    line(s.metricColumn);
    if (!visible_.empty() && row < visible_.size() && !visible_[row])
        text += tr("<br><i>filtered out by another view's brush</i>");
    return text;
}

void DetailPlot::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !scene_) {
        QWidget::mousePressEvent(event);
        return;
    }
    QToolTip::hideText();
    gesture_ = Gesture::Pending;
    pressPos_ = dragPos_ = event->position();
    pressModifiers_ = event->modifiers();
    event->accept();
}

void DetailPlot::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (gesture_ == Gesture::None || !(event->buttons() & Qt::LeftButton)) {
        hoverAt(pos, event->globalPosition().toPoint());
        return;
    }
    if (gesture_ == Gesture::Pending) {
        if ((pos - pressPos_).manhattanLength() < kDragThreshold)
            return;
        gesture_ = Gesture::Dragging;
        emitHover(std::nullopt);
    }
    dragPos_ = pos;
    update();
}

void DetailPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || gesture_ == Gesture::None || !scene_) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const QPointF pos = event->position();
    if (gesture_ == Gesture::Pending) {
        if (const auto point = nearestPoint(*scene_, pos, kPickRadius, visible_))
            emit trialClicked(scene_->points.rows[*point], pressModifiers_.testFlag(Qt::ControlModifier));
        else
            emit emptyClicked();
    } else {
        const Brush brush = brushFromDrag(pressPos_, pos);
        if (!brush.empty())
            emit brushEdited(brush);
    }
    gesture_ = Gesture::None;
    update();
    event->accept();
}

Brush DetailPlot::brushFromDrag(QPointF a, QPointF b) const
{
    const DetailScene& s = *scene_;
    Brush brush;
    if (const auto x = brushFromPixels(s.x, s.xColumn, a.x(), b.x()))
        brush.push_back(*x);
    if (s.pair) {
        const auto y = brushFromPixels(s.y, s.yColumn, a.y(), b.y());
        if (!y || brush.empty())
            return {};  // a rectangle that misses every category of one axis takes nothing
        brush.push_back(*y);
    }
    return brush;
}

void DetailPlot::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        if (gesture_ != Gesture::None) {
            gesture_ = Gesture::None;
            update();
        } else {
            emit brushEdited({});
        }
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void DetailPlot::leaveEvent(QEvent* event)
{
    if (hoverIsMine_)
        emitHover(std::nullopt);
    QToolTip::hideText();
    QWidget::leaveEvent(event);
}

void DetailPlot::hoverAt(QPointF pos, QPoint globalPos)
{
    if (!scene_)
        return;
    const auto point = nearestPoint(*scene_, pos, kPickRadius, visible_);
    const std::optional<std::size_t> row = point ? std::optional<std::size_t>(scene_->points.rows[*point]) : std::nullopt;
    if (row != hoveredRow_ || (row && !hoverIsMine_))
        emitHover(row);
    if (row)
        QToolTip::showText(globalPos, trialTooltip(*row), this);
    else
        QToolTip::hideText();
}

void DetailPlot::emitHover(std::optional<std::size_t> row)
{
    // Shown at once; the hub's echo (coalesced per frame) then changes nothing.
    hoverIsMine_ = row.has_value();
    if (row != hoveredRow_) {
        hoveredRow_ = row;
        update();
    }
    emit hoverEdited(row);
}

} // namespace tendril::app::importance
