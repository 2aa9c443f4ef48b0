// One tree as fANOVA reads it: every column cut into the cells of the thresholds the tree uses on
// it, and every leaf as a box of cell ranges with its value.
#pragma once

#include "tendril/engine/tree.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tendril::engine::detail {

// Cells [lo, hi) of one column.
struct CellRange {
    std::uint32_t lo = 0;
    std::uint32_t hi = 0;
};

// A column cut by one tree. Numeric: cell i is (edges[i], edges[i+1]] (the first one closed), from
// the lower bound through the distinct thresholds strictly inside the bounds to the upper bound; a
// column whose bounds coincide is one cell, a point of measure 1. Categorical: one cell per
// category.
struct ColumnCells {
    bool categorical = false;
    std::vector<double> edges;    // numeric only
    std::vector<double> weights;  // each cell's share of the column's measure; they sum to 1

    std::size_t count() const { return weights.size(); }
};

class LeafBoxes {
public:
    LeafBoxes() = default;  // no columns, no leaves: a slot to be assigned
    // Throws std::invalid_argument naming `treeIndex` and the node of the first inconsistency.
    LeafBoxes(const Tree& tree, std::span<const ColumnDomain> domains, std::size_t treeIndex,
              double clampLow, double clampHigh);

    std::size_t columns() const { return columns_.size(); }
    std::size_t leaves() const { return centered_.size(); }
    const ColumnCells& cells(std::size_t column) const { return columns_[column].cells; }

    // The runs of cells leaf covers on column: one range on a numeric column, the maximal runs of
    // consecutive categories on a categorical one.
    std::span<const CellRange> ranges(std::size_t column, std::size_t leaf) const
    {
        const Column& c = columns_[column];
        if (c.runStart.empty())
            return {c.runs.data() + leaf, 1};
        return {c.runs.data() + c.runStart[leaf], c.runs.data() + c.runStart[leaf + 1]};
    }
    // |leaf's box along column| / |column|, in (0, 1].
    double fraction(std::size_t column, std::size_t leaf) const;
    // out[leaf] *= fraction(column, leaf) for every leaf.
    void multiplyByFractions(std::size_t column, std::span<double> out) const;

    // Leaf values minus the tree's mean, so marginals come out centred (their mean is 0) and
    // variances do not lose digits to a large mean. Exactly 0 for a constant tree.
    const std::vector<double>& centeredValues() const { return centered_; }
    double mean() const { return mean_; }
    double variance() const { return variance_; }  // V, exactly 0 for a constant tree

private:
    struct Column {
        ColumnCells cells;
        double width = 0.0;                  // numeric: high - low
        std::vector<CellRange> runs;         // numeric: one per leaf; categorical: see runStart
        std::vector<std::uint32_t> runStart; // categorical: leaf l owns runs [runStart[l], runStart[l+1])
    };

    // Cuts every column into cells; returns for each numeric split whose threshold lies strictly
    // inside the bounds the index of that threshold among its column's edges.
    std::vector<std::uint32_t> collectThresholds(const Tree& tree, std::span<const ColumnDomain> domains);
    void traverse(const Tree& tree, std::span<const ColumnDomain> domains,
                  const std::vector<std::uint32_t>& cutOfNode, std::size_t treeIndex, double clampLow,
                  double clampHigh);
    void summarise();

    std::vector<Column> columns_;
    std::vector<double> values_;  // leaf values after clamping
    std::vector<double> centered_;
    double mean_ = 0.0;
    double variance_ = 0.0;
};

} // namespace tendril::engine::detail
