// The model analysis view's pure geometry: smoothing, downsampling, curves as pixel polylines and
// hit testing, without any widget. (The value <-> pixel mapping and the ticks are the shared plot
// axis's, tested in plot_axis_scale_test.cpp.)
#include "views/curves/curve_downsampling.hpp"
#include "views/curves/curve_paths.hpp"
#include "views/curves/curve_smoothing.hpp"
#include "views/curves/curve_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tendril::app::curves {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- moving average ----

TEST(MovingAverageTest, WindowOfOneIsTheIdentityNaNIncluded)
{
    const std::vector<double> values = {0.3, kNaN, 0.5, 0.1, std::numeric_limits<double>::infinity()};
    for (const int window : {1, 0, -4}) {
        const std::vector<double> out = movingAverage(values, window);
        ASSERT_EQ(out.size(), values.size());
        for (std::size_t i = 0; i < values.size(); ++i)
            EXPECT_TRUE(out[i] == values[i] || (std::isnan(out[i]) && std::isnan(values[i]))) << "window " << window;
    }
    EXPECT_TRUE(movingAverage({}, 5).empty());
}

TEST(MovingAverageTest, CentredWindowShrinksAtTheEdges)
{
    const std::vector<double> values = {1, 2, 3, 4, 5, 6};
    // Window 3: one point before, one after; the ends average what exists.
    const std::vector<double> three = movingAverage(values, 3);
    EXPECT_DOUBLE_EQ(three[0], 1.5);
    EXPECT_DOUBLE_EQ(three[1], 2.0);
    EXPECT_DOUBLE_EQ(three[4], 5.0);
    EXPECT_DOUBLE_EQ(three[5], 5.5);
    // Window 4: one point before, two after.
    const std::vector<double> four = movingAverage(values, 4);
    EXPECT_DOUBLE_EQ(four[0], 2.0);         // 1, 2, 3
    EXPECT_DOUBLE_EQ(four[1], 2.5);         // 1..4
    EXPECT_DOUBLE_EQ(four[4], 5.0);         // 4, 5, 6
    EXPECT_DOUBLE_EQ(four[5], 5.5);         // 5, 6
    // A window wider than the curve averages everything everywhere.
    for (const double v : movingAverage(values, 50))
        EXPECT_DOUBLE_EQ(v, 3.5);
}

TEST(MovingAverageTest, NaNTakesNoPartAndKeepsItsGap)
{
    const std::vector<double> values = {1.0, kNaN, 3.0, 5.0, kNaN};
    const std::vector<double> out = movingAverage(values, 3);
    EXPECT_DOUBLE_EQ(out[0], 1.0);  // its neighbour is NaN
    EXPECT_TRUE(std::isnan(out[1]));
    EXPECT_DOUBLE_EQ(out[2], 4.0);  // 3 and 5
    EXPECT_DOUBLE_EQ(out[3], 4.0);  // 3 and 5; the NaN after does not count
    EXPECT_TRUE(std::isnan(out[4]));
}

TEST(MovingAverageTest, ExactWhateverTheNeighbours)
{
    // A running sum would lose the small values once the huge one leaves the window.
    const std::vector<double> values = {1e20, 1.0, 1.0, 1.0, 1.0};
    const std::vector<double> out = movingAverage(values, 2);
    EXPECT_DOUBLE_EQ(out[2], 1.0);
    EXPECT_DOUBLE_EQ(out[3], 1.0);
}

// ---- downsampling ----

std::vector<double> noisyCurve(std::size_t n)
{
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i)
        y[i] = std::sin(static_cast<double>(i) * 0.013) + 0.3 * std::sin(static_cast<double>(i) * 1.7);
    return y;
}

