// What the detail of a chosen term shows, computed from the fitted model off the GUI thread: the
// marginal curve of a single parameter (expected metric over its values, with the spread over
// trees) or the pairwise table of a pair (expected metric over both, for a heatmap). The trials
// drawn over them are read from the table on the GUI thread (one pass over a column).
#pragma once

#include "session/importance_service.hpp"
#include "views/importance/importance_terms.hpp"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tendril::app::importance {

struct DetailRequest {
    std::shared_ptr<const ImportanceResult> result;
    TermKey term;
    int pairBins = 48;              // heatmap cells along a numeric axis
    std::size_t maxCurveCells = 640;  // more cells than this are averaged down (see displayCurve)
};

struct DetailContent {
    std::shared_ptr<const ImportanceResult> result;
    TermKey term;
    // A single: the marginal of term.first. Numeric edges and categorical cells as the engine gives
    // them, numeric ones averaged down to at most maxCurveCells.
    std::optional<engine::MarginalCurve> curve;
    // A pair: x = term.first (the table's columns), y = term.second (its rows).
    std::optional<engine::PairMarginalTable> table;
    // Why there is nothing to draw, when there is not: "batch_size has one value in the analysed
    // trials", "the forest could not be fitted".
    QString missing;

    bool isPair() const { return term.isPair(); }
};

// Throws engine::Cancelled when control asks to stop; never for a parameter the model lacks (that
// is reported in missing).
std::shared_ptr<const DetailContent> computeDetail(const DetailRequest& request, const engine::Control& control = {});

// A numeric marginal with at most maxCells cells: when it has more (a forest on thousands of trials
// cuts a parameter into tens of thousands of cells, far more than there are pixels), equal cells
// on the integration axis (log10 for log parameters) each get the exact average of the step
// function over them, and the length-weighted average of the cells' spread. Categorical curves and
// curves with few enough cells come back unchanged.
engine::MarginalCurve displayCurve(const engine::MarginalCurve& curve, bool log, std::size_t maxCells);

// The trials drawn over a detail plot: complete trials with a finite value on both axes.
struct TrialPoints {
    std::vector<std::size_t> rows;  // table rows
    std::vector<double> x;          // the x column's value (category index for categorical columns)
    std::vector<double> y;          // the y column's value
    std::vector<double> metric;     // the analysed metric, for colouring by performance (NaN when absent)
};
TrialPoints trialPoints(const TrialTable& table, std::size_t xColumn, std::size_t yColumn, std::size_t metricColumn);

} // namespace tendril::app::importance
