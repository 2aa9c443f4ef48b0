#include "views/tradeoff/scatter_layers.hpp"

#include "style/study_colors.hpp"
#include "views/tradeoff/scatter_geometry.hpp"

#include <QPainter>
#include <QPen>

#include <algorithm>
#include <array>
#include <cmath>

namespace tendril::app::tradeoff {

namespace {

// Failed and pruned trials first, complete ones last: the finished models are what the user picks
// from, so they stay on top where trials overlap.
constexpr std::array<TrialState, kTrialStateCount> kDrawOrder = {
    TrialState::Failed, TrialState::Skipped, TrialState::Queued,
    TrialState::Pruned, TrialState::Running, TrialState::Complete};

int quarterPixels(double v)
{
    return static_cast<int>(std::lround(v * 4.0));
}

QImage blankLayer(QSize size, qreal ratio)
{
    QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::transparent);
    return image;
}

void paintShape(QPainter& p, QPointF c, const MarkerLook& look)
{
    const double r = look.diameter / 2.0;
    switch (look.shape) {
    case MarkerShape::Disc: {
        QColor fill = look.color;
        if (fill.alpha() == 255)
            fill.setAlpha(225);
        p.setBrush(fill);
        p.setPen(QPen(look.color.darker(135), 0.9));
        p.drawEllipse(c, r - 0.45, r - 0.45);
        break;
    }
    case MarkerShape::Ring:
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(look.color, std::max(1.5, look.diameter * 0.2)));
        p.drawEllipse(c, r - 0.8, r - 0.8);
        break;
    case MarkerShape::Cross: {
        p.setPen(QPen(look.color, std::max(1.6, look.diameter * 0.22), Qt::SolidLine, Qt::RoundCap));
        const double a = r * 0.8;
        p.drawLine(QPointF(c.x() - a, c.y() - a), QPointF(c.x() + a, c.y() + a));
        p.drawLine(QPointF(c.x() - a, c.y() + a), QPointF(c.x() + a, c.y() - a));
        break;
    }
    case MarkerShape::Square: {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(look.color, 1.4));
        const double a = r * 0.8;
        p.drawRect(QRectF(c.x() - a, c.y() - a, 2 * a, 2 * a));
        break;
    }
    }
}

bool drawableRow(const ScatterScene& scene, std::size_t row)
{
    return row < scene.positions.size() && isDrawable(scene.positions[row]);
}

bool visibleRow(const ScatterScene& scene, std::size_t row)
{
    return scene.visible.empty() || (row < scene.visible.size() && scene.visible[row]);
}

} // namespace

MarkerShape markerShape(TrialState state)
{
    switch (state) {
    case TrialState::Complete: return MarkerShape::Disc;
    case TrialState::Pruned: return MarkerShape::Ring;
    case TrialState::Failed: return MarkerShape::Cross;
    default: return MarkerShape::Square;
    }
}

const QImage& MarkerSprites::sprite(const MarkerLook& look)
{
    const Key key{static_cast<int>(look.shape), look.color.rgba(), quarterPixels(look.diameter),
                  look.outline.isValid() ? look.outline.rgba() : 0u, quarterPixels(look.outlineWidth),
                  look.halo.isValid() ? look.halo.rgba() : 0u};
    if (const auto it = cache_.find(key); it != cache_.end())
        return it->second;
    const double extent = look.diameter + (look.outline.isValid() ? 2 * look.outlineWidth + 4 : 0) + 4;
    // An even side puts the centre on a pixel corner, so a marker at a whole-pixel position is symmetric.
    const int side = 2 * static_cast<int>(std::ceil(extent / 2));
    QImage image(QSize(side, side) * ratio_, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio_);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QPointF c(side / 2.0, side / 2.0);
    if (look.outline.isValid()) {
        const double r = look.diameter / 2.0;
        const bool halo = look.halo.isValid();
        const double gap = halo ? 1.0 : 0.0;
        if (halo) {
            p.setPen(Qt::NoPen);
            p.setBrush(look.halo);
            p.drawEllipse(c, r + look.outlineWidth + 1.5, r + look.outlineWidth + 1.5);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(look.outline, look.outlineWidth));
        p.drawEllipse(c, r + gap + look.outlineWidth / 2, r + gap + look.outlineWidth / 2);
    }
    paintShape(p, c, look);
    p.end();
    return cache_.emplace(key, std::move(image)).first->second;
}

void MarkerSprites::draw(QPainter& painter, QPointF center, const MarkerLook& look)
{
    const QImage& image = sprite(look);
    const double half = image.width() / ratio_ / 2.0;
    // Snap to device pixels: a fractional offset would send the blit through the slow transformed path.
    const double x = std::round((center.x() - half) * ratio_) / ratio_;
    const double y = std::round((center.y() - half) * ratio_) / ratio_;
    painter.drawImage(QPointF(x, y), image);
}

