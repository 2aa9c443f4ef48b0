#include "forest_tree_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tendril::engine::detail {
namespace {

// Checking the cancellation flag is an atomic load; every few thousand nodes keeps a large tree
// responsive without measurable cost.
constexpr int kNodesBetweenCancelChecks = 4096;

// The midpoint between neighbouring distinct values a < b, kept strictly below b so that b's rows
// still go right when a and b are adjacent doubles (scikit-learn's rule).
double midpoint(double a, double b)
{
    const double mid = a / 2.0 + b / 2.0;
    if (!(mid < b) || mid < a)
        return a;
    return mid;
}

// Whether score a/b beats c/d (b, d > 0), compared by multiplying: the scans evaluate a candidate
// at every distinct value and divisions would dominate them.
bool beats(double a, double b, double c, double d)
{
    return a * d > c * b;
}

} // namespace

SortedColumns::SortedColumns(const Dataset& data) : order_(data.cols())
{
    for (std::size_t col = 0; col < data.cols(); ++col) {
        if (data.domain(col).isCategorical())
            continue;
        const std::span<const double> values = data.column(col);
        std::vector<std::uint32_t>& order = order_[col];
        order.resize(data.rows());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; });
    }
}

TreeBuilder::TreeBuilder(const Dataset& data, const SortedColumns& sorted,
                         const ForestOptions& options, const Control& control)
    : data_(data), sorted_(sorted), options_(options), control_(control), cols_(data.cols())
{
    const std::size_t n = data.rows();
    numericSlot_.assign(cols_, -1);
    int numeric = 0;
    int maxCategories = 0;
    for (std::size_t col = 0; col < cols_; ++col) {
        if (data.domain(col).isCategorical())
            maxCategories = std::max(maxCategories, data.domain(col).categories);
        else
            numericSlot_[col] = numeric++;
    }
    drawCount_.resize(n);
    localRow_.resize(n);
    inBagRows_.resize(n);
    x_.resize(n * cols_);
    y_.resize(n);
    sampleRows_.resize(n);
    // One spare slot: filtering the sorted orders writes one position past a column's end.
    sortedRows_.resize(n * static_cast<std::size_t>(numeric) + 1);
    members_.resize(n);
    scratch_.resize(n);
    goesLeft_.resize(n);
    columnPool_.resize(cols_);
    categoryWeight_.resize(static_cast<std::size_t>(maxCategories));
    categorySum_.resize(static_cast<std::size_t>(maxCategories));
    categoryOrder_.resize(static_cast<std::size_t>(maxCategories));
    bestLeftSet_.resize(static_cast<std::size_t>(maxCategories));

    double largest = 0.0;
    for (const double y : data.y())
        largest = std::max(largest, std::abs(y));
    int exponent = 0;
    std::frexp(largest, &exponent);  // largest < 2^exponent
    yScale_ = largest > 0.0 ? std::ldexp(1.0, -exponent) : 1.0;
}

void TreeBuilder::drawSample(ForestRandom& random)
{
    const std::size_t n = data_.rows();
    if (options_.bootstrap) {
        std::fill(drawCount_.begin(), drawCount_.end(), 0u);
        for (std::size_t i = 0; i < n; ++i)
            ++drawCount_[random.below(n)];
    } else {
        std::fill(drawCount_.begin(), drawCount_.end(), 1u);
    }

    inBag_ = 0;
    for (std::size_t row = 0; row < n; ++row) {
        const bool drawn = drawCount_[row] > 0;
        localRow_[row] = drawn ? static_cast<std::int32_t>(inBag_) : -1;
        inBagRows_[inBag_] = static_cast<std::uint32_t>(row);
        inBag_ += drawn ? 1 : 0;
    }
    for (std::size_t i = 0; i < inBag_; ++i) {
        const std::uint32_t row = inBagRows_[i];
        y_[i] = data_.y()[row];
        sampleRows_[i] = {static_cast<double>(drawCount_[row]), y_[i] * yScale_};
    }
    for (std::size_t col = 0; col < cols_; ++col) {
        const std::span<const double> values = data_.column(col);
        double* local = x_.data() + col * inBag_;
        for (std::size_t i = 0; i < inBag_; ++i)
            local[i] = values[inBagRows_[i]];
        if (numericSlot_[col] < 0)
            continue;
        // Branch-free filter: rows out of the bag are written too but overwritten by the next one
        // (hence the spare slot at the end of sortedRows_).
        std::uint32_t* out = sortedRows_.data() + static_cast<std::size_t>(numericSlot_[col]) * inBag_;
        std::size_t kept = 0;
        for (const std::uint32_t row : sorted_.order(col)) {
            const std::int32_t sampleRow = localRow_[row];
            out[kept] = static_cast<std::uint32_t>(sampleRow);
            kept += sampleRow >= 0 ? 1 : 0;
        }
    }
    std::iota(members_.begin(), members_.begin() + static_cast<std::ptrdiff_t>(inBag_), 0u);
}

