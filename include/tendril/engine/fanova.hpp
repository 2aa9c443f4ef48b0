// Functional ANOVA over a regression forest (Hutter, Hoos & Leyton-Brown, ICML 2014), computed
// exactly from the trees' leaf boxes.
//
// For one tree ŷ over Θ = Θ1 × … × ΘD with the uniform product measure (length on numeric columns,
// counting on categorical ones), the marginal of a set of columns U is a_U(θ_U) = the average of ŷ
// over the other columns; V_U is the variance of a_U over Θ_U and V the variance of ŷ over Θ. The
// importance of U in that tree is V_U / V, where for a pair of parameters V_U is the pure
// interaction V_ij_total - V_i - V_j, clipped at 0 per tree. Importances are reported as the mean
// and population standard deviation over the trees with V > 0; trees with V = 0 are skipped and
// counted. Nothing is renormalised: the singles of a forest need not sum to 1 (Optuna rescales them
// to do so for its bar chart; automl/fanova does not).
//
// Every column is cut into cells by the thresholds its tree uses on it, a_U is constant on U's cell
// grid, and it is built with one difference array per tree, so the results are exact to rounding
// (no sampling) and marginal curves are true step functions.
#pragma once

#include "tendril/engine/control.hpp"
#include "tendril/engine/tree.hpp"

#include <cstddef>
#include <limits>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace tendril::engine {

// A statistic over trees: mean and population standard deviation.
struct MeanStd {
    double mean = 0.0;
    double std = 0.0;
};

struct FanovaSetup {
    int threads = 0;  // 0: std::thread::hardware_concurrency(); results never depend on it
    // Leaf values are clamped to [clampLow, clampHigh] before anything is computed: importances then
    // describe what matters to reach that band of the objective (automl/fanova's cutoffs). The
    // clamp is exact because every marginal is linear in the leaf values.
    double clampLow = -std::numeric_limits<double>::infinity();
    double clampHigh = std::numeric_limits<double>::infinity();
};

struct FanovaOptions {
    // The analysed parameters as lists of columns (a one-hot encoded parameter spans several).
    // Empty: every column is its own group. Groups must not share columns.
    std::vector<std::vector<int>> groups;
    // Pairs of group indices whose interaction is computed (see allPairs()).
    std::vector<std::pair<int, int>> pairs;
};

// Every pair (i, j), i < j, of groupCount groups, in row order.
std::vector<std::pair<int, int>> allPairs(std::size_t groupCount);

struct FanovaTerm {
    MeanStd fraction;  // V_U / V over the trees with V > 0
    MeanStd variance;  // V_U over the same trees
};

struct FanovaPairTerm {
    int first = -1;  // group indices as requested
    int second = -1;
    FanovaTerm pure;        // V_ij_total - V_i - V_j, clipped at 0 per tree
    MeanStd totalVariance;  // V_ij_total, the variance of the joint marginal, over the used trees
};

// The raw variances of one tree, in the order of the groups and pairs asked for.
struct FanovaTreeVariances {
    double total = 0.0;              // V
    std::vector<double> singles;     // V_i per group
    std::vector<double> pairTotals;  // V_ij_total per pair (not the pure term)
    bool used = false;               // false when V = 0 (the tree predicts a constant)
};

struct FanovaResult {
    std::vector<std::vector<int>> groups;  // as analysed (the default expanded)
    std::size_t treesUsed = 0;
    std::size_t treesSkipped = 0;  // trees with V = 0; when every tree is skipped all terms are 0
    MeanStd totalVariance;         // V over the used trees
    std::vector<FanovaTerm> singles;           // per group
    std::vector<FanovaPairTerm> pairs;         // per requested pair
    std::vector<FanovaTreeVariances> perTree;  // every tree, in forest order
};

// The marginal prediction of one column: a step function for a numeric column, one value per
// category for a categorical one. Curves average every tree, constant trees included.
struct MarginalCurve {
    int column = -1;
    bool categorical = false;
    // Numeric: the union of all trees' cell edges (lower bound, thresholds, upper bound), so each
    // cell (edges[i], edges[i+1]] is constant in every tree; the first cell includes its lower edge.
    // A column whose bounds coincide has one cell. Categorical: empty.
    std::vector<double> edges;
    std::vector<double> mean;  // per cell (or category): mean over trees of the marginal
    std::vector<double> std;   // population standard deviation over trees

