// The exploration overview's widget-free parts: the iteration and value axes (log and banded),
// the repulsion that spreads points in a band, labels and shading along the iteration axis, the
// layout of the small multiples, the colour bar's geometry, the data built from the hub's table
// and the scenes of the small plots.
#include "exploration_fixtures.hpp"
#include "views/exploration/exploration_data.hpp"
#include "views/exploration/exploration_geometry.hpp"
#include "views/exploration/exploration_scene.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::exploration;
using namespace tendril::app::test;

namespace {

ParamAxis numericAxis(double low, double high, bool log)
{
    ParamAxis axis;
    axis.name = QStringLiteral("x");
    axis.low = low;
    axis.high = high;
    axis.log = log;
    return axis;
}

ParamAxis bandAxis(int bands)
{
    ParamAxis axis;
    axis.banded = true;
    for (int b = 0; b < bands; ++b) {
        axis.bandLabels.push_back(QString::number(b));
        axis.bandValues.push_back(b);
    }
    return axis;
}

// The smallest distance between two of the points (x, y).
double closestPair(const std::vector<double>& xs, const std::vector<double>& ys)
{
    double closest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < xs.size(); ++i)
        for (std::size_t j = i + 1; j < xs.size(); ++j)
            closest = std::min(closest, std::hypot(xs[i] - xs[j], ys[i] - ys[j]));
    return closest;
}

TEST(ExplorationGeometry, IterationAxisCentresColumnsAndMapsPixelsBack)
{
    const IterationAxis axis(10, 100.0, 300.0);
    EXPECT_DOUBLE_EQ(axis.columnWidth(), 20.0);
    EXPECT_DOUBLE_EQ(axis.center(0), 110.0);
    EXPECT_DOUBLE_EQ(axis.center(9), 290.0);
    EXPECT_DOUBLE_EQ(axis.leftEdge(3), 160.0);
    for (std::size_t c = 0; c < 10; ++c)
        EXPECT_EQ(axis.columnAt(axis.center(c)), c);
    EXPECT_EQ(axis.columnAt(100.0), 0u);
    EXPECT_FALSE(axis.columnAt(99.9));
    EXPECT_FALSE(axis.columnAt(300.0));
    EXPECT_FALSE(IterationAxis(0, 0.0, 100.0).columnAt(50.0));
}

TEST(ExplorationGeometry, ValueAxisMapsLinearAndLogRangesInsideThePlot)
{
    const ValueAxis linear(numericAxis(0.0, 1.0, false), 20.0, 220.0);
    EXPECT_FALSE(linear.banded());
    EXPECT_GT(linear.toPixel(0.0), linear.toPixel(1.0)) << "larger values higher up";
    EXPECT_LT(linear.toPixel(0.0), 220.0) << "padded: the lowest value stays off the frame";
    EXPECT_GT(linear.toPixel(1.0), 20.0);
    EXPECT_NEAR(linear.toPixel(0.5), 120.0, 1e-9);

    const ValueAxis log(numericAxis(1e-4, 1e-1, true), 0.0, 300.0);
    const double a = log.toPixel(1e-4), b = log.toPixel(1e-3), c = log.toPixel(1e-2), d = log.toPixel(1e-1);
    EXPECT_NEAR(a - b, b - c, 1e-9) << "decades are evenly spaced";
    EXPECT_NEAR(b - c, c - d, 1e-9);
    EXPECT_NEAR(log.scale().toValue(log.toPixel(3e-3)), 3e-3, 1e-12);
    EXPECT_TRUE(std::isnan(log.toPixel(0.0)));
    EXPECT_TRUE(std::isnan(log.toPixel(-1.0)));
    EXPECT_TRUE(std::isnan(linear.toPixel(std::nan(""))));
}

TEST(ExplorationGeometry, BandsStackFromTheBottomWithEqualHeights)
{
    const ValueAxis bands(bandAxis(4), 0.0, 200.0);
    ASSERT_TRUE(bands.banded());
    EXPECT_DOUBLE_EQ(bands.bandHeight(), 50.0);
    EXPECT_DOUBLE_EQ(bands.toPixel(0), 175.0);
    EXPECT_DOUBLE_EQ(bands.toPixel(3), 25.0);
    for (std::size_t b = 0; b < 4; ++b)
        EXPECT_EQ(bands.bandAt(bands.bandCenter(b)), b);
    EXPECT_TRUE(std::isnan(bands.toPixel(7))) << "not a value of any band";
    EXPECT_FALSE(bands.bandAt(-1.0));
}

