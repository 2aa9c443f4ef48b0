// Which trial's line the pointer is on: the nearest line of a scene to a point, measured
// perpendicular to the segment under the pointer. One pass over the rows with a few
// multiply-adds each, so hovering stays smooth over 100,000 lines. Widget-free.
#pragma once

#include "views/space/line_scene.hpp"

#include <QPointF>

#include <optional>
#include <vector>

namespace tendril::app::space {

// The row among those flagged in candidates whose line passes within radius pixels of at, the
// nearest first; on a tie the later row (drawn on top) wins. nullopt when none is that close or
// at lies left of the first axis or right of the last.
std::optional<std::size_t> nearestLine(const LineScene& scene, QPointF at, double radius,
                                       const std::vector<char>& candidates);

} // namespace tendril::app::space
