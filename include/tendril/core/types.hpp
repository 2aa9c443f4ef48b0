// Small enumerations shared by every layer, with their spelling in files and on the command line.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tendril {

enum class Direction { Minimize, Maximize };

std::string_view toString(Direction d);
std::optional<Direction> parseDirection(std::string_view text);

// True when a is strictly better than b under the direction. NaN is never better than anything,
// and anything that is not NaN is better than NaN.
bool isBetter(Direction d, double a, double b);

enum class TrialState { Complete, Pruned, Failed, Running, Queued, Skipped };
inline constexpr int kTrialStateCount = 6;
inline constexpr std::array<TrialState, kTrialStateCount> kAllTrialStates = {
    TrialState::Complete, TrialState::Pruned, TrialState::Failed,
    TrialState::Running, TrialState::Queued, TrialState::Skipped};

std::string_view toString(TrialState s);
std::optional<TrialState> parseTrialState(std::string_view text);
// "complete, pruned, failed, running, queued, skipped": for error messages.
std::string_view trialStateList();

using StateCounts = std::array<std::int64_t, kTrialStateCount>;

} // namespace tendril
