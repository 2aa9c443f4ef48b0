// The shared plot axis without widgets: value <-> pixel on linear and log scales in either
// direction, zoom and pan, fitted and padded ranges, and the tick values every view labels its
// axes with.
#include "plot/axis_scale.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::plot {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- value <-> pixel ----

TEST(AxisScaleTest, LinearMapsEndsAndMiddleBothWaysUnclamped)
{
    const AxisScale axis({0.2, 0.9}, Scale::Linear, 100, 800);
    EXPECT_DOUBLE_EQ(axis.toPixel(0.2), 100);
    EXPECT_DOUBLE_EQ(axis.toPixel(0.9), 800);
    EXPECT_DOUBLE_EQ(axis.toPixel(0.55), 450);
    EXPECT_DOUBLE_EQ(axis.toPixel(1.6), 1500);  // unclamped
    EXPECT_DOUBLE_EQ(axis.toValue(100), 0.2);
    EXPECT_DOUBLE_EQ(axis.toValue(800), 0.9);
    EXPECT_NEAR(axis.toValue(275), 0.375, 1e-15);
    for (double v = 0.2; v <= 0.9; v += 0.01)
        EXPECT_NEAR(axis.toValue(axis.toPixel(v)), v, 1e-14);

    const AxisScale x({0.0, 10.0}, Scale::Linear, 100.0, 600.0);
    EXPECT_DOUBLE_EQ(x.toPixel(0.0), 100.0);
    EXPECT_DOUBLE_EQ(x.toPixel(10.0), 600.0);
    EXPECT_DOUBLE_EQ(x.toPixel(2.5), 225.0);
    EXPECT_DOUBLE_EQ(x.toValue(225.0), 2.5);
    EXPECT_TRUE(std::isnan(x.toPixel(kNaN)));
    EXPECT_TRUE(std::isnan(x.toPixel(kInf)));
}

TEST(AxisScaleTest, UpwardAxisPutsTheLowEndAtTheLargerPixel)
{
    const AxisScale counts({0, 40}, Scale::Linear, 300, 100);  // y grows upward
    EXPECT_DOUBLE_EQ(counts.toPixel(0), 300);
    EXPECT_DOUBLE_EQ(counts.toPixel(40), 100);
    EXPECT_DOUBLE_EQ(counts.toPixel(10), 250);
    EXPECT_DOUBLE_EQ(counts.clampPixel(50), 100);
    EXPECT_DOUBLE_EQ(counts.clampPixel(400), 300);

    const AxisScale y({0.5, 1.0}, Scale::Linear, 400.0, 100.0);
    EXPECT_DOUBLE_EQ(y.toPixel(0.75), 250.0);
    EXPECT_DOUBLE_EQ(y.toValue(250.0), 0.75);
}

TEST(AxisScaleTest, ThePixelSpanCanBeSetAfterTheRange)
{
    AxisScale axis({0.0, 10.0}, Scale::Linear);
    axis.setPixelSpan(100.0, 300.0);
    EXPECT_DOUBLE_EQ(axis.toPixel(0.0), 100.0);
    EXPECT_DOUBLE_EQ(axis.toPixel(10.0), 300.0);
    EXPECT_DOUBLE_EQ(axis.toPixel(2.5), 150.0);
    EXPECT_DOUBLE_EQ(axis.toValue(150.0), 2.5);
    // A vertical axis grows upwards: the low end sits at the larger pixel.
    axis.setPixelSpan(400.0, 0.0);
    EXPECT_DOUBLE_EQ(axis.toPixel(10.0), 0.0);
    EXPECT_DOUBLE_EQ(axis.toPixel(7.5), 100.0);
    EXPECT_DOUBLE_EQ(axis.toValue(100.0), 7.5);
    EXPECT_DOUBLE_EQ(axis.pixelAtLow(), 400.0);
    EXPECT_DOUBLE_EQ(axis.pixelAtHigh(), 0.0);
}

