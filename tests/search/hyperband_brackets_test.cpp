// Hyperband's bracket tables, as the paper defines them, for several (R, η).
#include "hyperband_brackets.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace tendril::search {
namespace {

using Table = std::vector<std::vector<std::pair<std::int64_t, double>>>;  // per bracket: (configurations, resource)

Table tableOf(double maxResource, double minResource, std::int64_t eta)
{
    Table table;
    for (const BracketPlan& plan : hyperbandRound(maxResource, minResource, eta)) {
        std::vector<std::pair<std::int64_t, double>> row;
        for (const BracketStage& stage : bracketStages(plan, plan.configurations, eta))
            row.emplace_back(stage.configurations, stage.resource);
        table.push_back(row);
    }
    return table;
}

TEST(HyperbandBrackets, PaperTableForR81Eta3)
{
    const Table expected = {
        {{81, 1}, {27, 3}, {9, 9}, {3, 27}, {1, 81}},
        {{34, 3}, {11, 9}, {3, 27}, {1, 81}},
        {{15, 9}, {5, 27}, {1, 81}},
        {{8, 27}, {2, 81}},
        {{5, 81}},
    };
    EXPECT_EQ(tableOf(81, 1, 3), expected);
    const std::vector<BracketPlan> round = hyperbandRound(81, 1, 3);
    ASSERT_EQ(round.size(), 5u);
    for (std::size_t i = 0; i < round.size(); ++i)
        EXPECT_EQ(round[i].bracket, 4 - static_cast<std::int64_t>(i));
}

TEST(HyperbandBrackets, TableForR27Eta3StartsFortyNineConfigurations)
{
    const Table expected = {
        {{27, 1}, {9, 3}, {3, 9}, {1, 27}},
        {{12, 3}, {4, 9}, {1, 27}},
        {{6, 9}, {2, 27}},
        {{4, 27}},
    };
    EXPECT_EQ(tableOf(27, 1, 3), expected);
    std::int64_t total = 0;
    for (const BracketPlan& plan : hyperbandRound(27, 1, 3))
        total += plan.configurations;
    EXPECT_EQ(total, 49);
}

TEST(HyperbandBrackets, TableForR16Eta2)
{
    // s_max = 4, B/R = 5: n = ⌈5·2^s/(s+1)⌉ = 16, 10, 7, 5, 5.
    const Table expected = {
        {{16, 1}, {8, 2}, {4, 4}, {2, 8}, {1, 16}},
        {{10, 2}, {5, 4}, {2, 8}, {1, 16}},
        {{7, 4}, {3, 8}, {1, 16}},
        {{5, 8}, {2, 16}},
        {{5, 16}},
    };
    EXPECT_EQ(tableOf(16, 1, 2), expected);
}

TEST(HyperbandBrackets, ResourcesAreInTheCallersUnit)
{
    // R counts minimum resources: 810 epochs with a minimum of 10 is the R = 81 table, times 10.
    const Table table = tableOf(810, 10, 3);
    ASSERT_EQ(table.size(), 5u);
    EXPECT_EQ(table[1], (std::vector<std::pair<std::int64_t, double>>{{34, 30}, {11, 90}, {3, 270}, {1, 810}}));
}

TEST(HyperbandBrackets, RatioThatIsNotAPowerKeepsThePapersFractionalResources)
{
    const std::vector<BracketPlan> round = hyperbandRound(100, 1, 3);
    ASSERT_EQ(round.size(), 5u);  // ⌊log_3 100⌋ = 4
    EXPECT_DOUBLE_EQ(round[0].resources.front(), 100.0 / 81.0);
    EXPECT_DOUBLE_EQ(round[0].resources.back(), 100.0);
    EXPECT_EQ(round[0].configurations, 81);
}

TEST(HyperbandBrackets, MaxBracketIsExactWhereFloatingPointLogIsNot)
{
    // log(243) / log(3) is 4.999999999999999 in floating point; the bracket count must not drop.
    EXPECT_EQ(hyperbandMaxBracket(243, 1, 3), 5);
    EXPECT_EQ(hyperbandMaxBracket(242, 1, 3), 4);
    EXPECT_EQ(hyperbandMaxBracket(0.81, 0.01, 3), 4);
    EXPECT_EQ(hyperbandMaxBracket(1, 1, 3), 0);
    EXPECT_EQ(hyperbandMaxBracket(1, 2, 3), -1);
}

TEST(HyperbandBrackets, TruncatedBracketShrinksItsStages)
{
    const BracketPlan plan = hyperbandRound(81, 1, 3).front();
    const std::vector<BracketStage> stages = bracketStages(plan, 11, 3);
    ASSERT_EQ(stages.size(), 3u);  // 11 @ 1, 3 @ 3, 1 @ 9: nothing is left for 27
    EXPECT_EQ(stages[0].configurations, 11);
    EXPECT_EQ(stages[1].configurations, 3);
    EXPECT_EQ(stages[2].configurations, 1);
    EXPECT_EQ(stages[2].resource, 9.0);
}

TEST(HyperbandBrackets, SuccessiveHalvingBracketFollowsTheRungs)
{
    const BracketPlan full = successiveHalvingBracket(81, 1, 3, 0);
    EXPECT_EQ(full.resources, (std::vector<double>{1, 3, 9, 27, 81}));
    EXPECT_EQ(full.configurations, 81);
    const BracketPlan later = successiveHalvingBracket(81, 1, 3, 1);
    EXPECT_EQ(later.resources, (std::vector<double>{3, 9, 27, 81}));
    EXPECT_EQ(later.configurations, 27);
    // Rungs stop at the last one within the maximum.
    EXPECT_EQ(successiveHalvingBracket(100, 1, 4, 0).resources, (std::vector<double>{1, 4, 16, 64}));
    EXPECT_TRUE(successiveHalvingBracket(2, 3, 3, 0).resources.empty());
}

} // namespace
} // namespace tendril::search
