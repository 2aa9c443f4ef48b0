// A detail plot ready to draw: the axes of the chosen term, the trials over it and, once laid out,
// where every trial lands. A single parameter puts its values on x and the metric on y (the
// marginal curve); a pair puts its first parameter on x and its second on y (the heatmap).
// Widget-free, so the geometry (value to pixel, log axes, brush rectangles) is tested directly.
#pragma once

#include "views/importance/detail_axes.hpp"
#include "views/importance/detail_content.hpp"

#include <QColor>
#include <QPointF>
#include <QRectF>

#include <memory>
#include <optional>
#include <vector>

namespace tendril::app::importance {

struct DetailScene {
    std::shared_ptr<const DetailContent> content;
    std::shared_ptr<const TrialTable> table;  // the table the analysis read
    bool pair = false;
    std::size_t xColumn = 0;       // table column on x
    std::size_t yColumn = 0;       // table column on y: the metric (single) or the second parameter (pair)
    std::size_t metricColumn = 0;  // the analysed metric
    Direction direction = Direction::Maximize;
    QString metric;
    DetailAxis x;
    DetailAxis y;
    TrialPoints points;
    // The expected metric's extent: the curve's mean ± std (single) or the table's means (pair).
    plot::ValueRange expected{0.0, 1.0};
    // The trials' metric extent, for colouring by performance.
    plot::ValueRange observed{0.0, 1.0};
    QRectF area;                  // where the data is drawn, once placed
    std::vector<QPointF> pixels;  // per point, once placed (categorical values spread in their band)

    const TableColumn& xInfo() const { return table->columns()[xColumn]; }
    const TableColumn& yInfo() const { return table->columns()[yColumn]; }
};

// nullopt when the content has nothing to draw (see DetailContent::missing) or its metric is not a
// column of the table.
std::optional<DetailScene> makeScene(std::shared_ptr<const DetailContent> content);

// Maps the axes onto area (y grows upwards) and places every trial; values beyond the metric axis
// sit on the frame.
void placeScene(DetailScene& scene, const QRectF& area);

// How good a metric value is among the trials shown, 0 = worst, 1 = best (direction-aware).
double performanceOf(const DetailScene& scene, double metric);
// Where an expected value lies in the heatmap's range, 0 = worst, 1 = best (direction-aware).
double expectedRank(const DetailScene& scene, double expected);

// The pixel rectangle of heatmap cell (row, col) of the pair table, snapped to whole pixels so
// neighbouring cells neither overlap nor leave seams.
QRectF heatmapCell(const DetailScene& scene, std::size_t row, std::size_t col);

// The index into scene.points of the trial nearest to pos within radius pixels, among the points
// whose table row passes (visible empty: every point).
std::optional<std::size_t> nearestPoint(const DetailScene& scene, QPointF pos, double radius,
                                        const std::vector<char>& visible);

} // namespace tendril::app::importance