TEST(AxisScaleTest, LogSpacesDecadesEquallyAndRefusesNonPositive)
{
    const AxisScale axis({0.01, 100}, Scale::Log, 0, 400);
    EXPECT_NEAR(axis.toPixel(0.1), 100, 1e-9);
    EXPECT_NEAR(axis.toPixel(1), 200, 1e-9);
    EXPECT_NEAR(axis.toPixel(10), 300, 1e-9);
    EXPECT_NEAR(axis.toValue(250), std::sqrt(10.0), 1e-12);
    EXPECT_TRUE(std::isnan(axis.toPixel(0.0)));
    EXPECT_TRUE(std::isnan(axis.toPixel(-1.0)));
    EXPECT_TRUE(std::isnan(axis.toPixel(kNaN)));
    EXPECT_FALSE(axis.drawable(0.0));
    EXPECT_TRUE(axis.drawable(5000.0));  // outside the range is still drawable (and clipped)

    const AxisScale y({1e-4, 1.0}, Scale::Log, 400.0, 0.0);
    EXPECT_DOUBLE_EQ(y.toPixel(1e-4), 400.0);
    EXPECT_DOUBLE_EQ(y.toPixel(1e-2), 200.0);
    EXPECT_DOUBLE_EQ(y.toPixel(1.0), 0.0);
    EXPECT_NEAR(y.toValue(300.0), 1e-3, 1e-15);

    const AxisScale small({1e-4, 1e-1}, Scale::Log, 0.0, 300.0);
    EXPECT_NEAR(small.toPixel(1e-3), 100.0, 1e-9);
    EXPECT_NEAR(small.toValue(150.0), std::sqrt(1e-3 * 1e-2), 1e-15);
}

TEST(AxisScaleTest, EndsOfTheSpanMapExactlyOntoTheEndsOfTheRange)
{
    // A drag to the edge of a plot takes in the whole extent, with no rounding left over.
    const AxisScale axis({0.123456789, 0.987654321}, Scale::Linear, 37.5, 412.25);
    EXPECT_EQ(axis.toValue(37.5), 0.123456789);
    EXPECT_EQ(axis.toValue(412.25), 0.987654321);
    const AxisScale log({0.003, 7000.0}, Scale::Log, 250.0, 10.0);
    EXPECT_EQ(log.toValue(250.0), 0.003);
    EXPECT_EQ(log.toValue(10.0), 7000.0);
}

TEST(AxisScaleTest, UnusableRangesAreMadeUsable)
{
    // A log range with no positive end is made positive rather than producing NaN pixels.
    const AxisScale bad({-1.0, 0.0}, Scale::Log, 0.0, 100.0);
    EXPECT_GT(bad.range().low, 0.0);
    EXPECT_GT(bad.range().high, bad.range().low);
    EXPECT_EQ(usableRange({-3.0, 50.0}, Scale::Log), (ValueRange{5.0, 50.0}));
    EXPECT_EQ(usableRange({kNaN, kInf}, Scale::Linear), (ValueRange{0.0, 1.0}));
    // Reversed ends swap; an empty range widens around its value, so it maps to the middle.
    EXPECT_EQ(usableRange({3.0, 1.0}, Scale::Linear), (ValueRange{1.0, 3.0}));
    const AxisScale single({5.0, 5.0}, Scale::Linear, 0.0, 100.0);
    EXPECT_LT(single.low(), 5.0);
    EXPECT_GT(single.high(), 5.0);
    EXPECT_DOUBLE_EQ(single.toPixel(5.0), 50.0);
    const AxisScale zero({0.0, 0.0}, Scale::Linear, 0.0, 100.0);
    EXPECT_DOUBLE_EQ(zero.toPixel(0.0), 50.0);
    const AxisScale logSingle({20.0, 20.0}, Scale::Log, 0.0, 100.0);
    EXPECT_NEAR(logSingle.toPixel(20.0), 50.0, 1e-9);
    EXPECT_NEAR(std::log10(logSingle.high() / logSingle.low()), 1.0, 1e-12);
    // A span of no pixels maps everything to the low end instead of dividing by zero.
    const AxisScale collapsed({0.0, 1.0}, Scale::Linear, 10.0, 10.0);
    EXPECT_EQ(collapsed.toValue(10.0), 0.0);
    EXPECT_EQ(collapsed.toValue(55.0), 0.0);
}

