// CART on squared error for one tree of the forest (the rules are documented in forest.hpp).
//
// Speed comes from never sorting inside a tree. Each numeric column is sorted once per forest
// (SortedColumns); a tree filters that order to its bootstrap sample, keeping one index array per
// numeric column in which every node owns a contiguous segment sorted by that column. A split
// partitions each segment stably into its two children, so finding the best threshold is one
// linear scan and a whole depth level costs O(rows * columns). Bootstrap duplicates are weights on
// the distinct rows drawn, so they cost nothing extra.
#pragma once

#include "forest_random.hpp"

#include "tendril/engine/control.hpp"
#include "tendril/engine/dataset.hpp"
#include "tendril/engine/forest.hpp"
#include "tendril/engine/tree.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tendril::engine::detail {

// Rows of each numeric column in increasing value order (ties by row index), shared read-only by
// all trees of a forest.
class SortedColumns {
public:
    explicit SortedColumns(const Dataset& data);
    // Empty for a categorical column.
    const std::vector<std::uint32_t>& order(std::size_t col) const { return order_[col]; }

private:
    std::vector<std::vector<std::uint32_t>> order_;
};

// Grows trees one at a time, reusing its buffers; each thread owns one builder. Nothing carries
// over from one tree to the next, so a tree depends only on its seed.
class TreeBuilder {
public:
    TreeBuilder(const Dataset& data, const SortedColumns& sorted, const ForestOptions& options,
                const Control& control);

    Tree build(std::uint64_t seed);

private:
    struct NodeStats {
        double weight = 0.0;      // rows in the node counted with their bootstrap multiplicity
        double mean = 0.0;        // of the responses: the node's prediction
        double scaledMean = 0.0;  // of the scaled responses, to centre them in the scans
        bool pure = false;        // every row has the same response
    };
    // A sample row as the scans read it, packed so one cache line serves both.
    struct SampleRow {
        double weight;
        double scaled;  // the response times yScale_
    };
    struct Pending {  // a node waiting to be grown
        std::size_t begin;
        std::size_t end;
        int depth;
        int parent;  // -1 for the root
        bool isLeft;
    };
    // The best split of a node so far. Its score is sl^2 / (wl * wr), where sl is the centred
    // (scaled) response sum of the left part and wl, wr the weights of the parts: the reduction of
    // squared error is the score times the node's weight over yScale_^2, so within a node the best
    // score is the best split.
    // Kept as a fraction so the scans compare by multiplying; it starts below every real score.
    struct Split {
        int feature = -1;
        double scoreNumerator = -1.0;
        double scoreDenominator = 1.0;
        double below = 0.0;  // numeric: the values either side of the threshold
        double above = 0.0;  // (a categorical split's left set is in bestLeftSet_)
    };

    void drawSample(ForestRandom& random);
    NodeStats nodeStats(std::size_t begin, std::size_t end) const;
    Split findSplit(std::size_t begin, std::size_t end, const NodeStats& stats, ForestRandom& random);
    // Each returns false when the column is constant in the node (no candidate threshold at all).
    bool scanNumeric(int col, std::size_t begin, std::size_t end, const NodeStats& stats, Split& best);
    bool scanCategorical(int col, std::size_t begin, std::size_t end, const NodeStats& stats,
                         Split& best);
    // Moves the rows going left to the front of every segment of the node, keeping each sorted;
    // returns how many distinct rows went left.
    std::size_t partition(std::size_t begin, std::size_t end, const Split& split);
    void writeSplit(TreeNode& node, std::vector<std::uint8_t>& categorySets, const Split& split) const;

    const Dataset& data_;
    const SortedColumns& sorted_;
    const ForestOptions& options_;
    const Control& control_;

    std::size_t cols_ = 0;
    std::vector<int> numericSlot_;  // per column: its index array among the numeric ones, or -1

    // The tree's sample: `inBag_` distinct rows, renumbered 0..inBag_-1 in row order, with their
    // values copied column-major so scans touch compact memory.
    std::size_t inBag_ = 0;
    std::vector<std::uint32_t> drawCount_;  // per dataset row
    std::vector<std::int32_t> localRow_;    // per dataset row: its sample index, or -1
    std::vector<std::uint32_t> inBagRows_;  // per sample row: its dataset row
    std::vector<double> x_;
    std::vector<double> y_;
    std::vector<SampleRow> sampleRows_;
    // A power of two bringing the largest |response| to at most 1, so squared sums in the scans
    // cannot overflow whatever the responses' scale, and scaling is exact.
    double yScale_ = 1.0;

    std::vector<std::uint32_t> sortedRows_;  // one array of inBag_ per numeric column
    std::vector<std::uint32_t> members_;     // the node's rows in no particular order
    std::vector<std::uint32_t> scratch_;
    std::vector<std::uint8_t> goesLeft_;
    std::vector<int> columnPool_;
    std::vector<TreeNode> nodes_;
    std::vector<Pending> stack_;  // drawing columns without replacement when maxFeatures > 0

    // Categorical scans: per-category weight and centred response sum, categories by mean, and
    // the left set of the best categorical split so far.
    std::vector<double> categoryWeight_;
    std::vector<double> categorySum_;
    std::vector<int> categoryOrder_;
    std::vector<std::uint8_t> bestLeftSet_;
};

} // namespace tendril::engine::detail
