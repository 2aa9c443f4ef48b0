// The parts of the parallel coordinates painted live over the cached line layers: axes with their
// ticks, titles, the "no value" row, the expected-performance bars, the brushes, the hovered line
// and the feedback of an axis being dragged.
#include "views/space/parallel_plot.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "views/space/axis_order.hpp"
#include "views/space/line_layers.hpp"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tendril::app::space {

namespace {

QFont smaller(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(std::max(7.0, base.pointSizeF() - 1.0));
    return font;
}

// A label that stays readable over the lines: text on a patch of the canvas.
void haloText(QPainter& p, const QRectF& box, int flags, const QString& text, const PlotColors& colors, const QColor& ink)
{
    const QFontMetricsF metrics(p.font());
    const double w = metrics.horizontalAdvance(text) + 4.0;
    QRectF patch(0, 0, w, metrics.height());
    if (flags & Qt::AlignRight)
        patch.moveRight(box.right() + 2.0);
    else if (flags & Qt::AlignHCenter)
        patch.moveLeft(box.center().x() - w / 2);
    else
        patch.moveLeft(box.left() - 2.0);
    patch.moveTop(box.center().y() - metrics.height() / 2);
    QColor veil = colors.canvas;
    veil.setAlpha(210);
    p.fillRect(patch, veil);
    p.setPen(ink);
    p.drawText(box, flags, text);
}

} // namespace

