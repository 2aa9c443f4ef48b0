// What the trees learn: thresholds, categorical left sets, leaf values and the stopping rules.
#include "tendril/engine/forest.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

using namespace tendril::engine;

namespace {

const ColumnDomain kUnit{0, 0.0, 1.0};

Dataset fromColumns(std::vector<ColumnDomain> domains, const std::vector<std::vector<double>>& columns,
                    std::vector<double> y)
{
    std::vector<double> x;
    for (const std::vector<double>& column : columns)
        x.insert(x.end(), column.begin(), column.end());
    return Dataset(std::move(domains), std::move(x), std::move(y));
}

// Uniform in [0, 1) from the engine's raw output, which the standard specifies bit for bit.
double uniform(std::mt19937_64& generator)
{
    return static_cast<double>(generator() >> 11) * 0x1.0p-53;
}

// `cols` numeric columns of uniform values and y = f(row values).
Dataset uniformDataset(std::size_t rows, std::size_t cols, std::uint64_t seed,
                       const std::function<double(const std::vector<double>&)>& f)
{
    std::mt19937_64 generator(seed);
    std::vector<std::vector<double>> columns(cols, std::vector<double>(rows));
    std::vector<double> y(rows);
    std::vector<double> row(cols);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c)
            row[c] = columns[c][r] = uniform(generator);
        y[r] = f(row);
    }
    return fromColumns(std::vector<ColumnDomain>(cols, kUnit), columns, std::move(y));
}

ForestOptions singleExactTree()
{
    ForestOptions options;
    options.trees = 1;
    options.bootstrap = false;
    options.threads = 1;
    return options;
}

// The leaf a dataset row reaches, walking the node fields directly.
int leafOf(const Tree& tree, const Dataset& data, std::size_t row)
{
    int i = 0;
    while (!tree.nodes[static_cast<std::size_t>(i)].isLeaf()) {
        const TreeNode& node = tree.nodes[static_cast<std::size_t>(i)];
        const double v = data.value(row, static_cast<std::size_t>(node.feature));
        const bool left = node.categoryMask == Tree::kNumericSplit
                              ? v <= node.threshold
                              : tree.categorySets[node.categoryMask + static_cast<std::size_t>(v)] == 1;
        i = left ? node.left : node.right;
    }
    return i;
}

std::vector<int> nodeDepths(const Tree& tree)
{
    std::vector<int> depth(tree.nodes.size(), 0);
    for (std::size_t i = 0; i < tree.nodes.size(); ++i)
        if (!tree.nodes[i].isLeaf()) {
            depth[static_cast<std::size_t>(tree.nodes[i].left)] = depth[i] + 1;
            depth[static_cast<std::size_t>(tree.nodes[i].right)] = depth[i] + 1;
        }
    return depth;
}

// Invariants of every tree: children come after their parent and are reached once, splits name a
// column of the data, categorical left sets lie inside categorySets, samples add up.
void expectWellFormed(const Tree& tree, const Dataset& data)
{
    ASSERT_FALSE(tree.nodes.empty());
    std::vector<int> parents(tree.nodes.size(), 0);
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
        const TreeNode& node = tree.nodes[i];
        EXPECT_GE(node.samples, 1);
        if (node.isLeaf())
            continue;
        ASSERT_LT(static_cast<std::size_t>(node.feature), data.cols());
        ASSERT_GT(node.left, static_cast<int>(i));
        ASSERT_GT(node.right, static_cast<int>(i));
        ASSERT_LT(static_cast<std::size_t>(node.left), tree.nodes.size());
        ASSERT_LT(static_cast<std::size_t>(node.right), tree.nodes.size());
        ++parents[static_cast<std::size_t>(node.left)];
        ++parents[static_cast<std::size_t>(node.right)];
        EXPECT_EQ(tree.nodes[static_cast<std::size_t>(node.left)].samples +
                      tree.nodes[static_cast<std::size_t>(node.right)].samples,
                  node.samples);
        const ColumnDomain& domain = data.domain(static_cast<std::size_t>(node.feature));
        if (domain.isCategorical()) {
            ASSERT_NE(node.categoryMask, Tree::kNumericSplit);
            ASSERT_LE(node.categoryMask + static_cast<std::size_t>(domain.categories),
                      tree.categorySets.size());
        } else {
            EXPECT_EQ(node.categoryMask, Tree::kNumericSplit);
        }
    }
    EXPECT_EQ(parents[0], 0);
    for (std::size_t i = 1; i < parents.size(); ++i)
        EXPECT_EQ(parents[i], 1) << "node " << i;
}

