// Regression trees as the forest builds them and as fANOVA reads them.
//
// A tree partitions the space into axis-aligned leaf boxes with a constant prediction each. Columns
// are either numeric (a row goes left when x <= threshold) or categorical (values 0..k-1; a row goes
// left when its category is in the node's left set).
#pragma once

#include <cstdint>
#include <cstddef>
#include <vector>

namespace tendril::engine {

// The domain of one column in the scale the analysis integrates on.
struct ColumnDomain {
    int categories = 0;  // 0 for a numeric column; k > 0 for a categorical one with values 0..k-1
    double low = 0.0;    // numeric columns: bounds of the uniform measure
    double high = 1.0;
    bool isCategorical() const { return categories > 0; }
};

struct TreeNode {
    int feature = -1;        // column split on; -1 for a leaf
    double threshold = 0.0;  // numeric split: x <= threshold goes left
    int left = -1;           // child indices into Tree::nodes
    int right = -1;
    double value = 0.0;      // mean response of the training rows in the node (the prediction at leaves)
    int samples = 0;         // training rows (with bootstrap multiplicity) that reached the node
    // Numeric splits hold Tree::kNumericSplit; categorical splits the offset of their left set in
    // Tree::categorySets.
    std::uint32_t categoryMask = 0xFFFFFFFFu;

    bool isLeaf() const { return feature < 0; }
};

struct Tree {
    std::vector<TreeNode> nodes;  // nodes[0] is the root
    // Left sets of categorical splits: for a split on a column with k categories, k bytes starting
    // at node.categoryMask, 1 where that category goes left.
    std::vector<std::uint8_t> categorySets;

    bool goesLeft(const TreeNode& node, double x) const
    {
        if (node.categoryMask == kNumericSplit)
            return x <= node.threshold;
        return categorySets[node.categoryMask + static_cast<std::uint32_t>(x)] != 0;
    }
    // Prediction for one row given as a pointer to its column values with a stride between columns.
    double predict(const double* row, std::size_t stride = 1) const
    {
        int i = 0;
        while (!nodes[static_cast<std::size_t>(i)].isLeaf()) {
            const TreeNode& n = nodes[static_cast<std::size_t>(i)];
            i = goesLeft(n, row[static_cast<std::size_t>(n.feature) * stride]) ? n.left : n.right;
        }
        return nodes[static_cast<std::size_t>(i)].value;
    }

    static constexpr std::uint32_t kNumericSplit = 0xFFFFFFFFu;
};

} // namespace tendril::engine
