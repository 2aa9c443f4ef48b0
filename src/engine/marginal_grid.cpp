#include "marginal_grid.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tendril::engine::detail {

namespace {

std::string columnList(std::span<const int> columns)
{
    std::string text;
    for (int c : columns)
        text += (text.empty() ? "" : ", ") + std::to_string(c);
    return text;
}

// Rows of the pair sweep handled together: their running sums along the row are independent
// dependency chains, which keeps the floating-point units busy instead of waiting on one chain.
// Four rows keep all accumulators in the 16 SSE registers; eight spill them to the stack.
constexpr int kBlockRows = 4;

// Rows of a block are `stride` apart: padded so they do not share cache sets with each other.
std::size_t blockStride(std::size_t cols) { return (cols + 7) / 8 * 8 + 8; }

// Adds the corner updates of rows [r0, r0 + count) into the block (which the sweep leaves zeroed).
void fillBlock(MarginalWorkspace& ws, std::size_t r0, std::size_t count, std::size_t stride)
{
    const LeafBoxes& boxes = *ws.tree;
    const MarginalWorkspace::CellLeaves& byRow = ws.cellLeaves[ws.rowColumn];
    const double* weight = ws.leafWeight.data();
    for (std::size_t b = 0; b < count; ++b) {
        double* row = ws.block.data() + b * stride;
        for (std::uint32_t e = byRow.start[r0 + b]; e < byRow.start[r0 + b + 1]; ++e) {
            const std::uint32_t entry = byRow.entries[e];
            const std::size_t leaf = entry >> 1;
            // A box starting on this row adds its weight from its first column on and takes it
            // away after its last; a box ending here does the opposite.
            const double g = (entry & 1) ? -weight[leaf] : weight[leaf];
            for (const CellRange& r : boxes.ranges(ws.colColumn, leaf)) {
                row[r.lo] += g;
                if (r.hi < ws.cols)
                    row[r.hi] -= g;
            }
        }
    }
}

// Adds B rows of the pair marginal to the variance: block holds the corner updates of the rows
// (zeroed as they are read, ready for the next rows), columnSum the marginal of the row above
// (updated in place), and the return value is
// sum over the rows of rowWeight * sum over the cells of colWeight * marginal^2.
template <int B>
double blockSquares(double* block, std::size_t stride, std::size_t cols, double* columnSum,
                    const double* colWeight, const double* rowWeight)
{
    double running[B] = {};
    double squares[B] = {};
    for (std::size_t c = 0; c < cols; ++c) {
        double v = columnSum[c];
        const double w = colWeight[c];
        // Fully unrolled, so running[] and squares[] live in registers.
#pragma GCC unroll 16
        for (int b = 0; b < B; ++b) {
            double& corner = block[static_cast<std::size_t>(b) * stride + c];
            running[b] += corner;
            corner = 0.0;
            v += running[b];
            squares[b] += w * (v * v);
        }
        columnSum[c] = v;
    }
    double total = 0.0;
    for (int b = 0; b < B; ++b)
        total += rowWeight[b] * squares[b];
    return total;
}

// The same sweep writing the B rows of the marginal to out (cols values per row).
template <int B>
void blockRows(double* block, std::size_t stride, std::size_t cols, double* columnSum, double* out)
{
    double running[B] = {};
    for (std::size_t c = 0; c < cols; ++c) {
        double v = columnSum[c];
#pragma GCC unroll 16
        for (int b = 0; b < B; ++b) {
            double& corner = block[static_cast<std::size_t>(b) * stride + c];
            running[b] += corner;
            corner = 0.0;
            v += running[b];
            out[static_cast<std::size_t>(b) * cols + c] = v;
        }
        columnSum[c] = v;
    }
}

double pairVariance(MarginalWorkspace& ws, int first, int second)
{
    const LeafBoxes& boxes = *ws.tree;
    // The column with fewer cells runs along the block's rows (the inner loop), so the block stays
    // in the L1 cache.
    int rowColumn = first, colColumn = second;
    if (boxes.cells(static_cast<std::size_t>(colColumn)).count() >
        boxes.cells(static_cast<std::size_t>(rowColumn)).count())
        std::swap(rowColumn, colColumn);
    startPairSweep(ws, rowColumn, colColumn);
    const double* rowWeight = boxes.cells(ws.rowColumn).weights.data();
    const double* colWeight = boxes.cells(ws.colColumn).weights.data();
    const std::size_t stride = blockStride(ws.cols);

    double total = 0.0;
    for (std::size_t r0 = 0; r0 < ws.rows; r0 += kBlockRows) {
        const std::size_t count = std::min<std::size_t>(kBlockRows, ws.rows - r0);
        fillBlock(ws, r0, count, stride);
        if (count == kBlockRows) {
            total += blockSquares<kBlockRows>(ws.block.data(), stride, ws.cols, ws.columnSum.data(),
                                              colWeight, rowWeight + r0);
        } else {
            for (std::size_t b = 0; b < count; ++b)
                total += blockSquares<1>(ws.block.data() + b * stride, stride, ws.cols,
                                         ws.columnSum.data(), colWeight, rowWeight + r0 + b);
        }
    }
    return total;
}

// sum over the cells of the product of the cells' weights times value^2, for a row-major table.
double tableSquares(const LeafBoxes& boxes, std::span<const int> columns, const std::vector<double>& table)
{
    const std::size_t d = columns.size();
    const std::vector<double>& inner = boxes.cells(static_cast<std::size_t>(columns[d - 1])).weights;
    const std::size_t innerCount = inner.size();
    std::vector<std::size_t> index(d - 1, 0);
    double total = 0.0;
    for (std::size_t base = 0; base < table.size(); base += innerCount) {
        double outerWeight = 1.0;
        for (std::size_t m = 0; m + 1 < d; ++m)
            outerWeight *= boxes.cells(static_cast<std::size_t>(columns[m])).weights[index[m]];
        double row = 0.0;
        for (std::size_t t = 0; t < innerCount; ++t)
            row += inner[t] * (table[base + t] * table[base + t]);
        total += outerWeight * row;
        for (std::size_t m = d - 1; m-- > 0;) {
            if (++index[m] < boxes.cells(static_cast<std::size_t>(columns[m])).count())
                break;
            index[m] = 0;
        }
    }
    return total;
}

} // namespace

