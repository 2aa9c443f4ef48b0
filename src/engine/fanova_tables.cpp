// Marginal curves and pairwise tables for display: per-tree marginals read off the same cell grids
// as the variances, then averaged over trees.
#include "tendril/engine/fanova.hpp"

#include "fanova_parallel.hpp"
#include "fanova_prepared.hpp"
#include "marginal_grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace tendril::engine {

namespace {

void checkColumn(int column, std::size_t columns)
{
    if (column < 0 || static_cast<std::size_t>(column) >= columns)
        throw std::invalid_argument("fANOVA: column " + std::to_string(column) +
                                    " is out of range; there are " + std::to_string(columns) +
                                    " columns");
}

// The bins of one table axis.
struct AxisBins {
    bool categorical = false;
    std::vector<double> edges;  // numeric
    std::size_t count = 0;
};

AxisBins axisBins(const MarginalAxis& axis, const ColumnDomain& domain)
{
    const std::string name = "fANOVA: axis of column " + std::to_string(axis.column);
    AxisBins bins;
    if (domain.isCategorical()) {
        if (!axis.edges.empty())
            throw std::invalid_argument(name + ": a categorical column takes no edges, one bin per category");
        bins.categorical = true;
        bins.count = static_cast<std::size_t>(domain.categories);
        return bins;
    }
    if (domain.low == domain.high) {
        bins.edges = {domain.low, domain.high};
        bins.count = 1;
        return bins;
    }
    if (axis.edges.empty()) {
        if (axis.bins < 1)
            throw std::invalid_argument(name + ": bins must be at least 1, got " + std::to_string(axis.bins));
        const auto n = static_cast<std::size_t>(axis.bins);
        for (std::size_t i = 0; i < n; ++i)
            bins.edges.push_back(domain.low + (domain.high - domain.low) * static_cast<double>(i) /
                                                  static_cast<double>(n));
        bins.edges.push_back(domain.high);
        bins.count = n;
        return bins;
    }
    const std::vector<double>& e = axis.edges;
    if (e.size() < 2)
        throw std::invalid_argument(name + ": edges need at least 2 values, got " + std::to_string(e.size()));
    for (std::size_t i = 0; i < e.size(); ++i) {
        if (!(e[i] >= domain.low && e[i] <= domain.high))
            throw std::invalid_argument(name + ": edges[" + std::to_string(i) + "] = " +
                                        std::to_string(e[i]) + " is outside the bounds [" +
                                        std::to_string(domain.low) + ", " + std::to_string(domain.high) + "]");
        if (i > 0 && !(e[i] > e[i - 1]))
            throw std::invalid_argument(name + ": edges[" + std::to_string(i) +
                                        "] is not above edges[" + std::to_string(i - 1) +
                                        "]; expected strictly increasing edges");
    }
    bins.edges = e;
    bins.count = e.size() - 1;
    return bins;
}

// How one tree's cells of a column spread over the display bins: cell `cell` contributes
// weight = |cell ∩ bin| / |bin| to bin `bin`. Sorted by cell.
struct Share {
    std::size_t cell;
    std::size_t bin;
    double weight;
};

void binShares(const detail::ColumnCells& cells, const AxisBins& bins, std::vector<Share>& out)
{
    out.clear();
    if (bins.categorical) {
        for (std::size_t x = 0; x < bins.count; ++x)
            out.push_back({x, x, 1.0});
        return;
    }
    if (cells.edges.front() == cells.edges.back()) {
        out.push_back({0, 0, 1.0});
        return;
    }
    const std::vector<double>& e = cells.edges;
    const std::vector<double>& b = bins.edges;
    std::size_t i = 0, j = 0;
    while (i + 1 < e.size() && j + 1 < b.size()) {
        const double lo = std::max(e[i], b[j]);
        const double hi = std::min(e[i + 1], b[j + 1]);
        if (hi > lo)
            out.push_back({i, j, (hi - lo) / (b[j + 1] - b[j])});
        if (e[i + 1] < b[j + 1])
            ++i;
        else if (b[j + 1] < e[i + 1])
            ++j;
        else
            ++i, ++j;
    }
}

// target += weight * values; the arrays never overlap, which lets the loop be vectorised.
void addScaled(double* __restrict target, const double* __restrict values, double weight, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        target[i] += weight * values[i];
}

// Mean and population standard deviation over trees, accumulated in tree order (Welford).
struct RunningStats {
    std::vector<double> mean;
    std::vector<double> squares;
    std::size_t count = 0;

