// Exact marginals of single trees: the hand-made trees of the reference, and random trees with
// numeric and categorical columns against brute-force enumeration of every cell midpoint.
#include "fixture_trees.hpp"
#include "tendril/engine/fanova.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace tendril::engine {
namespace {

using testing::bruteForceMarginal;
using testing::randomTree;
using testing::stumpTree;
using testing::TreeBuilder;
using testing::treeCellEdges;
using testing::xorTree;

const std::vector<ColumnDomain> kUnitSquare = {{0, 0.0, 1.0}, {0, 0.0, 1.0}};

FanovaResult decomposeOne(const Tree& tree, const std::vector<ColumnDomain>& domains,
                          const FanovaOptions& options)
{
    return Fanova(std::span<const Tree>(&tree, 1), domains).decompose(options);
}

TEST(FanovaExact, OneSplitOnTheFirstColumn)
{
    FanovaOptions options;
    options.pairs = {{0, 1}};
    const FanovaResult r = decomposeOne(stumpTree(0, 0.25, 0.0, 1.0), kUnitSquare, options);
    ASSERT_EQ(r.perTree.size(), 1u);
    EXPECT_NEAR(r.perTree[0].total, 0.1875, 1e-12);
    EXPECT_NEAR(r.perTree[0].singles[0], 0.1875, 1e-12);
    EXPECT_NEAR(r.perTree[0].singles[1], 0.0, 1e-12);
    EXPECT_NEAR(r.perTree[0].pairTotals[0], 0.1875, 1e-12);
    EXPECT_NEAR(r.singles[0].fraction.mean, 1.0, 1e-12);
    EXPECT_NEAR(r.singles[1].fraction.mean, 0.0, 1e-12);
    EXPECT_NEAR(r.pairs[0].pure.fraction.mean, 0.0, 1e-12);
    EXPECT_EQ(r.treesUsed, 1u);
    EXPECT_EQ(r.treesSkipped, 0u);
}

TEST(FanovaExact, XorIsAPureInteraction)
{
    FanovaOptions options;
    options.pairs = {{0, 1}};
    const FanovaResult r = decomposeOne(xorTree(), kUnitSquare, options);
    EXPECT_NEAR(r.perTree[0].total, 0.25, 1e-12);
    EXPECT_NEAR(r.perTree[0].singles[0], 0.0, 1e-12);
    EXPECT_NEAR(r.perTree[0].singles[1], 0.0, 1e-12);
    EXPECT_NEAR(r.perTree[0].pairTotals[0], 0.25, 1e-12);
    EXPECT_NEAR(r.pairs[0].pure.variance.mean, 0.25, 1e-12);
    EXPECT_NEAR(r.pairs[0].pure.fraction.mean, 1.0, 1e-12);
    EXPECT_EQ(r.pairs[0].first, 0);
    EXPECT_EQ(r.pairs[0].second, 1);
}

TEST(FanovaExact, StumpCurveIsTheStepWithThresholdsOnTheLeft)
{
    const Tree tree = stumpTree(0, 0.25, 0.0, 1.0);
    const Fanova fanova(std::span<const Tree>(&tree, 1), kUnitSquare);
    const MarginalCurve curve = fanova.curve(0);
    EXPECT_FALSE(curve.categorical);
    EXPECT_EQ(curve.edges, (std::vector<double>{0.0, 0.25, 1.0}));
    EXPECT_EQ(curve.mean, (std::vector<double>{0.0, 1.0}));
    EXPECT_EQ(curve.meanAt(0.0), 0.0);
    EXPECT_EQ(curve.meanAt(0.25), 0.0);  // x <= threshold goes left
    EXPECT_EQ(curve.meanAt(std::nextafter(0.25, 1.0)), 1.0);
    EXPECT_EQ(curve.meanAt(1.0), 1.0);
    EXPECT_EQ(curve.meanAt(-5.0), 0.0);  // outside the bounds: the nearest cell
    EXPECT_EQ(curve.meanAt(5.0), 1.0);
    // The other column is flat at the tree's mean.
    const MarginalCurve flat = fanova.curve(1);
    EXPECT_EQ(flat.edges, (std::vector<double>{0.0, 1.0}));
    ASSERT_EQ(flat.mean.size(), 1u);
    EXPECT_NEAR(flat.mean[0], 0.75, 1e-15);
}

// A native categorical column with three categories ({0} | {1, 2}, then {1} | {2}) next to a
// numeric one, checked against enumeration and the closed form.
TEST(FanovaExact, NativeCategoricalColumnMatchesEnumeration)
{
    const std::vector<ColumnDomain> domains = {{3, 0.0, 0.0}, {0, -1.0, 1.0}};
    TreeBuilder b;
    const int root = b.categorical(0, {0}, 3);
    const int zero = b.numeric(1, 0.5);
    const int zeroLow = b.leaf(0.0);
    b.setChildren(zero, zeroLow, b.leaf(1.0));
    const int rest = b.categorical(0, {1}, 3);
    const int one = b.leaf(2.0);
    b.setChildren(rest, one, b.leaf(4.0));
    b.setChildren(root, zero, rest);
    const Tree& tree = b.tree();

    FanovaOptions options;
    options.pairs = {{0, 1}};
    const FanovaResult r = decomposeOne(tree, domains, options);
    const auto cat = bruteForceMarginal(tree, domains, {0});
    const auto num = bruteForceMarginal(tree, domains, {1});
    const auto both = bruteForceMarginal(tree, domains, {0, 1});
    EXPECT_NEAR(r.perTree[0].singles[0], cat.variance(), 1e-12);
    EXPECT_NEAR(r.perTree[0].singles[1], num.variance(), 1e-12);
    EXPECT_NEAR(r.perTree[0].pairTotals[0], both.variance(), 1e-12);
    EXPECT_NEAR(r.perTree[0].total, both.variance(), 1e-12);
    // By hand: category means 0.25, 2, 4 (mean 6.25 / 3).
    const double m = 6.25 / 3.0;
    const double catVariance =
        ((0.25 - m) * (0.25 - m) + (2.0 - m) * (2.0 - m) + (4.0 - m) * (4.0 - m)) / 3.0;
    EXPECT_NEAR(r.perTree[0].singles[0], catVariance, 1e-12);

    const Fanova fanova(std::span<const Tree>(&tree, 1), domains);
    const MarginalCurve curve = fanova.curve(0);
    EXPECT_TRUE(curve.categorical);
    EXPECT_TRUE(curve.edges.empty());
    ASSERT_EQ(curve.cells(), 3u);
    EXPECT_NEAR(curve.meanAt(0), 0.25, 1e-15);
    EXPECT_NEAR(curve.meanAt(1), 2.0, 1e-15);
    EXPECT_NEAR(curve.meanAt(2), 4.0, 1e-15);
    EXPECT_THROW(curve.cellAt(3), std::invalid_argument);
    EXPECT_THROW(curve.cellAt(0.5), std::invalid_argument);
}

// Random trees over two numeric columns, a categorical one and a numeric column whose bounds
// coincide, with thresholds on, outside and repeated: every variance for |U| = 1, 2, 3 and 4, the
// curves and the pair tables on the tree's own cells equal brute-force enumeration.
TEST(FanovaExact, RandomTreesMatchBruteForce)
{
    const std::vector<ColumnDomain> domains = {
        {0, 0.0, 1.0}, {0, -2.0, 3.0}, {4, 0.0, 0.0}, {0, 0.5, 0.5}};
    std::mt19937_64 rng(20240611);
    FanovaOptions options;
    options.pairs = allPairs(4);
    FanovaOptions triple;
    triple.groups = {{0, 1, 2}, {3}};
    triple.pairs = {{0, 1}};
    // |U| = 3 through a pair of groups as well as through a single group.
    FanovaOptions grouped;
    grouped.groups = {{0, 2}, {1}, {3}};
    grouped.pairs = {{0, 1}, {0, 2}, {1, 2}};

    const std::vector<std::vector<int>> pairColumns = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
    for (int trial = 0; trial < 25; ++trial) {
        SCOPED_TRACE("random tree " + std::to_string(trial));
        const Tree tree = randomTree(rng, domains, 5);
        const FanovaResult r = decomposeOne(tree, domains, options);
        const FanovaTreeVariances& v = r.perTree[0];
        EXPECT_NEAR(v.total, bruteForceMarginal(tree, domains, {0, 1, 2, 3}).variance(), 1e-12);
        for (int c = 0; c < 4; ++c)
            EXPECT_NEAR(v.singles[static_cast<std::size_t>(c)],
                        bruteForceMarginal(tree, domains, {c}).variance(), 1e-12)
                << "column " << c;
        const FanovaResult t = decomposeOne(tree, domains, triple);
        EXPECT_NEAR(t.perTree[0].singles[0], bruteForceMarginal(tree, domains, {0, 1, 2}).variance(), 1e-12);
        EXPECT_NEAR(t.perTree[0].pairTotals[0], v.total, 1e-12);
        for (std::size_t p = 0; p < pairColumns.size(); ++p)
            EXPECT_NEAR(v.pairTotals[p], bruteForceMarginal(tree, domains, pairColumns[p]).variance(), 1e-12)
                << "pair " << p;

        const FanovaResult g = decomposeOne(tree, domains, grouped);
        EXPECT_NEAR(g.perTree[0].singles[0], bruteForceMarginal(tree, domains, {0, 2}).variance(), 1e-12);
        EXPECT_NEAR(g.perTree[0].pairTotals[0], bruteForceMarginal(tree, domains, {0, 2, 1}).variance(), 1e-12);
        EXPECT_NEAR(g.perTree[0].pairTotals[1], bruteForceMarginal(tree, domains, {0, 2, 3}).variance(), 1e-12);
        EXPECT_NEAR(g.perTree[0].pairTotals[2], bruteForceMarginal(tree, domains, {1, 3}).variance(), 1e-12);

        const Fanova fanova(std::span<const Tree>(&tree, 1), domains);
        for (int c = 0; c < 4; ++c) {
            const auto brute = bruteForceMarginal(tree, domains, {c});
            const MarginalCurve curve = fanova.curve(c);
            ASSERT_EQ(curve.cells(), brute.values.size()) << "column " << c;
            for (std::size_t i = 0; i < brute.values.size(); ++i)
                EXPECT_NEAR(curve.mean[i], brute.values[i], 1e-12) << "column " << c << " cell " << i;
        }
        // Bins equal to the tree's cells reproduce the joint marginal cell by cell.
        MarginalAxis rows{0, treeCellEdges(tree, domains[0], 0), 0};
        MarginalAxis cols{1, treeCellEdges(tree, domains[1], 1), 0};
        const PairMarginalTable table = fanova.pairTable(rows, cols);
        const auto brute = bruteForceMarginal(tree, domains, {0, 1});
        ASSERT_EQ(table.mean.size(), brute.values.size());
        for (std::size_t i = 0; i < brute.values.size(); ++i)
            EXPECT_NEAR(table.mean[i], brute.values[i], 1e-12) << "cell " << i;
        const PairMarginalTable withCategories = fanova.pairTable({2, {}, 0}, cols);
        const auto bruteCategories = bruteForceMarginal(tree, domains, {2, 1});
        ASSERT_EQ(withCategories.rows, 4u);
        for (std::size_t i = 0; i < bruteCategories.values.size(); ++i)
            EXPECT_NEAR(withCategories.mean[i], bruteCategories.values[i], 1e-12) << "cell " << i;
    }
}

// Display bins average the step function over their rectangle: a bin straddling the threshold of
// the stump holds the area-weighted mean of both sides.
TEST(FanovaExact, TableBinsAverageTheMarginal)
{
    const Tree tree = stumpTree(0, 0.25, 0.0, 1.0);
    const Fanova fanova(std::span<const Tree>(&tree, 1), kUnitSquare);
    const PairMarginalTable table = fanova.pairTable({0, {}, 2}, {1, {}, 3});
    EXPECT_EQ(table.rows, 2u);
    EXPECT_EQ(table.cols, 3u);
    EXPECT_EQ(table.rowEdges, (std::vector<double>{0.0, 0.5, 1.0}));
    for (std::size_t c = 0; c < 3; ++c) {
        EXPECT_NEAR(table.meanAt(0, c), 0.5, 1e-15);  // [0, 0.5]: half at 0, half at 1
        EXPECT_NEAR(table.meanAt(1, c), 1.0, 1e-15);
        EXPECT_EQ(table.stdAt(0, c), 0.0);
    }
}

// A numeric column whose bounds coincide is a point: a split sends it to one side only.
TEST(FanovaExact, ColumnWithEqualBoundsIsAPoint)
{
    const std::vector<ColumnDomain> domains = {{0, 0.3, 0.3}, {0, 0.0, 1.0}};
    TreeBuilder b;
    const int root = b.numeric(0, 0.3);  // 0.3 <= 0.3: everything goes left
    const int left = b.numeric(1, 0.5);
    const int ll = b.leaf(1.0);
    b.setChildren(left, ll, b.leaf(3.0));
    b.setChildren(root, left, b.leaf(100.0));
    const Tree& tree = b.tree();
    const FanovaResult r = decomposeOne(tree, domains, {});
    EXPECT_NEAR(r.perTree[0].total, 1.0, 1e-12);
    EXPECT_NEAR(r.perTree[0].singles[0], 0.0, 1e-12);
    EXPECT_NEAR(r.perTree[0].singles[1], 1.0, 1e-12);
    const MarginalCurve curve = Fanova(std::span<const Tree>(&tree, 1), domains).curve(0);
    EXPECT_EQ(curve.edges, (std::vector<double>{0.3, 0.3}));
    ASSERT_EQ(curve.cells(), 1u);
    EXPECT_NEAR(curve.mean[0], 2.0, 1e-15);
}

} // namespace
} // namespace tendril::engine
