// The regression random forest fANOVA decomposes: CART trees on squared error, grown on bootstrap
// samples, with native categorical splits.
//
// Splitting rules (per node):
//  - numeric columns split at midpoints between neighbouring distinct values, as scikit-learn
//    does: (a + b) / 2, or a when rounding would put the midpoint at b, so a <= threshold < b;
//  - categorical columns order the categories present in the node by mean response and take the
//    best prefix as the left set, which is the optimal binary partition for squared error.
//    Categories absent from the node go with the heavier child (ties: left): its mean is the
//    closer one to the node's, so it is the least committal guess for values the node never saw;
//  - the best split maximises the reduction of the weighted sum of squared errors. Equally good
//    candidates keep the first one found: columns in the order tried, lower thresholds (shorter
//    category prefixes) first;
//  - a node is a leaf when it is at maxDepth, weighs less than minSamplesSplit or
//    2 * minSamplesLeaf, is pure (one response value), or no column can be split with at least
//    minSamplesLeaf on each side. As in scikit-learn, a split is taken even when the best one
//    reduces the error by nothing: a pure interaction (y = x1 XOR x2 on a grid) has no useful
//    first split, yet the next level explains it fully.
// Sample counts (minSamplesSplit, minSamplesLeaf, TreeNode::samples) count bootstrap duplicates;
// scikit-learn counts distinct rows for the first two, which only differs for non-default values.
#pragma once

#include "tendril/engine/control.hpp"
#include "tendril/engine/dataset.hpp"
#include "tendril/engine/tree.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tendril::engine {

// The defaults are Optuna's fANOVA forest, so results compare with it statistically.
struct ForestOptions {
    int trees = 64;
    int maxDepth = 64;        // the root has depth 0; 1 grows stumps
    int minSamplesSplit = 2;  // nodes weighing less are leaves
    int minSamplesLeaf = 1;   // each child of a split weighs at least this
    // 0: every column is tried at every split. Otherwise that many columns are drawn without
    // replacement per node; columns constant in the node do not count, so a node only becomes a
    // leaf when no column can split it (scikit-learn's rule).
    int maxFeatures = 0;
    bool bootstrap = true;  // each tree sees n rows drawn from n with replacement
    std::uint64_t seed = 0;
    int threads = 0;  // 0: std::thread::hardware_concurrency()

    // Throws std::invalid_argument naming the option, e.g. "trees must be at least 1, got 0".
    void validate() const;
};

struct Forest {
    std::vector<Tree> trees;
};

// Fits options.trees trees in parallel. The result depends only on the data, the options and the
// seed, never on the number of threads: tree i draws from its own generator seeded from (seed, i).
// Throws std::invalid_argument for invalid options, a dataset without rows, or maxFeatures above
// the number of columns; Cancelled when control asks to stop (checked between trees and every few
// thousand nodes). Progress is reported after each tree, serialised and increasing, ending at 1.
Forest fitForest(const Dataset& data, const ForestOptions& options, const Control& control = {});

// Mean prediction of the trees for one row given in column order (it must hold every column the
// trees split on). Throws std::invalid_argument for a forest without trees.
double predict(const Forest& forest, std::span<const double> row);
// Mean prediction for one row of a dataset, read in place.
double predict(const Forest& forest, const Dataset& data, std::size_t row);
// Mean predictions for every row of a dataset.
std::vector<double> predict(const Forest& forest, const Dataset& data);

} // namespace tendril::engine
