// The words of the exploration overview: iteration labels and their descriptions per algorithm,
// one-line summaries of a study's search, and the tooltip of a point.
#pragma once

#include "views/exploration/exploration_data.hpp"
#include "views/exploration/exploration_scene.hpp"

#include <QString>

namespace tendril::app::exploration {

// The short label of a column along the top of a plot: the iteration (random, TPE...), the
// budget of the stage (Hyperband, BOHB) or the generation (PBT).
QString columnLabel(const Lineage& lineage, std::size_t column);
// The label of a group of columns when it has one: "bracket 3" (with the round when there are
// several: "round 2 · bracket 3"), or briefly "b3" ("2·b3"); empty otherwise.
QString groupLabel(const Lineage& lineage, std::size_t group, bool brief = false);
// What a column is, whole: "Iteration 12", "Round 1 · bracket 3 · rung 2 · 9 epochs", "Generation
// 4 · up to step 12".
QString columnDescription(const Lineage& lineage, std::size_t column, const QString& resource);
// What the iteration axis counts: "iteration", "stage (budget)", "generation".
QString axisCaption(const Lineage& lineage);

// "Hyperband · 49 configurations · 4 brackets, 10 stages"; "PBT · 25 members · 10 generations of 3 steps".
QString trackSummary(const StudyTrack& track);

// The tooltip of a point: trial, study, the parameter's value, where and how well it was evaluated,
// and how it came to be (its parent and what changed).
QString pointTooltip(const ExplorationData& data, const CellScene& scene, std::size_t point);

// The resource name of a study ("epoch"), or "step".
QString resourceName(const Study& study);

} // namespace tendril::app::exploration