// Without bootstrap every leaf holds the mean of exactly the training rows that reach it.
void expectLeavesAreMeansOfTheirRows(const Tree& tree, const Dataset& data)
{
    std::vector<double> sum(tree.nodes.size(), 0.0);
    std::vector<int> count(tree.nodes.size(), 0);
    for (std::size_t row = 0; row < data.rows(); ++row) {
        const auto leaf = static_cast<std::size_t>(leafOf(tree, data, row));
        sum[leaf] += data.y()[row];
        ++count[leaf];
    }
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
        if (!tree.nodes[i].isLeaf())
            continue;
        ASSERT_GT(count[i], 0) << "leaf " << i << " reached by no row";
        EXPECT_EQ(count[i], tree.nodes[i].samples) << "leaf " << i;
        EXPECT_NEAR(tree.nodes[i].value, sum[i] / count[i], 1e-12) << "leaf " << i;
    }
}

} // namespace

TEST(ForestSplit, StepFunctionIsOneSplitAtTheMidpoint)
{
    const Dataset data = uniformDataset(300, 1, 11, [](const auto& x) { return x[0] > 0.37 ? 4.0 : -1.0; });
    double below = -1.0;  // the largest x <= 0.37 and the smallest above
    double above = 2.0;
    for (const double x : data.column(0)) {
        if (x <= 0.37)
            below = std::max(below, x);
        else
            above = std::min(above, x);
    }

    const Forest exact = fitForest(data, singleExactTree());
    const Tree& tree = exact.trees.at(0);
    ASSERT_EQ(tree.nodes.size(), 3u);
    EXPECT_EQ(tree.nodes[0].feature, 0);
    EXPECT_EQ(tree.nodes[0].threshold, below / 2 + above / 2);
    EXPECT_EQ(tree.nodes[0].samples, 300);
    EXPECT_EQ(tree.nodes[tree.nodes[0].left].value, -1.0);
    EXPECT_EQ(tree.nodes[tree.nodes[0].right].value, 4.0);
    expectLeavesAreMeansOfTheirRows(tree, data);

    // Bootstrap trees see a subset: their threshold is the midpoint of the closest values drawn on
    // either side of 0.37.
    const auto isMidpointAcrossTheStep = [&](double threshold) {
        for (const double a : data.column(0))
            for (const double b : data.column(0))
                if (a <= 0.37 && b > 0.37 && threshold == a / 2 + b / 2)
                    return true;
        return false;
    };
    ForestOptions options;
    options.trees = 16;
    const Forest forest = fitForest(data, options);
    for (const Tree& t : forest.trees) {
        ASSERT_EQ(t.nodes.size(), 3u);
        EXPECT_EQ(t.nodes[0].samples, 300);
        EXPECT_TRUE(isMidpointAcrossTheStep(t.nodes[0].threshold)) << t.nodes[0].threshold;
        EXPECT_EQ(t.nodes[t.nodes[0].left].value, -1.0);
        EXPECT_EQ(t.nodes[t.nodes[0].right].value, 4.0);
    }
}

