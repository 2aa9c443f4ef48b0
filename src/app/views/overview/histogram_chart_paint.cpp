// Painting of the histogram card. Everything here is a few dozen rectangles: the counts behind
// them are computed by the view when data, filters or selection change, never while painting.
#include "plot/plot_fonts.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "views/overview/histogram_chart.hpp"
#include "views/overview/overview_text.hpp"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tendril::app::overview {

namespace {

// Trials hidden by filters: a grey quiet enough to sit behind the study colours on either canvas.
QColor contextBarColor(const PlotColors& colors)
{
    return mixColors(colors.canvas, colors.ink, colors.dark ? 0.17 : 0.12);
}

void drawPill(QPainter& painter, const QRectF& rect, const QColor& fill, const QColor& text, const QString& label)
{
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2);
    painter.setPen(text);
    painter.drawText(rect, Qt::AlignCenter, label);
}

} // namespace

BarColors barColors(std::size_t study, const PlotColors& colors)
{
    const QColor base = studyColor(study);
    // Pale fades towards the canvas; the selected part moves away from it, so it stands out on
    // white as a darker band and on the dark canvas as a brighter one.
    const QColor selected = colors.dark ? base.lighter(140) : base.darker(165);
    return {base, mixColors(base, colors.canvas, 0.45), selected};
}

plot::AxisScale HistogramChart::countAxis() const
{
    const QRectF area = plotRect();
    const int most = std::max(1, counts_.maxContext());
    // The axis ends on a round count, so its top grid line is labelled.
    const double step = plot::tickStep(std::max(1.0, most / 4.0));
    const double top = std::ceil(most / step) * step;
    return plot::AxisScale({0.0, top}, plot::Scale::Linear, area.bottom(), area.top());
}

void HistogramChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    paintCard(painter);
    if (bins_.empty()) {
        painter.setFont(plot::sizedFont(font(), 9.5));
        painter.setPen(PlotColors::of(*this).faintText);
        painter.drawText(plotRect(), Qt::AlignCenter, tr("No finite values to draw"));
        paintFooter(painter);
        return;
    }
    const plot::AxisScale x = xAxis();
    const plot::AxisScale y = countAxis();
    paintGrid(painter, y);
    paintBars(painter, x, y);
    paintBrush(painter, x);
    paintHoveredTrial(painter, x);
    paintAxes(painter, x, y);
    paintFooter(painter);
}

void HistogramChart::paintCard(QPainter& painter) const
{
    const PlotColors colors = PlotColors::of(*this);
    painter.fillRect(rect(), palette().window());
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(hasFocus() ? mixColors(colors.canvas, colors.accent, 0.55) : colors.cardBorder, 1.0));
    painter.setBrush(colors.card);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

    // Title: the metric, which way is better, and what kind of axis it is on.
    const QFont titleFont = plot::sizedFont(font(), 10, QFont::DemiBold);
    painter.setFont(titleFont);
    painter.setPen(colors.ink);
    QString title = metric_;
    if (direction_)
        title += QStringLiteral(" ") + directionArrow(*direction_);
    const QFontMetricsF titleMetrics(titleFont);
    const QRectF titleRect(kMargin, kMargin - 2, width() - 2 * kMargin, kTitleHeight);
    const QString shown = titleMetrics.elidedText(title, Qt::ElideRight, titleRect.width() * 0.6);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, shown);

    const QFont badgeFont = plot::sizedFont(font(), 8, QFont::DemiBold);
    const QFontMetricsF badgeMetrics(badgeFont);
    painter.setFont(badgeFont);
    const double badgeHeight = badgeMetrics.height() + 4;
    const double badgeTop = titleRect.center().y() - badgeHeight / 2;
    if (objective_) {
        const QString label = tr("objective");
        const double w = badgeMetrics.horizontalAdvance(label) + 14;
        drawPill(painter, QRectF(kMargin + titleMetrics.horizontalAdvance(shown) + 8, badgeTop, w, badgeHeight),
                 colors.accentSoft, colors.accent, label);
    }
    if (bins_.scale() == plot::Scale::Log && !bins_.empty()) {
        const QString label = tr("log scale");
        const double w = badgeMetrics.horizontalAdvance(label) + 14;
        drawPill(painter, QRectF(width() - kMargin - w, badgeTop, w, badgeHeight), colors.neutralSoft,
                 colors.tickText, label);
    }
}

void HistogramChart::paintGrid(QPainter& painter, const plot::AxisScale& y) const
{
    const QRectF plot = plotRect();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(PlotColors::of(*this).grid, 1.0));
    for (const double tick : y.ticks(5, 1.0)) {
        if (tick <= 0.0)
            continue;
        const double py = std::round(y.toPixel(tick)) + 0.5;
        painter.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
    }
}

