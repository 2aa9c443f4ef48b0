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
    // Every height stays inside the image, so renderers never test bounds per pixel.
    const float lowest = 0.5f, highest = std::max(lowest, static_cast<float>(size.height()) - 1.5f);
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
    for (std::size_t a = 0; a < n; ++a) {
        const AxisGeometry& axis = axes[a];
        const std::vector<double>& values = table.columns()[axis.column()].values;
        for (std::size_t r = 0; r < scene.rows; ++r) {
            const double y = axis.categorical() ? axis.toPixel(values[r], spread[r]) : axis.toPixel(values[r]);
            const float placed = std::isfinite(y) ? static_cast<float>(y) : missing;
            scene.ys[r * n + a] = std::clamp(placed, lowest, highest);
        }
    }
    return scene;
}

std::vector<char> axesWithMissing(const TrialTable& table, const std::vector<AxisGeometry>& axes)
{
    std::vector<char> out(axes.size(), 0);
    for (std::size_t a = 0; a < axes.size(); ++a) {
        const std::vector<double>& values = table.columns()[axes[a].column()].values;
        out[a] = std::any_of(values.begin(), values.end(), [&](double v) { return !std::isfinite(axes[a].toPixel(v)); });
    }
    return out;
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
        for (std::size_t r = 0; r < table.rows(); ++r) {
            const std::size_t s = std::min(table.studyOf(r), studies - 1);
            paint.rowColor[r] = paint.bandColor[s];
            paint.rowBand[r] = static_cast<std::uint8_t>(s);
        }
        return paint;
    }
    paint.bandColor.push_back(shadeColor(std::numeric_limits<double>::quiet_NaN(), dark).rgba());
    for (int b = 0; b < kShadeBands; ++b)
        paint.bandColor.push_back(shadeColor((b + 0.5) / kShadeBands, dark).rgba());
    for (std::size_t r = 0; r < table.rows(); ++r) {
        const float shade = r < shades.size() ? shades[r] : std::numeric_limits<float>::quiet_NaN();
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

std::vector<std::uint32_t> drawingOrder(const TrialTable& table, const std::vector<char>& in, Coloring coloring,
                                        const std::vector<float>& shades)
{
    std::vector<std::uint32_t> rows;
    for (std::size_t r = 0; r < in.size(); ++r)
        if (in[r])
            rows.push_back(static_cast<std::uint32_t>(r));
    if (coloring == Coloring::Study) {
        std::stable_sort(rows.begin(), rows.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return table.studyOf(a) < table.studyOf(b); });
        return rows;
    }
    const auto key = [&](std::uint32_t r) {
        const float s = r < shades.size() ? shades[r] : std::numeric_limits<float>::quiet_NaN();
        return std::isfinite(s) ? s : -1.0f;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    return rows;
}

} // namespace tendril::app::space