// ---- zoom and pan ----

TEST(AxisScaleTest, ZoomKeepsTheValueUnderTheMouseAndPanFollowsIt)
{
    const AxisScale x({0.0, 100.0}, Scale::Linear, 0.0, 1000.0);
    const ValueRange in = x.zoomedAround(250.0, 0.5);
    EXPECT_DOUBLE_EQ(in.low, 12.5);
    EXPECT_DOUBLE_EQ(in.high, 62.5);
    EXPECT_DOUBLE_EQ(AxisScale(in, Scale::Linear, 0.0, 1000.0).toValue(250.0), 25.0);
    // Dragging the content right by 100 px shows what was 10 units to the left.
    const ValueRange panned = x.pannedBy(100.0);
    EXPECT_DOUBLE_EQ(panned.low, -10.0);
    EXPECT_DOUBLE_EQ(panned.high, 90.0);
    const ValueRange band = x.between(700.0, 300.0);
    EXPECT_DOUBLE_EQ(band.low, 30.0);
    EXPECT_DOUBLE_EQ(band.high, 70.0);
    // A factor that is no factor changes nothing.
    EXPECT_EQ(x.zoomedAround(250.0, 0.0), x.range());
    EXPECT_EQ(x.zoomedAround(250.0, kNaN), x.range());

    const AxisScale log({1e-3, 1e1}, Scale::Log, 400.0, 0.0);
    const ValueRange logIn = log.zoomedAround(200.0, 0.5);  // the middle is 1e-1
    EXPECT_NEAR(std::log10(logIn.low), -2.0, 1e-12);
    EXPECT_NEAR(std::log10(logIn.high), 0.0, 1e-12);
    const ValueRange logPan = log.pannedBy(-100.0);  // up one decade's worth of pixels on an upward axis
    EXPECT_GT(logPan.low, 0.0);
    EXPECT_NEAR(std::log10(logPan.high / logPan.low), 4.0, 1e-12);
}

// ---- fitted and padded ranges ----

TEST(AxisScaleTest, FittedPadsInTheAxisOwnSpaceAndIgnoresWhatItCannotDraw)
{
    const std::vector<double> mixed{2.0, kNaN, 12.0, -kInf};
    const AxisScale linear = AxisScale::fitted(mixed, Scale::Linear, 0.1);
    EXPECT_DOUBLE_EQ(linear.low(), 1.0);
    EXPECT_DOUBLE_EQ(linear.high(), 13.0);
    // On a log axis the padding is a fraction of the decades, and zero is left out.
    const std::vector<double> withZero{0.0, 1.0, 100.0};
    const AxisScale log = AxisScale::fitted(withZero, Scale::Log, 0.1);
    EXPECT_NEAR(std::log10(log.low()), -0.2, 1e-12);
    EXPECT_NEAR(std::log10(log.high()), 2.2, 1e-12);
    // A single value still gets a span; nothing drawable gives a default range.
    const std::vector<double> five{5.0};
    const AxisScale single = AxisScale::fitted(five, Scale::Linear, 0.0);
    EXPECT_LT(single.low(), 5.0);
    EXPECT_GT(single.high(), 5.0);
    const std::vector<double> nothing{kNaN, -1.0};
    const AxisScale none = AxisScale::fitted(nothing, Scale::Log);
    EXPECT_DOUBLE_EQ(none.low(), 1.0);
    EXPECT_DOUBLE_EQ(none.high(), 10.0);
    EXPECT_EQ(AxisScale::fitted({}, Scale::Linear).range(), (ValueRange{0.0, 1.0}));
}

