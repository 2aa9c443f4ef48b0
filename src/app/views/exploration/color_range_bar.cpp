#include "views/exploration/color_range_bar.hpp"

#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "views/exploration/exploration_geometry.hpp"

#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tendril::app::exploration {

namespace {

constexpr double kInset = 8.0;       // room for a handle at either end
constexpr double kBarHeight = 10.0;
constexpr double kHandleGrab = 9.0;  // how near a press must be to take a handle

} // namespace

ColorRangeBar::ColorRangeBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("explorationColorRange"));
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setToolTip(tr("The performance colours span this range: drag either end to narrow it, so that differences among "
                  "the better models show (values beyond an end take its colour). Double-click to span every "
                  "value again."));
}

void ColorRangeBar::setExtent(std::optional<ColorRange> extent, Direction direction)
{
    direction_ = direction;
    const bool whole = isWholeExtent() || !extent_;
    extent_ = extent;
    if (!extent_) {
        range_ = ColorRange{};
    } else if (whole || range_.low < extent_->low || range_.high > extent_->high || range_.low > range_.high) {
        range_ = *extent_;
    }
    setEnabled(extent_.has_value());
    update();
}

void ColorRangeBar::setRange(ColorRange range)
{
    if (!extent_)
        return;
    range.low = std::clamp(range.low, extent_->low, extent_->high);
    range.high = std::clamp(range.high, range.low, extent_->high);
    if (range == range_)
        return;
    range_ = range;
    update();
    emit rangeEdited(range_);
}

void ColorRangeBar::resetRange()
{
    if (extent_)
        setRange(*extent_);
}

QRectF ColorRangeBar::barRect() const
{
    return QRectF(kInset, 4.0, std::max(1.0, width() - 2 * kInset), kBarHeight);
}

QPoint ColorRangeBar::handlePosition(int handle) const
{
    if (!extent_)
        return {};
    const QRectF bar = barRect();
    const RangeBar geometry(*extent_, bar.left(), bar.right());
    return QPoint(static_cast<int>(std::lround(geometry.xOf(handle == 0 ? range_.low : range_.high))),
                  static_cast<int>(std::lround(bar.bottom() + 4.0)));
}

void ColorRangeBar::moveHandle(int handle, double value)
{
    ColorRange next = range_;
    if (handle == 0)
        next.low = std::min(value, range_.high);
    else
        next.high = std::max(value, range_.low);
    setRange(next);
}

void ColorRangeBar::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const PlotColors colors = PlotColors::of(*this);
    const QRectF bar = barRect();
    if (!extent_) {
        p.setPen(colors.cardBorder);
        p.setBrush(colors.neutralSoft);
        p.drawRect(bar);
        return;
    }
    const RangeBar geometry(*extent_, bar.left(), bar.right());
    // The bar shows each value in the colour it is drawn with: flat beyond the handles.
    const int left = static_cast<int>(std::floor(bar.left())), right = static_cast<int>(std::ceil(bar.right()));
    for (int x = left; x < right; ++x)
        p.fillRect(QRectF(x, bar.top(), 1.0, bar.height()),
                   performanceColor(performanceOf(geometry.valueAt(x + 0.5), range_, direction_)));
    p.setPen(QPen(colors.cardBorder, 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar.adjusted(-0.5, -0.5, 0.5, 0.5));

    p.setRenderHint(QPainter::Antialiasing);
    QFont small = font();
    small.setPointSizeF(std::max(6.5, font().pointSizeF() * 0.8));
    p.setFont(small);
    const QFontMetricsF metrics(small);
    double lastLabelRight = -1e9;
    for (int handle = 0; handle < 2; ++handle) {
        const double x = geometry.xOf(handle == 0 ? range_.low : range_.high);
        QPainterPath triangle;
        triangle.moveTo(x, bar.bottom() + 1.0);
        triangle.lineTo(x - 5.0, bar.bottom() + 8.0);
        triangle.lineTo(x + 5.0, bar.bottom() + 8.0);
        triangle.closeSubpath();
        const bool focused = hasFocus() && handle == focusHandle_;
        p.setPen(QPen(focused ? colors.accent : colors.ink, focused ? 1.6 : 1.0));
        p.setBrush(colors.canvas);
        p.drawPath(triangle);
        p.drawLine(QPointF(x, bar.top() - 1.0), QPointF(x, bar.bottom() + 1.0));

        const QString label = formatCompact(handle == 0 ? range_.low : range_.high);
        const double w = metrics.horizontalAdvance(label);
        double labelLeft = std::clamp(x - w / 2.0, 0.0, width() - w);
        labelLeft = std::max(labelLeft, lastLabelRight + 6.0);
        if (labelLeft + w > width())
            continue;
        p.setPen(colors.tickText);
        p.drawText(QRectF(labelLeft, bar.bottom() + 8.0, w + 1.0, metrics.height()), Qt::AlignLeft | Qt::AlignTop, label);
        lastLabelRight = labelLeft + w;
    }
}

void ColorRangeBar::mousePressEvent(QMouseEvent* event)
{
    if (!extent_ || event->button() != Qt::LeftButton)
        return;
    const double x = event->position().x();
    const double lowX = handlePosition(0).x(), highX = handlePosition(1).x();
    const double toLow = std::fabs(x - lowX), toHigh = std::fabs(x - highX);
    // Handles on one spot: the one that can move towards the press.
    if (std::min(toLow, toHigh) <= kHandleGrab)
        dragging_ = toLow < toHigh || (toLow == toHigh && x < lowX) ? 0 : 1;
    else
        dragging_ = toLow < toHigh ? 0 : 1;  // a press on the bar moves the nearer end there
    focusHandle_ = dragging_;
    const QRectF bar = barRect();
    moveHandle(dragging_, RangeBar(*extent_, bar.left(), bar.right()).valueAt(x));
}

void ColorRangeBar::mouseMoveEvent(QMouseEvent* event)
{
    if (dragging_ < 0 || !extent_)
        return;
    const QRectF bar = barRect();
    moveHandle(dragging_, RangeBar(*extent_, bar.left(), bar.right()).valueAt(event->position().x()));
}

void ColorRangeBar::mouseReleaseEvent(QMouseEvent*)
{
    dragging_ = -1;
}

void ColorRangeBar::mouseDoubleClickEvent(QMouseEvent*)
{
    dragging_ = -1;
    resetRange();
}

void ColorRangeBar::keyPressEvent(QKeyEvent* event)
{
    if (!extent_) {
        QWidget::keyPressEvent(event);
        return;
    }
    // Arrows move the focused end by a hundredth of the extent; Home and End choose which end.
    const double step = (extent_->high - extent_->low) / 100.0;
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Down:
        moveHandle(focusHandle_, (focusHandle_ == 0 ? range_.low : range_.high) - step);
        break;
    case Qt::Key_Right:
    case Qt::Key_Up:
        moveHandle(focusHandle_, (focusHandle_ == 0 ? range_.low : range_.high) + step);
        break;
    case Qt::Key_Home:
        focusHandle_ = 0;
        update();
        break;
    case Qt::Key_End:
        focusHandle_ = 1;
        update();
        break;
    case Qt::Key_Escape:
        resetRange();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace tendril::app::exploration
