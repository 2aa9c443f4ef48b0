// Geometry of the overview's histograms without widgets: the axis a histogram's bins span, and a
// dragged pixel span <-> the brushed value range. (The axis mapping itself is tested with the
// shared plot axis, plot_axis_scale_test.cpp.)
#include "views/overview/brush_geometry.hpp"
#include "views/overview/histogram_bins.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::overview {
namespace {

TEST(HistogramAxisTest, SpansTheBinsOnTheirScale)
{
    const HistogramBins bins(plot::Scale::Log, -2, 0.5, 6);  // 0.01 .. 10
    const plot::AxisScale axis = bins.axis(10, 610);
    EXPECT_EQ(axis.scale(), plot::Scale::Log);
    EXPECT_NEAR(axis.toPixel(bins.edge(2)), 210, 1e-9);  // bars of equal width
    EXPECT_NEAR(axis.toPixel(bins.edge(3)), 310, 1e-9);
    EXPECT_EQ(axis.toValue(10), bins.low());
    EXPECT_EQ(axis.toValue(610), bins.high());
    // No bins: an axis all the same, so an empty card still has geometry.
    EXPECT_EQ(HistogramBins().axis(0, 100).range(), (plot::ValueRange{0.0, 1.0}));
}

class BrushGeometryTest : public ::testing::Test {
protected:
    const plot::AxisScale axis{{0.0, 1.0}, plot::Scale::Linear, 100, 500};  // 400 px for one unit
};

TEST_F(BrushGeometryTest, DraggedPixelsGiveTheExactValuesUnderThem)
{
    const plot::ValueRange range = brushFromPixels(axis, 300, 180);  // dragged leftward
    EXPECT_DOUBLE_EQ(range.low, axis.toValue(180));
    EXPECT_DOUBLE_EQ(range.high, axis.toValue(300));
    EXPECT_DOUBLE_EQ(range.low, 0.2);
    EXPECT_DOUBLE_EQ(range.high, 0.5);
    // No snapping: an odd pixel gives an odd value.
    EXPECT_DOUBLE_EQ(brushFromPixels(axis, 101, 103).high, 0.0075);
}

TEST_F(BrushGeometryTest, DragsPastTheEndsStopAtTheExtent)
{
    const plot::ValueRange range = brushFromPixels(axis, 20, 900);
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
    const plot::AxisScale log({1, 1000}, plot::Scale::Log, 0, 300);
    EXPECT_DOUBLE_EQ(brushToPixels(log, {-1, 10}).from, 0);
    EXPECT_NEAR(brushToPixels(log, {-1, 10}).to, 100, 1e-9);
    // An open end above the axis reaches its right end.
    EXPECT_DOUBLE_EQ(brushToPixels(axis, {0.5, std::numeric_limits<double>::infinity()}).to, 500);
}

TEST_F(BrushGeometryTest, RoundTripOnALogAxis)
{
    const plot::AxisScale log({0.01, 100}, plot::Scale::Log, 0, 400);
    const plot::ValueRange range = brushFromPixels(log, 100, 300);
    EXPECT_NEAR(range.low, 0.1, 1e-15);
    EXPECT_NEAR(range.high, 10, 1e-13);
    const PixelSpan span = brushToPixels(log, range);
    EXPECT_NEAR(span.from, 100, 1e-9);
    EXPECT_NEAR(span.to, 300, 1e-9);
}

TEST_F(BrushGeometryTest, HitTestFindsEdgesBeforeTheBody)
{
    const plot::ValueRange range{0.25, 0.75};  // 200 .. 400 px
    EXPECT_EQ(hitBrush(axis, range, 203, 5), BrushHandle::LowEdge);
    EXPECT_EQ(hitBrush(axis, range, 196, 5), BrushHandle::LowEdge);
    EXPECT_EQ(hitBrush(axis, range, 398, 5), BrushHandle::HighEdge);
    EXPECT_EQ(hitBrush(axis, range, 300, 5), BrushHandle::Body);
    EXPECT_EQ(hitBrush(axis, range, 150, 5), BrushHandle::None);
    EXPECT_EQ(hitBrush(axis, range, 420, 5), BrushHandle::None);
    // A brush of no width can still be widened either way.
    const plot::ValueRange point{0.5, 0.5};  // 300 px
    EXPECT_EQ(hitBrush(axis, point, 298, 5), BrushHandle::LowEdge);
    EXPECT_EQ(hitBrush(axis, point, 302, 5), BrushHandle::HighEdge);
}

TEST_F(BrushGeometryTest, MovingKeepsTheWidthAndStopsAtTheEnds)
{
    const plot::ValueRange moved = moveBrush(axis, {0.25, 0.5}, 40);  // +0.1
    EXPECT_NEAR(moved.low, 0.35, 1e-15);
    EXPECT_NEAR(moved.high, 0.6, 1e-15);
    const plot::ValueRange stopped = moveBrush(axis, {0.25, 0.5}, 1000);
    EXPECT_EQ(stopped.high, 1.0);
    EXPECT_NEAR(stopped.low, 0.75, 1e-15);
    const plot::ValueRange left = moveBrush(axis, {0.25, 0.5}, -1000);
    EXPECT_EQ(left.low, 0.0);
    EXPECT_NEAR(left.high, 0.25, 1e-15);
}

TEST_F(BrushGeometryTest, ResizingKeepsTheOtherEdgeExactly)
{
    const plot::ValueRange start{0.123456789, 0.5};
    const plot::ValueRange wider = resizeBrush(axis, start, BrushHandle::HighEdge, 420);
    EXPECT_EQ(wider.low, 0.123456789);
    EXPECT_DOUBLE_EQ(wider.high, 0.8);
    // Dragged across the kept edge: the two swap.
    const plot::ValueRange crossed = resizeBrush(axis, start, BrushHandle::HighEdge, 120);
    EXPECT_DOUBLE_EQ(crossed.low, 0.05);
    EXPECT_EQ(crossed.high, 0.123456789);
    const plot::ValueRange lower = resizeBrush(axis, start, BrushHandle::LowEdge, 0);
    EXPECT_EQ(lower.low, 0.0);
    EXPECT_EQ(lower.high, 0.5);
}

} // namespace
} // namespace tendril::app::overview
