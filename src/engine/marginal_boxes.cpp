#include "marginal_boxes.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace tendril::engine::detail {

namespace {

[[noreturn]] void throwNodeError(std::size_t treeIndex, std::size_t node, const std::string& what)
{
    throw std::invalid_argument("fANOVA: tree " + std::to_string(treeIndex) + ", node " +
                                std::to_string(node) + ": " + what);
}

void validateNodes(const Tree& tree, std::span<const ColumnDomain> domains, std::size_t treeIndex)
{
    const std::size_t columns = domains.size();
    if (tree.nodes.empty())
        throw std::invalid_argument("fANOVA: tree " + std::to_string(treeIndex) + " has no nodes");
    const std::size_t n = tree.nodes.size();
    for (std::size_t i = 0; i < n; ++i) {
        const TreeNode& node = tree.nodes[i];
        if (node.isLeaf())
            continue;
        if (static_cast<std::size_t>(node.feature) >= columns)
            throwNodeError(treeIndex, i,
                           "splits on column " + std::to_string(node.feature) + ", but there are " +
                               std::to_string(columns) + " columns");
        if (node.left < 0 || static_cast<std::size_t>(node.left) >= n || node.right < 0 ||
            static_cast<std::size_t>(node.right) >= n)
            throwNodeError(treeIndex, i,
                           "child index " + std::to_string(node.left) + " or " +
                               std::to_string(node.right) + " is outside the " + std::to_string(n) +
                               " nodes");
        const ColumnDomain& domain = domains[static_cast<std::size_t>(node.feature)];
        const bool numericSplit = node.categoryMask == Tree::kNumericSplit;
        if (domain.isCategorical() && numericSplit)
            throwNodeError(treeIndex, i,
                           "numeric split on categorical column " + std::to_string(node.feature));
        if (!domain.isCategorical() && !numericSplit)
            throwNodeError(treeIndex, i,
                           "categorical split on numeric column " + std::to_string(node.feature));
        if (numericSplit && std::isnan(node.threshold))
            throwNodeError(treeIndex, i, "threshold is NaN");
        if (!numericSplit && std::size_t{node.categoryMask} + static_cast<std::size_t>(domain.categories) >
                                 tree.categorySets.size())
            throwNodeError(treeIndex, i,
                           "category set at " + std::to_string(node.categoryMask) +
                               " runs past the tree's " + std::to_string(tree.categorySets.size()) +
                               " category bytes");
    }
}

} // namespace

LeafBoxes::LeafBoxes(const Tree& tree, std::span<const ColumnDomain> domains, std::size_t treeIndex,
                     double clampLow, double clampHigh)
{
    validateNodes(tree, domains, treeIndex);
    const std::vector<std::uint32_t> cutOfNode = collectThresholds(tree, domains);
    traverse(tree, domains, cutOfNode, treeIndex, clampLow, clampHigh);
    summarise();
}

std::vector<std::uint32_t> LeafBoxes::collectThresholds(const Tree& tree,
                                                        std::span<const ColumnDomain> domains)
{
    // One sort of (threshold, node) per column gives both the distinct edges and every split's
    // cut, so the traversal needs no searching.
    std::vector<std::vector<std::pair<double, std::uint32_t>>> splits(domains.size());
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
        const TreeNode& node = tree.nodes[i];
        if (node.isLeaf())
            continue;
        const ColumnDomain& domain = domains[static_cast<std::size_t>(node.feature)];
        // Thresholds on or outside the bounds cut off a part of measure zero: no cell of their own.
        if (!domain.isCategorical() && node.threshold > domain.low && node.threshold < domain.high)
            splits[static_cast<std::size_t>(node.feature)].emplace_back(node.threshold,
                                                                        static_cast<std::uint32_t>(i));
    }
    std::vector<std::uint32_t> cutOfNode(tree.nodes.size(), 0);
    columns_.resize(domains.size());
    for (std::size_t c = 0; c < domains.size(); ++c) {
        Column& column = columns_[c];
        ColumnCells& cells = column.cells;
        if (domains[c].isCategorical()) {
            cells.categorical = true;
            const auto k = static_cast<std::size_t>(domains[c].categories);
            cells.weights.assign(k, 1.0 / static_cast<double>(k));
            column.runStart.push_back(0);
            continue;
        }
        std::vector<std::pair<double, std::uint32_t>>& cuts = splits[c];
        std::sort(cuts.begin(), cuts.end());
        cells.edges.reserve(cuts.size() + 2);
        cells.edges.push_back(domains[c].low);
        for (const auto& [threshold, node] : cuts) {
            if (threshold != cells.edges.back())
                cells.edges.push_back(threshold);
            cutOfNode[node] = static_cast<std::uint32_t>(cells.edges.size() - 1);
        }
        cells.edges.push_back(domains[c].high);
        column.width = domains[c].high - domains[c].low;
        const std::size_t count = cells.edges.size() - 1;
        cells.weights.resize(count);
        if (column.width == 0.0) {
            cells.weights[0] = 1.0;
            continue;
        }
        for (std::size_t i = 0; i < count; ++i)
            cells.weights[i] = (cells.edges[i + 1] - cells.edges[i]) / column.width;
    }
    return cutOfNode;
}