void HistogramChart::paintBars(QPainter& painter, const plot::AxisScale& x, const plot::AxisScale& y) const
{
    const QRectF plot = plotRect();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    const double base = plot.bottom();
    auto heightOf = [&y, base](int count) { return base - y.toPixel(count); };

    const PlotColors plotColors = PlotColors::of(*this);
    const QColor contextBar = contextBarColor(plotColors);
    QColor hoveredColumn = plotColors.ink;
    hoveredColumn.setAlpha(plotColors.dark ? 20 : 14);
    std::vector<BarColors> colors;
    for (std::size_t s = 0; s < counts_.studies; ++s)
        colors.push_back(barColors(s, plotColors));

    for (int bin = 0; bin < bins_.count() && bin < counts_.bins(); ++bin) {
        const double x0 = std::round(x.toPixel(bins_.edge(bin)));
        double x1 = std::round(x.toPixel(bins_.edge(bin + 1)));
        if (x1 - x0 > 4)
            x1 -= 1;  // a hairline gap tells neighbouring bars apart
        const double w = std::max(1.0, x1 - x0);

        if (bin == hoveredBin_)
            painter.fillRect(QRectF(x0, plot.top(), w, plot.height()), hoveredColumn);

        // Context: every trial with a value here; what the filters hide stays visible in grey.
        const int context = counts_.context[static_cast<std::size_t>(bin)];
        if (context > 0)
            painter.fillRect(QRectF(x0, base - heightOf(context), w, heightOf(context)), contextBar);

        // The trials shown, stacked per study, each study's selected trials at the bottom of its
        // segment so the selection reads as one darker band.
        int stacked = 0;
        for (std::size_t s = 0; s < counts_.studies; ++s) {
            const int shown = counts_.visibleIn(bin, s);
            if (shown == 0)
                continue;
            const int selected = counts_.selectedIn(bin, s);
            const double bottom = base - heightOf(stacked);
            const double selectedTop = base - heightOf(stacked + selected);
            const double top = base - heightOf(stacked + shown);
            if (selected > 0)
                painter.fillRect(QRectF(x0, selectedTop, w, bottom - selectedTop), colors[s].selected);
            if (shown > selected)
                painter.fillRect(QRectF(x0, top, w, selectedTop - top), anySelection_ ? colors[s].pale : colors[s].normal);
            stacked += shown;
        }
    }
}

void HistogramChart::paintBrush(QPainter& painter, const plot::AxisScale& x) const
{
    if (!brush_)
        return;
    const QRectF plot = plotRect();
    const PixelSpan span = brushToPixels(x, *brush_);
    const QRectF band(QPointF(span.from, plot.top()), QPointF(std::max(span.to, span.from + 1), plot.bottom()));
    const PlotColors colors = PlotColors::of(*this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    // What the brush leaves out is veiled, so the eye goes to the bars inside it.
    QColor veil = colors.canvas;
    veil.setAlpha(140);
    painter.fillRect(QRectF(QPointF(plot.left(), plot.top()), QPointF(band.left(), plot.bottom())), veil);
    painter.fillRect(QRectF(QPointF(band.right(), plot.top()), QPointF(plot.right(), plot.bottom())), veil);
    QColor fill = colors.accent;
    fill.setAlpha(colors.dark ? 36 : 24);
    painter.fillRect(band, fill);
    painter.setPen(QPen(colors.accent, 1.5));
    painter.drawLine(QPointF(band.left(), plot.top()), QPointF(band.left(), plot.bottom()));
    painter.drawLine(QPointF(band.right(), plot.top()), QPointF(band.right(), plot.bottom()));

    // Grips half-way down each edge, to show the edges can be dragged.
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(colors.canvas);
    painter.setPen(QPen(colors.accent, 1.2));
    const double gripHeight = std::min(18.0, plot.height() / 3);
    for (const double edge : {band.left(), band.right()})
        painter.drawRoundedRect(QRectF(edge - 3, plot.center().y() - gripHeight / 2, 6, gripHeight), 2, 2);

    // The exact range above the band, kept inside the card.
    const QFont labelFont = plot::sizedFont(font(), 8.5, QFont::DemiBold);
    painter.setFont(labelFont);
    const QString text = rangeText(*brush_);
    const QFontMetricsF metrics(labelFont);
    const double w = metrics.horizontalAdvance(text) + 12;
    const double h = metrics.height() + 2;
    const double left = std::clamp(band.center().x() - w / 2, plot.left() - kCountAxisWidth + 2.0, plot.right() - w);
    const QRectF label(left, plot.top() - h - 3, w, h);
    drawPill(painter, label, colors.accentSoft, colors.accent, text);
}

void HistogramChart::paintHoveredTrial(QPainter& painter, const plot::AxisScale& x) const
{
    if (!hoveredValue_ || bins_.binOf(*hoveredValue_) < 0)
        return;
    const QRectF plot = plotRect();
    const QColor ink = PlotColors::of(*this).ink;
    const double px = std::round(x.toPixel(*hoveredValue_)) + 0.5;
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(ink, 1.5));
    painter.drawLine(QPointF(px, plot.top() + 2), QPointF(px, plot.bottom()));
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPainterPath marker;
    marker.moveTo(px - 5, plot.top() - 4);
    marker.lineTo(px + 5, plot.top() - 4);
    marker.lineTo(px, plot.top() + 3);
    marker.closeSubpath();
    painter.fillPath(marker, ink);
}

