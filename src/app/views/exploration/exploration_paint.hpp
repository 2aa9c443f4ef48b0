// Pieces shared by the exploration overview's layers (exploration_render.hpp): discs stamped from
// pre-rendered sprites, the colours of points and lines, and the cell's frame. Internal to the view.
#pragma once

#include "views/exploration/exploration_render.hpp"

#include <QColor>
#include <QImage>

#include <map>
#include <tuple>

class QPainter;

namespace tendril::app::exploration {

// Antialiased ellipses cost far more than a blit; a plot of thousands of points stamps sprites,
// rendered once per (fill, ring, size) at the target's pixel ratio.
class DotSprites {
public:
    explicit DotSprites(qreal devicePixelRatio) : ratio_(devicePixelRatio) {}
    // A disc of this diameter filled with fill, ringed by ring (width ringWidth; none when invalid).
    void draw(QPainter& painter, QPointF center, double diameter, const QColor& fill, const QColor& ring,
              double ringWidth);

private:
    using Key = std::tuple<QRgb, QRgb, int, int>;
    qreal ratio_;
    std::map<Key, QImage> cache_;
};

// The fill of a point: the performance ramp at the point's value (quantized so sprites are
// shared), grey when it has none.
QColor pointFill(const RenderInputs& inputs, double value);
// The ring around a point, separating it from its neighbours on either theme.
QColor pointRing(const RenderInputs& inputs, const QColor& fill);
QColor historyLineColor(const PlotColors& colors);
QColor mutationLineColor(const PlotColors& colors);

QFont smallFont(const QFont& base, double scale);

// The frame of a cell: background, title, shaded column spans with the iteration labels, the
// value axis (ticks or bands) and the plot's border.
void paintFrame(QPainter& painter, const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs,
                QSize size);
// The performance plot's best-so-far area, coloured by performance, and its step line.
std::size_t paintBestSoFar(QPainter& painter, const CellScene& scene, const RenderInputs& inputs);

} // namespace tendril::app::exploration