ScatterColors scatterColors(const PlotColors& colors)
{
    ScatterColors c;
    // Translucent, so where many filtered trials overlap they build up to a denser grey.
    c.context = mixColors(colors.canvas, colors.ink, colors.dark ? 0.32 : 0.28);
    c.context.setAlpha(150);
    c.frontLine = mixColors(colors.canvas, colors.ink, colors.dark ? 0.85 : 0.92);
    c.selection = colors.accent;
    c.hoverRing = colors.ink;
    c.halo = colors.canvas;
    return c;
}

double markerDiameter(std::size_t drawnCount)
{
    if (drawnCount > 5000)
        return 5.0;
    if (drawnCount > 1500)
        return 6.0;
    return 7.5;
}

MarkerLook trialLook(const ScatterScene& scene, std::size_t row, double diameter)
{
    return {markerShape(scene.table->trial(row).state), studyColor(scene.table->studyOf(row)), diameter, {}, 0.0, {}};
}

MarkerLook contextLook(const ScatterScene& scene, double diameter)
{
    return {MarkerShape::Disc, scene.colors.context, std::max(3.0, diameter * 0.7), {}, 0.0, {}};
}

MarkerLook frontLook(const ScatterScene& scene, std::size_t row, double diameter)
{
    // A ring right on the marker, in the step line's colour: the point reads as part of the line.
    MarkerLook look = trialLook(scene, row, diameter + 1.5);
    look.outline = scene.colors.frontLine;
    look.outlineWidth = 1.5;
    return look;
}

MarkerLook selectedLook(const ScatterScene& scene, std::size_t row, double diameter)
{
    MarkerLook look = trialLook(scene, row, diameter + 3.5);
    look.outline = scene.colors.selection;
    look.outlineWidth = 2.0;
    look.halo = scene.colors.halo;
    return look;
}

MarkerLook hoverLook(const ScatterScene& scene, std::size_t row, double diameter)
{
    MarkerLook look = trialLook(scene, row, diameter + 6.0);
    look.outline = scene.colors.hoverRing;
    look.outlineWidth = 2.4;
    look.halo = scene.colors.halo;
    return look;
}

std::size_t drawnCount(const ScatterScene& scene)
{
    return static_cast<std::size_t>(
        std::count_if(scene.positions.begin(), scene.positions.end(), [](QPointF p) { return isDrawable(p); }));
}

QImage renderContextLayer(const ScatterScene& scene, QSize size, MarkerSprites& sprites)
{
    QImage image = blankLayer(size, sprites.devicePixelRatio());
    if (scene.visible.empty())
        return image;
    QPainter p(&image);
    p.setClipRect(scene.plotArea);
    const MarkerLook look = contextLook(scene, markerDiameter(drawnCount(scene)));
    for (std::size_t row = 0; row < scene.positions.size(); ++row)
        if (drawableRow(scene, row) && !visibleRow(scene, row))
            sprites.draw(p, scene.positions[row], look);
    return image;
}

QImage renderTrialLayer(const ScatterScene& scene, QSize size, MarkerSprites& sprites)
{
    QImage image = blankLayer(size, sprites.devicePixelRatio());
    if (!scene.table)
        return image;
    QPainter p(&image);
    p.setClipRect(scene.plotArea);
    const double diameter = markerDiameter(drawnCount(scene));
    // One pass per state in draw order; rows of a pass keep table order, so the picture does not
    // depend on anything but the data.
    std::array<std::vector<std::size_t>, kTrialStateCount> byState;
    for (std::size_t row = 0; row < scene.positions.size(); ++row)
        if (drawableRow(scene, row) && visibleRow(scene, row))
            byState[static_cast<std::size_t>(scene.table->trial(row).state)].push_back(row);
    for (const TrialState state : kDrawOrder)
        for (const std::size_t row : byState[static_cast<std::size_t>(state)])
            sprites.draw(p, scene.positions[row], trialLook(scene, row, diameter));

    if (scene.frontLine.size() > 1) {
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(scene.colors.frontLine, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(scene.frontLine);
    }
    for (const std::size_t row : scene.front)
        if (drawableRow(scene, row))
            sprites.draw(p, scene.positions[row], frontLook(scene, row, diameter));
    return image;
}

QImage renderSelectionLayer(const ScatterScene& scene, QSize size, MarkerSprites& sprites)
{
    QImage image = blankLayer(size, sprites.devicePixelRatio());
    if (!scene.table || scene.selected.empty())
        return image;
    QPainter p(&image);
    p.setClipRect(scene.plotArea);
    const double diameter = markerDiameter(drawnCount(scene));
    for (const std::size_t row : scene.selected)
        if (drawableRow(scene, row))
            sprites.draw(p, scene.positions[row], selectedLook(scene, row, diameter));
    return image;
}

} // namespace tendril::app::tradeoff
