// Sampling scales and uniform draws: every draw lies in the domain, on the grid, with the right
// distribution in its sampling scale.
#include "sampling.hpp"
#include "sampling_rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace tendril::search {
namespace {

constexpr int kDraws = 40000;

TEST(SamplingScale, ContinuousFloatUsesTheRangeItself)
{
    const SamplingScale scale(Param::floatRange("x", -5, 10));
    EXPECT_EQ(scale.low(), -5);
    EXPECT_EQ(scale.high(), 10);
    EXPECT_FALSE(scale.cell());
    EXPECT_FALSE(scale.single());
    EXPECT_EQ(scale.toValue(3.25), Value(3.25));
    EXPECT_TRUE(scale.toValue(3.25).isReal());
    EXPECT_EQ(scale.toValue(11.0), Value(10.0));
    EXPECT_EQ(*scale.toCoordinate(Value(2)), 2.0);
    EXPECT_FALSE(scale.toCoordinate(Value(10.5)));
    EXPECT_FALSE(scale.toCoordinate(Value("ten")));
}

TEST(SamplingScale, LogFloatLivesOnTheLogOfItsValue)
{
    const SamplingScale scale(Param::floatRange("lr", 1e-5, 1, true));
    EXPECT_DOUBLE_EQ(scale.low(), std::log(1e-5));
    EXPECT_DOUBLE_EQ(scale.high(), 0.0);
    EXPECT_NEAR(*scale.toCoordinate(Value(1e-2)), -4.605170185988091, 1e-12);
    EXPECT_NEAR(scale.toValue(std::log(3e-3)).toDouble(), 3e-3, 1e-15);
}

TEST(SamplingScale, IntRangeIsWidenedByHalfAStep)
{
    const SamplingScale scale(Param::intRange("layers", 0, 10));
    EXPECT_EQ(scale.low(), -0.5);
    EXPECT_EQ(scale.high(), 10.5);
    EXPECT_EQ(scale.cell(), 1.0);
    EXPECT_EQ(scale.toValue(10.49), Value(10));
    EXPECT_TRUE(scale.toValue(10.49).isInt());
    EXPECT_EQ(scale.toValue(-0.49), Value(0));
    EXPECT_EQ(scale.toValue(4.4), Value(4));
}

TEST(SamplingScale, StepsEndAtTheLastGridPointBelowHigh)
{
    // 20, 38, ..., 110 is the grid of [20, 115] with step 18: 115 itself is not on it.
    const SamplingScale scale(Param::intRange("width", 20, 115, false, 18));
    EXPECT_EQ(scale.low(), 11);
    EXPECT_EQ(scale.high(), 119);
    EXPECT_EQ(scale.toValue(118.0), Value(110));
    EXPECT_EQ(scale.toValue(40.0), Value(38));
}

TEST(SamplingScale, SteppedFloatsComeOutAsTheirDecimals)
{
    const SamplingScale scale(Param::floatRange("dropout", 0.3, 0.7, false, 0.1));
    EXPECT_DOUBLE_EQ(scale.low(), 0.25);
    EXPECT_DOUBLE_EQ(scale.high(), 0.75);
    EXPECT_EQ(scale.toValue(0.71).asReal(), 0.7);
    EXPECT_EQ(scale.toValue(0.41).asReal(), 0.4);
    EXPECT_EQ(scale.toValue(0.59).asReal(), 0.6);
}

TEST(SamplingScale, LogIntRoundsTheExponential)
{
    const SamplingScale scale(Param::intRange("units", 1, 1000, true));
    EXPECT_DOUBLE_EQ(scale.low(), std::log(0.5));
    EXPECT_DOUBLE_EQ(scale.high(), std::log(1000.5));
    EXPECT_FALSE(scale.cell());
    EXPECT_EQ(scale.toValue(std::log(99.6)), Value(100));
    EXPECT_EQ(scale.toValue(std::log(1000.4)), Value(1000));
}

TEST(SamplingScale, CategoricalsUseTheChoiceIndex)
{
    const SamplingScale scale(Param::categorical("opt", {"sgd", "adam", "rmsprop"}));
    EXPECT_TRUE(scale.categorical());
    EXPECT_EQ(scale.choiceCount(), 3u);
    EXPECT_EQ(*scale.toCoordinate(Value("adam")), 1.0);
    EXPECT_FALSE(scale.toCoordinate(Value("lbfgs")));
    EXPECT_EQ(scale.toValue(2.0), Value("rmsprop"));
}

TEST(SamplingScale, SingleValuedDomainsAreRecognised)
{
    EXPECT_TRUE(SamplingScale(Param::floatRange("x", 2, 2)).single());
    EXPECT_TRUE(SamplingScale(Param::categorical("c", {"only"})).single());
    EXPECT_TRUE(SamplingScale(Param::floatRange("x", 0, 0.05, false, 0.1)).single());
    EXPECT_FALSE(SamplingScale(Param::intRange("n", 1, 2)).single());
}

TEST(GridPoints, CountAndCleanDecimals)
{
    EXPECT_EQ(gridPointCount(0.3, 0.7, 0.1), 5);
    EXPECT_EQ(gridPointCount(0, 1, 0.25), 5);
    EXPECT_EQ(gridPointCount(20, 115, 18), 6);
    EXPECT_EQ(gridPointCount(1, 1, 3), 1);
    const double expected[] = {0.3, 0.4, 0.5, 0.6, 0.7};
    for (int k = 0; k < 5; ++k)
        EXPECT_EQ(gridPoint(0.3, 0.1, k), expected[k]) << k;
    EXPECT_EQ(gridPoint(1e-5, 1e-5, 2), 3e-5);
    EXPECT_EQ(gridPoint(-1, 0.2, 3), -0.4);
}

TEST(SampleUniform, IntsAreWholeInsideTheRangeAndTheEndsAsLikelyAsInnerValues)
{
    const Param param = Param::intRange("n", 0, 4);
    const SamplingScale scale(param);
    SearchRng rng(11);
    std::map<std::int64_t, int> counts;
    for (int i = 0; i < kDraws; ++i) {
        const Value v = sampleUniform(scale, rng);
        ASSERT_TRUE(v.isInt());
        ASSERT_TRUE(param.contains(v)) << v.toString();
        ++counts[v.asInt()];
    }
    ASSERT_EQ(counts.size(), 5u);
    for (const auto& [value, count] : counts)
        EXPECT_NEAR(count, kDraws / 5, 0.05 * kDraws / 5) << value;  // about 7 standard deviations
}

TEST(SampleUniform, SteppedFloatsStayOnTheGrid)
{
    const Param param = Param::floatRange("dropout", 0.3, 0.7, false, 0.1);
    const SamplingScale scale(param);
    SearchRng rng(3);
    std::map<double, int> counts;
    for (int i = 0; i < kDraws; ++i) {
        const Value v = sampleUniform(scale, rng);
        ASSERT_TRUE(v.isReal());
        ++counts[v.asReal()];
    }
    const std::map<double, int>::size_type five = 5;
    ASSERT_EQ(counts.size(), five);
    for (double expected : {0.3, 0.4, 0.5, 0.6, 0.7}) {
        ASSERT_TRUE(counts.count(expected)) << expected;
        EXPECT_NEAR(counts[expected], kDraws / 5, 0.05 * kDraws / 5) << expected;
    }
}

TEST(SampleUniform, LogFloatsAreUniformInTheirLogarithm)
{
    const Param param = Param::floatRange("lr", 1e-6, 1e-2, true);
    const SamplingScale scale(param);
    SearchRng rng(5);
    int perDecade[4] = {0, 0, 0, 0};
    for (int i = 0; i < kDraws; ++i) {
        const Value v = sampleUniform(scale, rng);
        ASSERT_TRUE(param.contains(v)) << v.toString();
        const int decade = static_cast<int>(std::floor(std::log10(v.asReal()) + 6));
        ASSERT_GE(decade, 0);
        ASSERT_LE(decade, 3);
        ++perDecade[decade];
    }
    for (int count : perDecade)
        EXPECT_NEAR(count, kDraws / 4, 0.05 * kDraws / 4);
}

TEST(SampleUniform, CategoricalsAreUniform)
{
    const Param param = Param::categorical("opt", {"sgd", "adam", "rmsprop", true});
    const SamplingScale scale(param);
    SearchRng rng(9);
    std::map<std::size_t, int> counts;
    for (int i = 0; i < kDraws; ++i)
        ++counts[*param.choiceIndex(sampleUniform(scale, rng))];
    ASSERT_EQ(counts.size(), 4u);
    for (const auto& [index, count] : counts)
        EXPECT_NEAR(count, kDraws / 4, 0.05 * kDraws / 4) << index;
}

TEST(SampleUniform, SpaceDrawsFollowTheSpaceOrder)
{
    const SearchSpace space{{Param::categorical("opt", {"a", "b"}), Param::intRange("n", 1, 3),
                             Param::floatRange("lr", 1e-4, 1, true)}};
    SearchRng rng(1);
    const ParamValues values = sampleUniform(space, samplingScales(space), rng);
    ASSERT_EQ(values.size(), 3u);
    EXPECT_EQ(values[0].first, "opt");
    EXPECT_EQ(values[1].first, "n");
    EXPECT_EQ(values[2].first, "lr");
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_TRUE(space.params[i].contains(values[i].second));
}

TEST(SearchRngTest, IsBitExactAndSeedDependent)
{
    // splitmix64 seeding + xoshiro256**: fixed outputs, whatever the standard library.
    SearchRng a(0), b(0), c(1);
    const std::uint64_t first = a.next();
    EXPECT_EQ(first, b.next());
    EXPECT_NE(first, c.next());
    EXPECT_EQ(first, 0x99EC5F36CB75F2B4ull);
    SearchRng p = SearchRng::forProposal(7, 3), q = SearchRng::forProposal(7, 3), r = SearchRng::forProposal(7, 4);
    const std::uint64_t x = p.next();
    EXPECT_EQ(x, q.next());
    EXPECT_NE(x, r.next());
    for (int i = 0; i < 1000; ++i) {
        const double u = a.uniform();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        ASSERT_LT(a.below(7), 7u);
    }
}

} // namespace
} // namespace tendril::search