TreeBuilder::NodeStats TreeBuilder::nodeStats(std::size_t begin, std::size_t end) const
{
    NodeStats stats;
    double scaledSum = 0.0;
    const double first = y_[members_[begin]];
    bool pure = true;
    for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t r = members_[i];
        const SampleRow& sample = sampleRows_[r];
        stats.weight += sample.weight;
        scaledSum += sample.weight * sample.scaled;
        pure = pure && y_[r] == first;
    }
    stats.scaledMean = scaledSum / stats.weight;
    // Summing scaled responses cannot overflow, and unscaling is exact. A pure node keeps its
    // response bit for bit rather than a rounded average of copies of it.
    stats.mean = pure ? first : stats.scaledMean / yScale_;
    stats.pure = pure;
    return stats;
}

bool TreeBuilder::scanNumeric(int col, std::size_t begin, std::size_t end, const NodeStats& stats,
                              Split& best)
{
    const std::uint32_t* rows = sortedRows_.data() +
                                static_cast<std::size_t>(numericSlot_[static_cast<std::size_t>(col)]) * inBag_;
    const double* x = x_.data() + static_cast<std::size_t>(col) * inBag_;
    double previous = x[rows[begin]];
    if (previous == x[rows[end - 1]])
        return false;

    const double minLeaf = options_.minSamplesLeaf;
    const double total = stats.weight;
    const double mean = stats.scaledMean;
    // The column's best is kept in locals and published once: improvements are frequent while a
    // scan climbs towards its best threshold.
    double bestNumerator = best.scoreNumerator;
    double bestDenominator = best.scoreDenominator;
    std::size_t bestEnd = 0;  // rows [begin, bestEnd) go left; 0 while nothing beat `best`
    double wl = 0.0;
    double sl = 0.0;
    for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t r = rows[i];
        const double value = x[r];
        if (value != previous) {
            // Rows [begin, i) would go left; the right side only shrinks from here on.
            const double wr = total - wl;
            if (wr < minLeaf)
                break;
            const double numerator = sl * sl;
            const double denominator = wl * wr;
            if (wl >= minLeaf && beats(numerator, denominator, bestNumerator, bestDenominator)) {
                bestNumerator = numerator;
                bestDenominator = denominator;
                bestEnd = i;
            }
            previous = value;
        }
        const SampleRow& sample = sampleRows_[r];
        wl += sample.weight;
        sl += sample.weight * (sample.scaled - mean);
    }
    if (bestEnd > 0) {
        best.feature = col;
        best.scoreNumerator = bestNumerator;
        best.scoreDenominator = bestDenominator;
        best.below = x[rows[bestEnd - 1]];
        best.above = x[rows[bestEnd]];
    }
    return true;
}

