// Fitting a whole forest: determinism across seeds and threads, column sampling, prediction,
// progress and cancellation.
#include "tendril/engine/forest.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <random>
#include <vector>

using namespace tendril::engine;

namespace {

double uniform(std::mt19937_64& generator)
{
    return static_cast<double>(generator() >> 11) * 0x1.0p-53;
}

// Three numeric columns and one categorical with five levels; every column matters.
Dataset mixedDataset(std::size_t rows, std::uint64_t seed)
{
    std::mt19937_64 generator(seed);
    std::vector<double> x(rows * 4);
    std::vector<double> y(rows);
    const double levelEffect[] = {0.0, 2.0, -1.0, 0.5, 1.0};
    for (std::size_t r = 0; r < rows; ++r) {
        const double a = uniform(generator);
        const double b = uniform(generator);
        const double c = std::round(uniform(generator) * 10.0) / 10.0;  // many ties
        const auto level = static_cast<std::size_t>(generator() % 5);
        x[r] = a;
        x[rows + r] = b;
        x[2 * rows + r] = c;
        x[3 * rows + r] = static_cast<double>(level);
        y[r] = std::sin(6.0 * a) + a * b + 0.5 * c + levelEffect[level];
    }
    const ColumnDomain unit{0, 0.0, 1.0};
    return Dataset({unit, unit, unit, ColumnDomain{5, 0.0, 0.0}}, std::move(x), std::move(y));
}

bool sameNode(const TreeNode& a, const TreeNode& b)
{
    return a.feature == b.feature && a.threshold == b.threshold && a.left == b.left &&
           a.right == b.right && a.value == b.value && a.samples == b.samples &&
           a.categoryMask == b.categoryMask;
}

bool sameTree(const Tree& a, const Tree& b)
{
    if (a.nodes.size() != b.nodes.size() || a.categorySets != b.categorySets)
        return false;
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        if (!sameNode(a.nodes[i], b.nodes[i]))
            return false;
    return true;
}

void expectSameForest(const Forest& a, const Forest& b)
{
    ASSERT_EQ(a.trees.size(), b.trees.size());
    for (std::size_t t = 0; t < a.trees.size(); ++t)
        EXPECT_TRUE(sameTree(a.trees[t], b.trees[t])) << "tree " << t;
}

int differingTrees(const Forest& a, const Forest& b)
{
    int differing = 0;
    for (std::size_t t = 0; t < a.trees.size(); ++t)
        differing += sameTree(a.trees[t], b.trees[t]) ? 0 : 1;
    return differing;
}

bool usesCategoricalSplits(const Forest& forest)
{
    for (const Tree& tree : forest.trees)
        if (!tree.categorySets.empty())
            return true;
    return false;
}

} // namespace

TEST(ForestFit, SameSeedGivesTheSameForestWhateverTheThreads)
{
    const Dataset data = mixedDataset(800, 1);
    for (const int maxFeatures : {0, 2}) {
        ForestOptions options;
        options.trees = 24;
        options.seed = 42;
        options.maxFeatures = maxFeatures;
        options.threads = 1;
        const Forest serial = fitForest(data, options);
        EXPECT_TRUE(usesCategoricalSplits(serial));
        expectSameForest(serial, fitForest(data, options));
        options.threads = 2;
        expectSameForest(serial, fitForest(data, options));
        options.threads = 5;
        expectSameForest(serial, fitForest(data, options));
    }
}

TEST(ForestFit, DifferentSeedsGiveDifferentTrees)
{
    const Dataset data = mixedDataset(500, 2);
    ForestOptions options;
    options.trees = 8;
    options.seed = 1;
    const Forest first = fitForest(data, options);
    options.seed = 2;
    const Forest second = fitForest(data, options);
    EXPECT_EQ(differingTrees(first, second), 8);
    // Trees within one forest differ from each other too.
    for (std::size_t t = 1; t < first.trees.size(); ++t)
        EXPECT_FALSE(sameTree(first.trees[0], first.trees[t])) << "tree " << t;
}

TEST(ForestFit, WithoutBootstrapOrColumnSamplingEveryTreeIsTheSame)
{
    const Dataset data = mixedDataset(300, 3);
    ForestOptions options;
    options.trees = 6;
    options.bootstrap = false;
    options.seed = 7;
    const Forest reference = fitForest(data, options);
    for (const Tree& tree : reference.trees)
        EXPECT_TRUE(sameTree(reference.trees[0], tree));
    for (const std::uint64_t seed : {0ull, 1ull, 123456789ull, ~0ull}) {
        options.seed = seed;
        expectSameForest(reference, fitForest(data, options));
    }
    // Column sampling alone is random, though.
    options.maxFeatures = 1;
    options.seed = 1;
    const Forest sampledColumns = fitForest(data, options);
    EXPECT_GT(differingTrees(reference, sampledColumns), 0);
}

