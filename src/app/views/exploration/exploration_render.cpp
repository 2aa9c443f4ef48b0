#include "views/exploration/exploration_render.hpp"

#include "style/study_colors.hpp"
#include "views/exploration/exploration_paint.hpp"

#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace tendril::app::exploration {

namespace {

int quarterPixels(double v)
{
    return static_cast<int>(std::lround(v * 4.0));
}

QImage blankImage(QSize size, qreal ratio)
{
    QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::transparent);
    return image;
}

QPen dashedPen(const QColor& color, double width)
{
    QPen pen(color, width, Qt::CustomDashLine, Qt::FlatCap, Qt::RoundJoin);
    pen.setDashPattern({3.0 / width * 1.2, 2.5 / width * 1.2});
    return pen;
}

// Thin lines by the thousand: a cosmetic pen one device pixel wide is drawn by the raster engine's
// own line stroker, dashes included, many times faster than outlining each dash as a path.
QPen hairline(const QColor& color, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(color, 1.0, style, Qt::FlatCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    if (style == Qt::CustomDashLine)
        pen.setDashPattern({3.6, 3.0});
    return pen;
}

// One trial's points joined in column order; its segments are appended to report when given.
void addHistory(QPainterPath& path, const CellScene& scene, std::uint32_t first, std::uint32_t count,
                std::vector<QLineF>* report)
{
    if (count < 2)
        return;
    path.moveTo(scene.points[first].pos);
    for (std::uint32_t k = first + 1; k < first + count; ++k) {
        path.lineTo(scene.points[k].pos);
        if (report)
            report->emplace_back(scene.points[k - 1].pos, scene.points[k].pos);
    }
}

// Points drawn in order of performance, best last and so on top; history points under final ones.
// The fills and rings of points, one pair per colour pointFill quantizes to: a layer looks them
// up instead of converting colours for each of its thousands of points.
class PointPalette {
public:
    static constexpr int kSteps = 32;       // pointFill's quantization of the performance
    static constexpr int kMissing = kSteps + 1;  // no performance: grey

    explicit PointPalette(const RenderInputs& inputs) : inputs_(inputs)
    {
        for (int i = 0; i <= kMissing; ++i) {
            fill_[i] = performanceColor(i == kMissing ? std::nan("") : static_cast<double>(i) / kSteps);
            ring_[i] = pointRing(inputs, fill_[i]);
        }
    }

    int indexOf(double value) const
    {
        const double t = inputs_.data->performance(value, inputs_.range);
        return std::isnan(t) ? kMissing : static_cast<int>(std::lround(std::clamp(t * kSteps, 0.0, double(kSteps))));
    }
    const QColor& fill(int index) const { return fill_[static_cast<std::size_t>(index)]; }
    const QColor& ring(int index) const { return ring_[static_cast<std::size_t>(index)]; }

private:
    const RenderInputs& inputs_;
    std::array<QColor, kMissing + 1> fill_;
    std::array<QColor, kMissing + 1> ring_;
};

// Points in drawing order: better on top, a configuration's last evaluation over the others,
// points without a value at the bottom. Bucketed by colour rather than sorted: between colours
// the order is the same, and within one the sprites are alike.
std::vector<std::pair<std::uint32_t, int>> drawOrder(const CellScene& scene, const PointPalette& palette,
                                                     const std::vector<std::size_t>& points)
{
    constexpr int kColours = PointPalette::kMissing + 1;
    std::array<std::size_t, 2 * kColours + 1> start{};
    std::vector<int> colour(points.size());
    const auto bucketOf = [](bool final, int index) {
        const int rank = index == PointPalette::kMissing ? 0 : index + 1;
        return (final ? kColours : 0) + rank;
    };
    for (std::size_t k = 0; k < points.size(); ++k) {
        const ScenePoint& point = scene.points[points[k]];
        colour[k] = palette.indexOf(point.value);
        ++start[static_cast<std::size_t>(bucketOf(point.final, colour[k]) + 1)];
    }
    for (std::size_t b = 1; b < start.size(); ++b)
        start[b] += start[b - 1];
    std::vector<std::pair<std::uint32_t, int>> order(points.size());
    for (std::size_t k = 0; k < points.size(); ++k) {
        const std::size_t b = static_cast<std::size_t>(bucketOf(scene.points[points[k]].final, colour[k]));
        order[start[b]++] = {static_cast<std::uint32_t>(points[k]), colour[k]};
    }
    return order;
}

// HSL lightness (0-255) straight from the RGB values, as QColor::lightness() gives it.
int lightnessOf(const QColor& c)
{
    return (std::max({c.red(), c.green(), c.blue()}) + std::min({c.red(), c.green(), c.blue()})) / 2;
}

void paintData(QPainter& p, const CellScene& scene, const RenderInputs& inputs, qreal ratio, RenderReport* report)
{
    const PlotColors& colors = inputs.colors;
    const bool performance = scene.isPerformance();
    QPainterPath contextLines, dashed, mutations;
    // Histories: the performance plot shows them on hover only, its cloud of values would drown in lines.
    if (!performance) {
        for (std::size_t t = 0; t < scene.trialPoints.size(); ++t) {
            const auto [first, count] = scene.trialPoints[t];
            if (count < 2)
                continue;
            const bool visible = inputs.isVisible(scene.points[first].row);
            addHistory(visible ? dashed : contextLines, scene, first, count,
                       visible && report ? &report->dashedSegments : nullptr);
        }
        for (const SceneLink& link : scene.links) {
            const QPointF from = scene.points[link.from].pos, to = scene.points[link.to].pos;
            const bool visible = inputs.isVisible(scene.points[link.to].row);
            if (link.kind == LinkKind::Continuation) {
                QPainterPath& path = visible ? dashed : contextLines;
                path.moveTo(from);
                path.lineTo(to);
                if (visible && report)
                    report->dashedSegments.emplace_back(from, to);
            } else {
                (visible ? mutations : contextLines).addPath(linkPath(from, to));
                if (visible && report)
                    report->mutationLinks.emplace_back(from, to);
            }
        }
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    if (!contextLines.isEmpty()) {
        QColor faint = colors.context;
        faint.setAlpha(110);
        p.setPen(hairline(faint));
        p.drawPath(contextLines);
    }

    DotSprites sprites(ratio);
    std::vector<std::size_t> shown;
    shown.reserve(scene.points.size());
    QColor contextFill = colors.context;
    contextFill.setAlpha(150);
    for (std::size_t i = 0; i < scene.points.size(); ++i) {
        if (inputs.isVisible(scene.points[i].row)) {
            shown.push_back(i);
            continue;
        }
        sprites.draw(p, scene.points[i].pos, scene.points[i].final ? scene.dot * 0.8 : scene.smallDot * 0.8,
                     contextFill, QColor(), 0.0);
        if (report)
            ++report->contextPoints;
    }
    if (!dashed.isEmpty()) {
        p.setPen(hairline(historyLineColor(colors), Qt::CustomDashLine));
        p.drawPath(dashed);
    }
    if (!mutations.isEmpty()) {
        p.setPen(hairline(mutationLineColor(colors)));
        p.drawPath(mutations);
    }
    if (performance) {
        // The cloud of every evaluation under the best-so-far line, how far the rest fell behind:
        // light on the deep end of the area, dark on its pale end.
        QColor light(255, 255, 255, 170);
        QColor dark = colors.dark ? colors.canvas : colors.ink;
        dark.setAlpha(colors.dark ? 170 : 130);
        for (const std::size_t i : shown) {
            const ScenePoint& point = scene.points[i];
            const double best = point.column < scene.bestSoFar.size() ? scene.bestSoFar[point.column] : point.value;
            const bool deep = lightnessOf(performanceColor(inputs.data->performance(best, inputs.range))) < 140;
            sprites.draw(p, point.pos, scene.smallDot, deep ? light : dark, QColor(), 0.0);
        }
    } else {
        const PointPalette palette(inputs);
        for (const auto& [i, colour] : drawOrder(scene, palette, shown)) {
            const ScenePoint& point = scene.points[i];
            sprites.draw(p, point.pos, point.final ? scene.dot : scene.smallDot, palette.fill(colour),
                         palette.ring(colour), point.final ? 1.0 : 0.8);
        }
    }
    if (report)
        report->points += shown.size();
}

} // namespace

void DotSprites::draw(QPainter& painter, QPointF center, double diameter, const QColor& fill, const QColor& ring,
                      double ringWidth)
{
    const Key key{fill.rgba(), ring.isValid() ? ring.rgba() : 0u, quarterPixels(diameter), quarterPixels(ringWidth)};
    auto it = cache_.find(key);
    if (it == cache_.end()) {
        // An even side puts the centre on a pixel corner, so the disc is symmetric.
        const int side = 2 * static_cast<int>(std::ceil((diameter + 2.0 * ringWidth + 2.0) / 2.0));
        QImage image = blankImage(QSize(side, side), ratio_);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(fill);
        if (ring.isValid() && ringWidth > 0.0)
            p.setPen(QPen(ring, ringWidth));
        else
            p.setPen(Qt::NoPen);
        const double r = diameter / 2.0 - (ring.isValid() ? ringWidth / 2.0 : 0.0);
        p.drawEllipse(QPointF(side / 2.0, side / 2.0), r, r);
        p.end();
        it = cache_.emplace(key, std::move(image)).first;
    }
    const double half = it->second.width() / ratio_ / 2.0;
    // Whole device pixels keep the blit on the raster engine's fast path.
    painter.drawImage(QPointF(std::round((center.x() - half) * ratio_) / ratio_,
                              std::round((center.y() - half) * ratio_) / ratio_),
                      it->second);
}

QColor pointFill(const RenderInputs& inputs, double value)
{
    const double t = inputs.data->performance(value, inputs.range);
    return performanceColor(std::isnan(t) ? t : std::round(t * 32.0) / 32.0);
}

QColor pointRing(const RenderInputs& inputs, const QColor& fill)
{
    return inputs.colors.dark ? mixColors(fill, inputs.colors.ink, 0.45) : fill.darker(150);
}

QColor historyLineColor(const PlotColors& colors)
{
    return mixColors(colors.canvas, colors.ink, colors.dark ? 0.55 : 0.45);
}

QColor mutationLineColor(const PlotColors& colors)
{
    return mixColors(colors.canvas, colors.ink, colors.dark ? 0.62 : 0.55);
}

QPainterPath linkPath(QPointF from, QPointF to)
{
    QPainterPath path(from);
    const double dx = to.x() - from.x();
    if (dx < 2.0) {
        constexpr double kBulge = 14.0;
        path.cubicTo(QPointF(from.x() + kBulge, from.y()), QPointF(to.x() + kBulge, to.y()), to);
    } else {
        path.cubicTo(QPointF(from.x() + dx * 0.5, from.y()), QPointF(to.x() - dx * 0.5, to.y()), to);
    }
    return path;
}

namespace {

// Whether the cell has anything to plot: a study without the parameter shows only its frame.
bool hasData(const CellScene& scene, const RenderInputs& inputs)
{
    const StudyTrack& track = inputs.data->tracks()[scene.track];
    return !scene.param || track.hasParam[*scene.param];
}

void clipToPlot(QPainter& p, const CellFrame& frame)
{
    p.setClipRect(frame.plot.adjusted(1.0, 1.0, -0.5, -0.5));
}

void paintBackground(QPainter& p, const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs,
                     QSize size, RenderReport* report)
{
    paintFrame(p, scene, frame, inputs, size);
    if (!hasData(scene, inputs) || !scene.isPerformance())
        return;
    p.save();
    clipToPlot(p, frame);
    const std::size_t filled = paintBestSoFar(p, scene, inputs);
    p.restore();
    if (report)
        report->areaColumns = filled;
}

} // namespace

QImage renderCell(const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs, QSize size,
                  qreal devicePixelRatio, RenderReport* report)
{
    QImage image = blankImage(size, devicePixelRatio);
    QPainter p(&image);
    paintBackground(p, scene, frame, inputs, size, report);
    if (!hasData(scene, inputs))
        return image;
    clipToPlot(p, frame);
    paintData(p, scene, inputs, devicePixelRatio, report);
    return image;
}

QImage renderCellBackground(const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs, QSize size,
                            qreal devicePixelRatio, RenderReport* report)
{
    QImage image = blankImage(size, devicePixelRatio);
    QPainter p(&image);
    paintBackground(p, scene, frame, inputs, size, report);
    return image;
}

QImage renderCellData(const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs, QSize size,
                      qreal devicePixelRatio, RenderReport* report)
{
    if (!hasData(scene, inputs))
        return {};
    QImage image = blankImage(size, devicePixelRatio);
    QPainter p(&image);
    clipToPlot(p, frame);
    paintData(p, scene, inputs, devicePixelRatio, report);
    return image;
}

QImage renderSelection(const CellScene& scene, const RenderInputs& inputs, const std::vector<char>& selected,
                       QSize size, qreal devicePixelRatio)
{
    QImage image = blankImage(size, devicePixelRatio);
    const auto isSelected = [&selected](std::size_t row) { return row < selected.size() && selected[row]; };
    QPainterPath lines;
    std::vector<std::size_t> ringed;
    for (const auto& [first, count] : scene.trialPoints) {
        if (count == 0 || !isSelected(scene.points[first].row))
            continue;
        addHistory(lines, scene, first, count, nullptr);
        for (std::uint32_t k = first; k < first + count; ++k)
            ringed.push_back(k);
    }
    for (const SceneLink& link : scene.links)
        if (isSelected(scene.points[link.to].row))
            lines.addPath(linkPath(scene.points[link.from].pos, scene.points[link.to].pos));
    if (ringed.empty())
        return image;
    QPainter p(&image);
    p.setClipRect(scene.plot);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(inputs.colors.accent, 1.6));
    p.drawPath(lines);
    DotSprites sprites(devicePixelRatio);
    for (const std::size_t i : ringed) {
        const ScenePoint& point = scene.points[i];
        const double d = (point.final ? scene.dot : scene.smallDot) + 4.0;
        const QColor fill = scene.isPerformance() ? inputs.colors.accentSoft : pointFill(inputs, point.value);
        sprites.draw(p, point.pos, d, fill, inputs.colors.accent, 1.8);
    }
    return image;
}