bool TreeBuilder::scanCategorical(int col, std::size_t begin, std::size_t end,
                                  const NodeStats& stats, Split& best)
{
    const std::size_t k = static_cast<std::size_t>(data_.domain(static_cast<std::size_t>(col)).categories);
    const double* x = x_.data() + static_cast<std::size_t>(col) * inBag_;
    std::fill_n(categoryWeight_.begin(), k, 0.0);
    std::fill_n(categorySum_.begin(), k, 0.0);
    for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t r = members_[i];
        const auto c = static_cast<std::size_t>(x[r]);
        const SampleRow& sample = sampleRows_[r];
        categoryWeight_[c] += sample.weight;
        categorySum_[c] += sample.weight * (sample.scaled - stats.scaledMean);
    }
    std::size_t present = 0;
    for (std::size_t c = 0; c < k; ++c)
        if (categoryWeight_[c] > 0.0)
            categoryOrder_[present++] = static_cast<int>(c);
    if (present < 2)
        return false;

    // Sorting by mean makes the best prefix the best of all 2^(k-1) binary partitions (Fisher
    // 1958; Breiman et al. 1984). Equal means keep category order so the result is reproducible.
    const auto byMean = [&](int a, int b) {
        const double ma = categorySum_[static_cast<std::size_t>(a)] / categoryWeight_[static_cast<std::size_t>(a)];
        const double mb = categorySum_[static_cast<std::size_t>(b)] / categoryWeight_[static_cast<std::size_t>(b)];
        return ma < mb || (ma == mb && a < b);
    };
    std::sort(categoryOrder_.begin(), categoryOrder_.begin() + static_cast<std::ptrdiff_t>(present),
              byMean);

    const double minLeaf = options_.minSamplesLeaf;
    const double total = stats.weight;
    double bestNumerator = best.scoreNumerator;
    double bestDenominator = best.scoreDenominator;
    std::size_t bestPrefix = 0;  // categories in the left set; 0 while nothing beat `best`
    double bestLeftWeight = 0.0;
    double wl = 0.0;
    double sl = 0.0;
    for (std::size_t j = 0; j + 1 < present; ++j) {
        const auto c = static_cast<std::size_t>(categoryOrder_[j]);
        wl += categoryWeight_[c];
        sl += categorySum_[c];
        const double wr = total - wl;
        if (wr < minLeaf)
            break;
        if (wl >= minLeaf && beats(sl * sl, wl * wr, bestNumerator, bestDenominator)) {
            bestNumerator = sl * sl;
            bestDenominator = wl * wr;
            bestPrefix = j + 1;
            bestLeftWeight = wl;
        }
    }
    if (bestPrefix == 0)
        return true;
    best.feature = col;
    best.scoreNumerator = bestNumerator;
    best.scoreDenominator = bestDenominator;
    const bool absentGoLeft = bestLeftWeight >= total - bestLeftWeight;
    for (std::size_t c = 0; c < k; ++c)
        bestLeftSet_[c] = absentGoLeft && categoryWeight_[c] == 0.0 ? 1 : 0;
    for (std::size_t j = 0; j < bestPrefix; ++j)
        bestLeftSet_[static_cast<std::size_t>(categoryOrder_[j])] = 1;
    return true;
}

TreeBuilder::Split TreeBuilder::findSplit(std::size_t begin, std::size_t end,
                                          const NodeStats& stats, ForestRandom& random)
{
    // Starts below any real score, so a node splits even when its best split explains nothing
    // (see the XOR note in forest.hpp).
    Split best;
    const auto tryColumn = [&](int col) {
        return numericSlot_[static_cast<std::size_t>(col)] >= 0
                   ? scanNumeric(col, begin, end, stats, best)
                   : scanCategorical(col, begin, end, stats, best);
    };
    if (options_.maxFeatures == 0) {
        for (std::size_t col = 0; col < cols_; ++col)
            tryColumn(static_cast<int>(col));
        return best;
    }
    int tried = 0;
    for (std::size_t i = 0; i < cols_ && tried < options_.maxFeatures; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(random.below(cols_ - i));
        std::swap(columnPool_[i], columnPool_[j]);
        if (tryColumn(columnPool_[i]))
            ++tried;
    }
    return best;
}

