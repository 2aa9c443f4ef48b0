// Geometry of the overview's histograms without widgets: value <-> pixel on linear and log axes,
// tick values, and a dragged pixel span <-> the brushed value range.
#include "views/overview/brush_geometry.hpp"
#include "views/overview/value_axis.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace tendril::app::overview {
namespace {

TEST(ValueAxisTest, LinearMapsEndsAndMiddle)
{
    const ValueAxis axis(AxisScale::Linear, 0.2, 0.9, 100, 800);
    EXPECT_DOUBLE_EQ(axis.toPixel(0.2), 100);
    EXPECT_DOUBLE_EQ(axis.toPixel(0.9), 800);
    EXPECT_DOUBLE_EQ(axis.toPixel(0.55), 450);
    EXPECT_DOUBLE_EQ(axis.toPixel(1.6), 1500);  // unclamped
    EXPECT_DOUBLE_EQ(axis.toValue(100), 0.2);
    EXPECT_DOUBLE_EQ(axis.toValue(800), 0.9);
    EXPECT_NEAR(axis.toValue(275), 0.375, 1e-15);
    for (double v = 0.2; v <= 0.9; v += 0.01)
        EXPECT_NEAR(axis.toValue(axis.toPixel(v)), v, 1e-14);
}

TEST(ValueAxisTest, LogSpacesDecadesEqually)
{
    const ValueAxis axis(AxisScale::Log, 0.01, 100, 0, 400);
    EXPECT_NEAR(axis.toPixel(0.1), 100, 1e-9);
    EXPECT_NEAR(axis.toPixel(1), 200, 1e-9);
    EXPECT_NEAR(axis.toPixel(10), 300, 1e-9);
    EXPECT_NEAR(axis.toValue(250), std::sqrt(10.0) * 1, 1e-12);
    EXPECT_TRUE(std::isnan(axis.toPixel(0.0)));
    EXPECT_TRUE(std::isnan(axis.toPixel(-1.0)));
}

TEST(ValueAxisTest, UpwardAxisForCounts)
{
    const ValueAxis counts(AxisScale::Linear, 0, 40, 300, 100);  // y grows upward
    EXPECT_DOUBLE_EQ(counts.toPixel(0), 300);
    EXPECT_DOUBLE_EQ(counts.toPixel(40), 100);
    EXPECT_DOUBLE_EQ(counts.toPixel(10), 250);
    EXPECT_DOUBLE_EQ(counts.clampPixel(50), 100);
    EXPECT_DOUBLE_EQ(counts.clampPixel(400), 300);
}

TEST(ValueAxisTest, ForBinsSpansTheBins)
{
    const HistogramBins bins(AxisScale::Log, -2, 0.5, 6);  // 0.01 .. 10
    const ValueAxis axis = ValueAxis::forBins(bins, 10, 610);
    EXPECT_EQ(axis.scale(), AxisScale::Log);
    EXPECT_NEAR(axis.toPixel(bins.edge(2)), 210, 1e-9);  // bars of equal width
    EXPECT_NEAR(axis.toPixel(bins.edge(3)), 310, 1e-9);
}

TEST(ValueAxisTest, LinearTicksAreRoundAndInside)
{
    const ValueAxis axis(AxisScale::Linear, 0.125, 0.85, 0, 500);
    const std::vector<double> ticks = axis.ticks(5);
    ASSERT_FALSE(ticks.empty());
    EXPECT_LE(ticks.size(), 5u);
    ASSERT_EQ(ticks.size(), 4u);
    for (std::size_t i = 0; i < ticks.size(); ++i)
        EXPECT_NEAR(ticks[i], 0.2 * static_cast<double>(i + 1), 1e-15);
    const std::vector<double> zero = ValueAxis(AxisScale::Linear, -0.3, 0.3, 0, 1).ticks(4);
    EXPECT_NE(std::find(zero.begin(), zero.end(), 0.0), zero.end());
    EXPECT_FALSE(std::signbit(*std::find(zero.begin(), zero.end(), 0.0)));
}

TEST(ValueAxisTest, LogTicksAtPowersOfTen)
{
    const ValueAxis axis(AxisScale::Log, 0.01, 63.1, 0, 500);
    const std::vector<double> ticks = axis.ticks(6);
    ASSERT_EQ(ticks.size(), 4u);
    EXPECT_DOUBLE_EQ(ticks[0], 0.01);
    EXPECT_DOUBLE_EQ(ticks[3], 10);
    // Too many decades for the space: every other one.
    EXPECT_EQ(ValueAxis(AxisScale::Log, 1e-6, 1e6, 0, 100).ticks(4).size(), 4u);
    // Less than a decade: 1, 2, 5 multiples.
    EXPECT_EQ(ValueAxis(AxisScale::Log, 1.5, 12, 0, 100).ticks(6), (std::vector<double>{2, 5, 10}));
}

class BrushGeometryTest : public ::testing::Test {
protected:
    const ValueAxis axis{AxisScale::Linear, 0.0, 1.0, 100, 500};  // 400 px for one unit
};

TEST_F(BrushGeometryTest, DraggedPixelsGiveTheExactValuesUnderThem)
{
    const ValueRange range = brushFromPixels(axis, 300, 180);  // dragged leftward
    EXPECT_DOUBLE_EQ(range.low, axis.toValue(180));
    EXPECT_DOUBLE_EQ(range.high, axis.toValue(300));
    EXPECT_DOUBLE_EQ(range.low, 0.2);
    EXPECT_DOUBLE_EQ(range.high, 0.5);
    // No snapping: an odd pixel gives an odd value.
    EXPECT_DOUBLE_EQ(brushFromPixels(axis, 101, 103).high, 0.0075);
}

TEST_F(BrushGeometryTest, DragsPastTheEndsStopAtTheExtent)
{
    const ValueRange range = brushFromPixels(axis, 20, 900);
    EXPECT_EQ(range.low, 0.0);
    EXPECT_EQ(range.high, 1.0);
}

TEST_F(BrushGeometryTest, RangeMapsBackToItsBand)
{
    const PixelSpan span = brushToPixels(axis, {0.25, 0.75});
    EXPECT_DOUBLE_EQ(span.from, 200);
    EXPECT_DOUBLE_EQ(span.to, 400);
    const PixelSpan clamped = brushToPixels(axis, {-3, 0.5});
    EXPECT_DOUBLE_EQ(clamped.from, 100);
    // A range below a log axis (no logarithm) sits at the left end.
    const ValueAxis log(AxisScale::Log, 1, 1000, 0, 300);
    EXPECT_DOUBLE_EQ(brushToPixels(log, {-1, 10}).from, 0);
    EXPECT_NEAR(brushToPixels(log, {-1, 10}).to, 100, 1e-9);
}

TEST_F(BrushGeometryTest, RoundTripOnALogAxis)
{
    const ValueAxis log(AxisScale::Log, 0.01, 100, 0, 400);
    const ValueRange range = brushFromPixels(log, 100, 300);
    EXPECT_NEAR(range.low, 0.1, 1e-15);
    EXPECT_NEAR(range.high, 10, 1e-13);
    const PixelSpan span = brushToPixels(log, range);
    EXPECT_NEAR(span.from, 100, 1e-9);
    EXPECT_NEAR(span.to, 300, 1e-9);
}

TEST_F(BrushGeometryTest, HitTestFindsEdgesBeforeTheBody)
{
    const ValueRange range{0.25, 0.75};  // 200 .. 400 px
    EXPECT_EQ(hitBrush(axis, range, 203, 5), BrushHandle::LowEdge);
    EXPECT_EQ(hitBrush(axis, range, 196, 5), BrushHandle::LowEdge);
    EXPECT_EQ(hitBrush(axis, range, 398, 5), BrushHandle::HighEdge);
    EXPECT_EQ(hitBrush(axis, range, 300, 5), BrushHandle::Body);
    EXPECT_EQ(hitBrush(axis, range, 150, 5), BrushHandle::None);
    EXPECT_EQ(hitBrush(axis, range, 420, 5), BrushHandle::None);
    // A brush of no width can still be widened either way.
    const ValueRange point{0.5, 0.5};  // 300 px
    EXPECT_EQ(hitBrush(axis, point, 298, 5), BrushHandle::LowEdge);
    EXPECT_EQ(hitBrush(axis, point, 302, 5), BrushHandle::HighEdge);
}

TEST_F(BrushGeometryTest, MovingKeepsTheWidthAndStopsAtTheEnds)
{
    const ValueRange moved = moveBrush(axis, {0.25, 0.5}, 40);  // +0.1
    EXPECT_NEAR(moved.low, 0.35, 1e-15);
    EXPECT_NEAR(moved.high, 0.6, 1e-15);
    const ValueRange stopped = moveBrush(axis, {0.25, 0.5}, 1000);
    EXPECT_EQ(stopped.high, 1.0);
    EXPECT_NEAR(stopped.low, 0.75, 1e-15);
    const ValueRange left = moveBrush(axis, {0.25, 0.5}, -1000);
    EXPECT_EQ(left.low, 0.0);
    EXPECT_NEAR(left.high, 0.25, 1e-15);
}

TEST_F(BrushGeometryTest, ResizingKeepsTheOtherEdgeExactly)
{
    const ValueRange start{0.123456789, 0.5};
    const ValueRange wider = resizeBrush(axis, start, BrushHandle::HighEdge, 420);
    EXPECT_EQ(wider.low, 0.123456789);
    EXPECT_DOUBLE_EQ(wider.high, 0.8);
    // Dragged across the kept edge: the two swap.
    const ValueRange crossed = resizeBrush(axis, start, BrushHandle::HighEdge, 120);
    EXPECT_DOUBLE_EQ(crossed.low, 0.05);
    EXPECT_EQ(crossed.high, 0.123456789);
    const ValueRange lower = resizeBrush(axis, start, BrushHandle::LowEdge, 0);
    EXPECT_EQ(lower.low, 0.0);
    EXPECT_EQ(lower.high, 0.5);
}

} // namespace
} // namespace tendril::app::overview
