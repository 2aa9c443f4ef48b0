// The model's expected performance along the axes while a parameter is active (HyperTendril
// Fig. 5b-d): on the active parameter's axis its marginal curve, and on each interaction
// partner's axis the pair table averaged over the active parameter's brushed ranges, so brushing
// a range of the active parameter shows what the partner's values would give there (the paper's
// weight decay × learning rate example). Widget-free.
//
// The costly part (a marginal curve and one pair table per partner, from the forest) is
// computeActiveTables, which the view runs off the GUI thread; averaging a table over a brush is a
// sum over its cells and runs whenever the brush moves.
#pragma once

#include "session/selection_hub.hpp"
#include "session/trial_table.hpp"
#include "tendril/engine/importance.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tendril::app::space {

// Expected performance on one axis, cell by cell.
struct ExpectedCells {
    std::size_t column = 0;  // the table column of the axis
    bool categorical = false;
    // Numeric axes: the cells' edges in the parameter's values, cells() + 1 of them.
    std::vector<double> edges;
    // Categorical axes: the table's category index of each cell.
    std::vector<int> categories;
    std::vector<double> mean;  // per cell
    std::vector<double> std;   // per cell

    std::size_t cells() const { return mean.size(); }
};

// The model's tables for one active parameter.
struct ActiveTables {
    std::string active;
    std::shared_ptr<const engine::ImportanceModel> model;
    ExpectedCells activeCells;  // the active parameter's marginal, on display cells
    struct Partner {
        std::string param;
        std::size_t column = 0;
        engine::PairMarginalTable table;  // rows: the active parameter, columns: the partner
    };
    std::vector<Partner> partners;
    // The lowest and highest expected value over the active marginal and every partner table:
    // the scale the axis bars are drawn on, fixed while the active parameter's brush moves.
    double low = 0.0;
    double high = 0.0;
};

// Display cells per numeric axis: fine enough to show a trend, coarse enough to read as bars.
inline constexpr int kExpectedCells = 20;

// The active parameter's marginal and its pair table with each partner (partners the model does
// not hold are skipped). Runs for milliseconds to tens of milliseconds: call it off the GUI thread.
// Throws std::invalid_argument when the active parameter is not in the model.
ActiveTables computeActiveTables(std::shared_ptr<const engine::ImportanceModel> model, const TrialTable& table,
                                 const std::string& active, const std::vector<std::string>& partners,
                                 int cells = kExpectedCells);

// A numeric marginal step function averaged over `cells` even display cells (even on the
// parameter's integration scale, log10 for a log parameter), each cell the measure-weighted mean of
// the steps it covers.
ExpectedCells displayCells(const engine::MarginalCurve& curve, bool log, int cells);

// A partner's expected performance: each column of the pair table averaged over the rows the
// active parameter's brushed ranges cover (weighted by how much of each row they cover, on the
// integration scale); every row when ranges is empty. nullopt when the ranges cover no row.
std::optional<ExpectedCells> partnerCells(const ActiveTables& tables, std::size_t partner, const TrialTable& table,
                                          const std::vector<ColumnRange>& activeRanges);

} // namespace tendril::app::space
