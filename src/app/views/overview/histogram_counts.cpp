#include "views/overview/histogram_counts.hpp"

#include <algorithm>
#include <map>

namespace tendril::app::overview {

BinnedColumn BinnedColumn::build(const TrialTable& table, std::size_t column, int targetBins)
{
    BinnedColumn out;
    out.column = column;
    const std::vector<double>& values = table.columns()[column].values;
    out.bins = HistogramBins::fit(values, targetBins);
    out.binOfRow.resize(values.size(), -1);
    const int last = out.bins.count() - 1;
    for (std::size_t row = 0; row < values.size(); ++row) {
        const double v = values[row];
        if (out.excluded.count(v))
            continue;
        const int bin = out.bins.binOf(v);
        // The bins cover every finite value; only a value too large for its edges to be told
        // apart can fall off by an ulp, and it belongs to the nearer end.
        out.binOfRow[row] = bin >= 0 ? bin : (v < out.bins.low() ? 0 : last);
    }
    return out;
}

OverviewFilter::OverviewFilter(std::vector<char> othersVisible, const TrialTable& table, const Brush& own)
    : othersVisible_(std::move(othersVisible)), failed_(othersVisible_.size(), kNone)
{
    std::map<std::size_t, std::vector<const ColumnRange*>> byColumn;
    for (const ColumnRange& r : own)
        if (r.column < table.columns().size())
            byColumn[r.column].push_back(&r);
    for (const auto& [column, ranges] : byColumn) {
        const std::vector<double>& values = table.columns()[column].values;
        const auto tag = static_cast<std::uint32_t>(column);
        for (std::size_t row = 0; row < failed_.size(); ++row) {
            const double v = values[row];
            if (std::any_of(ranges.begin(), ranges.end(), [v](const ColumnRange* r) { return r->contains(v); }))
                continue;
            failed_[row] = failed_[row] == kNone ? tag : kSeveral;
        }
    }
}

bool OverviewFilter::visibleIn(std::size_t row, std::size_t column) const
{
    if (!othersVisible_[row])
        return false;
    const std::uint32_t f = failed_[row];
    return f == kNone || f == static_cast<std::uint32_t>(column);
}

int HistogramCounts::visibleIn(int bin) const
{
    int total = 0;
    for (std::size_t s = 0; s < studies; ++s)
        total += visibleIn(bin, s);
    return total;
}

int HistogramCounts::selectedIn(int bin) const
{
    int total = 0;
    for (std::size_t s = 0; s < studies; ++s)
        total += selectedIn(bin, s);
    return total;
}

int HistogramCounts::maxContext() const
{
    return context.empty() ? 0 : *std::max_element(context.begin(), context.end());
}

HistogramCounts countHistogram(const TrialTable& table, const BinnedColumn& binned, const OverviewFilter& filter,
                               const std::vector<char>& selectedRows)
{
    HistogramCounts counts;
    counts.studies = std::max<std::size_t>(1, table.studyCount());
    const auto bins = static_cast<std::size_t>(binned.bins.count());
    counts.context.assign(bins, 0);
    counts.visible.assign(bins * counts.studies, 0);
    counts.selected.assign(bins * counts.studies, 0);
    const std::vector<double>& values = table.columns()[binned.column].values;
    const bool anySelected = !selectedRows.empty();
    for (std::size_t row = 0; row < binned.binOfRow.size(); ++row) {
        const int bin = binned.binOfRow[row];
        if (bin >= 0)
            ++counts.context[static_cast<std::size_t>(bin)];
        if (!filter.visibleIn(row, binned.column))
            continue;
        ++counts.visibleRows;
        if (bin < 0) {
            counts.excludedVisible.count(values[row]);
            continue;
        }
        const std::size_t at = static_cast<std::size_t>(bin) * counts.studies + table.studyOf(row);
        ++counts.visible[at];
        if (anySelected && selectedRows[row]) {
            ++counts.selected[at];
            ++counts.selectedRows;
        }
    }
    return counts;
}

std::vector<std::size_t> rowsInBin(const BinnedColumn& binned, const OverviewFilter& filter, int bin)
{
    std::vector<std::size_t> rows;
    if (bin < 0)
        return rows;
    for (std::size_t row = 0; row < binned.binOfRow.size(); ++row)
        if (binned.binOfRow[row] == bin && filter.visibleIn(row, binned.column))
            rows.push_back(row);
    return rows;
}

std::vector<char> selectedRowFlags(const TrialTable& table, const std::set<TrialKey>& selection)
{
    if (selection.empty())
        return {};
    std::vector<char> flags(table.rows(), 0);
    for (const TrialKey key : selection)
        if (const auto row = table.rowOf(key))
            flags[*row] = 1;
    return flags;
}

} // namespace tendril::app::overview
