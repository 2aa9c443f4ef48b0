// The cached picture of a detail plot, as a pure function of the scene and the trial flags: the
// heatmap cells or the marginal curve with its spread, and the trials over them (filtered-out
// trials grey underneath, visible ones coloured by study or by performance, selected ones last and
// ringed). Axes, the hovered trial and brushes are drawn live over it, so hovering or brushing
// never repaints thousands of dots.
#pragma once

#include "style/plot_colors.hpp"
#include "views/importance/detail_scene.hpp"

#include <QImage>
#include <QSize>

#include <map>
#include <tuple>
#include <vector>

class QPainter;

namespace tendril::app::importance {

enum class DotColouring { Study, Performance };

// The dot size for a number of trials: smaller dots when many overlap.
double dotDiameter(std::size_t points);

// Round dots as small images, drawn once per colour and size and then only copied: ten thousand
// antialiased ellipses cost tens of milliseconds, ten thousand copies a few.
class DotSprites {
public:
    void draw(QPainter& painter, QPointF centre, const QColor& fill, double diameter, const QColor& ring,
              double ringWidth);
    void clear() { sprites_.clear(); }

private:
    std::map<std::tuple<QRgb, QRgb, int, int, int>, QImage> sprites_;
};

// Colours of the marginal curve: its line and its spread band (a translucent fill).
struct CurveColors {
    QColor line;
    QColor band;
};
CurveColors curveColors(const PlotColors& colors);
// The heatmap colour of an expected value (darker is better, as every performance colour).
QColor heatColor(const DetailScene& scene, double expected);
// The colour of a visible trial's dot.
QColor dotColor(const DetailScene& scene, std::size_t point, DotColouring colouring);

struct LayerInput {
    const DetailScene* scene = nullptr;
    QSize size;          // widget pixels
    qreal devicePixelRatio = 1.0;
    PlotColors colors;
    DotColouring colouring = DotColouring::Study;
    const std::vector<char>* visible = nullptr;   // per table row; null or empty: every trial coloured
    const std::vector<char>* selected = nullptr;  // per table row; null or empty: none
};

QImage renderDataLayer(const LayerInput& input, DotSprites& sprites);

} // namespace tendril::app::importance
