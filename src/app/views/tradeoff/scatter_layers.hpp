// Drawing the trade-off scatter as layers: pure functions of (scene, size) -> image, so each layer
// is rebuilt only when its channel changes and its content can be tested without a window.
//
// - context: trials other views filter out, small and faint grey;
// - trials: the visible trials in their study's colour, the marker telling their state, with the
//   Pareto front's step line and emphasised points;
// - selection: the selected trials, larger and ringed in the accent blue, on top of everything.
// Markers are drawn by stamping a pre-rendered sprite per (shape, colour, size): antialiased
// ellipses cost far more than a blit, and a plot of 10,000+ trials stays fast that way.
#pragma once

#include "session/trial_table.hpp"
#include "style/plot_colors.hpp"

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include <map>
#include <memory>
#include <tuple>
#include <vector>

class QPainter;

namespace tendril::app::tradeoff {

enum class MarkerShape { Disc, Ring, Cross, Square };

// Complete trials are filled discs, pruned ones hollow rings, failed ones crosses; running,
// queued and skipped trials hollow squares.
MarkerShape markerShape(TrialState state);

struct MarkerLook {
    MarkerShape shape = MarkerShape::Disc;
    QColor color;
    double diameter = 7.0;
    QColor outline;           // invalid: none; else a ring around the marker
    double outlineWidth = 0.0;
    QColor halo;              // invalid: none; else a gap of the canvas between marker and ring,
                              // lifting it off what lies below
};

// The colours the layers draw besides the study colours, from the plot's palette (PlotColors).
struct ScatterColors {
    QColor context;    // trials filtered out elsewhere
    QColor frontLine;  // the Pareto front's step line and the ring of its points
    QColor selection;  // the ring of a selected trial: the colour of the gesture that picked it
    QColor hoverRing;  // the ring of the hovered trial
    QColor halo;       // the canvas, between a marker and its ring
};
ScatterColors scatterColors(const PlotColors& colors);

// Sprites rendered once per look at one device pixel ratio.
class MarkerSprites {
public:
    explicit MarkerSprites(qreal devicePixelRatio = 1.0) : ratio_(devicePixelRatio) {}
    qreal devicePixelRatio() const { return ratio_; }

    const QImage& sprite(const MarkerLook& look);
    // Stamps the sprite centred on center (snapped to the device pixel grid, so the blit stays on
    // the raster engine's fast path).
    void draw(QPainter& painter, QPointF center, const MarkerLook& look);

private:
    using Key = std::tuple<int, QRgb, int, QRgb, int, QRgb>;
    qreal ratio_;
    std::map<Key, QImage> cache_;
};

// What the layers draw, in widget pixels.
struct ScatterScene {
    std::shared_ptr<const TrialTable> table;  // study and state of each row
    std::vector<QPointF> positions;           // per table row; NaN where not drawable
    std::vector<char> visible;                // per row: passes the other views' brushes
    std::vector<std::size_t> front;           // rows on the Pareto front
    QPolygonF frontLine;                      // the front's step line
    std::vector<std::size_t> selected;        // rows
    QRectF plotArea;                          // markers are clipped to it
    ScatterColors colors;
};

// The marker size for this many drawn trials: smaller when crowded.
double markerDiameter(std::size_t drawnCount);

MarkerLook trialLook(const ScatterScene& scene, std::size_t row, double diameter);
MarkerLook contextLook(const ScatterScene& scene, double diameter);
MarkerLook frontLook(const ScatterScene& scene, std::size_t row, double diameter);
MarkerLook selectedLook(const ScatterScene& scene, std::size_t row, double diameter);
MarkerLook hoverLook(const ScatterScene& scene, std::size_t row, double diameter);

QImage renderContextLayer(const ScatterScene& scene, QSize size, MarkerSprites& sprites);
QImage renderTrialLayer(const ScatterScene& scene, QSize size, MarkerSprites& sprites);
QImage renderSelectionLayer(const ScatterScene& scene, QSize size, MarkerSprites& sprites);

// Counts of drawable rows that are visible / hidden by other views' brushes.
std::size_t drawnCount(const ScatterScene& scene);

} // namespace tendril::app::tradeoff
