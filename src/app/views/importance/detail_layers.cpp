#include "views/importance/detail_layers.hpp"

#include "style/study_colors.hpp"

#include <QPainter>
#include <QPainterPath>

#include <functional>

#include <algorithm>
#include <cmath>

namespace tendril::app::importance {

namespace {

bool flagged(const std::vector<char>* flags, std::size_t row, bool whenAbsent)
{
    if (!flags || flags->empty())
        return whenAbsent;
    return row < flags->size() && (*flags)[row];
}

// A step function as the path of its top edge, left to right, at y = value(cell).
void addSteps(QPainterPath& path, const DetailScene& scene, const engine::MarginalCurve& curve,
              const std::function<double(std::size_t)>& value, bool forward)
{
    const std::size_t n = curve.cells();
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = forward ? k : n - 1 - k;
        const double a = scene.x.toPixel(curve.edges[forward ? i : i + 1]);
        const double b = scene.x.toPixel(curve.edges[forward ? i + 1 : i]);
        const double y = scene.y.toPixel(value(i));
        if (path.elementCount() == 0)
            path.moveTo(a, y);
        else
            path.lineTo(a, y);
        path.lineTo(b, y);
    }
}

void paintNumericCurve(QPainter& p, const DetailScene& scene, const CurveColors& colors, bool lineOnly)
{
    const engine::MarginalCurve& curve = *scene.content->curve;
    if (curve.cells() == 0 || curve.edges.size() != curve.cells() + 1)
        return;
    if (!lineOnly) {
        QPainterPath band;
        addSteps(band, scene, curve, [&](std::size_t i) { return curve.mean[i] + curve.std[i]; }, true);
        addSteps(band, scene, curve, [&](std::size_t i) { return curve.mean[i] - curve.std[i]; }, false);
        band.closeSubpath();
        p.fillPath(band, colors.band);
        return;
    }
    QPainterPath line;
    addSteps(line, scene, curve, [&](std::size_t i) { return curve.mean[i]; }, true);
    p.strokePath(line, QPen(colors.line, 2.0, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
}

// A categorical marginal: per category the expected value as a point with a ±1 sd bar and a light
// box, so it reads like the numeric band.
void paintCategoricalCurve(QPainter& p, const DetailScene& scene, const CurveColors& colors, bool lineOnly)
{
    const engine::MarginalCurve& curve = *scene.content->curve;
    const double band = std::abs(scene.x.toPixel(1.0) - scene.x.toPixel(0.0));
    const double half = std::clamp(band * 0.22, 6.0, 36.0);
    for (std::size_t i = 0; i < curve.cells(); ++i) {
        const double x = scene.x.toPixel(static_cast<double>(i));
        const double top = scene.y.toPixel(curve.mean[i] + curve.std[i]);
        const double bottom = scene.y.toPixel(curve.mean[i] - curve.std[i]);
        const double mid = scene.y.toPixel(curve.mean[i]);
        if (!lineOnly) {
            p.fillRect(QRectF(x - half, top, 2 * half, bottom - top), colors.band);
            continue;
        }
        p.setPen(QPen(colors.line, 1.6));
        p.drawLine(QPointF(x, top), QPointF(x, bottom));
        p.drawLine(QPointF(x - half * 0.5, top), QPointF(x + half * 0.5, top));
        p.drawLine(QPointF(x - half * 0.5, bottom), QPointF(x + half * 0.5, bottom));
        p.setPen(QPen(colors.line, 3.0, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QPointF(x - half, mid), QPointF(x + half, mid));
    }
}

void paintHeatmap(QPainter& p, const DetailScene& scene)
{
    const engine::PairMarginalTable& t = *scene.content->table;
    for (std::size_t r = 0; r < t.rows; ++r)
        for (std::size_t c = 0; c < t.cols; ++c)
            p.fillRect(heatmapCell(scene, r, c), heatColor(scene, t.meanAt(r, c)));
}

} // namespace

double dotDiameter(std::size_t points)
{
    if (points <= 300)
        return 7.0;
    if (points <= 2000)
        return 5.5;
    return 4.0;
}

void DotSprites::draw(QPainter& painter, QPointF centre, const QColor& fill, double diameter, const QColor& ring,
                      double ringWidth)
{
    const qreal ratio = painter.device()->devicePixelRatioF();
    const auto key = std::make_tuple(fill.rgba(), ring.rgba(), static_cast<int>(std::lround(diameter * 4)),
                                     static_cast<int>(std::lround(ringWidth * 4)), static_cast<int>(std::lround(ratio * 4)));
    auto it = sprites_.find(key);
    if (it == sprites_.end()) {
        const double extent = diameter + 2 * ringWidth + 2;
        const int side = static_cast<int>(std::ceil(extent * ratio));
        QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
        sprite.fill(Qt::transparent);
        sprite.setDevicePixelRatio(ratio);
        QPainter sp(&sprite);
        sp.setRenderHint(QPainter::Antialiasing);
        sp.setPen(ringWidth > 0 ? QPen(ring, ringWidth) : Qt::NoPen);
        sp.setBrush(fill);
        const double logical = side / ratio;
        sp.drawEllipse(QPointF(logical / 2, logical / 2), diameter / 2, diameter / 2);
        sp.end();
        it = sprites_.emplace(key, std::move(sprite)).first;
    }
    const double logical = it->second.width() / ratio;
    painter.drawImage(QPointF(centre.x() - logical / 2, centre.y() - logical / 2), it->second);
}

CurveColors curveColors(const PlotColors& colors)
{
    // The paper's green spread band, in the same greens as every "better" colour.
    CurveColors c;
    c.line = colors.dark ? performanceColor(0.3) : performanceColor(0.85);
    c.band = colors.dark ? performanceColor(0.55) : performanceColor(0.45);
    c.band.setAlpha(colors.dark ? 90 : 110);
    return c;
}

QColor heatColor(const DetailScene& scene, double expected)
{
    return performanceColor(expectedRank(scene, expected));
}

QColor dotColor(const DetailScene& scene, std::size_t point, DotColouring colouring)
{
    if (colouring == DotColouring::Study)
        return studyColor(scene.table->studyOf(scene.points.rows[point]));
    // Quantised, so the sprites stay few.
    const double t = performanceOf(scene, scene.points.metric[point]);
    return performanceColor(std::isfinite(t) ? std::round(t * 24.0) / 24.0 : t);
}

QImage renderDataLayer(const LayerInput& input, DotSprites& sprites)
{
    const DetailScene& scene = *input.scene;
    const PlotColors& colors = input.colors;
    QImage image(input.size * input.devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(input.devicePixelRatio);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setClipRect(scene.area.adjusted(-4, -4, 4, 4));
    const CurveColors curve = curveColors(colors);
    const bool categoricalCurve = !scene.pair && scene.content->curve->categorical;

    if (scene.pair) {
        paintHeatmap(p, scene);
    } else {
        p.setRenderHint(QPainter::Antialiasing);
        if (categoricalCurve)
            paintCategoricalCurve(p, scene, curve, false);
        else
            paintNumericCurve(p, scene, curve, false);
    }

    const std::size_t n = scene.points.rows.size();
    const double diameter = dotDiameter(n);
    // On a heatmap the dots need a ring of the canvas colour to stand out from the cells.
    const QColor ring = scene.pair ? colors.canvas : colors.outline;
    const double ringWidth = scene.pair ? 1.0 : (n > 2000 ? 0.0 : 0.6);
    QColor context = colors.context;
    for (std::size_t i = 0; i < n; ++i)
        if (!flagged(input.visible, scene.points.rows[i], true) && std::isfinite(scene.pixels[i].x()))
            sprites.draw(p, scene.pixels[i], context, diameter * 0.85, ring, scene.pair ? 0.8 : 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t row = scene.points.rows[i];
        if (flagged(input.visible, row, true) && !flagged(input.selected, row, false) && std::isfinite(scene.pixels[i].x())) {
            QColor fill = dotColor(scene, i, input.colouring);
            if (n > 2000 && !scene.pair)
                fill.setAlpha(170);  // where thousands overlap, density shows through
            sprites.draw(p, scene.pixels[i], fill, diameter, ring, ringWidth);
        }
    }
    // The expected curve over the cloud of trials, so it always reads.
    if (!scene.pair) {
        p.setRenderHint(QPainter::Antialiasing);
        if (categoricalCurve)
            paintCategoricalCurve(p, scene, curve, true);
        else
            paintNumericCurve(p, scene, curve, true);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t row = scene.points.rows[i];
        if (flagged(input.selected, row, false) && std::isfinite(scene.pixels[i].x())) {
            const QColor fill = flagged(input.visible, row, true) ? dotColor(scene, i, input.colouring) : colors.context;
            sprites.draw(p, scene.pixels[i], fill, diameter + 4, colors.accent, 2.0);
        }
    }
    return image;
}

} // namespace tendril::app::importance
