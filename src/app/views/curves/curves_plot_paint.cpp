// Painting of CurvesPlot: the cached layer (grid, curves, axes) and the live overlay on top of it
// (the highlighted trial with its lineage, the hover marker, the rubber band).
#include "views/curves/curves_plot.hpp"
#include "plot/plot_frame.hpp"

#include "plot/plot_fonts.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "views/curves/curve_text.hpp"

#include <QPaintEvent>
#include <QPainter>

#include <cmath>

namespace tendril::app::curves {

namespace {

// Few curves are drawn 1.6 px wide; a dense panel gets 1-pixel cosmetic lines, which Qt's raster
// engine strokes with its fast path: about ten times cheaper than any wider pen (400 antialiased
// 100-point polylines: 22 ms against 250 ms), and what keeps 200 trials within a frame budget.
constexpr double kLineWidth = 1.6;
constexpr std::size_t kWideLinesUpTo = 24;
constexpr double kHighlightWidth = 2.8;
// A run with points closer than this on average (pixels) is dense: a noisy curve of thousands of
// points. Wide pens slow down far more than linearly on its zig-zags (3,300 points: 40 ms at
// 2.8 px, 0.5 ms as a hairline), so dense runs are thickened with hairlines side by side instead.
constexpr double kDenseSpacing = 2.0;
constexpr double kDotRadius = 2.4;
// Lineage lookups walk parent links; a longer chain than this is a cycle in the data.
constexpr int kMaxLineage = 256;

// The raw curve under a smoothed one: the trial's colour washed towards the canvas. Opaque, because
// opaque lines rasterise several times faster than translucent ones and look the same on a plain canvas.
QColor faint(const QColor& c, const QColor& canvas, double amount = 0.72)
{
    return mixColors(c, canvas, amount);
}

QPen linePen(const QColor& color, double width)
{
    QPen pen(color, width);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    return pen;
}

QPen hairlinePen(const QColor& color)
{
    QPen pen(color, 1.0);
    pen.setCosmetic(true);
    return pen;
}

QPen dashedPen(const QColor& color, double width)
{
    QPen pen(color, width);
    pen.setDashPattern({3.0, 2.5});
    pen.setCapStyle(Qt::FlatCap);
    pen.setCosmetic(width <= 1.0);
    return pen;
}

bool dense(const QPolygonF& line)
{
    return line.size() > 2 && std::abs(line.back().x() - line.front().x()) < kDenseSpacing * static_cast<double>(line.size() - 1);
}

// A curve `width` pixels wide: runs of one point (a single report) as dots, the others as lines.
// Widths up to 1 are cosmetic hairlines; wider dense runs are hairlines laid side by side.
void strokeCurve(QPainter& painter, const CurvePolylines& lines, const QColor& color, double width, double dotRadius)
{
    const QPen pen = width <= 1.0 ? hairlinePen(color) : linePen(color, width);
    for (const QPolygonF& line : lines) {
        if (line.size() == 1) {
            painter.save();
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawEllipse(line.front(), dotRadius, dotRadius);
            painter.restore();
        } else if (width > 1.0 && dense(line)) {
            painter.setPen(hairlinePen(color));
            const double spread = width - 1.0;
            const int steps = spread > 1.0 ? 2 : 1;
            for (int i = 0; i <= steps; ++i)
                for (int j = 0; j <= steps; ++j) {
                    const QPointF offset(spread * i / steps - spread / 2, spread * j / steps - spread / 2);
                    painter.drawPolyline(line.translated(offset));
                }
        } else {
            painter.setPen(pen);
            painter.drawPolyline(line);
        }
    }
}

void strokeDashed(QPainter& painter, const CurvePolylines& lines, const QColor& color, double width)
{
    for (const QPolygonF& line : lines)
        if (line.size() > 1) {
            painter.setPen(dashedPen(color, dense(line) ? 1.0 : width));
            painter.drawPolyline(line);
        }
}

} // namespace

void CurvesPlot::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    const PlotColors colors = PlotColors::of(*this);
    if (panelCount() == 0) {
        painter.fillRect(rect(), colors.canvas);
        return;
    }
    ensureLayer();
    painter.drawImage(QPointF(0, 0), layer_);
    if (highlighted_ && curves_)
        if (const auto index = curves_->indexOf(*highlighted_))
            paintHighlight(painter, *index);
    if (!band_.isEmpty()) {
        QColor fill = colors.accent;
        fill.setAlpha(0x28);
        painter.setPen(QPen(colors.accent, 1.0));
        painter.setBrush(fill);
        painter.drawRect(band_);
    }
}

