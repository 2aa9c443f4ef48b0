// Binning of the overview's histograms: round edges, log bins for values spanning decades, whole
// numbers in whole-number bins, and NaN and ±inf left out and counted.
#include "views/overview/histogram_bins.hpp"
#include "views/overview/overview_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tendril::app::overview {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::nan("");

// Every finite value lands in a bin whose edges hold it.
void expectEveryValueBinned(const HistogramBins& bins, const std::vector<double>& values)
{
    for (const double v : values) {
        if (!std::isfinite(v))
            continue;
        const int bin = bins.binOf(v);
        ASSERT_GE(bin, 0) << v;
        ASSERT_LT(bin, bins.count()) << v;
        EXPECT_LE(bins.edge(bin), v);
        if (bin == bins.count() - 1)
            EXPECT_LE(v, bins.edge(bin + 1));
        else
            EXPECT_LT(v, bins.edge(bin + 1));
    }
}

TEST(NiceStepTest, PicksTheNearestRoundStep)
{
    EXPECT_DOUBLE_EQ(niceStep(0.031), 0.025);
    EXPECT_DOUBLE_EQ(niceStep(0.0041), 0.005);
    EXPECT_DOUBLE_EQ(niceStep(1.1), 1.0);
    EXPECT_DOUBLE_EQ(niceStep(160), 200);
    EXPECT_DOUBLE_EQ(niceStep(7.5), 10);
    EXPECT_DOUBLE_EQ(niceStep(2.4, true), 2);     // 2.5 would split integers unevenly
    EXPECT_DOUBLE_EQ(niceStep(0.3, true), 1);     // never below one whole number
    EXPECT_DOUBLE_EQ(niceStep(0.0), 1.0);
}

TEST(HistogramBinsTest, LinearBinsHaveRoundEdgesAndCoverTheValues)
{
    const std::vector<double> values = {0.1256, 0.839, 0.5, 0.77, 0.3333};
    const HistogramBins bins = HistogramBins::fit(values);
    EXPECT_EQ(bins.scale(), plot::Scale::Linear);
    // (0.839 - 0.1256) / 24 = 0.0297 -> step 0.025; 0.125 .. 0.85 in 29 bins.
    EXPECT_EQ(bins.count(), 29);
    EXPECT_DOUBLE_EQ(bins.low(), 0.125);
    EXPECT_DOUBLE_EQ(bins.high(), 0.85);
    EXPECT_DOUBLE_EQ(bins.edge(1) - bins.edge(0), 0.025);
    expectEveryValueBinned(bins, values);
    EXPECT_EQ(binRangeText(bins, 0), QStringLiteral("0.125 – 0.15"));
}

TEST(HistogramBinsTest, BinsAreHalfOpenAndTheLastIsClosed)
{
    const HistogramBins bins(plot::Scale::Linear, 0.0, 0.5, 4);  // 0, 0.5, 1, 1.5, 2
    EXPECT_EQ(bins.binOf(0.0), 0);
    EXPECT_EQ(bins.binOf(0.4999), 0);
    EXPECT_EQ(bins.binOf(0.5), 1);
    EXPECT_EQ(bins.binOf(1.5), 3);
    EXPECT_EQ(bins.binOf(2.0), 3);
    EXPECT_EQ(bins.binOf(-0.0001), -1);
    EXPECT_EQ(bins.binOf(2.0001), -1);
    EXPECT_EQ(bins.binOf(kNaN), -1);
    EXPECT_EQ(bins.binOf(kInf), -1);
    EXPECT_EQ(bins.binOf(-kInf), -1);
}

TEST(HistogramBinsTest, EdgesDecideNotTheDivision)
{
    // 0.3 / 0.1 is 2.9999999999999996 in doubles: the value on an edge still goes to the bin above.
    const HistogramBins bins(plot::Scale::Linear, 0.0, 0.1, 10);
    for (int i = 1; i < 10; ++i) {
        const double edge = bins.edge(i);
        EXPECT_EQ(bins.binOf(edge), i) << edge;
        EXPECT_EQ(bins.binOf(std::nextafter(edge, -kInf)), i - 1) << edge;
    }
}

TEST(HistogramBinsTest, PositiveValuesSpanningDecadesGetLogBins)
{
    const std::vector<double> values = {0.011, 0.2, 1.5, 12.0, 41.095};
    const HistogramBins bins = HistogramBins::fit(values);
    ASSERT_EQ(bins.scale(), plot::Scale::Log);
    // log10 span 3.57 / 24 = 0.149 -> step 0.2 of a decade; from 10^-2 to 10^1.8.
    EXPECT_NEAR(std::log10(bins.edge(1)) - std::log10(bins.edge(0)), 0.2, 1e-12);
    EXPECT_NEAR(bins.low(), 0.01, 1e-15);
    EXPECT_LE(bins.low(), 0.011);
    EXPECT_GE(bins.high(), 41.095);
    EXPECT_EQ(bins.count(), 19);
    expectEveryValueBinned(bins, values);
    EXPECT_EQ(bins.binOf(0.0), -1);
    EXPECT_EQ(bins.binOf(-3.0), -1);
}

