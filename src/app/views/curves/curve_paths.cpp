#include "views/curves/curve_paths.hpp"

#include "plot/polyline_distance.hpp"
#include "views/curves/curve_downsampling.hpp"

#include <QRectF>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::curves {

namespace {

// Far beyond any screen, yet safe for the rasteriser: a zoom deep into one point must not hand it
// coordinates of 1e300.
constexpr double kPixelLimit = 1e6;

double clampPixel(double p)
{
    return std::clamp(p, -kPixelLimit, kPixelLimit);
}

// Appends the run [from, to) as pixels, downsampled when it is denser than the pixels it covers.
void appendRun(CurvePolylines& out, std::span<const double> px, std::span<const double> py, std::size_t from,
               std::size_t to)
{
    if (to <= from)
        return;
    const std::size_t count = to - from;
    const double width = std::abs(px[to - 1] - px[from]);
    QPolygonF line;
    if (static_cast<double>(count) > 2.0 * width + 4.0) {
        const std::vector<std::size_t> kept =
            minMaxPerColumn(px.subspan(from, count), py.subspan(from, count), 0.0, 1.0);
        line.reserve(static_cast<qsizetype>(kept.size()));
        for (const std::size_t k : kept)
            line.append(QPointF(px[from + k], py[from + k]));
    } else {
        line.reserve(static_cast<qsizetype>(count));
        for (std::size_t i = from; i < to; ++i)
            line.append(QPointF(px[i], py[i]));
    }
    out.push_back(std::move(line));
}

} // namespace

CurvePolylines curvePolylines(std::span<const double> x, std::span<const double> y, const plot::AxisScale& xScale,
                              const plot::AxisScale& yScale)
{
    const std::size_t n = std::min(x.size(), y.size());
    CurvePolylines out;
    if (n == 0)
        return out;

    // The visible slice, with one neighbour beyond each edge.
    std::size_t begin = 0;
    std::size_t end = n;
    if (std::is_sorted(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n))) {
        const plot::ValueRange r = xScale.range();
        begin = static_cast<std::size_t>(std::lower_bound(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n), r.low)
                                         - x.begin());
        end = static_cast<std::size_t>(std::upper_bound(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n), r.high)
                                       - x.begin());
        begin = begin > 0 ? begin - 1 : 0;
        end = std::min(n, end + 1);
    }

    std::vector<double> px(end - begin);
    std::vector<double> py(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
        px[i - begin] = xScale.toPixel(x[i]);
        py[i - begin] = yScale.toPixel(y[i]);
    }
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < px.size(); ++i) {
        if (std::isnan(px[i]) || std::isnan(py[i])) {
            appendRun(out, px, py, runStart, i);
            runStart = i + 1;
            continue;
        }
        px[i] = clampPixel(px[i]);
        py[i] = clampPixel(py[i]);
    }
    appendRun(out, px, py, runStart, px.size());
    return out;
}

std::optional<CurveHit> nearestCurve(std::span<const CurvePolylines* const> curves, QPointF at, double maxDistance)
{
    std::optional<CurveHit> best;
    for (std::size_t c = 0; c < curves.size(); ++c) {
        if (!curves[c])
            continue;
        for (const QPolygonF& line : *curves[c]) {
            // Most lines are nowhere near the mouse: their bounding box says so cheaply.
            if (!line.boundingRect().adjusted(-maxDistance, -maxDistance, maxDistance, maxDistance).contains(at))
                continue;
            const double d = plot::distanceToPolyline(line, at);
            if (d <= maxDistance && (!best || d <= best->distance))
                best = CurveHit{c, d};
        }
    }
    return best;
}

std::optional<std::size_t> nearestPointByX(std::span<const double> xs, double x)
{
    if (xs.empty())
        return std::nullopt;
    const auto it = std::lower_bound(xs.begin(), xs.end(), x);
    if (it == xs.begin())
        return 0;
    if (it == xs.end())
        return xs.size() - 1;
    const auto after = static_cast<std::size_t>(it - xs.begin());
    return (x - xs[after - 1] <= xs[after] - x) ? after - 1 : after;
}

} // namespace tendril::app::curves
