// The frame of an exploration cell and the performance plot's area (exploration_paint.hpp).
#include "views/exploration/exploration_paint.hpp"
#include "views/exploration/exploration_text.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/study_colors.hpp"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tendril::app::exploration {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("tendril::app::exploration", text);
}

// Crisp one-pixel lines: on the middle of a pixel row.
double crisp(double v)
{
    return std::floor(v) + 0.5;
}

void paintTitle(QPainter& p, const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs)
{
    const ExplorationData& data = *inputs.data;
    QString title, note;
    if (scene.param) {
        const ParamAxis& axis = data.params()[*scene.param];
        title = axis.name;
        if (axis.log)
            note = tr("log scale");
        else if (axis.banded && data.table()->columns()[axis.column].categorical)
            note = tr("categories");
    } else {
        title = tr("Best %1 so far %2").arg(data.metric(), directionArrow(data.direction()));
        const std::vector<double>& best = scene.bestSoFar;
        const auto last = std::find_if(best.rbegin(), best.rend(), [](double v) { return std::isfinite(v); });
        if (last != best.rend())
            note = formatCompact(*last);
    }
    QFont titleFont = inputs.font;
    titleFont.setWeight(QFont::DemiBold);
    const QFont noteFont = smallFont(inputs.font, 0.85);
    const QFontMetricsF noteMetrics(noteFont);
    const double noteWidth = note.isEmpty() ? 0.0 : noteMetrics.horizontalAdvance(note) + 8.0;
    p.setFont(titleFont);
    p.setPen(inputs.colors.ink);
    const QFontMetricsF titleMetrics(titleFont);
    const QRectF titleRect = frame.title.adjusted(0, 0, -noteWidth, 0);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
               titleMetrics.elidedText(title, Qt::ElideRight, std::max(0.0, titleRect.width())));
    if (!note.isEmpty()) {
        p.setFont(noteFont);
        p.setPen(scene.param ? inputs.colors.faintText : inputs.colors.ink);
        p.drawText(frame.title, Qt::AlignRight | Qt::AlignVCenter, note);
    }
}

void paintIterationLabels(QPainter& p, const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs)
{
    const Lineage& lineage = inputs.data->tracks()[scene.track].lineage;
    const IterationAxis& x = scene.xAxis;
    const QFont font = smallFont(inputs.font, 0.8);
    const QFontMetricsF metrics(font);
    double widest = 0.0;
    const std::size_t sample = std::max<std::size_t>(1, x.columns() / 64);  // the widest label, from a sample
    for (std::size_t c = 0; c < x.columns(); c += sample)
        widest = std::max(widest, metrics.horizontalAdvance(columnLabel(lineage, c)));
    if (x.columns() > 0)
        widest = std::max(widest, metrics.horizontalAdvance(columnLabel(lineage, x.columns() - 1)));
    const std::size_t stride = labelStride(x, widest + 6.0);

    // Alternate shading: the algorithm's iterations read as a gradation across the plot.
    const std::vector<ColumnSpan> spans = shadedSpans(lineage.columns(), stride);
    const QColor shade = mixColors(inputs.colors.canvas, inputs.colors.ink, inputs.colors.dark ? 0.06 : 0.045);
    for (std::size_t k = 1; k < spans.size(); k += 2) {
        const double left = x.leftEdge(spans[k].first), right = x.leftEdge(spans[k].last + 1);
        p.fillRect(QRectF(left, frame.labels.top(), right - left, frame.plot.bottom() - frame.labels.top()), shade);
    }

    p.setFont(font);
    p.setPen(inputs.colors.tickText);
    const double top = frame.labels.top(), height = frame.labels.height();
    const bool brackets = lineage.scheme() == ExplorationScheme::Brackets;
    if (brackets && stride > 1) {
        // Budgets do not fit: name the bracket runs instead where they do.
        for (const ColumnSpan& span : spans) {
            const double left = x.leftEdge(span.first), right = x.leftEdge(span.last + 1);
            const std::size_t group = lineage.columns()[span.first].group;
            for (const bool brief : {false, true}) {
                const QString label = groupLabel(lineage, group, brief);
                if (metrics.horizontalAdvance(label) + 4.0 <= right - left) {
                    p.drawText(QRectF(left, top, right - left, height), Qt::AlignCenter, label);
                    break;
                }
            }
        }
        return;
    }
    for (std::size_t c = 0; c < x.columns(); c += stride) {
        const double center = x.center(c);
        p.drawText(QRectF(center - widest / 2.0 - 3.0, top, widest + 6.0, height), Qt::AlignCenter,
                   columnLabel(lineage, c));
    }
}

