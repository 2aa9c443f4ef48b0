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

void validateDomains(const std::vector<ColumnDomain>& domains)
{
    for (std::size_t c = 0; c < domains.size(); ++c) {
        const ColumnDomain& d = domains[c];
        if (d.categories < 0)
            throw std::invalid_argument("fANOVA: column " + std::to_string(c) + " declares " +
                                        std::to_string(d.categories) +
                                        " categories; expected 0 (numeric) or more");
        if (!d.isCategorical() && !(std::isfinite(d.low) && std::isfinite(d.high) && d.low <= d.high))
            throw std::invalid_argument("fANOVA: column " + std::to_string(c) + " has bounds [" +
                                        std::to_string(d.low) + ", " + std::to_string(d.high) +
                                        "]; expected finite bounds with low <= high");
    }
}

std::string groupName(std::size_t g) { return "groups[" + std::to_string(g) + "]"; }

std::vector<std::vector<int>> checkedGroups(const FanovaOptions& options, std::size_t columns)
{
    std::vector<std::vector<int>> groups = options.groups;
    if (groups.empty())
        for (std::size_t c = 0; c < columns; ++c)
            groups.push_back({static_cast<int>(c)});
    std::vector<int> owner(columns, -1);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].empty())
            throw std::invalid_argument("fANOVA: " + groupName(g) + " has no columns");
        for (int c : groups[g]) {
            if (c < 0 || static_cast<std::size_t>(c) >= columns)
                throw std::invalid_argument("fANOVA: " + groupName(g) + " names column " +
                                            std::to_string(c) + ", but there are " +
                                            std::to_string(columns) + " columns");
            const auto column = static_cast<std::size_t>(c);
            if (owner[column] == static_cast<int>(g))
                throw std::invalid_argument("fANOVA: " + groupName(g) + " lists column " +
                                            std::to_string(c) + " twice");
            if (owner[column] >= 0)
                throw std::invalid_argument(
                    "fANOVA: column " + std::to_string(c) + " is in both " +
                    groupName(static_cast<std::size_t>(owner[column])) + " and " + groupName(g) +
                    "; groups must not share columns");
            owner[column] = static_cast<int>(g);
        }
    }
    for (std::size_t p = 0; p < options.pairs.size(); ++p) {
        const auto [a, b] = options.pairs[p];
        const auto count = static_cast<int>(groups.size());
        if (a < 0 || b < 0 || a >= count || b >= count || a == b)
            throw std::invalid_argument("fANOVA: pairs[" + std::to_string(p) + "] is (" +
                                        std::to_string(a) + ", " + std::to_string(b) +
                                        "); expected two different groups out of " +
                                        std::to_string(count));
    }
    return groups;
}

} // namespace

std::vector<std::pair<int, int>> allPairs(std::size_t groupCount)
{
    std::vector<std::pair<int, int>> pairs;
    for (std::size_t i = 0; i < groupCount; ++i)
        for (std::size_t j = i + 1; j < groupCount; ++j)
            pairs.emplace_back(static_cast<int>(i), static_cast<int>(j));
    return pairs;
}

Fanova::Fanova(std::span<const Tree> trees, std::vector<ColumnDomain> domains,
               const FanovaSetup& setup, const Control& control)
{
    if (trees.empty())
        throw std::invalid_argument("fANOVA: the forest has no trees");
    validateDomains(domains);
    if (std::isnan(setup.clampLow) || std::isnan(setup.clampHigh) || setup.clampLow > setup.clampHigh)
        throw std::invalid_argument("fANOVA: clamp [" + std::to_string(setup.clampLow) + ", " +
                                    std::to_string(setup.clampHigh) +
                                    "] is not an interval; expected clampLow <= clampHigh");
    auto prepared = std::make_unique<Prepared>();
    prepared->domains = std::move(domains);
    prepared->threads = setup.threads;
    prepared->trees.resize(trees.size());
    detail::TreeScheduler scheduler(setup.threads, trees.size(), control);
    scheduler.run(0, trees.size(), [&](std::size_t t, std::size_t) {
        prepared->trees[t] = detail::LeafBoxes(trees[t], prepared->domains, t, setup.clampLow,
                                               setup.clampHigh);
    });
    prepared_ = std::move(prepared);
}