void HistogramChart::paintAxes(QPainter& painter, const plot::AxisScale& x, const plot::AxisScale& y) const
{
    const QRectF plot = plotRect();
    const PlotColors colors = PlotColors::of(*this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(colors.axis, 1.0));
    const double baseline = std::round(plot.bottom()) + 0.5;
    painter.drawLine(QPointF(plot.left(), baseline), QPointF(plot.right(), baseline));

    const QFont tickFont = plot::sizedFont(font(), 8);
    const QFontMetricsF metrics(tickFont);
    painter.setFont(tickFont);
    const int maxTicks = std::max(2, static_cast<int>(plot.width() / 72));
    double lastRight = -1e9;
    for (const double tick : x.ticks(maxTicks)) {
        const double px = std::round(x.toPixel(tick)) + 0.5;
        painter.setPen(colors.axis);
        painter.drawLine(QPointF(px, baseline), QPointF(px, baseline + 4));
        const QString text = formatCompact(tick);
        const double w = metrics.horizontalAdvance(text);
        const double left = std::clamp(px - w / 2, 2.0, width() - 2.0 - w);
        if (left < lastRight + 6)
            continue;  // never let two labels touch
        painter.setPen(colors.tickText);
        painter.drawText(QRectF(left, baseline + 4, w + 1, kTickLabelHeight), Qt::AlignHCenter | Qt::AlignTop, text);
        lastRight = left + w;
    }

    for (const double tick : y.ticks(5, 1.0)) {
        const double py = y.toPixel(tick);
        painter.setPen(colors.tickText);
        painter.drawText(QRectF(kMargin - 4, py - metrics.height() / 2, plot.left() - kMargin - 2, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, formatCount(static_cast<std::int64_t>(tick)));
    }
}

void HistogramChart::paintFooter(QPainter& painter) const
{
    std::int64_t total = static_cast<std::int64_t>(excludedAll_.total());
    for (const int c : counts_.context)
        total += c;
    const QRectF footer(kMargin, height() - kMargin - kFooterHeight, width() - 2 * kMargin, kFooterHeight);
    painter.setFont(plot::sizedFont(font(), 8));
    painter.setPen(PlotColors::of(*this).faintText);
    const QString shown = total == 1 ? tr("%1 of 1 trial").arg(formatCount(static_cast<std::int64_t>(counts_.visibleRows)))
                                     : tr("%1 of %2 trials").arg(formatCount(static_cast<std::int64_t>(counts_.visibleRows)),
                                                                 formatCount(total));
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, shown);
    const QString excluded = excludedText(counts_.excludedVisible);
    if (!excluded.isEmpty())
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, tr("%1 not drawn").arg(excluded));
}

QString HistogramChart::toolTipFor(int bin) const
{
    if (bin < 0 || bin >= counts_.bins())
        return {};
    const int context = counts_.context[static_cast<std::size_t>(bin)];
    const int shown = counts_.visibleIn(bin);
    const int selected = counts_.selectedIn(bin);
    QString text = QStringLiteral("<b>%1</b> %2").arg(metric_.toHtmlEscaped(), binRangeText(bins_, bin).toHtmlEscaped());
    text += QStringLiteral("<br>") + (shown == 1 ? tr("1 trial shown") : tr("%1 trials shown").arg(formatCount(shown)));
    if (context > shown)
        text += QStringLiteral(" · ") + tr("%1 hidden by filters").arg(formatCount(context - shown));
    if (selected > 0)
        text += QStringLiteral("<br>") + tr("%1 selected").arg(formatCount(selected));
    if (counts_.studies > 1 && shown > 0) {
        text += QStringLiteral("<table style='margin-top:4px'>");
        for (std::size_t s = 0; s < counts_.studies; ++s) {
            const int n = counts_.visibleIn(bin, s);
            if (n == 0)
                continue;
            text += QStringLiteral("<tr><td><span style='color:%1'>■</span> %2</td><td align='right'>&nbsp;%3</td></tr>")
                        .arg(studyColor(s).name(), studies_.value(static_cast<qsizetype>(s)).toHtmlEscaped(),
                             formatCount(n));
        }
        text += QStringLiteral("</table>");
    }
    if (shown > 0) {
        // Tooltips have colours of their own (dark in both themes): the hint is a step towards their background.
        const QColor hint = mixColors(palette().color(QPalette::ToolTipText), palette().color(QPalette::ToolTipBase), 0.4);
        text += QStringLiteral("<div style='color:%1'>%2</div>").arg(hint.name(), tr("Click to select these trials"));
    }
    return text;
}

} // namespace tendril::app::overview
