// fANOVA over forests: statistics over trees, skipped trees, clipping, thread independence,
// cancellation and progress, clamping, and the errors of bad input.
#include "fixture_trees.hpp"
#include "tendril/engine/fanova.hpp"
#include "tendril/engine/forest.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <mutex>
#include <random>

namespace tendril::engine {
namespace {

using testing::randomTree;
using testing::stumpTree;
using testing::TreeBuilder;
using testing::xorTree;

const std::vector<ColumnDomain> kUnitSquare = {{0, 0.0, 1.0}, {0, 0.0, 1.0}};
const std::vector<ColumnDomain> kMixed = {{0, 0.0, 1.0}, {0, -2.0, 3.0}, {5, 0.0, 0.0}, {0, 0.0, 10.0}};

Tree constantTree(double value)
{
    TreeBuilder b;
    const int root = b.numeric(0, 0.5);
    const int left = b.leaf(value);
    b.setChildren(root, left, b.leaf(value));
    return b.tree();
}

std::vector<Tree> randomForest(std::uint64_t seed, int trees, const std::vector<ColumnDomain>& domains)
{
    std::mt19937_64 rng(seed);
    std::vector<Tree> forest;
    for (int t = 0; t < trees; ++t)
        forest.push_back(randomTree(rng, domains, 7));
    return forest;
}

template <class F>
std::string errorOf(F&& f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no std::invalid_argument";
}

TEST(FanovaForest, AveragesOverTreesAndSkipsConstantOnes)
{
    const std::vector<Tree> trees = {xorTree(), constantTree(2.0), stumpTree(0, 0.25, 0.0, 1.0)};
    FanovaOptions options;
    options.pairs = {{0, 1}};
    const FanovaResult r = Fanova(trees, kUnitSquare).decompose(options);
    EXPECT_EQ(r.treesUsed, 2u);
    EXPECT_EQ(r.treesSkipped, 1u);
    ASSERT_EQ(r.perTree.size(), 3u);
    EXPECT_FALSE(r.perTree[1].used);
    EXPECT_EQ(r.perTree[1].total, 0.0);
    EXPECT_TRUE(r.perTree[0].used);
    EXPECT_EQ(r.groups, (std::vector<std::vector<int>>{{0}, {1}}));
    // Column 0: 0 in the XOR tree, 1 in the stump.
    EXPECT_NEAR(r.singles[0].fraction.mean, 0.5, 1e-12);
    EXPECT_NEAR(r.singles[0].fraction.std, 0.5, 1e-12);
    EXPECT_NEAR(r.singles[0].variance.mean, 0.1875 / 2.0, 1e-12);
    EXPECT_NEAR(r.singles[1].fraction.mean, 0.0, 1e-12);
    EXPECT_NEAR(r.pairs[0].pure.fraction.mean, 0.5, 1e-12);
    EXPECT_NEAR(r.pairs[0].pure.fraction.std, 0.5, 1e-12);
    EXPECT_NEAR(r.pairs[0].totalVariance.mean, (0.25 + 0.1875) / 2.0, 1e-12);
    EXPECT_NEAR(r.totalVariance.mean, (0.25 + 0.1875) / 2.0, 1e-12);
    EXPECT_NEAR(r.totalVariance.std, (0.25 - 0.1875) / 2.0, 1e-12);
}

TEST(FanovaForest, AllTreesConstantGivesZeroTermsAndNoNaN)
{
    const std::vector<Tree> trees = {constantTree(0.1), constantTree(-3.0)};
    FanovaOptions options;
    options.pairs = {{0, 1}};
    const FanovaResult r = Fanova(trees, kUnitSquare).decompose(options);
    EXPECT_EQ(r.treesUsed, 0u);
    EXPECT_EQ(r.treesSkipped, 2u);
    EXPECT_EQ(r.singles[0].fraction.mean, 0.0);
    EXPECT_EQ(r.singles[0].fraction.std, 0.0);
    EXPECT_EQ(r.pairs[0].pure.fraction.mean, 0.0);
    const MarginalCurve curve = Fanova(trees, kUnitSquare).curve(0);
    EXPECT_NEAR(curve.mean[0], (0.1 - 3.0) / 2.0, 1e-15);
}

// An additive tree has no interaction, but V_ij_total - V_i - V_j comes out a rounding error either
// side of zero; the pure term must be clipped at exactly 0.
TEST(FanovaForest, PurePairIsClippedAtZero)
{
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int negativeSeen = 0;
    for (int trial = 0; trial < 200; ++trial) {
        const double a[2] = {unit(rng), 10.0 * unit(rng)};
        const double b[2] = {unit(rng), 0.1 * unit(rng)};
        TreeBuilder builder;
        const int root = builder.numeric(0, unit(rng));
        const double split = unit(rng);
        int children[2];
        for (int i = 0; i < 2; ++i) {
            children[i] = builder.numeric(1, split);
            const int low = builder.leaf(a[i] + b[0]);
            builder.setChildren(children[i], low, builder.leaf(a[i] + b[1]));
        }
        builder.setChildren(root, children[0], children[1]);
        const Tree tree = builder.tree();
        FanovaOptions options;
        options.pairs = {{0, 1}};
        const FanovaResult r = Fanova(std::span<const Tree>(&tree, 1), kUnitSquare).decompose(options);
        const FanovaTreeVariances& v = r.perTree[0];
        const double raw = v.pairTotals[0] - v.singles[0] - v.singles[1];
        EXPECT_NEAR(raw, 0.0, 1e-12 * v.total);
        EXPECT_GE(r.pairs[0].pure.variance.mean, 0.0);
        if (raw < 0.0) {
            ++negativeSeen;
            EXPECT_EQ(r.pairs[0].pure.variance.mean, 0.0);
            EXPECT_EQ(r.pairs[0].pure.fraction.mean, 0.0);
        }
    }
    EXPECT_GT(negativeSeen, 0) << "no additive tree exercised the clipping";
}

TEST(FanovaForest, ResultsDoNotDependOnTheThreadCount)
{
    const std::vector<Tree> trees = randomForest(11, 24, kMixed);
    FanovaOptions options;
    options.pairs = allPairs(4);
    auto run = [&](int threads) {
        FanovaSetup setup;
        setup.threads = threads;
        const Fanova fanova(trees, kMixed, setup);
        return std::make_tuple(fanova.decompose(options), fanova.curve(1), fanova.curve(2),
                               fanova.pairTable({1, {}, 7}, {2, {}, 0}));
    };
    const auto [r1, c1, k1, t1] = run(1);
    EXPECT_GT(r1.treesUsed, 20u);
    for (int threads : {2, 3, 8}) {
        SCOPED_TRACE("threads " + std::to_string(threads));
        const auto [r, c, k, t] = run(threads);
        ASSERT_EQ(r.perTree.size(), r1.perTree.size());
        for (std::size_t i = 0; i < r.perTree.size(); ++i) {
            EXPECT_EQ(r.perTree[i].total, r1.perTree[i].total);
            EXPECT_EQ(r.perTree[i].singles, r1.perTree[i].singles);
            EXPECT_EQ(r.perTree[i].pairTotals, r1.perTree[i].pairTotals);
        }
        for (std::size_t g = 0; g < 4; ++g) {
            EXPECT_EQ(r.singles[g].fraction.mean, r1.singles[g].fraction.mean);
            EXPECT_EQ(r.singles[g].fraction.std, r1.singles[g].fraction.std);
        }
        for (std::size_t p = 0; p < r.pairs.size(); ++p)
            EXPECT_EQ(r.pairs[p].pure.fraction.mean, r1.pairs[p].pure.fraction.mean);
        EXPECT_EQ(c.edges, c1.edges);
        EXPECT_EQ(c.mean, c1.mean);
        EXPECT_EQ(c.std, c1.std);
        EXPECT_EQ(k.mean, k1.mean);
        EXPECT_EQ(t.mean, t1.mean);
        EXPECT_EQ(t.std, t1.std);
    }
}

TEST(FanovaForest, CurvesAverageOnTheUnionOfAllCells)
{
    const std::vector<Tree> trees = {stumpTree(0, 0.25, 0.0, 1.0), stumpTree(0, 0.5, 0.0, 2.0)};
    const MarginalCurve curve = Fanova(trees, kUnitSquare).curve(0);
    EXPECT_EQ(curve.edges, (std::vector<double>{0.0, 0.25, 0.5, 1.0}));
    EXPECT_EQ(curve.mean, (std::vector<double>{0.0, 0.5, 1.5}));
    EXPECT_EQ(curve.std, (std::vector<double>{0.0, 0.5, 0.5}));
    EXPECT_EQ(curve.meanAt(0.5), 0.5);
    EXPECT_EQ(curve.stdAt(0.75), 0.5);
}

TEST(FanovaForest, CurvesOfSeveralColumnsMatchOneByOne)
{
    const std::vector<Tree> trees = randomForest(9, 8, kMixed);
    const Fanova fanova(trees, kMixed);
    const std::vector<int> columns = {3, 2, 0};
    const std::vector<MarginalCurve> together = fanova.curves(columns);
    ASSERT_EQ(together.size(), 3u);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const MarginalCurve alone = fanova.curve(columns[i]);
        EXPECT_EQ(together[i].column, columns[i]);
        EXPECT_EQ(together[i].categorical, alone.categorical);
        EXPECT_EQ(together[i].edges, alone.edges);
        EXPECT_EQ(together[i].mean, alone.mean);
        EXPECT_EQ(together[i].std, alone.std);
    }
    EXPECT_TRUE(together[1].categorical);
    EXPECT_EQ(together[1].cells(), 5u);
    EXPECT_GT(together[0].cells(), 8u);
}

TEST(FanovaForest, ClampingLeafValuesEqualsClampedTrees)
{
    std::vector<Tree> trees = randomForest(3, 6, kMixed);
    FanovaSetup setup;
    setup.clampLow = 0.0;
    setup.clampHigh = 2.0;
    FanovaOptions options;
    options.pairs = allPairs(4);
    const FanovaResult clamped = Fanova(trees, kMixed, setup).decompose(options);
    for (Tree& tree : trees)
        for (TreeNode& node : tree.nodes)
            node.value = std::clamp(node.value, 0.0, 2.0);
    const FanovaResult manual = Fanova(trees, kMixed).decompose(options);
    for (std::size_t t = 0; t < trees.size(); ++t) {
        EXPECT_EQ(clamped.perTree[t].total, manual.perTree[t].total);
        EXPECT_EQ(clamped.perTree[t].singles, manual.perTree[t].singles);
        EXPECT_EQ(clamped.perTree[t].pairTotals, manual.perTree[t].pairTotals);
    }
}

TEST(FanovaForest, ProgressIncreasesToOneAndCancellationStops)
{
    const std::vector<Tree> trees = randomForest(7, 10, kMixed);
    FanovaSetup setup;
    setup.threads = 2;
    const Fanova fanova(trees, kMixed, setup);

    std::mutex mutex;
    std::vector<double> reports;
    Control watched;
    watched.progress = [&](double f) {
        std::lock_guard lock(mutex);
        reports.push_back(f);
    };
    fanova.decompose({}, watched);
    ASSERT_EQ(reports.size(), trees.size());
    for (std::size_t i = 1; i < reports.size(); ++i)
        EXPECT_GT(reports[i], reports[i - 1]);
    EXPECT_EQ(reports.back(), 1.0);

    std::atomic<bool> stop{true};
    Control cancelled;
    cancelled.cancel = &stop;
    EXPECT_THROW(Fanova(trees, kMixed, setup, cancelled), Cancelled);
    EXPECT_THROW(fanova.decompose({}, cancelled), Cancelled);
    EXPECT_THROW(fanova.curve(0, cancelled), Cancelled);
    EXPECT_THROW(fanova.pairTable({0, {}, 4}, {1, {}, 4}, cancelled), Cancelled);

    // Asked to stop while running: the remaining trees are not computed.
    std::atomic<bool> later{false};
    int calls = 0;
    Control midway;
    midway.cancel = &later;
    midway.progress = [&](double) {
        std::lock_guard lock(mutex);
        ++calls;
        later = true;
    };
    FanovaSetup single;
    single.threads = 1;
    EXPECT_THROW(Fanova(trees, kMixed, single).decompose({}, midway), Cancelled);
    EXPECT_EQ(calls, 1);
}

TEST(FanovaForest, CoarsenedEdgesKeepBothEnds)
{
    const std::vector<double> edges = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    EXPECT_EQ(coarsenEdges(edges, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
    EXPECT_EQ(coarsenEdges(edges, 3), (std::vector<double>{0, 3, 6, 10}));
    EXPECT_EQ(coarsenEdges(edges, 1), (std::vector<double>{0, 10}));
    EXPECT_EQ(coarsenEdges(edges, 10), edges);
    EXPECT_EQ(coarsenEdges(edges, 64), edges);
    EXPECT_THROW(coarsenEdges(edges, 0), std::invalid_argument);
    EXPECT_EQ(allPairs(3), (std::vector<std::pair<int, int>>{{0, 1}, {0, 2}, {1, 2}}));
}

TEST(FanovaForest, RejectsBadOptionsWithClearMessages)
{
    const std::vector<Tree> trees = {xorTree()};
    const Fanova fanova(trees, kUnitSquare);
    auto groups = [&](std::vector<std::vector<int>> g, std::vector<std::pair<int, int>> p = {}) {
        return errorOf([&] { fanova.decompose({std::move(g), std::move(p)}); });
    };
    EXPECT_EQ(groups({{0}, {}}), "fANOVA: groups[1] has no columns");
    EXPECT_EQ(groups({{0, 2}}), "fANOVA: groups[0] names column 2, but there are 2 columns");
    EXPECT_EQ(groups({{1, 1}}), "fANOVA: groups[0] lists column 1 twice");
    EXPECT_EQ(groups({{0, 1}, {1}}),
              "fANOVA: column 1 is in both groups[0] and groups[1]; groups must not share columns");
    EXPECT_EQ(groups({{0}, {1}}, {{0, 0}}),
              "fANOVA: pairs[0] is (0, 0); expected two different groups out of 2");
    EXPECT_EQ(groups({{0}, {1}}, {{0, 1}, {1, 2}}),
              "fANOVA: pairs[1] is (1, 2); expected two different groups out of 2");
    EXPECT_EQ(errorOf([&] { fanova.curve(2); }),
              "fANOVA: column 2 is out of range; there are 2 columns");
    EXPECT_EQ(errorOf([&] { fanova.pairTable({1, {}, 8}, {1, {}, 8}); }),
              "fANOVA: a pair table needs two different columns, got column 1 twice");
    EXPECT_EQ(errorOf([&] { fanova.pairTable({0, {}, 0}, {1, {}, 8}); }),
              "fANOVA: axis of column 0: bins must be at least 1, got 0");
    EXPECT_EQ(errorOf([&] { fanova.pairTable({0, {0.0, 0.5, 0.5, 1.0}, 0}, {1, {}, 8}); }),
              "fANOVA: axis of column 0: edges[2] is not above edges[1]; expected strictly increasing edges");
    EXPECT_EQ(errorOf([&] { fanova.pairTable({0, {0.0, 1.5}, 0}, {1, {}, 8}); }),
              "fANOVA: axis of column 0: edges[1] = 1.500000 is outside the bounds [0.000000, 1.000000]");
    EXPECT_EQ(errorOf([&] { fanova.pairTable({0, {}, 2048}, {1, {}, 1024}); }),
              "fANOVA: a pair table of 2048 x 1024 bins is more than the 1048576 it may hold; coarsen the edges");
    const std::vector<ColumnDomain> withCategory = {{3, 0, 0}, {0, 0, 1}};
    const Tree stump = stumpTree(1, 0.5, 0.0, 1.0);
    EXPECT_EQ(errorOf([&] {
                  Fanova(std::span<const Tree>(&stump, 1), withCategory).pairTable({0, {0.0, 1.0}, 0}, {1, {}, 2});
              }),
              "fANOVA: axis of column 0: a categorical column takes no edges, one bin per category");
}

TEST(FanovaForest, RejectsBadTreesAndDomainsNamingTheNode)
{
    auto build = [](const Tree& tree, const std::vector<ColumnDomain>& domains) {
        return errorOf([&] { Fanova(std::span<const Tree>(&tree, 1), domains); });
    };
    EXPECT_EQ(errorOf([] { Fanova(std::span<const Tree>(), kUnitSquare); }),
              "fANOVA: the forest has no trees");
    EXPECT_EQ(build(stumpTree(2, 0.5, 0, 1), kUnitSquare),
              "fANOVA: tree 0, node 0: splits on column 2, but there are 2 columns");
    Tree badChild = stumpTree(0, 0.5, 0, 1);
    badChild.nodes[0].right = 7;
    EXPECT_EQ(build(badChild, kUnitSquare),
              "fANOVA: tree 0, node 0: child index 1 or 7 is outside the 3 nodes");
    Tree cycle = stumpTree(0, 0.5, 0, 1);
    cycle.nodes[0].right = 0;
    EXPECT_EQ(build(cycle, kUnitSquare),
              "fANOVA: tree 0, node 0: is reached twice (the children do not form a tree)");
    Tree nanThreshold = stumpTree(1, std::nan(""), 0, 1);
    EXPECT_EQ(build(nanThreshold, kUnitSquare), "fANOVA: tree 0, node 0: threshold is NaN");
    Tree infiniteLeaf = stumpTree(1, 0.5, 0, INFINITY);
    EXPECT_EQ(build(infiniteLeaf, kUnitSquare), "fANOVA: tree 0, node 2: leaf value is not finite");
    EXPECT_EQ(build(stumpTree(0, 0.5, 0, 1), {{3, 0, 0}, {0, 0, 1}}),
              "fANOVA: tree 0, node 0: numeric split on categorical column 0");
    TreeBuilder categorical;
    const int root = categorical.categorical(0, {1}, 3);
    const int left = categorical.leaf(0.0);
    categorical.setChildren(root, left, categorical.leaf(1.0));
    EXPECT_EQ(build(categorical.tree(), kUnitSquare),
              "fANOVA: tree 0, node 0: categorical split on numeric column 0");
    EXPECT_EQ(build(categorical.tree(), {{5, 0, 0}, {0, 0, 1}}),
              "fANOVA: tree 0, node 0: category set at 0 runs past the tree's 3 category bytes");
    EXPECT_EQ(build(Tree{}, kUnitSquare), "fANOVA: tree 0 has no nodes");
    EXPECT_EQ(build(xorTree(), {{0, 1.0, 0.0}, {0, 0, 1}}),
              "fANOVA: column 0 has bounds [1.000000, 0.000000]; expected finite bounds with low <= high");
    EXPECT_EQ(build(xorTree(), {{-2, 0, 1}, {0, 0, 1}}),
              "fANOVA: column 0 declares -2 categories; expected 0 (numeric) or more");
}

// A joint marginal of three columns with 401 cells each would need 64 million cells: refused before
// anything is allocated, while pairs (swept row by row) still work. The tree is a chain 1,200
// splits deep, which the traversal must survive.
TEST(FanovaForest, RefusesJointTablesBeyondTheLimit)
{
    const std::vector<ColumnDomain> domains = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
    TreeBuilder b;
    const int splits = 1200;
    for (int i = 0; i < splits; ++i) {
        // Split i is node 2i, its left leaf node 2i + 1, its right child the next split.
        const int node = b.numeric(i % 3, (i / 3 + 1) / 401.0);
        const int leaf = b.leaf(static_cast<double>(i % 7));
        b.setChildren(node, leaf, node + 2);
    }
    b.leaf(-1.0);
    const Tree& tree = b.tree();
    const Fanova fanova(std::span<const Tree>(&tree, 1), domains);
    FanovaOptions triple;
    triple.groups = {{0, 1, 2}};
    EXPECT_THROW(fanova.decompose(triple), std::length_error);
    FanovaOptions pairs;
    pairs.pairs = allPairs(3);
    const FanovaResult r = fanova.decompose(pairs);
    EXPECT_GT(r.perTree[0].total, 0.0);
    EXPECT_GT(r.singles[0].fraction.mean, 0.0);
    EXPECT_GT(r.pairs[0].totalVariance.mean, r.perTree[0].singles[0]);
}

// A forest fitted to y = x1 + 2 x2 on uniform inputs: the exact importances are 0.2 / 0.8 / 0, and
// an Optuna-like forest on 1,000 trials lands within a few hundredths.
TEST(FanovaForest, FittedForestRecoversKnownImportances)
{
    const std::size_t n = 1000;
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<double> x(3 * n), y(n);
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t c = 0; c < 3; ++c)
            x[c * n + r] = unit(rng);
        y[r] = x[r] + 2.0 * x[n + r];
    }
    const std::vector<ColumnDomain> domains(3);
    const Dataset data(domains, x, y);
    ForestOptions forestOptions;
    forestOptions.trees = 32;
    forestOptions.seed = 1;
    const Forest forest = fitForest(data, forestOptions);
    FanovaOptions options;
    options.pairs = allPairs(3);
    const FanovaResult r = Fanova(forest.trees, domains).decompose(options);
    EXPECT_EQ(r.treesUsed, 32u);
    EXPECT_NEAR(r.singles[0].fraction.mean, 0.2, 0.04);
    EXPECT_NEAR(r.singles[1].fraction.mean, 0.8, 0.04);
    EXPECT_LT(r.singles[2].fraction.mean, 0.01);
    for (const FanovaPairTerm& pair : r.pairs)
        EXPECT_LT(pair.pure.fraction.mean, 0.03);
    EXPECT_GT(r.singles[1].fraction.std, 0.0);
}

} // namespace
} // namespace tendril::engine