std::vector<double> xsOf(const std::vector<Spot>& spots)
{
    std::vector<double> out;
    for (const Spot& s : spots)
        out.push_back(s.x);
    return out;
}

std::vector<double> ysOf(const std::vector<Spot>& spots)
{
    std::vector<double> out;
    for (const Spot& s : spots)
        out.push_back(s.y);
    return out;
}

TEST(ExplorationGeometry, RepulsionLeavesNoOverlappingPointsInABand)
{
    // Points of one column with no room sideways: they stack along the band, as close to its
    // centre as they can.
    for (const std::size_t n : {2u, 5u, 9u, 13u}) {
        const std::vector<double> xs(n, 50.0);
        const std::vector<Spot> spots = spreadInBand(xs, 100.0, 50.0, 7.0);
        EXPECT_GE(closestPair(xsOf(spots), ysOf(spots)), 7.0 - 1e-6) << n;
        for (const Spot& s : spots) {
            EXPECT_EQ(s.x, 50.0);
            EXPECT_GE(s.y, 50.0 - 1e-9);
            EXPECT_LE(s.y, 150.0 + 1e-9);
            // As compact as the repulsion allows: no point further out than half the stack.
            EXPECT_LE(std::fabs(s.y - 100.0), 7.0 * static_cast<double>(n) / 2.0 + 1e-6);
        }
    }
    // Points scattered along a few pixels of x, as in a crowded plot.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(0.0, 40.0);
    std::vector<double> xs(30);
    for (double& v : xs)
        v = x(rng);
    const std::vector<Spot> spots = spreadInBand(xs, 0.0, 30.0, 5.0);
    EXPECT_GE(closestPair(xsOf(spots), ysOf(spots)), 5.0 - 1e-6);
    EXPECT_EQ(ysOf(spreadInBand(xs, 0.0, 30.0, 5.0)), ysOf(spots)) << "deterministic";
    // A single point stays where it is.
    const std::vector<Spot> one = spreadInBand(std::vector<double>{3.0}, 12.0, 5.0, 5.0);
    EXPECT_EQ(one.front().x, 3.0);
    EXPECT_EQ(one.front().y, 12.0);
}

TEST(ExplorationGeometry, RepulsionUsesTheColumnsWidthWhenItMay)
{
    // 24 points of one iteration in a band 30 pixels high: 4 fit down it, the rest go sideways,
    // no further than the column allows.
    const std::vector<double> xs(24, 100.0);
    const std::vector<Spot> spots = spreadInBand(xs, 0.0, 15.0, 6.0, 20.0);
    EXPECT_GE(closestPair(xsOf(spots), ysOf(spots)), 6.0 - 1e-6);
    for (const Spot& s : spots) {
        EXPECT_LE(std::fabs(s.x - 100.0), 20.0 + 1e-9);
        EXPECT_LE(std::fabs(s.y), 15.0 + 1e-9);
    }
    // Two neighbouring columns keep their points apart and on their own side.
    std::vector<double> two(8, 10.0);
    two.insert(two.end(), 8, 30.0);
    const std::vector<Spot> pair = spreadInBand(two, 0.0, 15.0, 6.0, 6.0);
    EXPECT_GE(closestPair(xsOf(pair), ysOf(pair)), 6.0 - 1e-6);
    for (std::size_t i = 0; i < pair.size(); ++i)
        EXPECT_LE(std::fabs(pair[i].x - two[i]), 6.0 + 1e-9);
}

TEST(ExplorationGeometry, AFullBandKeepsEveryPointInsideIt)
{
    const std::vector<double> xs(40, 10.0);
    const std::vector<Spot> spots = spreadInBand(xs, 0.0, 20.0, 6.0);  // room for 7, not 40
    const std::vector<double> ys = ysOf(spots);
    for (const double y : ys) {
        EXPECT_TRUE(std::isfinite(y));
        EXPECT_LE(std::fabs(y), 20.0 + 1e-9);
    }
    EXPECT_GT(std::set<double>(ys.begin(), ys.end()).size(), 7u) << "spread over the band, not piled up";
}