void LeafBoxes::traverse(const Tree& tree, std::span<const ColumnDomain> domains,
                         const std::vector<std::uint32_t>& cutOfNode, std::size_t treeIndex,
                         double clampLow, double clampHigh)
{
    const std::size_t columnCount = domains.size();
    const auto leafBound = static_cast<std::size_t>(
        std::count_if(tree.nodes.begin(), tree.nodes.end(), [](const TreeNode& n) { return n.isLeaf(); }));
    values_.reserve(leafBound);
    for (Column& column : columns_)
        if (!column.cells.categorical)
            column.runs.reserve(leafBound);
    // The box of the node being visited: a cell range per numeric column, an allowed-category mask
    // per categorical column (categoryOffset[c] into `allowed`).
    std::vector<CellRange> range(columnCount);
    std::vector<std::size_t> categoryOffset(columnCount, 0);
    std::vector<std::uint8_t> allowed;
    for (std::size_t c = 0; c < columnCount; ++c) {
        if (columns_[c].cells.categorical) {
            categoryOffset[c] = allowed.size();
            allowed.resize(allowed.size() + columns_[c].cells.count(), 1);
        } else {
            range[c] = {0, static_cast<std::uint32_t>(columns_[c].cells.count())};
        }
    }

    // Depth-first with an undo log instead of recursion, so degenerate deep trees cannot overflow
    // the stack: a node at depth d sees exactly the d constraints of its path.
    struct Frame {
        int node;
        std::size_t depth;
        int parent;
        bool left;
    };
    struct Undo {
        std::size_t column;
        CellRange range;
        std::size_t savedAt;  // categorical: offset of the saved mask in `saved`
    };
    std::vector<Frame> stack{{0, 0, -1, false}};
    std::vector<Undo> undo;
    std::vector<std::uint8_t> saved;
    std::vector<std::uint8_t> visited(tree.nodes.size(), 0);

    while (!stack.empty()) {
        const Frame frame = stack.back();
        stack.pop_back();
        while (undo.size() + 1 > frame.depth && !undo.empty()) {
            const Undo& u = undo.back();
            if (columns_[u.column].cells.categorical) {
                const std::size_t k = columns_[u.column].cells.count();
                std::copy_n(saved.begin() + static_cast<std::ptrdiff_t>(u.savedAt), k,
                            allowed.begin() + static_cast<std::ptrdiff_t>(categoryOffset[u.column]));
                saved.resize(u.savedAt);
            } else {
                range[u.column] = u.range;
            }
            undo.pop_back();
        }

        if (frame.parent >= 0) {
            const TreeNode& split = tree.nodes[static_cast<std::size_t>(frame.parent)];
            const auto c = static_cast<std::size_t>(split.feature);
            Undo entry{c, range[c], saved.size()};
            bool empty = false;
            if (columns_[c].cells.categorical) {
                const std::size_t k = columns_[c].cells.count();
                std::uint8_t* mask = allowed.data() + categoryOffset[c];
                saved.insert(saved.end(), mask, mask + k);
                const std::uint8_t* leftSet = tree.categorySets.data() + split.categoryMask;
                bool any = false;
                for (std::size_t x = 0; x < k; ++x) {
                    const bool goesLeft = leftSet[x] != 0;
                    mask[x] = (mask[x] && goesLeft == frame.left) ? 1 : 0;
                    any = any || mask[x];
                }
                empty = !any;
            } else {
                const ColumnDomain& domain = domains[c];
                const double t = split.threshold;
                CellRange& r = range[c];
                if (columns_[c].width == 0.0) {
                    // A single point: it goes wherever the split sends the bound.
                    empty = (domain.low <= t) != frame.left;
                } else if (t <= domain.low) {
                    empty = frame.left;
                } else if (t >= domain.high) {
                    empty = !frame.left;
                } else {
                    const std::uint32_t cut = cutOfNode[static_cast<std::size_t>(frame.parent)];
                    if (frame.left)
                        r.hi = std::min(r.hi, cut);
                    else
                        r.lo = std::max(r.lo, cut);
                    empty = r.lo >= r.hi;
                }
            }
            undo.push_back(entry);
            if (empty)
                continue;
        }

        const auto index = static_cast<std::size_t>(frame.node);
        if (visited[index])
            throwNodeError(treeIndex, index, "is reached twice (the children do not form a tree)");
        visited[index] = 1;
        const TreeNode& node = tree.nodes[index];
        if (!node.isLeaf()) {
            stack.push_back({node.right, frame.depth + 1, frame.node, false});
            stack.push_back({node.left, frame.depth + 1, frame.node, true});
            continue;
        }

        if (!std::isfinite(node.value))
            throwNodeError(treeIndex, index, "leaf value is not finite");
        values_.push_back(std::clamp(node.value, clampLow, clampHigh));
        for (std::size_t c = 0; c < columnCount; ++c) {
            Column& column = columns_[c];
            if (!column.cells.categorical) {
                column.runs.push_back(range[c]);
                continue;
            }
            const std::uint8_t* mask = allowed.data() + categoryOffset[c];
            const std::size_t k = column.cells.count();
            for (std::size_t x = 0; x < k;) {
                if (!mask[x]) {
                    ++x;
                    continue;
                }
                const std::size_t start = x;
                while (x < k && mask[x])
                    ++x;
                column.runs.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(x)});
            }
            column.runStart.push_back(static_cast<std::uint32_t>(column.runs.size()));
        }
    }
}