TEST(HistogramBinsTest, NarrowOrNonPositiveRangesStayLinear)
{
    EXPECT_EQ(HistogramBins::fit({1.0, 99.0}).scale(), plot::Scale::Linear);  // under two decades
    EXPECT_EQ(HistogramBins::fit({1.0, 100.0}).scale(), plot::Scale::Log);
    EXPECT_EQ(HistogramBins::fit({0.0, 0.001, 1000.0}).scale(), plot::Scale::Linear);  // a zero has no log
    EXPECT_EQ(HistogramBins::fit({-5.0, 0.001, 1000.0}).scale(), plot::Scale::Linear);
}

TEST(HistogramBinsTest, WholeNumbersGetBinsCentredOnThem)
{
    const std::vector<double> epochs = {3, 5, 9, 27, 27, 12};
    const HistogramBins bins = HistogramBins::fit(epochs);
    EXPECT_EQ(bins.scale(), plot::Scale::Linear);
    EXPECT_DOUBLE_EQ(bins.low(), 2.5);
    EXPECT_EQ(bins.count(), 25);  // 3 .. 27, one bin each
    EXPECT_EQ(bins.binOf(27), 24);
    EXPECT_EQ(binRangeText(bins, 0), QStringLiteral("3"));
    expectEveryValueBinned(bins, epochs);

    // A wide integer range: steps of whole numbers, each bin holding as many integers.
    const HistogramBins wide = HistogramBins::fit({0, 37, 120, 250});
    const double step = wide.edge(1) - wide.edge(0);
    EXPECT_DOUBLE_EQ(step, 10);
    EXPECT_DOUBLE_EQ(wide.low(), -0.5);
    EXPECT_EQ(binRangeText(wide, 1), QStringLiteral("10 – 19"));
}

TEST(HistogramBinsTest, OneValueMakesOneBarAroundIt)
{
    const HistogramBins constant = HistogramBins::fit({0.75, 0.75, kNaN});
    ASSERT_EQ(constant.count(), 1);
    EXPECT_LT(constant.low(), 0.75);
    EXPECT_GT(constant.high(), 0.75);
    EXPECT_EQ(constant.binOf(0.75), 0);

    const HistogramBins zero = HistogramBins::fit({0.0});
    ASSERT_EQ(zero.count(), 1);
    EXPECT_EQ(zero.binOf(0.0), 0);
}

TEST(HistogramBinsTest, NoFiniteValueMeansNoBins)
{
    const HistogramBins bins = HistogramBins::fit({kNaN, kInf, -kInf});
    EXPECT_TRUE(bins.empty());
    EXPECT_EQ(bins.binOf(0.0), -1);
    EXPECT_TRUE(HistogramBins::fit({}).empty());
}

TEST(HistogramBinsTest, InfinitiesDoNotStretchTheBins)
{
    const std::vector<double> values = {0.2, 0.4, kInf, -kInf, kNaN, 0.3};
    const HistogramBins bins = HistogramBins::fit(values);
    EXPECT_GE(bins.low(), 0.1);
    EXPECT_LE(bins.high(), 0.5);
    expectEveryValueBinned(bins, values);
}

TEST(ExcludedValuesTest, CountsEachKindOfNonFiniteValue)
{
    ExcludedValues excluded;
    for (const double v : {kNaN, 1.0, kInf, kNaN, -kInf, kInf, 0.0})
        excluded.count(v);
    EXPECT_EQ(excluded.nan, 2u);
    EXPECT_EQ(excluded.positiveInfinity, 2u);
    EXPECT_EQ(excluded.negativeInfinity, 1u);
    EXPECT_EQ(excluded.total(), 5u);
    EXPECT_EQ(excludedText(excluded), QStringLiteral("2 NaN · 2 +∞ · 1 −∞"));
    EXPECT_EQ(excludedText(ExcludedValues{}), QString());
}

TEST(OverviewTextTest, CountsAreGroupedWhateverTheLocale)
{
    EXPECT_EQ(formatCount(1234), QStringLiteral("1,234"));
    EXPECT_EQ(formatCount(5000000), QStringLiteral("5,000,000"));
    EXPECT_EQ(formatCount(7), QStringLiteral("7"));
}

} // namespace
} // namespace tendril::app::overview