TEST(DownsamplingTest, KeepsEndsAndExtremesWithinTheBound)
{
    const std::size_t n = 20000;
    std::vector<double> x(n);
    std::iota(x.begin(), x.end(), 0.0);
    std::vector<double> y = noisyCurve(n);
    y[7777] = 50.0;   // a spike
    y[12345] = -50.0; // a dip
    const double columns = 250.0;  // 80 points per column, exactly
    const std::vector<std::size_t> kept = minMaxPerColumn(x, y, 0.0, static_cast<double>(n) / columns);

    ASSERT_FALSE(kept.empty());
    EXPECT_EQ(kept.front(), 0u);
    EXPECT_EQ(kept.back(), n - 1);
    EXPECT_NE(std::find(kept.begin(), kept.end(), 7777u), kept.end());
    EXPECT_NE(std::find(kept.begin(), kept.end(), 12345u), kept.end());
    EXPECT_LE(kept.size(), static_cast<std::size_t>(2 * columns + 2));
    EXPECT_GT(kept.size(), static_cast<std::size_t>(columns));  // it does not throw the shape away
    EXPECT_TRUE(std::is_sorted(kept.begin(), kept.end()));
    EXPECT_EQ(std::adjacent_find(kept.begin(), kept.end()), kept.end());  // strictly increasing
    // Every column keeps its own lowest and highest point.
    const double width = static_cast<double>(n) / columns;
    for (std::size_t c = 0; c < static_cast<std::size_t>(columns); ++c) {
        const auto from = static_cast<std::size_t>(std::ceil(static_cast<double>(c) * width));
        const auto to = std::min(n, static_cast<std::size_t>(std::ceil(static_cast<double>(c + 1) * width)));
        const auto lowest = static_cast<std::size_t>(std::min_element(y.begin() + from, y.begin() + to) - y.begin());
        ASSERT_NE(std::find(kept.begin(), kept.end(), lowest), kept.end()) << "column " << c;
    }
}

TEST(DownsamplingTest, SparsePointsAreAllKept)
{
    const std::vector<double> x = {0, 1, 2, 3, 4};
    const std::vector<double> y = {5, 1, 4, 2, 3};
    EXPECT_EQ(minMaxPerColumn(x, y, 0.0, 1.0), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
    EXPECT_EQ(minMaxPerColumn(x, y, 0.0, 0.0).size(), 5u);  // no resolution: no reduction
}

TEST(DownsamplingTest, ColumnsKeepTheirLowestAndHighestInOrder)
{
    const std::vector<double> x = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.2, 1.4, 1.6, 1.8};
    const std::vector<double> y = {3, 9, 1, 4, 7, 5, 2, 0, 8, 6};
    // Column 0: the curve's first point, highest (1), lowest (2); column 1: lowest (7), highest
    // (8), and the curve's last point. Column 0's last point (5) goes: it is neither.
    EXPECT_EQ(minMaxPerColumn(x, y, 0.0, 1.0), (std::vector<std::size_t>{0, 1, 2, 7, 8, 9}));
}

// ---- text ----

TEST(CurveTextTest, DurationsReadLikeAClock)
{
    EXPECT_EQ(formatDuration(600.0), QStringLiteral("10m"));
    EXPECT_EQ(formatDuration(3725.0), QStringLiteral("1h 02m"));
    EXPECT_EQ(formatDuration(95.0), QStringLiteral("1m 35s"));
    EXPECT_EQ(formatDuration(2.5), QStringLiteral("2.5s"));
}

// ---- polylines and hit testing ----

TEST(CurvePolylinesTest, SplitsAtGapsAndLogNonPositives)
{
    const plot::AxisScale x({0.0, 4.0}, plot::Scale::Linear, 0.0, 400.0);
    const plot::AxisScale y({0.0, 1.0}, plot::Scale::Linear, 100.0, 0.0);
    const std::vector<double> xs = {0, 1, 2, 3, 4};
    const std::vector<double> ys = {0.1, 0.2, kNaN, 0.4, 0.5};
    const CurvePolylines lines = curvePolylines(xs, ys, x, y);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].size(), 2);
    EXPECT_EQ(lines[1].size(), 2);
    EXPECT_DOUBLE_EQ(lines[1][0].x(), 300.0);
    EXPECT_DOUBLE_EQ(lines[1][0].y(), 60.0);

    const plot::AxisScale logY({0.01, 1.0}, plot::Scale::Log, 100.0, 0.0);
    const std::vector<double> withZero = {0.1, 0.0, 0.2, 0.3, 0.4};
    const CurvePolylines logLines = curvePolylines(xs, withZero, x, logY);
    ASSERT_EQ(logLines.size(), 2u);
    EXPECT_EQ(logLines[0].size(), 1);  // a lone point, drawn as a dot
}

