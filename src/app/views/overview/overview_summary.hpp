// The overview's headline numbers for the shown studies: how many experiments, in which states,
// the best objective so far and how many trials the filters keep. Qt-free, tested directly.
#pragma once

#include "session/trial_table.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tendril::app::overview {

struct BestTrial {
    std::size_t row = 0;
    double value = 0.0;
};

struct OverviewSummary {
    std::size_t trials = 0;
    StateCounts states{};
    std::size_t visible = 0;  // rows passing every brush
    std::string objective;    // the metric; "" when no study is shown
    Direction direction = Direction::Maximize;
    std::optional<BestTrial> best;  // best complete trial by the objective, across the shown studies

    std::int64_t inState(TrialState s) const { return states[static_cast<std::size_t>(s)]; }
};

// visibleEverywhere: one flag per row, the hub's visible() (empty counts every row as visible).
OverviewSummary summarizeTrials(const TrialTable& table, const std::vector<char>& visibleEverywhere);

} // namespace tendril::app::overview