TEST(ForestSplit, ResponsesOfExtremeMagnitudeSplitLikeOrdinaryOnes)
{
    // Squared sums of such responses overflow or vanish unless the scans rescale them.
    for (const double scale : {1e300, 1e-300}) {
        const Dataset data =
            uniformDataset(200, 2, 12, [&](const auto& x) { return x[1] > 0.6 ? scale : -scale; });
        const Tree tree = fitForest(data, singleExactTree()).trees.at(0);
        ASSERT_EQ(tree.nodes.size(), 3u) << scale;
        EXPECT_EQ(tree.nodes[0].feature, 1);
        EXPECT_EQ(tree.nodes[tree.nodes[0].left].value, -scale);
        EXPECT_EQ(tree.nodes[tree.nodes[0].right].value, scale);
    }
}

TEST(ForestSplit, MidpointStaysBelowTheUpperValue)
{
    // Adjacent doubles: their midpoint rounds to one of them. For the second pair it rounds up to b,
    // which would send b's row left.
    for (const double b : {std::nextafter(1.0, 2.0), 1.0}) {
        const double a = std::nextafter(b, 0.0);
        ASSERT_TRUE(a / 2 + b / 2 == a || a / 2 + b / 2 == b);
        const Dataset data = fromColumns({kUnit}, {{b, a}}, {2.0, 1.0});
        const Tree tree = fitForest(data, singleExactTree()).trees.at(0);
        ASSERT_EQ(tree.nodes.size(), 3u);
        EXPECT_GE(tree.nodes[0].threshold, a);
        EXPECT_LT(tree.nodes[0].threshold, b);
        const std::vector<double> lower{a};
        const std::vector<double> upper{b};
        EXPECT_EQ(tree.predict(lower.data()), 1.0);
        EXPECT_EQ(tree.predict(upper.data()), 2.0);
    }
}

TEST(ForestSplit, NoiselessAdditiveFunctionIsFitted)
{
    const auto f = [](const std::vector<double>& x) { return x[0] + 2.0 * x[1] + 0.0 * x[2]; };
    const Dataset data = uniformDataset(2000, 3, 5, f);

    // Distinct inputs and no bootstrap: the tree grows to single rows and reproduces every response.
    const Forest exact = fitForest(data, singleExactTree());
    expectWellFormed(exact.trees[0], data);
    expectLeavesAreMeansOfTheirRows(exact.trees[0], data);
    for (std::size_t row = 0; row < data.rows(); ++row)
        ASSERT_EQ(predict(exact, data, row), data.y()[row]);

    // The bootstrap forest is close on the training rows and on fresh points.
    ForestOptions options;
    options.seed = 3;
    const Forest forest = fitForest(data, options);
    double mean = 0.0;
    for (const double y : data.y())
        mean += y / static_cast<double>(data.rows());
    double variance = 0.0;
    double trainingError = 0.0;
    const std::vector<double> predictions = predict(forest, data);
    for (std::size_t row = 0; row < data.rows(); ++row) {
        variance += (data.y()[row] - mean) * (data.y()[row] - mean);
        trainingError += (predictions[row] - data.y()[row]) * (predictions[row] - data.y()[row]);
    }
    EXPECT_LT(trainingError, 0.01 * variance);

    const Dataset fresh = uniformDataset(500, 3, 99, f);
    double testError = 0.0;
    double testVariance = 0.0;
    for (std::size_t row = 0; row < fresh.rows(); ++row) {
        const double p = predict(forest, fresh, row);
        testError += (p - fresh.y()[row]) * (p - fresh.y()[row]);
        testVariance += (fresh.y()[row] - 1.5) * (fresh.y()[row] - 1.5);
    }
    EXPECT_LT(testError, 0.02 * testVariance);
}