std::size_t TreeBuilder::partition(std::size_t begin, std::size_t end, const Split& split)
{
    const auto feature = static_cast<std::size_t>(split.feature);
    const double* x = x_.data() + feature * inBag_;
    const bool numeric = numericSlot_[feature] >= 0;
    const double threshold = midpoint(split.below, split.above);
    for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t r = members_[i];
        goesLeft_[r] = numeric ? x[r] <= threshold : bestLeftSet_[static_cast<std::size_t>(x[r])];
    }
    // Branch-free: which way a row goes is a coin flip the branch predictor cannot learn. Every
    // row is written to both places; only the matching counter advances. Writing in place is safe
    // because begin + left never passes i.
    const auto stablePartition = [&](std::uint32_t* rows) {
        std::size_t left = 0;
        std::size_t right = 0;
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint32_t r = rows[i];
            const std::size_t goes = goesLeft_[r];
            rows[begin + left] = r;
            scratch_[right] = r;
            left += goes;
            right += 1 - goes;
        }
        std::copy_n(scratch_.begin(), right, rows + begin + left);
        return left;
    };
    const std::size_t left = stablePartition(members_.data());
    for (std::size_t col = 0; col < cols_; ++col) {
        // The split column's own order already has its left rows first.
        if (numericSlot_[col] < 0 || col == feature)
            continue;
        stablePartition(sortedRows_.data() + static_cast<std::size_t>(numericSlot_[col]) * inBag_);
    }
    return left;
}

void TreeBuilder::writeSplit(TreeNode& node, std::vector<std::uint8_t>& categorySets,
                             const Split& split) const
{
    node.feature = split.feature;
    const auto feature = static_cast<std::size_t>(split.feature);
    if (numericSlot_[feature] >= 0) {
        node.threshold = midpoint(split.below, split.above);
        node.categoryMask = Tree::kNumericSplit;
        return;
    }
    const auto k = static_cast<std::size_t>(data_.domain(feature).categories);
    node.threshold = 0.0;
    node.categoryMask = static_cast<std::uint32_t>(categorySets.size());
    categorySets.insert(categorySets.end(), bestLeftSet_.begin(),
                        bestLeftSet_.begin() + static_cast<std::ptrdiff_t>(k));
}

Tree TreeBuilder::build(std::uint64_t seed)
{
    ForestRandom random(seed);
    std::iota(columnPool_.begin(), columnPool_.end(), 0);
    drawSample(random);

    // Nodes grow in the builder's warm buffer and are copied out at their final size: reserving
    // in the tree itself costs page faults on memory a shallow tree never uses, and keeps it.
    Tree tree;
    nodes_.clear();
    stack_.clear();
    stack_.push_back({0, inBag_, 0, -1, false});
    const double minSplit = std::max(options_.minSamplesSplit, 2 * options_.minSamplesLeaf);
    int untilCancelCheck = kNodesBetweenCancelChecks;

    while (!stack_.empty()) {
        const Pending pending = stack_.back();
        stack_.pop_back();
        if (--untilCancelCheck == 0) {
            control_.throwIfCancelled();
            untilCancelCheck = kNodesBetweenCancelChecks;
        }

        const int index = static_cast<int>(nodes_.size());
        nodes_.emplace_back();
        if (pending.parent >= 0) {
            TreeNode& parent = nodes_[static_cast<std::size_t>(pending.parent)];
            (pending.isLeft ? parent.left : parent.right) = index;
        }
        const NodeStats stats = nodeStats(pending.begin, pending.end);
        TreeNode& node = nodes_.back();
        node.value = stats.mean;
        node.samples = static_cast<int>(stats.weight);
        if (stats.pure || pending.depth >= options_.maxDepth || stats.weight < minSplit)
            continue;

        const Split split = findSplit(pending.begin, pending.end, stats, random);
        if (split.feature < 0)
            continue;
        const std::size_t left = partition(pending.begin, pending.end, split);
        writeSplit(node, tree.categorySets, split);
        // The left child is popped first, so nodes are numbered in pre-order as scikit-learn does.
        stack_.push_back({pending.begin + left, pending.end, pending.depth + 1, index, false});
        stack_.push_back({pending.begin, pending.begin + left, pending.depth + 1, index, true});
    }
    tree.nodes.assign(nodes_.begin(), nodes_.end());
    return tree;
}

} // namespace tendril::engine::detail