void MarginalWorkspace::bind(const LeafBoxes& boxes)
{
    tree = &boxes;
    cellLeaves.resize(boxes.columns());
    for (CellLeaves& byCell : cellLeaves)
        byCell.built = false;
    const std::size_t leaves = boxes.leaves();
    fractions.assign(boxes.columns() * leaves, 1.0);
    for (std::size_t c = 0; c < boxes.columns(); ++c)
        boxes.multiplyByFractions(c, std::span<double>(fractions.data() + c * leaves, leaves));
}

void leafWeights(MarginalWorkspace& ws, std::span<const int> columns)
{
    const LeafBoxes& boxes = *ws.tree;
    const std::vector<double>& centered = boxes.centeredValues();
    const std::size_t leaves = boxes.leaves();
    ws.leafWeight.assign(centered.begin(), centered.end());
    double* out = ws.leafWeight.data();
    for (std::size_t c = 0; c < boxes.columns(); ++c) {
        if (std::find(columns.begin(), columns.end(), static_cast<int>(c)) != columns.end())
            continue;
        const double* share = ws.fractions.data() + c * leaves;
        for (std::size_t l = 0; l < leaves; ++l)
            out[l] *= share[l];
    }
}

std::size_t jointCells(const LeafBoxes& boxes, std::span<const int> columns, std::size_t maxCells)
{
    std::size_t cells = 1;
    for (int c : columns) {
        const std::size_t k = boxes.cells(static_cast<std::size_t>(c)).count();
        if (cells > maxCells / k)
            throw std::length_error("fANOVA: the joint marginal of columns " + columnList(columns) +
                                    " needs more than " + std::to_string(maxCells) +
                                    " cells in one tree; analyse fewer columns together");
        cells *= k;
    }
    return cells;
}

void jointMarginal(MarginalWorkspace& ws, std::span<const int> columns, std::size_t maxCells)
{
    const LeafBoxes& boxes = *ws.tree;
    const std::size_t d = columns.size();
    const std::size_t total = jointCells(boxes, columns, maxCells);
    std::vector<std::size_t> sizes(d), strides(d);
    for (std::size_t m = d; m-- > 0;) {
        sizes[m] = boxes.cells(static_cast<std::size_t>(columns[m])).count();
        strides[m] = m + 1 == d ? 1 : strides[m + 1] * sizes[m + 1];
    }
    ws.table.assign(total, 0.0);
    leafWeights(ws, columns);

    if (d == 1) {
        // The common case of a single column, without the general corner enumeration.
        const auto column = static_cast<std::size_t>(columns[0]);
        for (std::size_t leaf = 0; leaf < boxes.leaves(); ++leaf) {
            const double g = ws.leafWeight[leaf];
            for (const CellRange& r : boxes.ranges(column, leaf)) {
                ws.table[r.lo] += g;
                if (r.hi < total)
                    ws.table[r.hi] -= g;
            }
        }
        for (std::size_t p = 1; p < total; ++p)
            ws.table[p] += ws.table[p - 1];
        return;
    }

    std::vector<std::span<const CellRange>> runs(d);
    std::vector<std::size_t> pick(d);
    const std::size_t corners = std::size_t{1} << d;
    for (std::size_t leaf = 0; leaf < boxes.leaves(); ++leaf) {
        const double g = ws.leafWeight[leaf];
        if (g == 0.0)
            continue;
        for (std::size_t m = 0; m < d; ++m)
            runs[m] = boxes.ranges(static_cast<std::size_t>(columns[m]), leaf);
        std::fill(pick.begin(), pick.end(), 0);
        // Every combination of one run per column is a sub-box; each gets its 2^d corners.
        for (;;) {
            for (std::size_t corner = 0; corner < corners; ++corner) {
                std::size_t offset = 0;
                bool inside = true;
                bool negative = false;
                for (std::size_t m = 0; m < d && inside; ++m) {
                    const CellRange r = runs[m][pick[m]];
                    std::size_t at = r.lo;
                    if (corner >> m & 1) {
                        at = r.hi;
                        negative = !negative;
                        inside = at < sizes[m];  // the end past the last cell needs no update
                    }
                    offset += at * strides[m];
                }
                if (inside)
                    ws.table[offset] += negative ? -g : g;
            }
            std::size_t m = d;
            while (m-- > 0) {
                if (++pick[m] < runs[m].size())
                    break;
                pick[m] = 0;
            }
            if (m == static_cast<std::size_t>(-1))
                break;
        }
    }

    for (std::size_t m = 0; m < d; ++m) {
        const std::size_t inner = strides[m];
        const std::size_t span = sizes[m] * inner;
        for (std::size_t base = 0; base < total; base += span)
            for (std::size_t p = base + inner; p < base + span; ++p)
                ws.table[p] += ws.table[p - inner];
    }
}

