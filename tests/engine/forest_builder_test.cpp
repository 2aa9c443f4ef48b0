// The tree builder and random streams behind fitForest, tested directly where the forest cannot
// reach them deterministically: cancellation inside one tree, and trees not depending on what the
// same builder built before.
#include "forest_random.hpp"
#include "forest_tree_builder.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <vector>

using namespace tendril::engine;
using namespace tendril::engine::detail;

namespace {

// Distinct values and a response varying with every row, so a tree grows to about two nodes per
// distinct row drawn.
Dataset distinctRows(std::size_t rows)
{
    std::vector<double> x(rows * 2);
    std::vector<double> y(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        x[r] = static_cast<double>((r * 7919) % rows) / static_cast<double>(rows);
        x[rows + r] = static_cast<double>(r) / static_cast<double>(rows);
        y[r] = x[r] * 3.0 + static_cast<double>(r % 13);
    }
    const ColumnDomain unit{0, 0.0, 1.0};
    return Dataset({unit, unit}, std::move(x), std::move(y));
}

bool sameTree(const Tree& a, const Tree& b)
{
    if (a.nodes.size() != b.nodes.size() || a.categorySets != b.categorySets)
        return false;
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const TreeNode& p = a.nodes[i];
        const TreeNode& q = b.nodes[i];
        if (p.feature != q.feature || p.threshold != q.threshold || p.left != q.left ||
            p.right != q.right || p.value != q.value || p.samples != q.samples)
            return false;
    }
    return true;
}

} // namespace

TEST(ForestBuilder, CancellationStopsALargeTreeMidway)
{
    std::atomic<bool> cancel{true};
    Control control;
    control.cancel = &cancel;
    ForestOptions options;
    options.bootstrap = false;

    // About 2,000 nodes: finishes before the first check.
    const Dataset small = distinctRows(1000);
    const SortedColumns smallSorted(small);
    TreeBuilder smallBuilder(small, smallSorted, options, control);
    EXPECT_GT(smallBuilder.build(1).nodes.size(), 1000u);

    // About 20,000 nodes: stops at a check inside the tree.
    const Dataset large = distinctRows(10000);
    const SortedColumns largeSorted(large);
    TreeBuilder largeBuilder(large, largeSorted, options, control);
    EXPECT_THROW(largeBuilder.build(1), Cancelled);
    cancel = false;
    EXPECT_GT(largeBuilder.build(1).nodes.size(), 10000u);
}

TEST(ForestBuilder, ATreeDependsOnlyOnItsSeed)
{
    const Dataset data = distinctRows(500);
    const SortedColumns sorted(data);
    ForestOptions options;
    options.maxFeatures = 1;
    const Control control;
    TreeBuilder builder(data, sorted, options, control);
    const Tree first = builder.build(treeSeed(9, 0));
    const Tree other = builder.build(treeSeed(9, 1));
    EXPECT_FALSE(sameTree(first, other));
    TreeBuilder fresh(data, sorted, options, control);
    EXPECT_TRUE(sameTree(first, fresh.build(treeSeed(9, 0))));
    EXPECT_TRUE(sameTree(first, builder.build(treeSeed(9, 0))));
}

TEST(ForestRandom, BoundedDrawsCoverTheRangeEvenly)
{
    ForestRandom random(treeSeed(1, 2));
    std::vector<int> counts(7, 0);
    for (int i = 0; i < 70000; ++i) {
        const std::uint64_t v = random.below(7);
        ASSERT_LT(v, 7u);
        ++counts[v];
    }
    for (const int count : counts)
        EXPECT_NEAR(count, 10000, 400);  // about 4 standard deviations
    EXPECT_EQ(random.below(1), 0u);
}

TEST(ForestRandom, TreeSeedsAreDistinctStreams)
{
    std::set<std::uint64_t> seeds;
    for (std::uint64_t forest = 0; forest < 4; ++forest)
        for (std::uint64_t tree = 0; tree < 256; ++tree)
            seeds.insert(treeSeed(forest, tree));
    EXPECT_EQ(seeds.size(), 4u * 256u);
    // The same inputs always give the same stream.
    ForestRandom a(treeSeed(5, 3));
    ForestRandom b(treeSeed(5, 3));
    for (int i = 0; i < 16; ++i)
        EXPECT_EQ(a.next(), b.next());
}