TEST(AxisScaleTest, PaddedRangeIgnoresWhatCannotBeDrawn)
{
    const std::vector<double> values = {0.0, 0.2, kNaN, 1.0, -0.5};
    const auto linear = paddedRange(values, Scale::Linear, 0.1);
    ASSERT_TRUE(linear);
    EXPECT_DOUBLE_EQ(linear->low, -0.65);
    EXPECT_DOUBLE_EQ(linear->high, 1.15);
    const auto log = paddedRange(values, Scale::Log, 0.0);
    ASSERT_TRUE(log);
    EXPECT_NEAR(log->low, 0.2, 1e-12);
    EXPECT_NEAR(log->high, 1.0, 1e-12);
    const std::vector<double> nothing = {kNaN, -1.0};
    EXPECT_FALSE(paddedRange(nothing, Scale::Log));
    // One positive value on a log axis: half a decade each way.
    const std::vector<double> one = {0.01};
    const auto lone = paddedRange(one, Scale::Log);
    ASSERT_TRUE(lone);
    EXPECT_NEAR(std::log10(lone->low), -2.5, 1e-12);
    EXPECT_NEAR(std::log10(lone->high), -1.5, 1e-12);
}

TEST(AxisScaleTest, ExtentsAccumulateAndUnite)
{
    const std::vector<double> a = {3.0, kNaN, -2.0};
    const std::vector<double> b = {0.5, 9.0};
    auto extent = extentOf(a, Scale::Linear);
    ASSERT_TRUE(extent);
    EXPECT_EQ(*extent, (ValueRange{-2.0, 3.0}));
    extent = extentOf(b, Scale::Linear, extent);
    EXPECT_EQ(*extent, (ValueRange{-2.0, 9.0}));
    EXPECT_EQ(*extentOf(a, Scale::Log), (ValueRange{3.0, 3.0}));  // the only positive value
    EXPECT_FALSE(extentOf(std::vector<double>{kNaN}, Scale::Linear));
    EXPECT_EQ(extentOf(std::vector<double>{kNaN}, Scale::Linear, ValueRange{1, 2}), (ValueRange{1, 2}));

    EXPECT_EQ(unite(ValueRange{0, 1}, ValueRange{-1, 0.5}), (ValueRange{-1, 1}));
    EXPECT_EQ(unite(std::nullopt, ValueRange{2, 3}), (ValueRange{2, 3}));
    EXPECT_EQ(unite(ValueRange{2, 3}, std::nullopt), (ValueRange{2, 3}));
    EXPECT_FALSE(unite(std::nullopt, std::nullopt));
}

// ---- ticks ----

TEST(AxisTicksTest, StepsAreOneTwoOrFiveTimesAPowerOfTen)
{
    EXPECT_DOUBLE_EQ(tickStep(0.145), 0.2);
    EXPECT_DOUBLE_EQ(tickStep(0.2), 0.2);
    EXPECT_DOUBLE_EQ(tickStep(3.0), 5.0);
    EXPECT_DOUBLE_EQ(tickStep(7.0), 10.0);
    EXPECT_DOUBLE_EQ(tickStep(1e-7), 1e-7);
    EXPECT_DOUBLE_EQ(tickStep(0.0), 1.0);
    EXPECT_DOUBLE_EQ(tickStep(kNaN), 1.0);
    EXPECT_EQ(tickBudget(480.0, 48.0), 10);
    EXPECT_EQ(tickBudget(30.0, 48.0), 2);  // a tiny plot still shows where its axis starts and goes
    EXPECT_EQ(tickBudget(kNaN, 48.0), 2);
}

