// The golden scikit-learn trees with the variances and marginal curves Optuna's own tree code
// computed for them: every number must be reproduced to about 1e-12.
#include "fixture_trees.hpp"
#include "tendril/engine/fanova.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace tendril::engine {
namespace {

using testing::GoldenFixture;
using testing::loadGoldenFixture;

constexpr double kRelative = 1e-12;

::testing::AssertionResult closeTo(double actual, double expected)
{
    const double tolerance = kRelative * std::max(std::abs(expected), 1e-3);
    if (std::abs(actual - expected) <= tolerance)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << actual << " differs from " << expected << " by "
                                         << std::abs(actual - expected);
}

void checkVariances(const std::string& name)
{
    const GoldenFixture fixture = loadGoldenFixture(name);
    std::vector<Tree> trees;
    for (const auto& golden : fixture.trees)
        trees.push_back(golden.tree);
    const Fanova fanova(trees, fixture.domains);
    FanovaOptions options;
    options.groups = fixture.groups;
    options.pairs = allPairs(fixture.groups.size());
    const FanovaResult result = fanova.decompose(options);

    ASSERT_EQ(result.perTree.size(), fixture.trees.size());
    std::size_t checked = 0;
    for (std::size_t t = 0; t < fixture.trees.size(); ++t) {
        SCOPED_TRACE(name + " tree " + std::to_string(t));
        const auto& golden = fixture.trees[t];
        const FanovaTreeVariances& tree = result.perTree[t];
        EXPECT_TRUE(closeTo(tree.total, golden.totalVariance));
        for (std::size_t g = 0; g < fixture.groups.size(); ++g) {
            EXPECT_TRUE(closeTo(tree.singles[g], golden.marginalVariance.at(std::to_string(g))))
                << "group " << g;
            ++checked;
        }
        for (std::size_t p = 0; p < options.pairs.size(); ++p) {
            const auto [a, b] = options.pairs[p];
            const std::string key = std::to_string(a) + "," + std::to_string(b);
            EXPECT_TRUE(closeTo(tree.pairTotals[p], golden.marginalVariance.at(key))) << "pair " << key;
            ++checked;
        }
    }
    // Every value of the fixture was compared.
    std::size_t expected = 0;
    for (const auto& golden : fixture.trees)
        expected += golden.marginalVariance.size();
    EXPECT_EQ(checked, expected);
}

void checkCurves(const std::string& name)
{
    const GoldenFixture fixture = loadGoldenFixture(name);
    std::size_t points = 0;
    for (std::size_t t = 0; t < fixture.trees.size(); ++t) {
        const auto& golden = fixture.trees[t];
        const Fanova fanova(std::span<const Tree>(&golden.tree, 1), fixture.domains);
        ASSERT_FALSE(golden.curves.empty());
        for (const auto& [column, curve] : golden.curves) {
            const MarginalCurve marginal = fanova.curve(column);
            for (std::size_t i = 0; i < curve.x.size(); ++i) {
                EXPECT_TRUE(closeTo(marginal.meanAt(curve.x[i]), curve.a[i]))
                    << name << " tree " << t << " column " << column << " x = " << curve.x[i];
                // One tree: no spread.
                EXPECT_EQ(marginal.stdAt(curve.x[i]), 0.0);
                ++points;
            }
        }
    }
    EXPECT_GE(points, 4u * 7u);
}

TEST(FanovaGolden, IshigamiVariances) { checkVariances("ishigami_3d"); }
TEST(FanovaGolden, IshigamiCurves) { checkCurves("ishigami_3d"); }

// Three one-hot columns form one group: its marginal lives on a 2 x 2 x 2 grid, and the pair with
// the numeric column on a four-dimensional one.
TEST(FanovaGolden, OneHotGroupVariances) { checkVariances("onehot_cat3_plus_x"); }
TEST(FanovaGolden, OneHotGroupCurves) { checkCurves("onehot_cat3_plus_x"); }

TEST(FanovaGolden, RawLearningRateVariances) { checkVariances("raw_lr_step_plus_x"); }
TEST(FanovaGolden, RawLearningRateCurves) { checkCurves("raw_lr_step_plus_x"); }

// The forest-level importances are the per-tree ratios averaged: recomputed here from the fixture's
// own numbers.
TEST(FanovaGolden, ForestImportancesAverageTheTreeRatios)
{
    const GoldenFixture fixture = loadGoldenFixture("ishigami_3d");
    std::vector<Tree> trees;
    for (const auto& golden : fixture.trees)
        trees.push_back(golden.tree);
    FanovaOptions options;
    options.pairs = allPairs(3);
    const FanovaResult result = Fanova(trees, fixture.domains).decompose(options);
    ASSERT_EQ(result.treesUsed, 4u);
    for (std::size_t g = 0; g < 3; ++g) {
        double sum = 0.0;
        for (const auto& golden : fixture.trees)
            sum += golden.marginalVariance.at(std::to_string(g)) / golden.totalVariance;
        EXPECT_TRUE(closeTo(result.singles[g].fraction.mean, sum / 4.0)) << "group " << g;
    }
    for (std::size_t p = 0; p < 3; ++p) {
        const auto [a, b] = options.pairs[p];
        double sum = 0.0;
        for (const auto& golden : fixture.trees) {
            const auto& v = golden.marginalVariance;
            const double pure = v.at(std::to_string(a) + "," + std::to_string(b)) -
                                v.at(std::to_string(a)) - v.at(std::to_string(b));
            sum += std::max(0.0, pure) / golden.totalVariance;
        }
        EXPECT_NEAR(result.pairs[p].pure.fraction.mean, sum / 4.0, 1e-11) << "pair " << p;
    }
}

} // namespace
} // namespace tendril::engine
