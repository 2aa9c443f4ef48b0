// The rich-text tooltips of the trade-off plot.
#pragma once

#include "session/trial_table.hpp"

#include <QString>

#include <vector>

namespace tendril::app::tradeoff {

struct PlotAxis;

// A trial: study and id with its state, then every metric (the objective first) and every
// parameter it has a value for.
QString trialTooltip(const TrialTable& table, std::size_t row);

// The Pareto front's trials with their values on both axes, best-on-x first, at most maxRows of
// them followed by how many more there are.
QString frontTooltip(const TrialTable& table, const std::vector<std::size_t>& front, const PlotAxis& x,
                     const PlotAxis& y, int maxRows = 20);

} // namespace tendril::app::tradeoff
