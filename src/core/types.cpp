#include "tendril/core/types.hpp"

#include <cmath>

namespace tendril {

std::string_view toString(Direction d)
{
    return d == Direction::Maximize ? "maximize" : "minimize";
}

std::optional<Direction> parseDirection(std::string_view text)
{
    if (text == "maximize")
        return Direction::Maximize;
    if (text == "minimize")
        return Direction::Minimize;
    return std::nullopt;
}

bool isBetter(Direction d, double a, double b)
{
    if (std::isnan(a))
        return false;
    if (std::isnan(b))
        return true;
    return d == Direction::Maximize ? a > b : a < b;
}

std::string_view toString(TrialState s)
{
    switch (s) {
    case TrialState::Complete: return "complete";
    case TrialState::Pruned: return "pruned";
    case TrialState::Failed: return "failed";
    case TrialState::Running: return "running";
    case TrialState::Queued: return "queued";
    case TrialState::Skipped: return "skipped";
    }
    return "complete";
}

std::optional<TrialState> parseTrialState(std::string_view text)
{
    for (TrialState s : kAllTrialStates)
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

std::string_view trialStateList()
{
    return "complete, pruned, failed, running, queued, skipped";
}

} // namespace tendril
