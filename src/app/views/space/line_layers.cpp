#include "views/space/line_layers.hpp"

#include "views/space/density_field.hpp"
#include "views/space/line_raster.hpp"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>

namespace tendril::app::space {

namespace {

// A band of rows of about this many bytes stays in a core's second-level cache.
constexpr int kRasterBandBytes = 256 * 1024;

QImage blankImage(const LineScene& scene, double ratio)
{
    const QSize pixels(std::max(1, static_cast<int>(std::lround(scene.size.width() * ratio))),
                       std::max(1, static_cast<int>(std::lround(scene.size.height() * ratio))));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::transparent);
    return image;
}

QRgb withOpacity(QRgb color, float opacity)
{
    return qRgba(qRed(color), qGreen(color), qBlue(color),
                 static_cast<int>(std::lround(std::clamp(qAlpha(color) * opacity, 0.0f, 255.0f))));
}

} // namespace

std::vector<std::uint32_t> drawingOrder(std::span<const std::uint32_t> rows, const LinePaint& paint)
{
    std::vector<std::uint32_t> ordered(rows.begin(), rows.end());
    if (!paint.rowRank.empty())
        std::stable_sort(ordered.begin(), ordered.end(), [&](std::uint32_t a, std::uint32_t b) {
            return paint.rankOf(a) < paint.rankOf(b);
        });
    return ordered;
}

void rowPolyline(const LineScene& scene, std::uint32_t row, std::vector<float>& xs, std::vector<float>& ys)
{
    const std::size_t n = scene.axisCount();
    xs.resize(n);
    ys.resize(n);
    const float* y = scene.row(row);
    for (std::size_t a = 0; a < n; ++a) {
        xs[a] = static_cast<float>(scene.axisX[a]) + 0.5f;
        ys[a] = y[a];
    }
}

QImage renderExactLines(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
                        QThreadPool* pool)
{
    const double ratio = scene.devicePixelRatio > 0.0 ? scene.devicePixelRatio : 1.0;
    QImage image = blankImage(scene, ratio);
    if (!scene.drawable())
        return image;
    const std::vector<std::uint32_t> ordered = drawingOrder(rows, paint);
    const auto scale = static_cast<float>(ratio);
    const bool halo = qAlpha(paint.halo) > 0 && paint.haloWidth > 0.0f;
    const QRgb haloColor = withOpacity(paint.halo, paint.opacity);
    // Every line crosses each band of rows in turn, while that band stays in the cache.
    const int bandRows = std::max(16, kRasterBandBytes / std::max<int>(1, image.bytesPerLine()));
    std::vector<int> bands;
    for (int top = 0; top < image.height(); top += bandRows)
        bands.push_back(top);
    const auto drawBand = [&](int top) {
        LineRaster raster(image);
        raster.setRows(top, top + bandRows);
        std::vector<float> xs, ys;
        for (const std::uint32_t row : ordered) {
            if (row >= scene.rows)
                continue;
            rowPolyline(scene, row, xs, ys);
            for (std::size_t i = 0; i < xs.size(); ++i) {
                xs[i] *= scale;
                ys[i] *= scale;
            }
            if (halo)
                raster.drawPolyline(xs.data(), ys.data(), xs.size(), paint.haloWidth * scale, haloColor);
            raster.drawPolyline(xs.data(), ys.data(), xs.size(), paint.width * scale,
                                withOpacity(paint.colorOf(row), paint.opacity));
        }
    };
    if (pool && pool->maxThreadCount() > 1 && bands.size() > 1)
        QtConcurrent::blockingMap(pool, bands, drawBand);
    else
        std::for_each(bands.begin(), bands.end(), drawBand);
    return image;
}

QImage renderDensityLines(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
                          QThreadPool* pool)
{
    if (!scene.drawable())
        return blankImage(scene, 1.0);
    const int bands = std::max<int>(1, static_cast<int>(paint.bandColor.size()));
    DensityField field(scene, bands);
    field.add(scene, rows, paint, pool);
    return field.toneMap(paint, pool);
}

QImage renderLines(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
                   QThreadPool* pool)
{
    return lineModeFor(rows.size()) == LineMode::Exact ? renderExactLines(scene, rows, paint, pool)
                                                       : renderDensityLines(scene, rows, paint, pool);
}

} // namespace tendril::app::space