void paintValueAxis(QPainter& p, const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs)
{
    const PlotColors& colors = inputs.colors;
    const QFont font = smallFont(inputs.font, 0.8);
    const QFontMetricsF metrics(font);
    p.setFont(font);
    const QRectF& plot = frame.plot;
    const auto tickLine = [&](double y, const QString& label) {
        p.setPen(colors.grid);
        p.drawLine(QPointF(plot.left(), crisp(y)), QPointF(plot.right(), crisp(y)));
        p.setPen(colors.tickText);
        const QString text = metrics.elidedText(label, Qt::ElideRight, frame.axis.width());
        p.drawText(QRectF(frame.axis.left(), y - 8.0, frame.axis.width(), 16.0), Qt::AlignRight | Qt::AlignVCenter, text);
    };
    const int maxTicks = std::max(3, static_cast<int>(plot.height() / 24.0));
    if (scene.isPerformance()) {
        for (const double v : scene.metricAxis.ticks(maxTicks))
            tickLine(scene.metricAxis.toPixel(v), formatCompact(v));
        return;
    }
    const ParamAxis& axis = inputs.data->params()[*scene.param];
    const ValueAxis& y = scene.yAxis;
    if (!y.banded()) {
        for (const double v : y.scale().ticks(maxTicks))
            tickLine(y.toPixel(v), formatCompact(v));
        return;
    }
    // Bands: a line between neighbours, each named on its centre line.
    p.setPen(colors.grid);
    for (std::size_t b = 1; b < y.bandCount(); ++b) {
        const double boundary = crisp(y.bandCenter(b) + y.bandHeight() / 2.0);
        p.drawLine(QPointF(plot.left(), boundary), QPointF(plot.right(), boundary));
    }
    p.setPen(colors.tickText);
    const double labelHeight = metrics.height();
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(labelHeight / std::max(1.0, y.bandHeight()))));
    for (std::size_t b = 0; b < y.bandCount() && b < axis.bandLabels.size(); b += every) {
        const QString text = metrics.elidedText(axis.bandLabels[b], Qt::ElideRight, frame.axis.width());
        p.drawText(QRectF(frame.axis.left(), y.bandCenter(b) - labelHeight / 2.0, frame.axis.width(), labelHeight),
                   Qt::AlignRight | Qt::AlignVCenter, text);
    }
}

} // namespace

QFont smallFont(const QFont& base, double scale)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(std::max(6.5, f.pointSizeF() * scale));
    else
        f.setPixelSize(std::max(9, static_cast<int>(f.pixelSize() * scale)));
    return f;
}

double axisWidthFor(const ExplorationData& data, std::optional<std::size_t> param, const QFont& font)
{
    const QFontMetricsF metrics(smallFont(font, 0.8));
    double widest = 0.0;
    if (!param) {
        if (const std::optional<ColorRange> extent = data.valueExtent())
            for (const double v : {extent->low, extent->high, (extent->low + extent->high) / 2.0})
                widest = std::max(widest, metrics.horizontalAdvance(formatCompact(v)));
    } else {
        const ParamAxis& axis = data.params()[*param];
        if (axis.banded) {
            for (const QString& label : axis.bandLabels)
                widest = std::max(widest, metrics.horizontalAdvance(label));
        } else {
            const ValueAxis y(axis, 0.0, 200.0);
            for (const double v : y.scale().ticks(8))
                widest = std::max(widest, metrics.horizontalAdvance(formatCompact(v)));
        }
    }
    return std::clamp(widest + 10.0, 30.0, 88.0);
}

void paintFrame(QPainter& p, const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs, QSize size)
{
    const PlotColors& colors = inputs.colors;
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(colors.cardBorder, 1.0));
    p.setBrush(colors.card);
    p.drawRoundedRect(QRectF(0.5, 0.5, size.width() - 1.0, size.height() - 1.0), 6.0, 6.0);
    p.setRenderHint(QPainter::Antialiasing, false);
    paintTitle(p, scene, frame, inputs);

    const StudyTrack& track = inputs.data->tracks()[scene.track];
    if (scene.param && !track.hasParam[*scene.param]) {
        p.setFont(smallFont(inputs.font, 0.9));
        p.setPen(colors.faintText);
        p.drawText(frame.plot, Qt::AlignCenter | Qt::TextWordWrap, tr("Not in this study's search space"));
        return;
    }
    paintIterationLabels(p, scene, frame, inputs);
    paintValueAxis(p, scene, frame, inputs);
    p.setPen(colors.axis);
    p.setBrush(Qt::NoBrush);
    const QRectF& plot = frame.plot;
    p.drawRect(QRectF(crisp(plot.left()), crisp(plot.top()), std::floor(plot.width()), std::floor(plot.height())));
}

std::size_t paintBestSoFar(QPainter& p, const CellScene& scene, const RenderInputs& inputs)
{
    const IterationAxis& x = scene.xAxis;
    const QRectF& plot = scene.plot;
    std::size_t filled = 0;
    QPainterPath line;
    bool started = false;
    for (std::size_t c = 0; c < scene.bestSoFar.size() && c < x.columns(); ++c) {
        const double best = scene.bestSoFar[c];
        if (!std::isfinite(best))
            continue;
        const double y = std::clamp(scene.metricAxis.toPixel(best), plot.top(), plot.bottom());
        const double left = x.leftEdge(c), right = x.leftEdge(c + 1);
        p.fillRect(QRectF(left, y, right - left, plot.bottom() - y),
                   performanceColor(inputs.data->performance(best, inputs.range)));
        ++filled;
        if (!started) {
            line.moveTo(left, y);
            started = true;
        } else {
            line.lineTo(left, y);
        }
        line.lineTo(right, y);
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(inputs.colors.ink, 1.5, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
    p.drawPath(line);
    return filled;
}

} // namespace tendril::app::exploration
