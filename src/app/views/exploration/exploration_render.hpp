// Painting the exploration overview's small plots as pure functions of a scene, so each layer can
// be cached, rebuilt on a worker thread, and tested without a window:
// - the cell: its frame (title, iteration labels with their alternating shading, the value axis)
//   and its data: trials other views filter out as faint grey context, then survivors' histories
//   as dashed lines, PBT mutations as solid curves from the parent's point to the child's, and the
//   points, darker for better performance, a configuration's last evaluation larger;
// - the selection: selected trials' histories and rings in the accent colour;
// - the highlight, painted live over both: a veil over the plot, then the hovered trial's whole
//   lineage (ancestors and descendants) drawn clearly on it.
#pragma once

#include "style/plot_colors.hpp"
#include "views/exploration/exploration_scene.hpp"

#include <QFont>
#include <QImage>
#include <QLineF>
#include <QPainterPath>

#include <vector>

class QPainter;

namespace tendril::app::exploration {

struct RenderInputs {
    const ExplorationData* data = nullptr;
    PlotColors colors;
    ColorRange range;                    // what the performance colours span
    const std::vector<char>* visible = nullptr;  // per table row; nullptr: every row
    QFont font;                          // the widget's font; labels are drawn a little smaller

    bool isVisible(std::size_t row) const { return !visible || (row < visible->size() && (*visible)[row]); }
};

// What a render drew, for tests and the benchmark.
struct RenderReport {
    std::size_t points = 0;         // in performance colours
    std::size_t contextPoints = 0;  // faint grey: filtered out by other views
    std::vector<QLineF> dashedSegments;   // histories of configurations evaluated more than once
    std::vector<QLineF> mutationLinks;    // from the parent's point to the child's first point
    std::size_t areaColumns = 0;          // performance plot: columns under the best-so-far area
};

// The curve of a mutation: it leaves the parent horizontally and reaches the child horizontally,
// bulging to the right when both sit in one column.
QPainterPath linkPath(QPointF from, QPointF to);

// The width the value axis needs for its labels.
double axisWidthFor(const ExplorationData& data, std::optional<std::size_t> param, const QFont& font);

// The cell's static layer (frame and data) at the cell's size, its scene in the cell's own pixels.
QImage renderCell(const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs, QSize size,
                  qreal devicePixelRatio, RenderReport* report = nullptr);
// The same in two layers, for a canvas that redraws only what a change affects: the background
// (the frame, and the performance plot's best-so-far area), which the other views' filters do not
// change, and the data over it (null when the study lacks the parameter). Drawn one over the
// other, they are renderCell's picture.
QImage renderCellBackground(const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs, QSize size,
                            qreal devicePixelRatio, RenderReport* report = nullptr);
QImage renderCellData(const CellScene& scene, const CellFrame& frame, const RenderInputs& inputs, QSize size,
                      qreal devicePixelRatio, RenderReport* report = nullptr);
// The selection layer: selected is per table row.
QImage renderSelection(const CellScene& scene, const RenderInputs& inputs, const std::vector<char>& selected,
                       QSize size, qreal devicePixelRatio);
// Paints the highlight of a hovered trial's lineage (family: table rows, the hovered one among
// them). Returns the rows it drew, in increasing order: the family members with a point here.
std::vector<std::size_t> paintHighlight(QPainter& painter, const CellScene& scene, const RenderInputs& inputs,
                                        const std::vector<std::size_t>& family, std::size_t hovered);

} // namespace tendril::app::exploration
