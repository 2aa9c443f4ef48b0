// From the table and the laid-out axes to what the layer renderers draw: every trial's line in
// pixels, which layer it belongs to, in which order and colour. Widget-free: tested directly.
#pragma once

#include "session/trial_table.hpp"
#include "views/space/line_scene.hpp"
#include "views/space/space_axes.hpp"

#include <QColor>

#include <cstdint>
#include <vector>

namespace tendril::app {
struct PlotColors;
}

namespace tendril::app::space {

enum class Coloring { Objective, Study };

// Every row's line through the axes (at axisX, left to right). A value an axis cannot place goes
// to missingY, the "no value" line under the axes, and the scene flags that axis; categorical
// values spread within their band.
LineScene buildScene(const TrialTable& table, const std::vector<AxisGeometry>& axes, const std::vector<int>& axisX,
                     double missingY, QSize size, double devicePixelRatio, std::uint64_t geometryId);

// Per row: where its metric value lies between the worst and the best value of the column, 0 for
// the worst and 1 for the best (by direction); NaN when it has none.
std::vector<float> performanceShades(const TableColumn& metric, Direction direction);

// The line colour for a shade: the performance ramp, kept off the canvas at both ends. Better
// trials are darker on a light canvas (the paper's encoding) and brighter on a dark one, so they
// stand out from the worse ones in both themes.
QColor shadeColor(double shade, bool dark);

// Density bands: band 0 holds trials without a value, bands 1..kShadeBands the slices of the
// shade range, worst first, so better trials are drawn over worse ones.
inline constexpr int kShadeBands = 8;

// The focus layer's look: lines coloured by shade or by study, with density bands and drawing
// ranks to match (better shades, later studies on top).
LinePaint focusPaint(const TrialTable& table, Coloring coloring, const std::vector<float>& shades, bool dark);
// Grey context lines.
LinePaint contextPaint(const PlotColors& colors);
// Selected lines: the accent colour over a canvas halo, so they lift off the lines under them.
LinePaint selectionPaint(const PlotColors& colors);

} // namespace tendril::app::space