TEST(CurvePolylinesTest, DenseCurvesAreReducedToThePixelsTheyCover)
{
    const std::size_t n = 100000;
    std::vector<double> xs(n);
    std::iota(xs.begin(), xs.end(), 0.0);
    std::vector<double> ys = noisyCurve(n);
    ys[n / 2] = 3.0;
    const plot::AxisScale x({0.0, static_cast<double>(n - 1)}, plot::Scale::Linear, 0.0, 500.0);
    const plot::AxisScale y({-3.0, 3.0}, plot::Scale::Linear, 300.0, 0.0);
    const CurvePolylines lines = curvePolylines(xs, ys, x, y);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_LE(lines[0].size(), 2 * 501 + 2);
    EXPECT_DOUBLE_EQ(lines[0].front().x(), 0.0);
    EXPECT_DOUBLE_EQ(lines[0].back().x(), 500.0);
    const auto top = std::min_element(lines[0].begin(), lines[0].end(),
                                      [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
    EXPECT_DOUBLE_EQ(top->y(), 0.0);  // the spike to 3.0 survived
    for (qsizetype i = 1; i < lines[0].size(); ++i)
        ASSERT_GE(lines[0][i].x(), lines[0][i - 1].x());
}

TEST(CurvePolylinesTest, ZoomedCurvesKeepOnePointBeyondEachEdge)
{
    std::vector<double> xs(100);
    std::iota(xs.begin(), xs.end(), 0.0);
    const std::vector<double> ys(100, 0.5);
    const plot::AxisScale x({40.5, 50.5}, plot::Scale::Linear, 0.0, 100.0);
    const plot::AxisScale y({0.0, 1.0}, plot::Scale::Linear, 100.0, 0.0);
    const CurvePolylines lines = curvePolylines(xs, ys, x, y);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].size(), 12);  // 40 .. 51
    EXPECT_LT(lines[0].front().x(), 0.0);
    EXPECT_GT(lines[0].back().x(), 100.0);
}

TEST(HitTestTest, NearestCurveWithinReachAndTheTopOneOnATie)
{
    const CurvePolylines a = {QPolygonF({QPointF(0, 10), QPointF(100, 10)})};
    const CurvePolylines b = {QPolygonF({QPointF(0, 20), QPointF(100, 40)})};
    const CurvePolylines dot = {QPolygonF({QPointF(50, 80)})};
    const std::vector<const CurvePolylines*> curves = {&a, &b, &dot};

    auto hit = nearestCurve(curves, QPointF(50, 13), 6.0);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->curve, 0u);
    EXPECT_NEAR(hit->distance, 3.0, 1e-12);
    hit = nearestCurve(curves, QPointF(50, 28), 6.0);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->curve, 1u);
    hit = nearestCurve(curves, QPointF(53, 84), 6.0);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->curve, 2u);
    EXPECT_NEAR(hit->distance, 5.0, 1e-12);
    EXPECT_FALSE(nearestCurve(curves, QPointF(50, 60), 6.0));

    const CurvePolylines same = a;
    const std::vector<const CurvePolylines*> tied = {&a, &same};
    EXPECT_EQ(nearestCurve(tied, QPointF(10, 10), 6.0)->curve, 1u);
}

TEST(HitTestTest, NearestPointByX)
{
    const std::vector<double> xs = {1, 2, 4, 8};
    EXPECT_EQ(nearestPointByX(xs, -5.0), std::optional<std::size_t>(0));
    EXPECT_EQ(nearestPointByX(xs, 2.9), std::optional<std::size_t>(1));
    EXPECT_EQ(nearestPointByX(xs, 3.1), std::optional<std::size_t>(2));
    EXPECT_EQ(nearestPointByX(xs, 100.0), std::optional<std::size_t>(3));
    EXPECT_FALSE(nearestPointByX({}, 1.0));
}

} // namespace
} // namespace tendril::app::curves