double marginalVariance(MarginalWorkspace& ws, std::span<const int> columns, std::size_t maxCells)
{
    if (columns.size() == 2)
        return pairVariance(ws, columns[0], columns[1]);
    jointMarginal(ws, columns, maxCells);
    return tableSquares(*ws.tree, columns, ws.table);
}

const MarginalWorkspace::CellLeaves& MarginalWorkspace::leavesByCell(std::size_t column)
{
    CellLeaves& byCell = cellLeaves[column];
    if (byCell.built)
        return byCell;
    const std::size_t cells = tree->cells(column).count();
    // Counting sort by cell: count, turn the counts into starts, then fill.
    byCell.start.assign(cells + 1, 0);
    for (std::size_t leaf = 0; leaf < tree->leaves(); ++leaf)
        for (const CellRange& r : tree->ranges(column, leaf)) {
            ++byCell.start[r.lo];
            if (r.hi < cells)
                ++byCell.start[r.hi];
        }
    std::uint32_t total = 0;
    for (std::size_t c = 0; c <= cells; ++c) {
        const std::uint32_t count = byCell.start[c];
        byCell.start[c] = total;
        total += count;
    }
    byCell.entries.resize(total);
    // Filling through start[cell + 1] leaves every start in place once all cells are written.
    for (std::size_t c = cells; c > 0; --c)
        byCell.start[c] = byCell.start[c - 1];
    for (std::size_t leaf = 0; leaf < tree->leaves(); ++leaf)
        for (const CellRange& r : tree->ranges(column, leaf)) {
            byCell.entries[byCell.start[r.lo + 1]++] = static_cast<std::uint32_t>(leaf << 1);
            if (r.hi < cells)
                byCell.entries[byCell.start[r.hi + 1]++] = static_cast<std::uint32_t>(leaf << 1 | 1);
        }
    byCell.built = true;
    return byCell;
}

void startPairSweep(MarginalWorkspace& ws, int rowColumn, int colColumn)
{
    const int columns[2] = {rowColumn, colColumn};
    leafWeights(ws, columns);
    ws.rowColumn = static_cast<std::size_t>(rowColumn);
    ws.colColumn = static_cast<std::size_t>(colColumn);
    ws.rows = ws.tree->cells(ws.rowColumn).count();
    ws.cols = ws.tree->cells(ws.colColumn).count();
    ws.leavesByCell(ws.rowColumn);
    ws.block.assign(static_cast<std::size_t>(kBlockRows) * blockStride(ws.cols), 0.0);
    ws.columnSum.assign(ws.cols, 0.0);
    ws.rowValues.resize(static_cast<std::size_t>(kBlockRows) * ws.cols);
}

std::size_t pairRowBlock(MarginalWorkspace& ws, std::size_t r0)
{
    const std::size_t count = std::min<std::size_t>(kBlockRows, ws.rows - r0);
    const std::size_t stride = blockStride(ws.cols);
    fillBlock(ws, r0, count, stride);
    if (count == kBlockRows) {
        blockRows<kBlockRows>(ws.block.data(), stride, ws.cols, ws.columnSum.data(), ws.rowValues.data());
    } else {
        for (std::size_t b = 0; b < count; ++b)
            blockRows<1>(ws.block.data() + b * stride, stride, ws.cols, ws.columnSum.data(),
                         ws.rowValues.data() + b * ws.cols);
    }
    return count;
}

} // namespace tendril::engine::detail
