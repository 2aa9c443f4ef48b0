// What the overview's histograms count, kept apart from the widgets: each metric's bins with every
// row's bin (once per table), which rows each histogram shows under the current brushes (the
// overview's own brushes filter each other, crossfilter style), and the per-bin counts of every
// layer (once per filter or selection change, O(rows)). Painting then draws bars only.
#pragma once

#include "session/selection_hub.hpp"
#include "session/trial_table.hpp"
#include "views/overview/histogram_bins.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tendril::app::overview {

// One metric column binned: fixed while the table lives.
struct BinnedColumn {
    std::size_t column = 0;
    HistogramBins bins;
    std::vector<int> binOfRow;  // -1 for NaN and ±inf
    ExcludedValues excluded;    // over every row

    static BinnedColumn build(const TrialTable& table, std::size_t column,
                              int targetBins = HistogramBins::kTargetBins);
};

// Which rows each histogram of the overview shows. A row shows in the histogram of column c when
// it passes the brushes of every other view and every overview brush except the one on c: the
// histogram a brush is drawn on keeps showing what the brush cuts away, as every view does with
// its own brush, while the overview's other histograms follow it.
class OverviewFilter {
public:
    OverviewFilter() = default;
    // othersVisible: the hub's visible(overview source), one flag per row. own: the overview's
    // brush, at most one range per column.
    OverviewFilter(std::vector<char> othersVisible, const TrialTable& table, const Brush& own);

    std::size_t rows() const { return othersVisible_.size(); }
    bool visibleIn(std::size_t row, std::size_t column) const;
    // Passes every brush, the overview's included.
    bool visibleEverywhere(std::size_t row) const { return othersVisible_[row] && failed_[row] == kNone; }
    bool hiddenByOthers(std::size_t row) const { return !othersVisible_[row]; }

private:
    static constexpr std::uint32_t kNone = 0xffffffffu;  // passes every own range
    static constexpr std::uint32_t kSeveral = 0xfffffffeu;  // fails ranges on two columns or more

    std::vector<char> othersVisible_;
    std::vector<std::uint32_t> failed_;  // per row: kNone, the one column failed, or kSeveral
};

// One histogram's counts for one state of brushes and selection.
struct HistogramCounts {
    std::size_t studies = 1;
    std::vector<int> context;   // per bin: every row with a value there, whatever hides it
    std::vector<int> visible;   // per bin and study (bin * studies + study): shown in this histogram
    std::vector<int> selected;  // likewise: the selected rows among those shown
    ExcludedValues excludedVisible;  // NaN and ±inf among the rows shown here
    std::size_t visibleRows = 0;     // rows shown here, excluded values included
    std::size_t selectedRows = 0;    // selected rows shown here with a value in a bin

    int bins() const { return static_cast<int>(context.size()); }
    int visibleIn(int bin) const;
    int selectedIn(int bin) const;
    int visibleIn(int bin, std::size_t study) const { return visible[static_cast<std::size_t>(bin) * studies + study]; }
    int selectedIn(int bin, std::size_t study) const { return selected[static_cast<std::size_t>(bin) * studies + study]; }
    int maxContext() const;
};

// selectedRows: one flag per row (empty: nothing selected).
HistogramCounts countHistogram(const TrialTable& table, const BinnedColumn& binned, const OverviewFilter& filter,
                               const std::vector<char>& selectedRows);

// The rows a click on a bar selects: those in the bin that the histogram shows.
std::vector<std::size_t> rowsInBin(const BinnedColumn& binned, const OverviewFilter& filter, int bin);

// One flag per row of the table for the selected keys.
std::vector<char> selectedRowFlags(const TrialTable& table, const std::set<TrialKey>& selection);

} // namespace tendril::app::overview
