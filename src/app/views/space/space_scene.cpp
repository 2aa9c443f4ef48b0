#include "views/space/space_scene.hpp"

#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tendril::app::space {

LineScene buildScene(const TrialTable& table, const std::vector<AxisGeometry>& axes, const std::vector<int>& axisX,
                     double missingY, QSize size, double devicePixelRatio, std::uint64_t geometryId)
{
    LineScene scene;
    scene.size = size;
    scene.devicePixelRatio = devicePixelRatio;
    scene.axisX = axisX;
    scene.geometryId = geometryId;
    scene.rows = table.rows();
    const std::size_t n = axes.size();
    scene.ys.resize(scene.rows * n);
    // The rows the lines can reach: from the axes' top to the "no value" row, inside the image.
    double top = missingY, bottom = missingY;
    for (const AxisGeometry& axis : axes) {
        top = std::min(top, axis.top());
        bottom = std::max(bottom, axis.bottom());
    }
    scene.linesTop = std::clamp(static_cast<int>(std::floor(top)) - 2, 0, std::max(0, size.height() - 3));
    scene.linesBottom = std::clamp(static_cast<int>(std::ceil(bottom)) + 3, scene.linesTop + 3, std::max(3, size.height()));
    // Every height stays inside those rows, so renderers never test bounds per pixel.
    const float lowest = static_cast<float>(scene.linesTop) + 0.5f;
    const float highest = std::max(lowest, static_cast<float>(scene.linesBottom) - 1.5f);
    const auto missing = static_cast<float>(missingY);
    std::vector<double> spread;
    bool anyCategorical = false;
    for (const AxisGeometry& axis : axes)
        anyCategorical = anyCategorical || axis.categorical();
    if (anyCategorical) {
        spread.resize(scene.rows);
        for (std::size_t r = 0; r < scene.rows; ++r)
            spread[r] = categorySpread(table.key(r));
    }
    scene.axisMissing.assign(n, 0);
    for (std::size_t a = 0; a < n; ++a) {
        const AxisGeometry& axis = axes[a];
        const std::vector<double>& values = table.columns()[axis.column()].values;
        bool anyMissing = false;
        for (std::size_t r = 0; r < scene.rows; ++r) {
            const double y = axis.categorical() ? axis.toPixel(values[r], spread[r]) : axis.toPixel(values[r]);
            const bool placed = std::isfinite(y);
            anyMissing = anyMissing || !placed;
            scene.ys[r * n + a] = std::clamp(placed ? static_cast<float>(y) : missing, lowest, highest);
        }
        scene.axisMissing[a] = anyMissing;
    }
    return scene;
}

std::vector<float> performanceShades(const TableColumn& metric, Direction direction)
{
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const double v : metric.values)
        if (std::isfinite(v)) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    std::vector<float> shades(metric.values.size(), std::numeric_limits<float>::quiet_NaN());
    for (std::size_t r = 0; r < shades.size(); ++r) {
        const double v = metric.values[r];
        if (!std::isfinite(v))
            continue;
        double t = high > low ? (v - low) / (high - low) : 1.0;
        if (direction == Direction::Minimize)
            t = 1.0 - t;
        shades[r] = static_cast<float>(t);
    }
    return shades;
}

QColor shadeColor(double shade, bool dark)
{
    if (!std::isfinite(shade))
        return dark ? QColor(0x6b, 0x72, 0x80) : QColor(0xb4, 0xba, 0xc6);
    const double t = std::clamp(shade, 0.0, 1.0);
    // On a light canvas darker is better, as in the paper. On a dark canvas the ramp runs the
    // other way, so the best trials are the brightest there too and the worst recede.
    return performanceColor(dark ? 0.78 - 0.74 * t : 0.14 + 0.86 * t);
}

LinePaint focusPaint(const TrialTable& table, Coloring coloring, const std::vector<float>& shades, bool dark)
{
    LinePaint paint;
    paint.width = 1.15f;
    paint.opacity = 0.85f;
    paint.rowColor.resize(table.rows());
    paint.rowBand.resize(table.rows());
    if (coloring == Coloring::Study) {
        const std::size_t studies = std::max<std::size_t>(1, std::min<std::size_t>(table.studyCount(), 250));
        for (std::size_t s = 0; s < studies; ++s)
            paint.bandColor.push_back(studyColor(s).rgba());
        paint.rowRank.resize(table.rows());
        for (std::size_t r = 0; r < table.rows(); ++r) {
            const std::size_t s = std::min(table.studyOf(r), studies - 1);
            paint.rowColor[r] = paint.bandColor[s];
            paint.rowBand[r] = static_cast<std::uint8_t>(s);
            paint.rowRank[r] = static_cast<float>(s);
        }
        return paint;
    }
    paint.bandColor.push_back(shadeColor(std::numeric_limits<double>::quiet_NaN(), dark).rgba());
    for (int b = 0; b < kShadeBands; ++b)
        paint.bandColor.push_back(shadeColor((b + 0.5) / kShadeBands, dark).rgba());
    paint.rowRank.resize(table.rows());
    for (std::size_t r = 0; r < table.rows(); ++r) {
        const float shade = r < shades.size() ? shades[r] : std::numeric_limits<float>::quiet_NaN();
        paint.rowRank[r] = std::isfinite(shade) ? shade : -1.0f;  // trials without a value below all
        paint.rowColor[r] = shadeColor(shade, dark).rgba();
        paint.rowBand[r] = std::isfinite(shade)
            ? static_cast<std::uint8_t>(1 + std::clamp(static_cast<int>(shade * kShadeBands), 0, kShadeBands - 1))
            : 0;
    }
    return paint;
}

LinePaint contextPaint(const PlotColors& colors)
{
    LinePaint paint;
    paint.color = colors.context.rgba();
    paint.width = 1.0f;
    paint.opacity = colors.dark ? 0.55f : 0.6f;
    paint.bandColor = {colors.context.rgba()};
    paint.minAlpha = 0.14f;
    paint.maxAlpha = colors.dark ? 0.7f : 0.8f;
    return paint;
}

LinePaint selectionPaint(const PlotColors& colors)
{
    LinePaint paint;
    paint.color = colors.accent.rgba();
    paint.width = 2.0f;
    paint.halo = colors.canvas.rgba();
    paint.haloWidth = 4.5f;
    paint.bandColor = {colors.accent.rgba()};
    paint.minAlpha = 0.5f;
    paint.maxAlpha = 1.0f;
    return paint;
}

} // namespace tendril::app::space