TEST(ExplorationGeometry, LabelsAndShadingFollowTheRoomOnTheAxis)
{
    EXPECT_EQ(labelStride(IterationAxis(10, 0.0, 400.0), 30.0), 1u);
    EXPECT_EQ(labelStride(IterationAxis(100, 0.0, 400.0), 30.0), 10u);
    EXPECT_EQ(labelStride(IterationAxis(100, 0.0, 400.0), 15.0), 5u);
    EXPECT_EQ(labelStride(IterationAxis(3, 0.0, 10.0), 30.0), 5u) << "beyond the last column: only the first";

    std::vector<IterationColumn> perColumn(7);
    for (std::size_t c = 0; c < 7; ++c)
        perColumn[c].group = c;
    const std::vector<ColumnSpan> blocks = shadedSpans(perColumn, 3);
    ASSERT_EQ(blocks.size(), 3u);
    EXPECT_EQ(blocks[1].first, 3u);
    EXPECT_EQ(blocks[2].last, 6u);

    std::vector<IterationColumn> brackets(6);
    const std::size_t groups[] = {0, 0, 0, 1, 1, 2};
    for (std::size_t c = 0; c < 6; ++c)
        brackets[c].group = groups[c];
    const std::vector<ColumnSpan> runs = shadedSpans(brackets, 5);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].last, 2u);
    EXPECT_EQ(runs[1].first, 3u);
    EXPECT_EQ(runs[2].first, 5u);
}

bool overlaps(const CanvasLayout& layout)
{
    for (std::size_t i = 0; i < layout.cells.size(); ++i)
        for (std::size_t j = i + 1; j < layout.cells.size(); ++j)
            if (layout.cells[i].rect.intersects(layout.cells[j].rect))
                return true;
    return false;
}

TEST(ExplorationGeometry, SmallMultiplesReflowWithTheWidth)
{
    const std::vector<std::size_t> params = {0, 1, 2, 3, 4, 5};
    const CanvasLayout wide = layoutCanvas(1200, {0}, params);
    ASSERT_EQ(wide.cells.size(), 7u);
    EXPECT_FALSE(wide.cells[0].param) << "the performance plot first";
    EXPECT_EQ(wide.cells[0].rect.width(), 1200 - 24);
    std::set<int> lefts;
    for (std::size_t i = 1; i < wide.cells.size(); ++i)
        lefts.insert(wide.cells[i].rect.left());
    EXPECT_EQ(lefts.size(), 3u) << "three columns of small plots";
    EXPECT_FALSE(overlaps(wide));

    const CanvasLayout narrow = layoutCanvas(420, {0}, params);
    for (const CanvasCell& cell : narrow.cells) {
        EXPECT_EQ(cell.rect.left(), 12);
        EXPECT_LE(cell.rect.right(), 420 - 12);
    }
    EXPECT_FALSE(overlaps(narrow));
    EXPECT_EQ(narrow.size.width(), 420);
    EXPECT_GT(narrow.size.height(), wide.size.height());
    EXPECT_EQ(narrow.size.height(), narrow.cells.back().rect.bottom() + 1 + 12);
}

TEST(ExplorationGeometry, StudiesSideBySideAlignTheirParametersByRow)
{
    const CanvasLayout layout = layoutCanvas(1200, {2, 0, 1}, {0, 3});
    ASSERT_EQ(layout.captions.size(), 3u);
    EXPECT_EQ(layout.captions[0].track, 2u);
    ASSERT_EQ(layout.cells.size(), 9u);
    EXPECT_FALSE(overlaps(layout));
    for (std::size_t row = 0; row < 3; ++row) {
        const int y = layout.cells[row].rect.top();
        for (std::size_t column = 1; column < 3; ++column) {
            EXPECT_EQ(layout.cells[column * 3 + row].rect.top(), y);
            EXPECT_EQ(layout.cells[column * 3 + row].param, layout.cells[row].param);
        }
    }
    // In a narrow dock the columns keep a readable width and the canvas scrolls sideways.
    const CanvasLayout narrow = layoutCanvas(420, {0, 1, 2}, {0, 3});
    EXPECT_GE(narrow.cells[0].rect.width(), 250);
    EXPECT_GT(narrow.size.width(), 420);
}

