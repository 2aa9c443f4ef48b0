#include "views/exploration/exploration_scene.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace tendril::app::exploration {

namespace {

// Trials whose history a continuation child carries on: their last point is not their final one.
std::vector<char> continuedTrials(const Lineage& lineage)
{
    std::vector<char> continued(lineage.size(), 0);
    for (const LineageLink& link : lineage.links())
        if (link.kind == LinkKind::Continuation)
            continued[link.parent] = 1;
    return continued;
}

// The point of a trial in a column, else its last one before it; nullopt when it has no points.
std::optional<std::uint32_t> pointOfTrialAt(const CellScene& scene, std::size_t trial, std::size_t column)
{
    const auto [first, count] = scene.trialPoints[trial];
    if (count == 0)
        return std::nullopt;
    std::uint32_t chosen = first;
    for (std::uint32_t k = first; k < first + count; ++k)
        if (scene.points[k].column <= column)
            chosen = k;
    return chosen;
}

void addLinks(CellScene& scene, const Lineage& lineage)
{
    for (const LineageLink& link : lineage.links()) {
        const auto to = scene.trialPoints[link.child];
        if (to.second == 0)
            continue;
        if (const auto from = pointOfTrialAt(scene, link.parent, link.parentColumn))
            scene.links.push_back({*from, to.first, link.kind});
    }
}

// Spreads the points of each band so that none covers another, and sizes them so that the most
// crowded column of a band still fits: a column's points may use its width as well as the band's
// height, so trials sampled together stay together.
void spreadBands(CellScene& scene, const ParamAxis& axis, const TableColumn& column)
{
    const ValueAxis& y = scene.yAxis;
    std::map<std::size_t, std::vector<std::size_t>> byBand;
    std::map<std::pair<std::size_t, std::uint32_t>, std::size_t> perColumn;
    std::size_t crowd = 1;
    for (std::size_t i = 0; i < scene.points.size(); ++i) {
        const std::optional<std::size_t> band = axis.bandOf(column.values[scene.points[i].row]);
        if (!band)
            continue;
        byBand[*band].push_back(i);
        crowd = std::max(crowd, ++perColumn[{*band, scene.points[i].column}]);
    }
    const double band = y.bandHeight();
    const double columnWidth = scene.xAxis.columnWidth();
    const auto freedomFor = [columnWidth](double spacing) { return std::max(0.0, columnWidth / 2.0 - spacing / 2.0 - 1.0); };
    // The largest points whose column-by-band box holds the crowd, with room to spare for the
    // greedy placement.
    double dot = scene.dot;
    for (; dot > 2.5; dot -= 0.5) {
        const double spacing = dot + 1.0;
        const double across = std::floor((2.0 * freedomFor(spacing) + spacing) / spacing);
        const double down = std::floor(0.9 * band / spacing);
        if (std::max(1.0, across) * down >= 1.4 * static_cast<double>(crowd))
            break;
    }
    scene.dot = std::max(2.5, dot);
    scene.smallDot = std::min(scene.smallDot, scene.dot * 0.65);
    const double spacing = scene.dot + 1.0;
    std::vector<double> xs;
    for (const auto& [b, indexes] : byBand) {
        xs.clear();
        for (const std::size_t i : indexes)
            xs.push_back(scene.points[i].pos.x());
        const std::vector<Spot> spots = spreadInBand(xs, y.bandCenter(b), std::max(0.0, band / 2.0 - spacing / 2.0),
                                                     spacing, freedomFor(spacing));
        for (std::size_t k = 0; k < indexes.size(); ++k)
            scene.points[indexes[k]].pos = QPointF(spots[k].x, spots[k].y);
    }
}

} // namespace

double dotDiameter(std::size_t pointCount)
{
    if (pointCount <= 200)
        return 7.0;
    if (pointCount <= 2000)
        return 6.0;
    if (pointCount <= 10000)
        return 5.0;
    return 4.0;
}

