#include "views/importance/detail_scene.hpp"

#include "style/labels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::importance {

namespace {

// Rank of v within range, 0 at low and 1 at high, flipped when lower is better.
double rankIn(const plot::ValueRange& range, Direction direction, double v)
{
    if (!std::isfinite(v))
        return std::nan("");
    const double span = range.high - range.low;
    double t = span > 0.0 ? (v - range.low) / span : 1.0;
    t = std::clamp(t, 0.0, 1.0);
    return direction == Direction::Maximize ? t : 1.0 - t;
}

double edgePixel(const DetailAxis& axis, const std::vector<double>& edges, std::size_t i)
{
    // Categorical axes have no edges: bin i spans [i - 0.5, i + 0.5].
    const double value = edges.empty() ? static_cast<double>(i) - 0.5 : edges[std::min(i, edges.size() - 1)];
    return std::round(axis.toPixel(value));
}

} // namespace

std::optional<DetailScene> makeScene(std::shared_ptr<const DetailContent> content)
{
    if (!content || !content->result || !content->result->table || !(content->curve || content->table))
        return std::nullopt;
    const ImportanceResult& result = *content->result;
    const TrialTable& table = *result.table;
    const auto metricColumn = table.metricColumn(result.metric.toStdString());
    const auto xColumn = table.paramColumn(content->term.first);
    if (!metricColumn || !xColumn)
        return std::nullopt;

    DetailScene scene;
    scene.content = content;
    scene.table = result.table;
    scene.pair = content->isPair();
    scene.metric = result.metric;
    scene.metricColumn = *metricColumn;
    scene.xColumn = *xColumn;
    scene.direction = table.columns()[*metricColumn].direction.value_or(result.report.direction);
    if (scene.pair) {
        const auto yColumn = table.paramColumn(content->term.second);
        if (!yColumn)
            return std::nullopt;
        scene.yColumn = *yColumn;
        const engine::PairMarginalTable& pairs = *content->table;
        scene.x = paramAxis(table.columns()[scene.xColumn], paramDomain(table.columns()[scene.xColumn], pairs.colEdges), 0.0);
        scene.y = paramAxis(table.columns()[scene.yColumn], paramDomain(table.columns()[scene.yColumn], pairs.rowEdges), 0.0);
        if (const auto extent = plot::extentOf(pairs.mean, plot::Scale::Linear))
            scene.expected = *extent;
    } else {
        scene.yColumn = *metricColumn;
        const engine::MarginalCurve& curve = *content->curve;
        scene.x = paramAxis(table.columns()[scene.xColumn], paramDomain(table.columns()[scene.xColumn], curve.edges));
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (std::size_t i = 0; i < curve.cells(); ++i) {
            low = std::min(low, curve.mean[i] - curve.std[i]);
            high = std::max(high, curve.mean[i] + curve.std[i]);
        }
        scene.expected = {low, high};
    }
    scene.points = trialPoints(table, scene.xColumn, scene.yColumn, scene.metricColumn);
    if (!scene.pair)
        scene.y = metricAxis(scene.metric + QLatin1Char(' ') + directionArrow(scene.direction), scene.expected,
                             scene.points.y);
    if (const auto observed = plot::extentOf(scene.points.metric, plot::Scale::Linear))
        scene.observed = *observed;
    return scene;
}

void placeScene(DetailScene& scene, const QRectF& area)
{
    scene.area = area;
    scene.x.scale.setPixelSpan(area.left(), area.right());
    scene.y.scale.setPixelSpan(area.bottom(), area.top());
    const std::size_t n = scene.points.rows.size();
    scene.pixels.resize(n);
    const TrialTable& table = *scene.table;
    for (std::size_t i = 0; i < n; ++i) {
        const TrialKey key = table.key(scene.points.rows[i]);
        double xv = scene.points.x[i], yv = scene.points.y[i];
        if (scene.x.categorical())
            xv += categoryJitter(key);
        if (scene.y.categorical())
            yv += categoryJitter(~key);
        double px = scene.x.toPixel(xv), py = scene.y.toPixel(yv);
        if (!scene.pair && std::isfinite(py))
            py = std::clamp(py, area.top(), area.bottom());
        scene.pixels[i] = QPointF(px, py);
    }
}

double performanceOf(const DetailScene& scene, double metric)
{
    return rankIn(scene.observed, scene.direction, metric);
}

double expectedRank(const DetailScene& scene, double expected)
{
    return rankIn(scene.expected, scene.direction, expected);
}

QRectF heatmapCell(const DetailScene& scene, std::size_t row, std::size_t col)
{
    const engine::PairMarginalTable& t = *scene.content->table;
    const double x0 = edgePixel(scene.x, t.colEdges, col);
    const double x1 = edgePixel(scene.x, t.colEdges, col + 1);
    const double y0 = edgePixel(scene.y, t.rowEdges, row);
    const double y1 = edgePixel(scene.y, t.rowEdges, row + 1);
    return QRectF(QPointF(std::min(x0, x1), std::min(y0, y1)), QPointF(std::max(x0, x1), std::max(y0, y1)));
}

std::optional<std::size_t> nearestPoint(const DetailScene& scene, QPointF pos, double radius,
                                        const std::vector<char>& visible)
{
    std::optional<std::size_t> best;
    double bestDistance = radius * radius;
    for (std::size_t i = 0; i < scene.pixels.size(); ++i) {
        const std::size_t row = scene.points.rows[i];
        if (!visible.empty() && (row >= visible.size() || !visible[row]))
            continue;
        const double dx = scene.pixels[i].x() - pos.x(), dy = scene.pixels[i].y() - pos.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

} // namespace tendril::app::importance
