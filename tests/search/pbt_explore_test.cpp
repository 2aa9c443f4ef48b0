// PBT's explore step: moves in each parameter's sampling scale, kept inside the space.
#include "pbt_explore.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::search {
namespace {

Value moved(const Param& param, const Value& value, bool increase, ExploreOptions options = {})
{
    return perturbValue(param, SamplingScale(param), value, increase, options);
}

TEST(PbtExplore, LogParametersAreMultipliedByTheFactor)
{
    const Param lr = Param::floatRange("lr", 1e-5, 1.0, true);
    EXPECT_NEAR(moved(lr, Value(1e-3), true).toDouble(), 1.2e-3, 1e-15);
    EXPECT_NEAR(moved(lr, Value(1e-3), false).toDouble(), 0.8e-3, 1e-15);
    // The same relative move at the other end of the range: no drift towards small values.
    EXPECT_NEAR(moved(lr, Value(0.5), true).toDouble(), 0.6, 1e-12);
    EXPECT_EQ(moved(lr, Value(0.9), true), Value(1.0));  // clipped to the space
    EXPECT_NEAR(moved(lr, Value(1.1e-5), false).toDouble(), 1e-5, 1e-18);
}

TEST(PbtExplore, LinearParametersMoveByAShareOfTheirRange)
{
    const Param dropout = Param::floatRange("dropout", 0.0, 0.5);
    // ±10 % of the range wherever the value is, even at zero, where multiplying would not move it.
    EXPECT_NEAR(moved(dropout, Value(0.0), true).toDouble(), 0.05, 1e-15);
    EXPECT_NEAR(moved(dropout, Value(0.3), false).toDouble(), 0.25, 1e-15);
    EXPECT_EQ(moved(dropout, Value(0.0), false), Value(0.0));
    const Param shift = Param::floatRange("shift", -10.0, 10.0);
    // A negative value moves up for an increase (multiplying by 1.2 would move it down).
    EXPECT_NEAR(moved(shift, Value(-5.0), true).toDouble(), -3.0, 1e-12);
    EXPECT_EQ(moved(shift, Value(9.5), true), Value(10.0));
}

TEST(PbtExplore, WholeNumbersAndGridsMoveAtLeastOnePoint)
{
    const Param layers = Param::intRange("layers", 1, 4);
    EXPECT_EQ(moved(layers, Value(std::int64_t{2}), true), Value(std::int64_t{3}));
    EXPECT_EQ(moved(layers, Value(std::int64_t{2}), false), Value(std::int64_t{1}));
    EXPECT_EQ(moved(layers, Value(std::int64_t{4}), true), Value(std::int64_t{4}));
    const Param units = Param::intRange("units", 16, 1024, true);
    EXPECT_EQ(moved(units, Value(std::int64_t{100}), true), Value(std::int64_t{120}));
    EXPECT_EQ(moved(units, Value(std::int64_t{16}), true), Value(std::int64_t{19}));
    const Param depth = Param::intRange("depth", 20, 110, false, 18);
    EXPECT_EQ(moved(depth, Value(std::int64_t{56}), true), Value(std::int64_t{74}));
    EXPECT_EQ(moved(depth, Value(std::int64_t{56}), false), Value(std::int64_t{38}));
    const Param rate = Param::floatRange("rate", 0.3, 0.7, false, 0.1);
    EXPECT_EQ(moved(rate, Value(0.5), true), Value(0.6));
}

TEST(PbtExplore, CategoricalsMoveOnePosition)
{
    const Param act = Param::categorical("act", {"relu", "tanh", "gelu"});
    EXPECT_EQ(moved(act, Value("tanh"), true), Value("gelu"));
    EXPECT_EQ(moved(act, Value("tanh"), false), Value("relu"));
    // From an end the move goes back inwards rather than standing still.
    EXPECT_EQ(moved(act, Value("gelu"), true), Value("tanh"));
    EXPECT_EQ(moved(act, Value("relu"), false), Value("tanh"));
    const Param single = Param::categorical("opt", {"adam"});
    EXPECT_EQ(moved(single, Value("adam"), true), Value("adam"));
}

TEST(PbtExplore, ExploreResamplesWithTheGivenProbabilityAndStaysInTheSpace)
{
    SearchSpace space;
    space.params = {Param::floatRange("lr", 1e-4, 1.0, true), Param::intRange("layers", 1, 8),
                    Param::categorical("act", {"relu", "tanh", "gelu"}), Param::floatRange("wd", 0.0, 0.1)};
    const std::vector<SamplingScale> scales = samplingScales(space);
    const ParamValues start = {{"lr", Value(0.01)}, {"layers", Value(std::int64_t{4})}, {"act", Value("tanh")},
                               {"wd", Value(0.05)}};
    int perturbed = 0, total = 0;
    for (std::uint64_t i = 0; i < 2000; ++i) {
        SearchRng rng = SearchRng::forProposal(17, i);
        const ParamValues explored = explore(start, space, scales, {}, rng);
        ASSERT_EQ(explored.size(), 4u);
        for (std::size_t p = 0; p < 4; ++p) {
            EXPECT_EQ(explored[p].first, space.params[p].name);
            EXPECT_TRUE(space.params[p].contains(explored[p].second)) << explored[p].second.toString();
        }
        const double ratio = explored[0].second.toDouble() / 0.01;
        perturbed += std::fabs(ratio - 1.2) < 1e-9 || std::fabs(ratio - 0.8) < 1e-9 ? 1 : 0;
        ++total;
    }
    // Resampled with probability 0.25: a resample lands exactly on 0.012 or 0.008 almost never.
    EXPECT_NEAR(perturbed, 0.75 * total, 4.0 * std::sqrt(total * 0.75 * 0.25));
    // A value no longer in the space is resampled.
    SearchRng rng = SearchRng::forProposal(1, 1);
    const ParamValues outside = explore({{"lr", Value(5.0)}}, space, scales, {}, rng);
    for (std::size_t p = 0; p < 4; ++p)
        EXPECT_TRUE(space.params[p].contains(outside[p].second));
}

TEST(PbtExplore, FixedParametersAreCopiedUnchanged)
{
    SearchSpace space;
    space.params = {Param::floatRange("lr", 1e-4, 1.0, true), Param::intRange("layers", 1, 8),
                    Param::categorical("act", {"relu", "tanh", "gelu"})};
    const std::vector<SamplingScale> scales = samplingScales(space);
    const ParamValues start = {{"lr", Value(0.01)}, {"layers", Value(std::int64_t{4})}, {"act", Value("tanh")}};
    ExploreOptions options;
    options.fixedParams = {"layers", "act"};
    options.resampleProbability = 0.5;
    int lrChanged = 0;
    for (std::uint64_t i = 0; i < 500; ++i) {
        SearchRng rng = SearchRng::forProposal(3, i);
        const ParamValues explored = explore(start, space, scales, options, rng);
        EXPECT_EQ(explored[1].second, Value(std::int64_t{4}));
        EXPECT_EQ(explored[2].second, Value("tanh"));
        lrChanged += explored[0].second == Value(0.01) ? 0 : 1;
    }
    // The other parameters still move.
    EXPECT_GT(lrChanged, 450);
    // A fixed value that left the space is drawn again: there is nothing valid to copy.
    SearchRng rng = SearchRng::forProposal(3, 9);
    const ParamValues outside =
        explore({{"lr", Value(0.01)}, {"layers", Value(std::int64_t{20})}, {"act", Value("tanh")}}, space, scales, options, rng);
    EXPECT_TRUE(space.params[1].contains(outside[1].second));
}

} // namespace
} // namespace tendril::search