std::optional<std::size_t> CellScene::pointAt(QPointF pos, double radius) const
{
    std::optional<std::size_t> best;
    double bestDistance = radius * radius;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double dx = points[i].pos.x() - pos.x(), dy = points[i].pos.y() - pos.y();
        const double d = dx * dx + dy * dy;
        // Ties go to the later point: final points are drawn after history points, so on top.
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

CellScene buildParamScene(const ExplorationData& data, std::size_t track, std::size_t param, const QRectF& plot)
{
    const StudyTrack& study = data.tracks()[track];
    const ParamAxis& axis = data.params()[param];
    const TableColumn& column = data.table()->columns()[axis.column];
    const Lineage& lineage = study.lineage;

    CellScene scene;
    scene.track = track;
    scene.param = param;
    scene.plot = plot;
    scene.xAxis = IterationAxis(lineage.columns().size(), plot.left(), plot.right());
    scene.yAxis = ValueAxis(axis, plot.top(), plot.bottom());

    const std::vector<char> continued = continuedTrials(lineage);
    std::size_t total = 0;
    for (const TrialLineage& t : lineage.trials())
        total += t.history.size();
    scene.points.reserve(total);
    scene.trialPoints.resize(lineage.size());
    for (std::size_t t = 0; t < lineage.size(); ++t) {
        const std::size_t row = study.rowOfTrial[t];
        const double y = scene.yAxis.toPixel(column.values[row]);
        const auto first = static_cast<std::uint32_t>(scene.points.size());
        if (std::isnan(y)) {
            scene.trialPoints[t] = {first, 0};
            continue;
        }
        const std::vector<Evaluation>& history = lineage[t].history;
        for (std::size_t k = 0; k < history.size(); ++k) {
            ScenePoint p;
            p.pos = QPointF(scene.xAxis.center(history[k].column), y);
            p.row = row;
            p.trial = static_cast<std::uint32_t>(t);
            p.value = history[k].value;
            p.column = static_cast<std::uint32_t>(history[k].column);
            p.final = k + 1 == history.size() && !continued[t];
            scene.points.push_back(p);
        }
        scene.trialPoints[t] = {first, static_cast<std::uint32_t>(history.size())};
    }
    scene.dot = dotDiameter(scene.points.size());
    scene.smallDot = scene.dot * 0.6;
    if (axis.banded)
        spreadBands(scene, axis, column);
    addLinks(scene, lineage);
    return scene;
}

CellScene buildPerformanceScene(const ExplorationData& data, std::size_t track, const QRectF& plot)
{
    const StudyTrack& study = data.tracks()[track];
    const Lineage& lineage = study.lineage;
    CellScene scene;
    scene.track = track;
    scene.plot = plot;
    scene.xAxis = IterationAxis(lineage.columns().size(), plot.left(), plot.right());
    const std::optional<ColorRange> progress = data.progressRange();
    const plot::ValueRange range = progress ? plot::padded({progress->low, progress->high}, plot::Scale::Linear, 0.08)
                                            : plot::ValueRange{0.0, 1.0};
    scene.metricAxis = plot::AxisScale(range, plot::Scale::Linear, plot.bottom(), plot.top());
    scene.bestSoFar = lineage.bestSoFar();

    const std::vector<char> continued = continuedTrials(lineage);
    scene.trialPoints.resize(lineage.size());
    for (std::size_t t = 0; t < lineage.size(); ++t) {
        const auto first = static_cast<std::uint32_t>(scene.points.size());
        const std::vector<Evaluation>& history = lineage[t].history;
        for (std::size_t k = 0; k < history.size(); ++k) {
            const double y = scene.metricAxis.toPixel(history[k].value);
            if (std::isnan(y))
                continue;
            ScenePoint p;
            p.pos = QPointF(scene.xAxis.center(history[k].column), y);
            p.row = study.rowOfTrial[t];
            p.trial = static_cast<std::uint32_t>(t);
            p.value = history[k].value;
            p.column = static_cast<std::uint32_t>(history[k].column);
            p.final = k + 1 == history.size() && !continued[t];
            scene.points.push_back(p);
        }
        scene.trialPoints[t] = {first, static_cast<std::uint32_t>(scene.points.size()) - first};
    }
    scene.dot = std::min(5.0, dotDiameter(scene.points.size()));
    scene.smallDot = scene.dot * 0.6;
    addLinks(scene, lineage);
    return scene;
}

} // namespace tendril::app::exploration