Fanova::~Fanova() = default;
Fanova::Fanova(Fanova&&) noexcept = default;
Fanova& Fanova::operator=(Fanova&&) noexcept = default;

std::size_t Fanova::trees() const { return prepared_->trees.size(); }

const std::vector<ColumnDomain>& Fanova::domains() const { return prepared_->domains; }

FanovaResult Fanova::decompose(const FanovaOptions& options, const Control& control) const
{
    const Prepared& data = *prepared_;
    FanovaResult result;
    result.groups = checkedGroups(options, data.domains.size());
    const std::vector<std::vector<int>>& groups = result.groups;
    std::vector<std::vector<int>> pairColumns;
    for (const auto& [a, b] : options.pairs) {
        std::vector<int> columns = groups[static_cast<std::size_t>(a)];
        const std::vector<int>& second = groups[static_cast<std::size_t>(b)];
        columns.insert(columns.end(), second.begin(), second.end());
        pairColumns.push_back(std::move(columns));
    }

    const std::size_t treeCount = data.trees.size();
    result.perTree.resize(treeCount);
    detail::TreeScheduler scheduler(data.threads, treeCount, control);
    std::vector<detail::MarginalWorkspace> workspaces(scheduler.workers());
    scheduler.run(0, treeCount, [&](std::size_t t, std::size_t worker) {
        const detail::LeafBoxes& boxes = data.trees[t];
        detail::MarginalWorkspace& ws = workspaces[worker];
        FanovaTreeVariances& out = result.perTree[t];
        out.total = boxes.variance();
        out.used = out.total > 0.0;
        out.singles.assign(groups.size(), 0.0);
        out.pairTotals.assign(pairColumns.size(), 0.0);
        if (!out.used)
            return;  // a constant tree: every marginal is constant too
        ws.bind(boxes);
        for (std::size_t g = 0; g < groups.size(); ++g) {
            control.throwIfCancelled();
            out.singles[g] = detail::marginalVariance(ws, groups[g], kMaxJointCells);
        }
        for (std::size_t p = 0; p < pairColumns.size(); ++p) {
            control.throwIfCancelled();
            out.pairTotals[p] = detail::marginalVariance(ws, pairColumns[p], kMaxJointCells);
        }
    });

    std::vector<std::size_t> used;
    for (std::size_t t = 0; t < treeCount; ++t)
        if (result.perTree[t].used)
            used.push_back(t);
    result.treesUsed = used.size();
    result.treesSkipped = treeCount - used.size();

    std::vector<double> fractions(used.size()), variances(used.size());
    auto term = [&](auto&& varianceOf) {
        for (std::size_t u = 0; u < used.size(); ++u) {
            const FanovaTreeVariances& tree = result.perTree[used[u]];
            variances[u] = varianceOf(tree);
            fractions[u] = variances[u] / tree.total;
        }
        return FanovaTerm{detail::meanStd(fractions), detail::meanStd(variances)};
    };
    for (std::size_t u = 0; u < used.size(); ++u)
        variances[u] = result.perTree[used[u]].total;
    result.totalVariance = detail::meanStd(variances);
    for (std::size_t g = 0; g < groups.size(); ++g)
        result.singles.push_back(term([g](const FanovaTreeVariances& tree) { return tree.singles[g]; }));
    for (std::size_t p = 0; p < options.pairs.size(); ++p) {
        const auto [a, b] = options.pairs[p];
        FanovaPairTerm pair;
        pair.first = a;
        pair.second = b;
        pair.pure = term([&](const FanovaTreeVariances& tree) {
            // Clipped per tree: rounding (and nothing else) can push the difference below zero.
            return std::max(0.0, tree.pairTotals[p] - tree.singles[static_cast<std::size_t>(a)] -
                                     tree.singles[static_cast<std::size_t>(b)]);
        });
        for (std::size_t u = 0; u < used.size(); ++u)
            variances[u] = result.perTree[used[u]].pairTotals[p];
        pair.totalVariance = detail::meanStd(variances);
        result.pairs.push_back(pair);
    }
    return result;
}

} // namespace tendril::engine