std::vector<std::size_t> paintHighlight(QPainter& p, const CellScene& scene, const RenderInputs& inputs,
                                        const std::vector<std::size_t>& family, std::size_t hovered)
{
    std::vector<char> member(scene.trialPoints.size(), 0);
    std::vector<std::size_t> rows;
    for (std::size_t t = 0; t < scene.trialPoints.size(); ++t) {
        const auto [first, count] = scene.trialPoints[t];
        if (count == 0 || !std::binary_search(family.begin(), family.end(), scene.points[first].row))
            continue;
        member[t] = 1;
        rows.push_back(scene.points[first].row);
    }
    if (rows.empty())
        return rows;
    std::sort(rows.begin(), rows.end());

    const PlotColors& colors = inputs.colors;
    p.save();
    p.setClipRect(scene.plot);
    p.fillRect(scene.plot, colors.veil);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(Qt::NoBrush);
    QPainterPath dashed, mutations;
    for (std::size_t t = 0; t < member.size(); ++t)
        if (member[t])
            addHistory(dashed, scene, scene.trialPoints[t].first, scene.trialPoints[t].second, nullptr);
    for (const SceneLink& link : scene.links) {
        if (!member[scene.points[link.from].trial] || !member[scene.points[link.to].trial])
            continue;
        if (link.kind == LinkKind::Continuation) {
            dashed.moveTo(scene.points[link.from].pos);
            dashed.lineTo(scene.points[link.to].pos);
        } else {
            mutations.addPath(linkPath(scene.points[link.from].pos, scene.points[link.to].pos));
        }
    }
    p.setPen(dashedPen(colors.ink, 1.5));
    p.drawPath(dashed);
    p.setPen(QPen(colors.accent, 2.0));
    p.drawPath(mutations);

    DotSprites sprites(p.device()->devicePixelRatioF());
    for (const bool hoveredPass : {false, true})
        for (std::size_t t = 0; t < member.size(); ++t) {
            if (!member[t])
                continue;
            const auto [first, count] = scene.trialPoints[t];
            if ((scene.points[first].row == hovered) != hoveredPass)
                continue;
            for (std::uint32_t k = first; k < first + count; ++k) {
                const ScenePoint& point = scene.points[k];
                const double d = (point.final ? scene.dot : scene.smallDot) + (hoveredPass ? 4.0 : 1.5);
                const QColor fill = scene.isPerformance() ? colors.ink : pointFill(inputs, point.value);
                sprites.draw(p, point.pos, d, fill, hoveredPass ? colors.accent : colors.ink, hoveredPass ? 2.2 : 1.2);
            }
        }
    p.restore();
    return rows;
}

} // namespace tendril::app::exploration