    void add(std::span<const double> values)
    {
        if (count == 0) {
            mean.assign(values.size(), 0.0);
            squares.assign(values.size(), 0.0);
        }
        ++count;
        const double inverse = 1.0 / static_cast<double>(count);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double delta = values[i] - mean[i];
            mean[i] += delta * inverse;
            squares[i] += delta * (values[i] - mean[i]);
        }
    }
    std::vector<double> standardDeviation() const
    {
        std::vector<double> out(squares.size());
        for (std::size_t i = 0; i < squares.size(); ++i)
            out[i] = std::sqrt(std::max(0.0, squares[i]) / static_cast<double>(count));
        return out;
    }
};

} // namespace

std::size_t MarginalCurve::cellAt(double x) const
{
    if (categorical) {
        if (!(x >= 0.0 && x < static_cast<double>(mean.size()) && x == std::floor(x)))
            throw std::invalid_argument("fANOVA: category " + std::to_string(x) + " of column " +
                                        std::to_string(column) + " is not one of 0.." +
                                        std::to_string(mean.size() - 1));
        return static_cast<std::size_t>(x);
    }
    const auto first = edges.begin() + 1;
    const auto last = edges.end() - 1;
    return static_cast<std::size_t>(std::lower_bound(first, last, x) - first);
}

std::vector<double> coarsenEdges(std::span<const double> edges, std::size_t maxCells)
{
    if (maxCells < 1)
        throw std::invalid_argument("fANOVA: coarsenEdges needs maxCells of at least 1");
    if (edges.size() < 2 || edges.size() - 1 <= maxCells)
        return {edges.begin(), edges.end()};
    const std::size_t cells = edges.size() - 1;
    std::vector<double> out;
    out.reserve(maxCells + 1);
    for (std::size_t i = 0; i <= maxCells; ++i)
        out.push_back(edges[i * cells / maxCells]);
    return out;
}

MarginalCurve Fanova::curve(int column, const Control& control) const
{
    const int columns[1] = {column};
    return std::move(curves(columns, control).front());
}

std::vector<MarginalCurve> Fanova::curves(std::span<const int> columns, const Control& control) const
{
    const Prepared& data = *prepared_;
    for (int column : columns)
        checkColumn(column, data.domains.size());
    const std::size_t treeCount = data.trees.size();

    // perTree[t][i]: tree t's marginal of columns[i] on its own cells. The trees are computed in
    // parallel, then the curves (each one an average over all trees), so progress counts both.
    std::vector<std::vector<std::vector<double>>> perTree(treeCount);
    detail::TreeScheduler scheduler(data.threads, treeCount + columns.size(), control);
    std::vector<detail::MarginalWorkspace> workspaces(scheduler.workers());
    scheduler.run(0, treeCount, [&](std::size_t t, std::size_t worker) {
        detail::MarginalWorkspace& ws = workspaces[worker];
        ws.bind(data.trees[t]);
        perTree[t].resize(columns.size());
        for (std::size_t i = 0; i < columns.size(); ++i) {
            detail::jointMarginal(ws, columns.subspan(i, 1), kMaxJointCells);
            perTree[t][i] = ws.table;
            for (double& v : perTree[t][i])
                v += data.trees[t].mean();
        }
    });

    std::vector<MarginalCurve> result(columns.size());
    scheduler.run(treeCount, treeCount + columns.size(), [&](std::size_t item, std::size_t) {
        const std::size_t i = item - treeCount;
        const auto c = static_cast<std::size_t>(columns[i]);
        const ColumnDomain& domain = data.domains[c];
        MarginalCurve& curve = result[i];
        curve.column = columns[i];
        curve.categorical = domain.isCategorical();
        RunningStats stats;
        if (curve.categorical) {
            for (std::size_t t = 0; t < treeCount; ++t)
                stats.add(perTree[t][i]);
        } else {
            if (domain.low == domain.high) {
                curve.edges = {domain.low, domain.high};
            } else {
                for (const detail::LeafBoxes& tree : data.trees)
                    curve.edges.insert(curve.edges.end(), tree.cells(c).edges.begin(),
                                       tree.cells(c).edges.end());
                std::sort(curve.edges.begin(), curve.edges.end());
                curve.edges.erase(std::unique(curve.edges.begin(), curve.edges.end()), curve.edges.end());
            }
            // Every union cell lies inside one cell of each tree: the one whose upper edge is the
            // first at or above the union cell's upper edge.
            const std::size_t cells = curve.edges.size() - 1;
            std::vector<double> values(cells);
            for (std::size_t t = 0; t < treeCount; ++t) {
                const std::vector<double>& treeEdges = data.trees[t].cells(c).edges;
                std::size_t cell = 0;
                for (std::size_t u = 0; u < cells; ++u) {
                    while (cell + 2 < treeEdges.size() && treeEdges[cell + 1] < curve.edges[u + 1])
                        ++cell;
                    values[u] = perTree[t][i][cell];
                }
                stats.add(values);
            }
        }
        curve.mean = std::move(stats.mean);
        curve.std = stats.standardDeviation();
    });
    return result;
}