TEST(ForestSplit, CategoricalEffectIsOneNativeSplit)
{
    // Categories 0 and 2 have mean 1, 1 and 3 have mean 5; a weak numeric column competes.
    const std::vector<double> effect{1.0, 5.0, 1.0, 5.0};
    std::mt19937_64 generator(8);
    std::vector<double> category(400);
    std::vector<double> noise(400);
    std::vector<double> y(400);
    for (std::size_t r = 0; r < y.size(); ++r) {
        category[r] = static_cast<double>(r % 4);
        noise[r] = uniform(generator);
        y[r] = effect[r % 4] + 0.1 * noise[r];
    }
    const Dataset data = fromColumns({ColumnDomain{4, 0.0, 0.0}, kUnit}, {category, noise}, y);

    ForestOptions options;
    options.trees = 8;
    for (const bool bootstrap : {false, true}) {
        options.bootstrap = bootstrap;
        const Forest forest = fitForest(data, options);
        for (const Tree& tree : forest.trees) {
            expectWellFormed(tree, data);
            const TreeNode& root = tree.nodes[0];
            ASSERT_EQ(root.feature, 0);
            ASSERT_NE(root.categoryMask, Tree::kNumericSplit);
            const std::vector<std::uint8_t> leftSet(tree.categorySets.begin() + root.categoryMask,
                                                    tree.categorySets.begin() + root.categoryMask + 4);
            EXPECT_EQ(leftSet, (std::vector<std::uint8_t>{1, 0, 1, 0}));
            EXPECT_NEAR(tree.nodes[root.left].value, 1.05, 0.02);
            EXPECT_NEAR(tree.nodes[root.right].value, 5.05, 0.02);
        }
        if (!bootstrap)
            expectLeavesAreMeansOfTheirRows(forest.trees[0], data);
    }
}

TEST(ForestSplit, AbsentCategoriesGoWithTheHeavierChild)
{
    const ColumnDomain fiveCategories{5, 0.0, 0.0};
    const auto rootLeftSet = [&](const std::vector<double>& categories, const std::vector<double>& y) {
        const Tree tree = fitForest(fromColumns({fiveCategories}, {categories}, y), singleExactTree()).trees[0];
        const std::uint32_t at = tree.nodes.at(0).categoryMask;
        EXPECT_NE(at, Tree::kNumericSplit);
        return std::vector<std::uint8_t>(tree.categorySets.begin() + at, tree.categorySets.begin() + at + 5);
    };
    // Category 0 (low mean) has one row, 1 and 2 (high mean) six: 3 and 4 go right with them.
    EXPECT_EQ(rootLeftSet({0, 1, 1, 1, 2, 2, 2}, {0, 10, 10, 10, 10, 10, 10}),
              (std::vector<std::uint8_t>{1, 0, 0, 0, 0}));
    // Category 0 (low mean) has five rows, 1 one: 2, 3 and 4 go left.
    EXPECT_EQ(rootLeftSet({0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 10}),
              (std::vector<std::uint8_t>{1, 0, 1, 1, 1}));
}

TEST(ForestSplit, PureInteractionIsSplitThoughNoFirstSplitHelps)
{
    // y = x1 XOR x2 on a replicated 2 x 2 grid: every single split leaves both sides at mean 0.5.
    std::vector<double> x1;
    std::vector<double> x2;
    std::vector<double> y;
    for (int repeat = 0; repeat < 5; ++repeat)
        for (const double a : {0.25, 0.75})
            for (const double b : {0.25, 0.75}) {
                x1.push_back(a);
                x2.push_back(b);
                y.push_back((a > 0.5) != (b > 0.5) ? 1.0 : 0.0);
            }
    const Dataset data = fromColumns({kUnit, kUnit}, {x1, x2}, y);
    const Tree tree = fitForest(data, singleExactTree()).trees[0];
    EXPECT_EQ(tree.nodes.size(), 7u);
    EXPECT_EQ(tree.nodes[0].feature, 0);  // equal gains: the first column wins
    EXPECT_EQ(tree.nodes[0].threshold, 0.5);
    expectWellFormed(tree, data);
    expectLeavesAreMeansOfTheirRows(tree, data);
    for (std::size_t row = 0; row < data.rows(); ++row)
        EXPECT_EQ(tree.predict(data.row(row).data()), y[row]);
}

