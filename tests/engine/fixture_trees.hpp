// Trees for the fANOVA tests: the golden scikit-learn trees with Optuna's values, hand-made and
// random trees, and a brute-force marginal that evaluates a tree at every cell midpoint.
#pragma once

#include "tendril/engine/tree.hpp"

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace tendril::testing {

struct GoldenCurve {
    std::vector<double> x;
    std::vector<double> a;
};

struct GoldenTree {
    engine::Tree tree;
    double totalVariance = 0.0;
    // Keyed as in the fixture: "0" for a group, "0,1" for a pair of groups (its total variance).
    std::map<std::string, double> marginalVariance;
    std::map<int, GoldenCurve> curves;  // keyed by column
};

struct GoldenFixture {
    std::vector<engine::ColumnDomain> domains;
    std::vector<std::vector<int>> groups;
    std::vector<GoldenTree> trees;
};

// Loads <shared>/reference/fixtures/<name>.json into numeric-split trees.
GoldenFixture loadGoldenFixture(const std::string& name);

// Builds a tree top-down, so the root is node 0.
class TreeBuilder {
public:
    int leaf(double value);
    // A split node whose children are added afterwards with setChildren().
    int numeric(int feature, double threshold);
    int categorical(int feature, const std::vector<int>& leftCategories, int categories);
    void setChildren(int node, int left, int right);
    const engine::Tree& tree() const { return tree_; }

private:
    engine::Tree tree_;
};

// One numeric split on column `feature` at threshold, leaves left and right.
engine::Tree stumpTree(int feature, double threshold, double left, double right);
// XOR on [0,1]^2: x0 at 0.5, then x1 at 0.5 in both children, leaves 0, 1, 1, 0.
engine::Tree xorTree();

// A random tree over domains: splits to `depth` (with some leaves earlier), numeric thresholds
// mostly inside the bounds but also on and outside them and repeated, categorical splits on random
// proper subsets, leaf values from a few levels so that some coincide.
engine::Tree randomTree(std::mt19937_64& rng, const std::vector<engine::ColumnDomain>& domains,
                        int depth);

// The marginal of `columns` on the tree's own cell grid (row-major, last column fastest), by
// evaluating the tree at the midpoint of every cell of every column and averaging with the cell
// measures, plus the measure weight of each cell of the grid.
struct BruteForceMarginal {
    std::vector<double> values;
    std::vector<double> weights;
    double variance() const;  // measure-weighted population variance
};
BruteForceMarginal bruteForceMarginal(const engine::Tree& tree,
                                      const std::vector<engine::ColumnDomain>& domains,
                                      const std::vector<int>& columns);

// The tree's cell edges of a numeric column: the bounds and the distinct thresholds inside them.
std::vector<double> treeCellEdges(const engine::Tree& tree, const engine::ColumnDomain& domain,
                                  int column);

} // namespace tendril::testing