void CurvesPlot::ensureLayer() const
{
    ensureLayout();
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * ratio).toSize();
    if (!layerDirty_ && layer_.size() == pixels)
        return;
    layer_ = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
    layer_.setDevicePixelRatio(ratio);
    layer_.fill(PlotColors::of(*this).canvas);
    QPainter painter(&layer_);
    paintLayer(painter);
    layerDirty_ = false;
}

void CurvesPlot::paintLayer(QPainter& painter) const
{
    for (std::size_t i = 0; i < panels_.size(); ++i) {
        const Panel& panel = panels_[i];
        paintPanelFrame(painter, panel, i);
        if (!panel.data)
            paintEmptyPanel(painter, panel, i);
        else
            paintPanelCurves(painter, panel);
    }
    paintXAxis(painter);
}

void CurvesPlot::paintPanelFrame(QPainter& painter, const Panel& panel, std::size_t index) const
{
    const QRectF& plot = panel.plot;
    const PlotColors colors = PlotColors::of(*this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(colors.grid, 1.0));
    app::plot::drawGridLines(painter, plot, x_, xTicks_, panel.y, panel.yTicks);
    painter.setPen(QPen(colors.axis, 1.0));
    app::plot::drawAxisLines(painter, plot);

    const QFont tickFont = plot::scaledFont(font(), kTickFontScale);
    painter.setFont(tickFont);
    painter.setPen(colors.tickText);
    const QFontMetricsF tickFm(tickFont);
    for (const double t : panel.yTicks) {
        const double y = panel.y.toPixel(t);
        const QRectF label(0, y - tickFm.height() / 2, plot.left() - 8.0, tickFm.height());
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, formatCompact(t));
    }

    const QFont titleFont = plot::scaledFont(font(), 1.0, QFont::DemiBold);
    painter.setFont(titleFont);
    painter.setPen(colors.ink);
    const QString title = metricTitle(*curves_, index);
    painter.drawText(panel.titleRect, Qt::AlignLeft | Qt::AlignVCenter, title);
    QStringList notes;
    if (curves_->request.smoothingWindow > 1)
        notes << tr("moving average of %1 points").arg(curves_->request.smoothingWindow);
    if (panel.logUnavailable)
        notes << tr("linear: no positive values for a log scale");
    else if (logY_ && panel.data)
        notes << tr("log scale");
    if (!notes.isEmpty()) {
        painter.setFont(tickFont);
        painter.setPen(colors.faintText);
        painter.drawText(panel.titleRect, Qt::AlignRight | Qt::AlignVCenter, notes.join(QStringLiteral(" · ")));
    }
}

void CurvesPlot::paintEmptyPanel(QPainter& painter, const Panel& panel, std::size_t index) const
{
    painter.setFont(font());
    painter.setPen(PlotColors::of(*this).faintText);
    painter.drawText(panel.plot, Qt::AlignCenter,
                     tr("None of these trials reported a %1 curve").arg(qstr(curves_->metrics()[index])));
}

void CurvesPlot::paintPanelCurves(QPainter& painter, const Panel& panel) const
{
    painter.save();
    painter.setClipRect(panel.plot.adjusted(-1, -1, 1, 1));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    const std::size_t n = panel.paths.size();
    // The first trial of the legend (the best) is drawn last, on top; every raw line goes under
    // every smoothed one.
    const bool wide = n <= kWideLinesUpTo;
    const QColor canvas = PlotColors::of(*this).canvas;
    if (curves_->request.smoothingWindow > 1)
        for (std::size_t i = n; i-- > 0;)
            strokeCurve(painter, panel.paths[i].raw, faint(curves_->trials[i].color, canvas), 1.0, kDotRadius * 0.7);
    for (std::size_t i = n; i-- > 0;)
        strokeDashed(painter, panel.paths[i].connector, curves_->trials[i].color, 1.0);
    for (std::size_t i = n; i-- > 0;)
        strokeCurve(painter, panel.paths[i].smoothed, curves_->trials[i].color, wide ? kLineWidth : 1.0,
                    wide ? kDotRadius : kDotRadius * 0.8);
    painter.restore();
}