TEST(ForestSplit, ConstantResponseGivesOneLeaf)
{
    const Dataset data = uniformDataset(100, 3, 2, [](const auto&) { return 2.5; });
    ForestOptions options;
    options.trees = 4;
    for (const Tree& tree : fitForest(data, options).trees) {
        ASSERT_EQ(tree.nodes.size(), 1u);
        EXPECT_TRUE(tree.nodes[0].isLeaf());
        EXPECT_EQ(tree.nodes[0].value, 2.5);
        EXPECT_EQ(tree.nodes[0].samples, 100);
    }
}

TEST(ForestSplit, IdenticalInputsCannotBeSplit)
{
    const Dataset data = fromColumns({kUnit, ColumnDomain{2, 0.0, 0.0}}, {{0.3, 0.3, 0.3}, {1, 1, 1}},
                                     {1.0, 2.0, 6.0});
    const Tree tree = fitForest(data, singleExactTree()).trees[0];
    ASSERT_EQ(tree.nodes.size(), 1u);
    EXPECT_DOUBLE_EQ(tree.nodes[0].value, 3.0);
}

TEST(ForestSplit, OneRowWorks)
{
    const Dataset data = fromColumns({kUnit, ColumnDomain{3, 0.0, 0.0}}, {{0.4}, {2}}, {7.0});
    ForestOptions options;
    options.trees = 3;
    const Forest forest = fitForest(data, options);
    ASSERT_EQ(forest.trees.size(), 3u);
    for (const Tree& tree : forest.trees) {
        ASSERT_EQ(tree.nodes.size(), 1u);
        EXPECT_EQ(tree.nodes[0].value, 7.0);
        EXPECT_EQ(tree.nodes[0].samples, 1);
    }
    EXPECT_EQ(predict(forest, data, 0), 7.0);
}

TEST(ForestSplit, NoColumnsGivesTheMean)
{
    const Dataset data({}, {}, {1.0, 2.0, 6.0});
    const Forest forest = fitForest(data, singleExactTree());
    ASSERT_EQ(forest.trees[0].nodes.size(), 1u);
    EXPECT_DOUBLE_EQ(forest.trees[0].nodes[0].value, 3.0);
}

TEST(ForestSplit, MinSamplesLeafAndSplitHoldInEveryTree)
{
    const Dataset data = uniformDataset(1000, 2, 4, [](const auto& x) { return std::sin(9 * x[0]) + x[1]; });
    ForestOptions options;
    options.trees = 12;
    options.minSamplesLeaf = 7;
    options.minSamplesSplit = 30;
    const Forest forest = fitForest(data, options);
    int smallestLeaf = 1 << 30;
    for (const Tree& tree : forest.trees) {
        expectWellFormed(tree, data);
        ASSERT_GT(tree.nodes.size(), 1u);
        for (const TreeNode& node : tree.nodes) {
            if (node.isLeaf()) {
                EXPECT_GE(node.samples, 7);
                smallestLeaf = std::min(smallestLeaf, node.samples);
            } else {
                EXPECT_GE(node.samples, 30);
            }
        }
    }
    EXPECT_LT(smallestLeaf, 14);  // the bound is reached, not just respected by accident
}

TEST(ForestSplit, MaxDepthHoldsInEveryTree)
{
    const Dataset data = uniformDataset(1000, 2, 6, [](const auto& x) { return x[0] * x[1]; });
    ForestOptions options;
    options.trees = 12;
    options.maxDepth = 3;
    const Forest forest = fitForest(data, options);
    for (const Tree& tree : forest.trees) {
        expectWellFormed(tree, data);
        const std::vector<int> depth = nodeDepths(tree);
        EXPECT_EQ(*std::max_element(depth.begin(), depth.end()), 3);
        EXPECT_EQ(tree.nodes.size(), 15u);  // distinct continuous values: the tree is full
    }
    options.maxDepth = 1;
    for (const Tree& tree : fitForest(data, options).trees)
        EXPECT_EQ(tree.nodes.size(), 3u);
}
