#include "views/overview/overview_summary.hpp"

#include <cmath>

namespace tendril::app::overview {

OverviewSummary summarizeTrials(const TrialTable& table, const std::vector<char>& visibleEverywhere)
{
    OverviewSummary out;
    out.trials = table.rows();
    const bool allVisible = visibleEverywhere.size() != table.rows();
    for (std::size_t row = 0; row < table.rows(); ++row) {
        ++out.states[static_cast<std::size_t>(table.trial(row).state)];
        if (allVisible || visibleEverywhere[row])
            ++out.visible;
    }
    const Objective* objective = table.objective();
    if (!objective)
        return out;
    out.objective = objective->metric;
    out.direction = objective->direction;
    const auto column = table.objectiveColumn();
    if (!column)
        return out;
    // A running trial's value is its last report, not a result: only complete trials can be best,
    // as Study::bestTrial has it.
    const std::vector<double>& values = table.columns()[*column].values;
    for (std::size_t row = 0; row < table.rows(); ++row) {
        if (table.trial(row).state != TrialState::Complete || std::isnan(values[row]))
            continue;
        if (!out.best || isBetter(out.direction, values[row], out.best->value))
            out.best = BestTrial{row, values[row]};
    }
    return out;
}

} // namespace tendril::app::overview