TEST(AxisTicksTest, LinearTicksAreRoundAndInside)
{
    const AxisScale axis({0.125, 0.85}, Scale::Linear, 0, 500);
    const std::vector<double> ticks = axis.ticks(5);
    ASSERT_EQ(ticks.size(), 4u);
    for (std::size_t i = 0; i < ticks.size(); ++i)
        EXPECT_NEAR(ticks[i], 0.2 * static_cast<double>(i + 1), 1e-15);
    // Zero is a tick, and it is +0 (no "-0" label).
    const std::vector<double> zero = axisTicks({-0.3, 0.3}, Scale::Linear, 4);
    ASSERT_NE(std::find(zero.begin(), zero.end(), 0.0), zero.end());
    EXPECT_FALSE(std::signbit(*std::find(zero.begin(), zero.end(), 0.0)));
    // The decimals themselves, not multiples carrying binary noise (0.6000000000000001).
    EXPECT_EQ(axisTicks({0.03, 0.97}, Scale::Linear, 5), (std::vector<double>{0.2, 0.4, 0.6, 0.8}));
    EXPECT_EQ(axisTicks({-1.0, 1.0}, Scale::Linear, 5), (std::vector<double>{-1.0, -0.5, 0.0, 0.5, 1.0}));

    const std::vector<double> some = axisTicks({0.13, 0.91}, Scale::Linear, 6);
    ASSERT_GE(some.size(), 3u);
    EXPECT_LE(some.size(), 6u);
    for (const double t : some) {
        EXPECT_GE(t, 0.13);
        EXPECT_LE(t, 0.91);
    }
    EXPECT_NEAR(some[1] - some[0], 0.2, 1e-12);
}

TEST(AxisTicksTest, NeverMoreThanAskedForWhateverTheRange)
{
    for (const ValueRange range : {ValueRange{0.0, 1.0}, ValueRange{-7.3, 1234.5}, ValueRange{1e-9, 3e-9},
                                   ValueRange{99.5, 100.5}, ValueRange{-1e6, 1e6}})
        for (const int maxTicks : {2, 3, 5, 8, 13}) {
            const std::vector<double> ticks = axisTicks(range, Scale::Linear, maxTicks);
            EXPECT_LE(ticks.size(), static_cast<std::size_t>(maxTicks)) << range.low << " " << range.high;
            EXPECT_GE(ticks.size(), 1u);
            EXPECT_TRUE(std::is_sorted(ticks.begin(), ticks.end()));
        }
}

TEST(AxisTicksTest, FarFromZeroTicksStillEnd)
{
    // Tick indices near 1e16 cannot all be told apart by a double; the ticks still come back, few.
    const std::vector<double> far = axisTicks({1e16, 1e16 + 8}, Scale::Linear, 5);
    EXPECT_GE(far.size(), 1u);
    EXPECT_LE(far.size(), 5u);
    EXPECT_TRUE(axisTicks({kNaN, 1.0}, Scale::Linear, 5).empty());
    EXPECT_TRUE(axisTicks({-kInf, kInf}, Scale::Linear, 5).empty());
    EXPECT_TRUE(axisTicks({0.0, kInf}, Scale::Log, 5).empty());
}

TEST(AxisTicksTest, AMinimumStepKeepsCountsWholeUntilTooFewTicksAreLeft)
{
    // A count axis up to 1: no half trials.
    EXPECT_EQ(axisTicks({0.0, 1.0}, Scale::Linear, 5, 1.0), (std::vector<double>{0.0, 1.0}));
    EXPECT_EQ(axisTicks({0.0, 3.0}, Scale::Linear, 8, 1.0), (std::vector<double>{0.0, 1.0, 2.0, 3.0}));
    // Zoomed in between two steps: fractions rather than a bare axis.
    const std::vector<double> zoomed = axisTicks({40.5, 41.4}, Scale::Linear, 5, 1.0);
    EXPECT_GE(zoomed.size(), 2u);
}