    std::size_t cells() const { return mean.size(); }
    // The cell holding x: a value on an edge belongs to the cell on its left, as in the trees;
    // values outside the bounds fall in the first or last cell. Categorical: x must be one of
    // 0..k-1 (throws std::invalid_argument otherwise).
    std::size_t cellAt(double x) const;
    double meanAt(double x) const { return mean[cellAt(x)]; }
    double stdAt(double x) const { return std[cellAt(x)]; }
};

// One axis of a pairwise marginal table.
struct MarginalAxis {
    int column = -1;
    // Numeric columns: bin edges, strictly increasing inside the column's bounds (for example a
    // curve's edges thinned with coarsenEdges()). Empty: `bins` equal bins over the bounds.
    // Categorical columns take no edges: each category is a bin.
    std::vector<double> edges;
    int bins = 64;
};

// The joint marginal of two columns averaged over display bins, ready for a heatmap: the value of
// a bin is the exact mean of a tree's marginal over the bin's rectangle, then averaged over trees.
struct PairMarginalTable {
    int rowColumn = -1;
    int colColumn = -1;
    std::vector<double> rowEdges;  // numeric axis: bin edges; categorical axis: empty
    std::vector<double> colEdges;
    std::size_t rows = 0;  // bins along the row column (categories when categorical)
    std::size_t cols = 0;
    std::vector<double> mean;  // rows * cols, row-major: mean over trees
    std::vector<double> std;   // population standard deviation over trees

    double meanAt(std::size_t row, std::size_t col) const { return mean[row * cols + col]; }
    double stdAt(std::size_t row, std::size_t col) const { return std[row * cols + col]; }
};

// At most maxCells cells out of sorted edges, keeping both ends and otherwise every n-th edge, so
// each display cell spans about as many of the original cells (fine where the trees split
// densely). Throws std::invalid_argument for maxCells < 1.
std::vector<double> coarsenEdges(std::span<const double> edges, std::size_t maxCells);

// A forest prepared for fANOVA: each tree's leaf boxes on its own cell grid. Preparing costs one
// traversal per tree; the analyses can then be asked for in any order and from several threads at
// once (every method is const and keeps no state between calls). All of them run tree by tree on
// setup.threads threads, give the same results for any thread count, report progress in [0, 1] and
// throw Cancelled when the control asks them to stop.
class Fanova {
public:
    // domains[c] describes column c in the scale the analysis integrates on. Throws
    // std::invalid_argument naming the tree and node of the first inconsistency (a split on a
    // column outside domains, a categorical split on a numeric column or the reverse, a child index
    // out of range, a node reached twice, a NaN threshold, a non-finite leaf value) or the column of
    // an invalid domain, and for an empty forest.
    Fanova(std::span<const Tree> trees, std::vector<ColumnDomain> domains,
           const FanovaSetup& setup = {}, const Control& control = {});
    ~Fanova();
    // Movable (a moved-from Fanova may only be destroyed or assigned to), not copyable.
    Fanova(const Fanova&) = delete;
    Fanova& operator=(const Fanova&) = delete;
    Fanova(Fanova&&) noexcept;
    Fanova& operator=(Fanova&&) noexcept;

    std::size_t trees() const;
    const std::vector<ColumnDomain>& domains() const;

    // Variances and importances of the groups and pairs. Throws std::invalid_argument for a column
    // outside the domains, an empty group, a column in two groups, or a pair naming a missing group
    // or the same group twice; std::length_error when a joint marginal of three or more columns
    // would need more cells than one tree may hold (see kMaxJointCells).
    FanovaResult decompose(const FanovaOptions& options = {}, const Control& control = {}) const;

    // The marginal curve of one column. Throws std::invalid_argument for a column out of range.
    MarginalCurve curve(int column, const Control& control = {}) const;
    // The curves of several columns in one pass over the trees, in the order asked for.
    std::vector<MarginalCurve> curves(std::span<const int> columns, const Control& control = {}) const;

    // The joint marginal of two different columns on display bins. Throws std::invalid_argument
    // for a column out of range, the same column twice, bins < 1, edges that are not strictly
    // increasing inside the bounds, or more than kMaxTableBins bins in all.
    PairMarginalTable pairTable(const MarginalAxis& rowAxis, const MarginalAxis& colAxis,
                                const Control& control = {}) const;
    static constexpr std::size_t kMaxTableBins = std::size_t{1} << 20;

    // Joint marginals of three or more columns are built as dense tables per tree; more cells than
    // this (256 MiB of doubles per thread) are refused rather than attempted.
    static constexpr std::size_t kMaxJointCells = std::size_t{1} << 25;

private:
    struct Prepared;
    std::unique_ptr<const Prepared> prepared_;
};

} // namespace tendril::engine