TEST(ExplorationGeometry, RangeBarMapsValuesAndClamps)
{
    const RangeBar bar({0.2, 0.8}, 10.0, 110.0);
    EXPECT_DOUBLE_EQ(bar.xOf(0.2), 10.0);
    EXPECT_DOUBLE_EQ(bar.xOf(0.5), 60.0);
    EXPECT_DOUBLE_EQ(bar.xOf(2.0), 110.0);
    EXPECT_NEAR(bar.valueAt(35.0), 0.35, 1e-12);
    EXPECT_DOUBLE_EQ(bar.valueAt(-50.0), 0.2);
    EXPECT_NEAR(bar.valueAt(bar.xOf(0.61)), 0.61, 1e-12);
}

TEST(ExplorationData, BuildsTracksAxesAndFamiliesFromTheTable)
{
    const auto table = tableOf({hyperbandStudy(), pbtStudy()});
    const ExplorationData data(table);
    ASSERT_EQ(data.tracks().size(), 2u);
    EXPECT_EQ(data.metric(), QStringLiteral("val_acc"));
    EXPECT_EQ(data.tracks()[0].lineage.scheme(), ExplorationScheme::Brackets);
    EXPECT_EQ(data.tracks()[1].lineage.scheme(), ExplorationScheme::Population);
    EXPECT_EQ(data.tracks()[1].lineage.perturbationInterval(), 2.0) << "from algorithm.config";
    EXPECT_EQ(data.tracks()[0].algorithm, QStringLiteral("Hyperband"));

    ASSERT_EQ(data.params().size(), 3u);
    const ParamAxis& lr = data.params()[0];
    const ParamAxis& batch = data.params()[1];
    const ParamAxis& layers = data.params()[2];
    EXPECT_TRUE(lr.log);
    EXPECT_FALSE(lr.banded);
    EXPECT_TRUE(batch.banded);
    EXPECT_EQ(batch.bandLabels, (std::vector<QString>{QStringLiteral("16"), QStringLiteral("32"), QStringLiteral("64")}));
    EXPECT_TRUE(layers.banded) << "whole numbers 1 to 4 read as bands";
    EXPECT_EQ(layers.bandValues, (std::vector<double>{1, 2, 3, 4}));
    EXPECT_EQ(layers.bandOf(3.0), std::optional<std::size_t>(2));

    // Rows: hyperband's 8 trials, then PBT's 5.
    EXPECT_EQ(data.tracks()[1].rowOfTrial, (std::vector<std::size_t>{8, 9, 10, 11, 12}));
    EXPECT_EQ(data.placeOf(11)->track, 1u);
    EXPECT_EQ(data.placeOf(11)->trial, 3u);
    // c0's family: its parent r0 and its child g0.
    EXPECT_EQ(data.familyRows(11), (std::vector<std::size_t>{8, 11, 12}));
    EXPECT_EQ(data.familyRows(9), std::vector<std::size_t>{9}) << "r1 has no relatives";
    EXPECT_EQ(data.familyRows(3), std::vector<std::size_t>{3});

    ASSERT_TRUE(data.valueExtent());
    EXPECT_DOUBLE_EQ(data.valueExtent()->low, 0.01);  // t0's single report
    EXPECT_DOUBLE_EQ(data.valueExtent()->high, 0.63);  // g0 at step 8
}

TEST(ExplorationData, PerformanceRunsFromWorstToBestInEitherDirection)
{
    const ColorRange range{0.2, 0.6};
    EXPECT_DOUBLE_EQ(performanceOf(0.2, range, Direction::Maximize), 0.0);
    EXPECT_NEAR(performanceOf(0.5, range, Direction::Maximize), 0.75, 1e-12);
    EXPECT_DOUBLE_EQ(performanceOf(0.9, range, Direction::Maximize), 1.0) << "beyond the range: clamped";
    EXPECT_NEAR(performanceOf(0.5, range, Direction::Minimize), 0.25, 1e-12);
    EXPECT_DOUBLE_EQ(performanceOf(0.1, range, Direction::Minimize), 1.0);
    EXPECT_TRUE(std::isnan(performanceOf(std::nan(""), range, Direction::Maximize)));
    EXPECT_DOUBLE_EQ(performanceOf(0.4, {0.4, 0.4}, Direction::Maximize), 1.0);
}