void ParallelPlot::paintAxes(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    p.save();
    p.setFont(smaller(font()));
    const QFontMetricsF metrics(p.font());
    const double gap = axisX_.size() > 1 ? static_cast<double>(axisX_[1] - axisX_[0]) : 120.0;
    const double labelRoom = std::clamp(gap * 0.46, 36.0, 110.0);
    for (std::size_t a = 0; a < axes_.size(); ++a) {
        const AxisGeometry& axis = axes_[a];
        const double x = axisX_[a] + 0.5;
        const bool objective = metricColumn_ && a + 1 == axes_.size();
        p.setPen(QPen(objective ? colors.tickText : colors.axis, objective ? 1.6 : 1.0));
        p.drawLine(QPointF(x, axis.top()), QPointF(x, axis.bottom()));
        const TableColumn& column = table_->columns()[axis.column()];
        if (axis.categorical()) {
            const int n = axis.categoryCount();
            const double band = n > 0 ? (axis.bottom() - axis.top()) / n : 0.0;
            const int every = band > 0 ? std::max(1, static_cast<int>(std::ceil(metrics.height() / band))) : 1;
            for (int i = 0; i < n; i += every) {
                const double y = axis.toPixel(i);
                p.setPen(QPen(colors.axis, 1.0));
                p.drawLine(QPointF(x - 4, y), QPointF(x, y));
                const QString label = metrics.elidedText(formatValue(column.categories[static_cast<std::size_t>(i)]),
                                                         Qt::ElideRight, labelRoom);
                haloText(p, QRectF(x - 6 - labelRoom, y - metrics.height() / 2, labelRoom, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, label, colors, colors.tickText);
            }
            continue;
        }
        const int budget = std::max(2, static_cast<int>((axis.bottom() - axis.top()) / 42.0));
        for (const double t : axis.ticks(budget)) {
            const double y = axis.toPixel(t);
            if (!std::isfinite(y))
                continue;
            p.setPen(QPen(colors.axis, 1.0));
            p.drawLine(QPointF(x - 4, y), QPointF(x, y));
            haloText(p, QRectF(x - 6 - labelRoom, y - metrics.height() / 2, labelRoom, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, metrics.elidedText(formatCompact(t), Qt::ElideRight, labelRoom),
                     colors, colors.tickText);
        }
    }
    p.restore();
}

void ParallelPlot::paintMissingRow(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(smaller(font()));
    const QFontMetricsF metrics(p.font());
    bool labelled = false;
    for (std::size_t a = 0; a < axes_.size() && a < axisMissing_.size(); ++a) {
        if (!axisMissing_[a])
            continue;
        const double x = axisX_[a] + 0.5;
        p.setPen(QPen(colors.axis, 1.0, Qt::DotLine));
        p.drawLine(QPointF(x, axes_[a].bottom()), QPointF(x, missingY_));
        p.setPen(Qt::NoPen);
        p.setBrush(colors.faintText);
        p.drawEllipse(QPointF(x, missingY_), 2.5, 2.5);
        if (!labelled) {
            const QString text = tr("no value");
            const double w = metrics.horizontalAdvance(text);
            // Left of the mark when the widget has the room, else right of it.
            const bool left = x - 8 - w >= 2.0;
            haloText(p, QRectF(left ? x - 8 - w : x + 8, missingY_ - metrics.height() / 2, w, metrics.height()),
                     (left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, text, colors, colors.faintText);
            labelled = true;
        }
    }
    p.restore();
}

void ParallelPlot::paintTitles(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    p.save();
    p.setFont(titleFont());
    const QFontMetricsF metrics(p.font());
    const std::optional<std::string>& active = bars_.active();
    for (std::size_t a = 0; a < axes_.size(); ++a) {
        if (gesture_ == Gesture::MoveAxis && a == dragAxis_)
            continue;  // drawn under the pointer
        const std::string& name = table_->columns()[axes_[a].column()].name;
        const QRectF box = titleRect(a);
        const bool isActive = active && *active == name;
        const bool isPartner = !isActive && active && std::any_of(strip_.entries.begin(), strip_.entries.end(), [&](const StripSlot& s) {
                                   return s.partner && s.param == name;
                               });
        p.setPen(isActive || isPartner ? colors.accent : colors.ink);
        p.drawText(box, Qt::AlignHCenter | Qt::AlignVCenter, metrics.elidedText(axisTitle(a), Qt::ElideMiddle, box.width()));
    }
    p.restore();
}

void ParallelPlot::paintBrushes(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    for (std::size_t i = 0; i < brush_.size(); ++i) {
        const ColumnRange& range = brush_[i];
        for (std::size_t a = 0; a < axes_.size(); ++a) {
            if (axes_[a].column() != range.column)
                continue;
            const PixelBand band = axes_[a].pixelsOf(range);
            const double x = axisX_[a] + 0.5;
            const QRectF box(x - 7.0, band.top, 14.0, std::max(3.0, band.height()));
            QColor fill = colors.accentSoft;
            fill.setAlpha(150);
            p.setPen(QPen(colors.accent, 1.5));
            p.setBrush(fill);
            p.drawRoundedRect(box, 3, 3);
            // Grips at the ends say they can be dragged.
            p.setPen(QPen(colors.accent, 2.0, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(x - 4, box.top() + 0.5), QPointF(x + 4, box.top() + 0.5));
            p.drawLine(QPointF(x - 4, box.bottom() - 0.5), QPointF(x + 4, box.bottom() - 0.5));
        }
    }
    p.restore();
}

void ParallelPlot::paintExpected(QPainter& p) const
{
    if (expected_.empty() || !(expectedHigh_ >= expectedLow_))
        return;
    const PlotColors colors = PlotColors::of(*this);
    p.save();
    const double longest = expectedBarLength();
    const double spread = expectedHigh_ - expectedLow_;
    for (std::size_t a = 0; a < parameterAxisCount(); ++a) {
        const auto it = expected_.find(axes_[a].column());
        if (it == expected_.end())
            continue;
        const ExpectedCells& cells = it->second;
        const AxisGeometry& axis = axes_[a];
        const double x = axisX_[a] + 2.0;
        const std::string& name = table_->columns()[axis.column()].name;
        const bool isActive = bars_.active() && name == *bars_.active();
        const bool focused = !focusedPartner_ || isActive || name == *focusedPartner_;
        // Tinted bars in the selection hue: they read as the model's, not as trials.
        QColor fill = mixColors(colors.canvas, colors.accent, isActive ? 0.45 : 0.26);
        fill.setAlpha(focused ? 215 : 70);
        QColor edge = colors.accent;
        edge.setAlpha(focused ? (isActive ? 255 : 200) : 80);
        for (std::size_t i = 0; i < cells.cells(); ++i) {
            PixelBand band;
            if (cells.categorical) {
                band = axis.categoryBand(cells.categories[i]);
                const double shrink = band.height() * 0.22;
                band.top += shrink;
                band.bottom -= shrink;
            } else {
                ColumnRange r;
                r.low = cells.edges[i];
                r.high = cells.edges[i + 1];
                band = axis.pixelsOf(r);
            }
            if (band.height() < 0.5)
                continue;
            double f = spread > 0.0 ? (cells.mean[i] - expectedLow_) / spread : 1.0;
            if (expectedDirection_ == Direction::Minimize)
                f = 1.0 - f;
            const double length = 2.0 + std::clamp(f, 0.0, 1.0) * (longest - 2.0);
            const QRectF bar(x, band.top + 0.5, length, std::max(1.0, band.height() - 1.0));
            p.fillRect(bar, fill);
            p.fillRect(QRectF(bar.right() - 1.5, bar.top(), 1.5, bar.height()), edge);
        }
    }
    p.restore();
}

double ParallelPlot::expectedBarLength() const
{
    const double gap = axisX_.size() > 1 ? static_cast<double>(axisX_[1] - axisX_[0]) : 120.0;
    return std::clamp(gap * 0.24, 10.0, 34.0);
}

void ParallelPlot::paintHover(QPainter& p) const
{
    if (!hovered_ || !scene_ || *hovered_ >= scene_->rows)
        return;
    const PlotColors colors = PlotColors::of(*this);
    std::vector<float> xs, ys;
    rowPolyline(*scene_, static_cast<std::uint32_t>(*hovered_), xs, ys);
    QPolygonF line;
    for (std::size_t i = 0; i < xs.size(); ++i)
        line << QPointF(xs[i], ys[i]);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colors.canvas, 5.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(line);
    p.setPen(QPen(colors.ink, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(line);
    p.setPen(QPen(colors.canvas, 1.5));
    p.setBrush(colors.ink);
    for (const QPointF& point : line)
        p.drawEllipse(point, 3.0, 3.0);
    p.restore();
}

void ParallelPlot::paintAxisDrag(QPainter& p) const
{
    if (gesture_ != Gesture::MoveAxis || dragAxis_ >= axes_.size())
        return;
    const PlotColors colors = PlotColors::of(*this);
    std::vector<double> xs;
    for (std::size_t a = 0; a < parameterAxisCount(); ++a)
        xs.push_back(axisX_[a]);
    const std::size_t target = nearestAxis(xs, dragPos_.x());
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colors.accent, 2.0, Qt::DashLine));
    p.drawLine(QPointF(axisX_[target] + 0.5, titleTop_), QPointF(axisX_[target] + 0.5, axesArea_.bottom()));
    QRectF box = titleRect(dragAxis_);
    box.moveCenter(QPointF(dragPos_.x(), box.center().y()));
    p.setPen(Qt::NoPen);
    p.setBrush(colors.accentSoft);
    p.drawRoundedRect(box, 4, 4);
    p.setFont(titleFont());
    p.setPen(colors.accent);
    p.drawText(box, Qt::AlignCenter, QFontMetricsF(p.font()).elidedText(axisTitle(dragAxis_), Qt::ElideMiddle, box.width()));
    p.restore();
}

} // namespace tendril::app::space