PairMarginalTable Fanova::pairTable(const MarginalAxis& rowAxis, const MarginalAxis& colAxis,
                                    const Control& control) const
{
    const Prepared& data = *prepared_;
    checkColumn(rowAxis.column, data.domains.size());
    checkColumn(colAxis.column, data.domains.size());
    if (rowAxis.column == colAxis.column)
        throw std::invalid_argument("fANOVA: a pair table needs two different columns, got column " +
                                    std::to_string(rowAxis.column) + " twice");
    const auto rowColumn = static_cast<std::size_t>(rowAxis.column);
    const auto colColumn = static_cast<std::size_t>(colAxis.column);
    const AxisBins rowBins = axisBins(rowAxis, data.domains[rowColumn]);
    const AxisBins colBins = axisBins(colAxis, data.domains[colColumn]);

    if (rowBins.count * colBins.count > kMaxTableBins)
        throw std::invalid_argument("fANOVA: a pair table of " + std::to_string(rowBins.count) + " x " +
                                    std::to_string(colBins.count) + " bins is more than the " +
                                    std::to_string(kMaxTableBins) + " it may hold; coarsen the edges");

    PairMarginalTable table;
    table.rowColumn = rowAxis.column;
    table.colColumn = colAxis.column;
    table.rowEdges = rowBins.edges;
    table.colEdges = colBins.edges;
    table.rows = rowBins.count;
    table.cols = colBins.count;
    const std::size_t size = table.rows * table.cols;

    struct Scratch {
        detail::MarginalWorkspace ws;
        std::vector<Share> rowShares, colShares;
        std::vector<double> rowBinSums;  // per row bin, the weighted sum of its tree rows
    };
    const std::size_t treeCount = data.trees.size();
    detail::TreeScheduler scheduler(data.threads, treeCount, control);
    std::vector<Scratch> scratch(scheduler.workers());
    // Trees go in chunks whose tables are folded in tree order, which bounds the memory for large
    // tables and keeps the result independent of the thread count.
    const std::size_t chunk = scheduler.workers() * 4;
    std::vector<std::vector<double>> chunkTables(std::min(chunk, treeCount));
    RunningStats stats;
    for (std::size_t begin = 0; begin < treeCount; begin += chunk) {
        const std::size_t end = std::min(treeCount, begin + chunk);
        scheduler.run(begin, end, [&](std::size_t t, std::size_t worker) {
            Scratch& s = scratch[worker];
            const detail::LeafBoxes& tree = data.trees[t];
            s.ws.bind(tree);
            binShares(tree.cells(rowColumn), rowBins, s.rowShares);
            binShares(tree.cells(colColumn), colBins, s.colShares);
            // Rows are folded into their row bins first and the columns binned once per row bin,
            // which keeps the per-cell work to one multiply-add.
            const std::size_t treeCols = tree.cells(colColumn).count();
            s.rowBinSums.assign(table.rows * treeCols, 0.0);
            std::size_t share = 0;
            detail::sweepPairRows(s.ws, rowAxis.column, colAxis.column,
                                  [&](std::size_t row, const double* values) {
                                      for (; share < s.rowShares.size() && s.rowShares[share].cell == row; ++share)
                                          addScaled(s.rowBinSums.data() + s.rowShares[share].bin * treeCols,
                                                    values, s.rowShares[share].weight, treeCols);
                                  });
            std::vector<double>& out = chunkTables[t - begin];
            out.assign(size, tree.mean());
            for (std::size_t a = 0; a < table.rows; ++a) {
                const double* sums = s.rowBinSums.data() + a * treeCols;
                double* target = out.data() + a * table.cols;
                for (const Share& cs : s.colShares)
                    target[cs.bin] += cs.weight * sums[cs.cell];
            }
        });
        for (std::size_t t = begin; t < end; ++t)
            stats.add(chunkTables[t - begin]);
    }
    table.mean = stats.mean;
    table.std = stats.standardDeviation();
    return table;
}

} // namespace tendril::engine
