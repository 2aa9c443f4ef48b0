// The parallel-coordinates layers as pure functions of (scene, rows, paint) -> image, so each
// layer can be rebuilt on its own when its channel changes, on a worker thread, and tested on its
// pixels without a window.
//
// Up to kExactLineLimit lines a layer draws every line exactly (antialiased, the better ones on
// top); above, it draws their density (DensityField), which stays fast at a
// hundred thousand lines and shows where lines crowd instead of a solid block of ink.
#pragma once

#include "views/space/line_scene.hpp"

#include <QImage>

#include <cstdint>
#include <span>
#include <vector>

class QThreadPool;

namespace tendril::app::space {

inline constexpr std::size_t kExactLineLimit = 3000;

enum class LineMode { Exact, Density };

inline LineMode lineModeFor(std::size_t lines)
{
    return lines <= kExactLineLimit ? LineMode::Exact : LineMode::Density;
}

// The rows in the order exact lines are drawn: by paint.rowRank, lowest first, else as given.
std::vector<std::uint32_t> drawingOrder(std::span<const std::uint32_t> rows, const LinePaint& paint);

// Every row as an antialiased polyline, in drawing order (drawingOrder: later rows lie on top), at
// the scene's device pixel ratio.
QImage renderExactLines(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
                        QThreadPool* pool = nullptr);
// The rows' density, tone-mapped, at logical pixels.
QImage renderDensityLines(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
                          QThreadPool* pool = nullptr);
// Exact or density by the number of rows.
QImage renderLines(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
                   QThreadPool* pool = nullptr);

// The polyline of one row in logical pixels: through each axis column's middle.
void rowPolyline(const LineScene& scene, std::uint32_t row, std::vector<float>& xs, std::vector<float>& ys);

} // namespace tendril::app::space
