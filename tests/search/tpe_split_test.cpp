// How TPE splits its observations into below and above (Optuna 3.x's _split_observation_pairs).
#include "tpe_observations.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::search {
namespace {

TpeObservation complete(std::int64_t order, double value, Direction direction = Direction::Minimize)
{
    return *makeObservation(order, {}, TrialState::Complete, value, std::nullopt, direction);
}

TpeObservation pruned(std::int64_t order, std::optional<DeepestReport> deepest)
{
    return *makeObservation(order, {}, TrialState::Pruned, std::nullopt, deepest, Direction::Minimize);
}

TEST(TpeGamma, IsTenPercentRoundedUpCappedAtTwentyFive)
{
    EXPECT_EQ(tpeGamma(0), 0u);
    EXPECT_EQ(tpeGamma(1), 1u);
    EXPECT_EQ(tpeGamma(10), 1u);
    EXPECT_EQ(tpeGamma(11), 2u);
    EXPECT_EQ(tpeGamma(30), 3u);
    EXPECT_EQ(tpeGamma(100), 10u);
    EXPECT_EQ(tpeGamma(241), 25u);
    EXPECT_EQ(tpeGamma(1000), 25u);
}

TEST(TpeSplitTest, TheBestGoBelowAndBothSidesStayChronological)
{
    std::vector<TpeObservation> observations;
    const double values[] = {5, 1, 4, 0.5, 3, 2, 9, 8, 7, 6, 10, 0.7};
    for (std::int64_t i = 0; i < 12; ++i)
        observations.push_back(complete(i, values[i]));
    const TpeSplit split = splitObservations(observations, tpeGamma(12));
    EXPECT_EQ(split.below, (std::vector<std::size_t>{3, 11}));
    ASSERT_EQ(split.above.size(), 10u);
    EXPECT_EQ(split.above.front(), 0u);
    EXPECT_EQ(split.above.back(), 10u);
}

TEST(TpeSplitTest, MaximisationRanksLargeValuesFirst)
{
    std::vector<TpeObservation> observations;
    for (std::int64_t i = 0; i < 10; ++i)
        observations.push_back(complete(i, static_cast<double>(i), Direction::Maximize));
    const TpeSplit split = splitObservations(observations, 3);
    EXPECT_EQ(split.below, (std::vector<std::size_t>{7, 8, 9}));
}

TEST(TpeSplitTest, PrunedTrialsFillBelowAfterCompleteOnesDeeperFirst)
{
    std::vector<TpeObservation> observations = {
        pruned(0, DeepestReport{3, 0.01}),    // shallow but very good
        complete(1, 0.9),
        pruned(2, DeepestReport{9, 0.5}),     // deepest pruned
        pruned(3, std::nullopt),              // pruned before reporting anything: last
        pruned(4, DeepestReport{9, 0.4}),     // as deep, better
        pruned(5, DeepestReport{9, std::nan("")}),
    };
    const TpeSplit two = splitObservations(observations, 2);
    EXPECT_EQ(two.below, (std::vector<std::size_t>{1, 4}));
    const TpeSplit four = splitObservations(observations, 4);
    EXPECT_EQ(four.below, (std::vector<std::size_t>{1, 2, 4, 5}));  // NaN ranks last at its depth
    const TpeSplit five = splitObservations(observations, 5);
    EXPECT_EQ(five.above, (std::vector<std::size_t>{3}));
}

TEST(TpeObservationTest, FailedAndNanTrialsTeachNothing)
{
    EXPECT_FALSE(makeObservation(0, {}, TrialState::Failed, 1.0, std::nullopt, Direction::Minimize));
    EXPECT_FALSE(makeObservation(0, {}, TrialState::Complete, std::nan(""), std::nullopt, Direction::Minimize));
    EXPECT_FALSE(makeObservation(0, {}, TrialState::Complete, std::nullopt, std::nullopt, Direction::Minimize));
    const TpeObservation max = complete(0, 2.0, Direction::Maximize);
    EXPECT_EQ(max.loss, -2.0);
    EXPECT_EQ(max.depth, -INFINITY);
}

} // namespace
} // namespace tendril::search