TEST(ExplorationData, ReadsThePerturbationIntervalFromTheConfiguration)
{
    Study s = pbtStudy();
    EXPECT_EQ(configuredInterval(s), 2.0);
    s.algorithm.configJson = R"({"population_size": 3})";
    EXPECT_FALSE(configuredInterval(s));
    s.algorithm.configJson = "not json";
    EXPECT_FALSE(configuredInterval(s));
}

TEST(ExplorationScene, PointsSitOnTheirIterationAndValue)
{
    const auto table = tableOf({pbtStudy()});
    const ExplorationData data(table);
    const QRectF plot(40, 30, 400, 200);
    const CellScene lr = buildParamScene(data, 0, 0, plot);
    ASSERT_EQ(lr.xAxis.columns(), 4u);
    const TableColumn& column = table->columns()[data.params()[0].column];
    std::size_t total = 0;
    for (std::size_t t = 0; t < 5; ++t) {
        const auto [first, count] = lr.trialPoints[t];
        EXPECT_EQ(count, data.tracks()[0].lineage[t].history.size());
        total += count;
        for (std::uint32_t k = first; k < first + count; ++k) {
            const ScenePoint& p = lr.points[k];
            EXPECT_EQ(p.trial, t);
            EXPECT_DOUBLE_EQ(p.pos.x(), lr.xAxis.center(p.column));
            EXPECT_DOUBLE_EQ(p.pos.y(), lr.yAxis.toPixel(column.values[p.row]));
            EXPECT_EQ(p.final, k + 1 == first + count);
        }
    }
    EXPECT_EQ(lr.points.size(), total);
    // Two mutations: r0 -> c0 and c0 -> g0, each from the parent's point to the child's first.
    ASSERT_EQ(lr.links.size(), 2u);
    EXPECT_EQ(lr.points[lr.links[0].from].trial, 0u);
    EXPECT_EQ(lr.points[lr.links[0].to].trial, 3u);
    EXPECT_LT(lr.points[lr.links[0].from].pos.x(), lr.points[lr.links[0].to].pos.x());
    EXPECT_EQ(lr.pointAt(lr.points[lr.links[1].to].pos + QPointF(2, 1), 6.0), std::optional<std::size_t>(lr.links[1].to));
    EXPECT_FALSE(lr.pointAt(QPointF(0, 0), 6.0));
}

TEST(ExplorationScene, BandedPointsStayInTheirBandWithoutOverlap)
{
    const auto table = tableOf({hyperbandStudy()});
    const ExplorationData data(table);
    const CellScene batch = buildParamScene(data, 0, 1, QRectF(40, 30, 300, 150));
    const TableColumn& column = table->columns()[data.params()[1].column];
    ASSERT_TRUE(batch.yAxis.banded());
    for (const ScenePoint& p : batch.points)
        EXPECT_EQ(batch.yAxis.bandAt(p.pos.y()), data.params()[1].bandOf(column.values[p.row]));
    for (std::size_t i = 0; i < batch.points.size(); ++i)
        for (std::size_t j = i + 1; j < batch.points.size(); ++j)
            EXPECT_GE(std::hypot(batch.points[i].pos.x() - batch.points[j].pos.x(),
                                 batch.points[i].pos.y() - batch.points[j].pos.y()),
                      batch.dot - 1e-6);
    // Survivors t4, t5: two points each (rungs 0 and 1), the second the large one.
    EXPECT_EQ(batch.trialPoints[4].second, 2u);
    EXPECT_FALSE(batch.points[batch.trialPoints[4].first].final);
    EXPECT_TRUE(batch.points[batch.trialPoints[4].first + 1].final);
}

TEST(ExplorationScene, TheBestSoFarFollowsTheLineage)
{
    const auto table = tableOf({hyperbandStudy()});
    const ExplorationData data(table);
    const CellScene performance = buildPerformanceScene(data, 0, QRectF(40, 30, 300, 120));
    EXPECT_TRUE(performance.isPerformance());
    EXPECT_EQ(performance.bestSoFar, data.tracks()[0].lineage.bestSoFar());
    for (const ScenePoint& p : performance.points)
        EXPECT_DOUBLE_EQ(p.pos.y(), performance.metricAxis.toPixel(p.value));
}

} // namespace