TEST(ForestFit, ColumnsConstantInANodeDoNotCountTowardMaxFeatures)
{
    // Only column 2 varies; with one column tried per node, a node must keep drawing until it finds
    // it, so every tree still splits on it.
    const std::size_t rows = 200;
    std::vector<double> x(rows * 3, 0.5);
    std::vector<double> y(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        x[2 * rows + r] = static_cast<double>(r) / rows;
        y[r] = r < rows / 3 ? 1.0 : 0.0;
    }
    const ColumnDomain unit{0, 0.0, 1.0};
    const Dataset data({unit, unit, unit}, std::move(x), std::move(y));
    ForestOptions options;
    options.trees = 16;
    options.maxFeatures = 1;
    for (const Tree& tree : fitForest(data, options).trees) {
        ASSERT_EQ(tree.nodes.size(), 3u);
        EXPECT_EQ(tree.nodes[0].feature, 2);
    }
}

TEST(ForestFit, PredictionIsTheMeanOfTheTreeTraversals)
{
    const Dataset data = mixedDataset(400, 4);
    ForestOptions options;
    options.trees = 10;
    const Forest forest = fitForest(data, options);
    const std::vector<double> all = predict(forest, data);
    ASSERT_EQ(all.size(), data.rows());
    for (std::size_t row = 0; row < data.rows(); row += 7) {
        const std::vector<double> values = data.row(row);
        double sum = 0.0;
        for (const Tree& tree : forest.trees) {
            int i = 0;
            while (tree.nodes[static_cast<std::size_t>(i)].feature >= 0) {
                const TreeNode& node = tree.nodes[static_cast<std::size_t>(i)];
                const double v = values[static_cast<std::size_t>(node.feature)];
                const bool left = node.categoryMask == Tree::kNumericSplit
                                      ? v <= node.threshold
                                      : tree.categorySets[node.categoryMask + static_cast<std::size_t>(v)] != 0;
                i = left ? node.left : node.right;
            }
            sum += tree.nodes[static_cast<std::size_t>(i)].value;
        }
        const double expected = sum / static_cast<double>(forest.trees.size());
        EXPECT_DOUBLE_EQ(predict(forest, values), expected) << "row " << row;
        EXPECT_DOUBLE_EQ(predict(forest, data, row), expected) << "row " << row;
        EXPECT_DOUBLE_EQ(all[row], expected) << "row " << row;
    }
    EXPECT_THROW(predict(Forest{}, data.row(0)), std::invalid_argument);
    EXPECT_THROW(predict(forest, data, data.rows()), std::out_of_range);
}

TEST(ForestFit, ProgressRisesToOneOncePerTree)
{
    const Dataset data = mixedDataset(300, 5);
    ForestOptions options;
    options.trees = 20;
    options.threads = 2;
    std::mutex mutex;
    std::vector<double> reports;
    Control control;
    control.progress = [&](double fraction) {
        const std::lock_guard lock(mutex);
        reports.push_back(fraction);
    };
    fitForest(data, options, control);
    ASSERT_EQ(reports.size(), 20u);
    for (std::size_t i = 0; i < reports.size(); ++i)
        EXPECT_DOUBLE_EQ(reports[i], static_cast<double>(i + 1) / 20.0);
}

TEST(ForestFit, CancellingFromTheProgressCallbackThrowsCancelled)
{
    const Dataset data = mixedDataset(2000, 6);
    ForestOptions options;
    options.trees = 64;
    options.threads = 2;
    std::atomic<bool> cancel{false};
    std::atomic<int> reports{0};
    Control control;
    control.cancel = &cancel;
    control.progress = [&](double) {
        ++reports;
        cancel = true;
    };
    EXPECT_THROW(fitForest(data, options, control), Cancelled);
    // Each worker finishes at most the tree it was building when the flag went up.
    EXPECT_GE(reports.load(), 1);
    EXPECT_LE(reports.load(), 2);
}

TEST(ForestFit, AlreadyCancelledBuildsNothing)
{
    const Dataset data = mixedDataset(100, 7);
    std::atomic<bool> cancel{true};
    int reports = 0;
    Control control;
    control.cancel = &cancel;
    control.progress = [&](double) { ++reports; };
    EXPECT_THROW(fitForest(data, ForestOptions{}, control), Cancelled);
    EXPECT_EQ(reports, 0);
}

TEST(ForestFit, ExceptionsFromTheProgressCallbackReachTheCaller)
{
    const Dataset data = mixedDataset(100, 8);
    ForestOptions options;
    options.threads = 2;
    Control control;
    control.progress = [](double fraction) {
        if (fraction > 0.5)
            throw std::runtime_error("display closed");
    };
    EXPECT_THROW(fitForest(data, options, control), std::runtime_error);
}