double LeafBoxes::fraction(std::size_t column, std::size_t leaf) const
{
    const Column& c = columns_[column];
    if (c.cells.categorical) {
        std::uint32_t covered = 0;
        for (const CellRange& r : ranges(column, leaf))
            covered += r.hi - r.lo;
        return static_cast<double>(covered) / static_cast<double>(c.cells.count());
    }
    if (c.width == 0.0)
        return 1.0;
    const CellRange r = c.runs[leaf];
    return (c.cells.edges[r.hi] - c.cells.edges[r.lo]) / c.width;
}

void LeafBoxes::multiplyByFractions(std::size_t column, std::span<double> out) const
{
    const Column& c = columns_[column];
    if (c.cells.categorical) {
        for (std::size_t l = 0; l < out.size(); ++l)
            out[l] *= fraction(column, l);
        return;
    }
    if (c.width == 0.0)
        return;
    const double* edges = c.cells.edges.data();
    for (std::size_t l = 0; l < out.size(); ++l)
        out[l] *= (edges[c.runs[l].hi] - edges[c.runs[l].lo]) / c.width;
}

void LeafBoxes::summarise()
{
    const std::size_t n = values_.size();
    std::vector<double> mass(n, 1.0);
    for (std::size_t c = 0; c < columns_.size(); ++c)
        for (std::size_t l = 0; l < n; ++l)
            mass[l] *= fraction(c, l);
    double totalMass = 0.0, weighted = 0.0;
    for (std::size_t l = 0; l < n; ++l) {
        totalMass += mass[l];
        weighted += mass[l] * values_[l];
    }
    centered_.assign(n, 0.0);
    // A constant tree gets exactly zero variance, so it is recognised and skipped rather than
    // yielding rounding noise divided by rounding noise.
    const bool constant = std::all_of(values_.begin(), values_.end(),
                                      [&](double v) { return v == values_.front(); });
    if (constant) {
        mean_ = values_.front();
        variance_ = 0.0;
        return;
    }
    mean_ = weighted / totalMass;
    double squares = 0.0;
    for (std::size_t l = 0; l < n; ++l) {
        centered_[l] = values_[l] - mean_;
        squares += mass[l] * centered_[l] * centered_[l];
    }
    variance_ = squares / totalMass;
}

} // namespace tendril::engine::detail
