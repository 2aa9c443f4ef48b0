// Marginals of one tree on its cell grid by the difference-array method: every leaf adds its
// centred value times the share of its box outside U to the cells its box covers in U, through
// 2^|U| corner updates per run of cells, and running sums along each axis turn the corners into
// the marginal. Cost O(leaves * 2^|U| + cells) per tree.
#pragma once

#include "marginal_boxes.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tendril::engine::detail {

// One thread's view of the tree it works on, and buffers reused across trees and terms so the
// inner loops never allocate.
struct MarginalWorkspace {
    // Set by bind(): the tree, and the share of each leaf's box along each column
    // (fractions[column * leaves + leaf]), computed once per tree for all its terms.
    const LeafBoxes* tree = nullptr;
    std::vector<double> fractions;
    void bind(const LeafBoxes& boxes);

    // Per column, built on first use after bind(): the leaves whose box starts or ends at each of
    // the column's cells, entries[start[cell] .. start[cell + 1]) holding leaf << 1 | ends. A pair
    // sweep with this column along its rows finds every corner update of a row there.
    struct CellLeaves {
        bool built = false;
        std::vector<std::uint32_t> start;
        std::vector<std::uint32_t> entries;
    };
    std::vector<CellLeaves> cellLeaves;
    const CellLeaves& leavesByCell(std::size_t column);

    // The pair being swept (see startPairSweep).
    std::size_t rowColumn = 0, colColumn = 0;
    std::size_t rows = 0, cols = 0;

    std::vector<double> leafWeight;
    std::vector<double> table;
    std::vector<double> block;
    std::vector<double> columnSum;
    std::vector<double> rowValues;
};

// The functions below work on the tree bound to the workspace.

// Each leaf's centred value times the measure share of its box along the columns outside U, into
// ws.leafWeight.
void leafWeights(MarginalWorkspace& ws, std::span<const int> columns);

// Cells of the joint grid of columns; throws std::length_error above maxCells.
std::size_t jointCells(const LeafBoxes& boxes, std::span<const int> columns, std::size_t maxCells);

// The centred marginal of columns on their joint cell grid, row-major (the last column varies
// fastest), into ws.table. Throws std::length_error above maxCells.
void jointMarginal(MarginalWorkspace& ws, std::span<const int> columns, std::size_t maxCells);

// V_U_total: the measure-weighted variance of the marginal of columns over their grid. Pairs are
// swept row block by row block without a table; three or more columns go through jointMarginal.
double marginalVariance(MarginalWorkspace& ws, std::span<const int> columns, std::size_t maxCells);

// Sets up the sweep of the pair marginal of (rowColumn, colColumn) row by row: leaf weights, the
// leaves by row cell, and zeroed running state.
void startPairSweep(MarginalWorkspace& ws, int rowColumn, int colColumn);
// Computes the next block of rows of the centred pair marginal, from row r0 on, into ws.rowValues
// (ws.cols values per row), continuing from the rows before; returns how many rows it computed.
std::size_t pairRowBlock(MarginalWorkspace& ws, std::size_t r0);

// Calls visit(row, const double* values) for every row of the centred pair marginal in order,
// holding only a few rows at a time.
template <class Visit>
void sweepPairRows(MarginalWorkspace& ws, int rowColumn, int colColumn, Visit&& visit)
{
    startPairSweep(ws, rowColumn, colColumn);
    for (std::size_t r0 = 0; r0 < ws.rows;) {
        const std::size_t count = pairRowBlock(ws, r0);
        for (std::size_t b = 0; b < count; ++b)
            visit(r0 + b, static_cast<const double*>(ws.rowValues.data() + b * ws.cols));
        r0 += count;
    }
}

} // namespace tendril::engine::detail