TEST(AxisTicksTest, LogTicksAtPowersOfTen)
{
    const std::vector<double> ticks = AxisScale({0.01, 63.1}, Scale::Log, 0, 500).ticks(6);
    ASSERT_EQ(ticks.size(), 4u);
    EXPECT_DOUBLE_EQ(ticks[0], 0.01);
    EXPECT_DOUBLE_EQ(ticks[3], 10);
    EXPECT_EQ(axisTicks({2e-5, 0.3}, Scale::Log, 6), (std::vector<double>{1e-4, 1e-3, 1e-2, 1e-1}));

    const std::vector<double> decades = axisTicks({1e-5, 10.0}, Scale::Log, 8);
    ASSERT_EQ(decades.size(), 7u);
    for (std::size_t i = 0; i < decades.size(); ++i)
        EXPECT_NEAR(std::log10(decades[i]), -5.0 + static_cast<double>(i), 1e-12);
}

TEST(AxisTicksTest, ManyDecadesTickEveryFewPowersAlignedToTheirMultiples)
{
    // Too many decades for the space: every third power, at multiples of three.
    EXPECT_EQ(axisTicks({1e-8, 1e2}, Scale::Log, 5), (std::vector<double>{1e-6, 1e-3, 1.0}));
    // Every fourth, at multiples of four: 1 is always among them when it is in range.
    EXPECT_EQ(axisTicks({1e-6, 1e6}, Scale::Log, 4), (std::vector<double>{1e-4, 1.0, 1e4}));
    const std::vector<double> many = axisTicks({1e-9, 1e9}, Scale::Log, 6);
    EXPECT_LE(many.size(), 6u);
    EXPECT_NEAR(std::log10(many.front()), -8.0, 1e-12);
    for (const double t : many)
        EXPECT_NEAR(std::fmod(std::log10(t) + 100.0, 4.0), 0.0, 1e-9);
}

TEST(AxisTicksTest, NarrowLogRangesTickAtOneTwoFiveOrEvenSteps)
{
    // Room for more: 2 and 5 between the powers of ten.
    EXPECT_EQ(axisTicks({0.8, 60.0}, Scale::Log, 8), (std::vector<double>{1.0, 2.0, 5.0, 10.0, 20.0, 50.0}));
    // Less than a decade: 1, 2, 5 multiples when three of them fall inside...
    EXPECT_EQ(AxisScale({1.5, 12}, Scale::Log).ticks(6), (std::vector<double>{2, 5, 10}));
    const std::vector<double> narrow = axisTicks({0.15, 3.0}, Scale::Log, 8);
    ASSERT_EQ(narrow.size(), 4u);  // 0.2, 0.5, 1, 2
    EXPECT_NEAR(narrow[0], 0.2, 1e-15);
    EXPECT_NEAR(narrow[3], 2.0, 1e-15);
    // ...else even steps, still placed by the log mapping.
    EXPECT_EQ(AxisScale({0.2, 0.9}, Scale::Log).ticks(4), (std::vector<double>{0.2, 0.4, 0.6, 0.8}));
    // Whichever of the two shows more when the space is tight.
    EXPECT_EQ(axisTicks({0.15, 0.6}, Scale::Log, 2), (std::vector<double>{0.2, 0.5}));
}

TEST(AxisTicksTest, DurationTicksFollowTheClock)
{
    const std::vector<double> ticks = durationTicks({0.0, 3700.0}, 8);
    ASSERT_GE(ticks.size(), 2u);
    EXPECT_DOUBLE_EQ(ticks[1] - ticks[0], 600.0);
    EXPECT_EQ(durationTicks({0.0, 7200.0}, 3), (std::vector<double>{0.0, 3600.0, 7200.0}));
    // Seconds: plain 1-2-5 steps.
    EXPECT_EQ(durationTicks({0.0, 4.0}, 5), (std::vector<double>{0.0, 1.0, 2.0, 3.0, 4.0}));
}

} // namespace
} // namespace tendril::app::plot