void CurvesPlot::paintXAxis(QPainter& painter) const
{
    if (panels_.empty())
        return;
    const QRectF& plot = panels_.back().plot;
    const QFont tickFont = plot::scaledFont(font(), kTickFontScale);
    const QFontMetricsF tickFm(tickFont);
    const bool wallTime = curves_->request.xAxis == CurveXAxis::WallTime;
    const PlotColors colors = PlotColors::of(*this);
    painter.setFont(tickFont);
    painter.setPen(colors.tickText);
    for (const double t : xTicks_) {
        const double x = x_.toPixel(t);
        const QString label = wallTime ? formatDuration(t) : formatCompact(t);
        const double w = tickFm.horizontalAdvance(label);
        painter.drawText(QRectF(x - w / 2 - 2, plot.bottom() + 5.0, w + 4, tickFm.height()), Qt::AlignCenter, label);
    }
    painter.setFont(plot::scaledFont(font(), 1.0, QFont::DemiBold));
    painter.setPen(colors.ink);
    painter.drawText(xTitleRect_, Qt::AlignHCenter | Qt::AlignTop, wallTime ? tr("Wall time") : tr("Step"));
}

void CurvesPlot::paintHighlight(QPainter& painter, std::size_t trial) const
{
    const CurveTrial& t = curves_->trials[trial];
    const bool smoothing = curves_->request.smoothingWindow > 1;
    const PlotColors colors = PlotColors::of(*this);
    // The other curves step back behind a veil of the canvas.
    QColor veil = colors.canvas;
    veil.setAlpha(0xb4);
    for (std::size_t m = 0; m < panels_.size(); ++m) {
        const Panel& panel = panels_[m];
        if (!panel.data || trial >= panel.paths.size())
            continue;
        painter.save();
        painter.fillRect(panel.plot, veil);
        painter.setClipRect(panel.plot.adjusted(-2, -2, 2, 2));
        painter.setRenderHint(QPainter::Antialiasing, true);
        // The lineage: each ancestor's curve up to the step its child took over, back to the root.
        std::size_t link = trial;
        for (int depth = 0; depth < kMaxLineage && curves_->trials[link].parent; ++depth) {
            strokeDashed(painter, panel.paths[link].connector, t.color, 1.8);
            link = *curves_->trials[link].parent;
        }
        if (smoothing)
            strokeCurve(painter, panel.paths[trial].raw, faint(t.color, colors.canvas, 0.55), 1.0, kDotRadius);
        strokeCurve(painter, panel.paths[trial].smoothed, t.color, kHighlightWidth, kDotRadius * 1.5);

        // The point under the mouse, and the same step in every other panel.
        if (hover_ && hover_->trial == trial) {
            const CurveSeries& hovered = t.series[hover_->panel];
            const CurveSeries& s = t.series[m];
            if (hover_->point < hovered.size()) {
                const double x = hovered.x[hover_->point];
                const double px = x_.toPixel(x);
                painter.setPen(dashedPen(colors.axis, 1.0));
                painter.drawLine(QPointF(px, panel.plot.top()), QPointF(px, panel.plot.bottom()));
                if (const auto point = nearestPointByX(s.x, x)) {
                    const QPointF at(px, panel.y.toPixel(s.smoothed[*point]));
                    if (std::isfinite(at.y()) && s.x[*point] == x) {
                        painter.setPen(QPen(t.color, 2.0));
                        painter.setBrush(colors.canvas);
                        painter.drawEllipse(at, 4.5, 4.5);
                    }
                }
            }
        }
        painter.restore();
    }
}

} // namespace tendril::app::curves
