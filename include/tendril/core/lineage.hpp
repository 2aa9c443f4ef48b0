// The lineage of a study's trials and the history of each one along the search algorithm's
// iterations: what the exploration overview draws (HyperTendril 5.3.1).
//
// Parents come from Trial::parent (by id). A link is a mutation when a new model was made from its
// parent with changed values (PBT's exploit and explore), and a continuation when the child holds
// the parent's values: the same configuration goes on (a Hyperband/BOHB promotion recorded as a new
// trial, as imported studies do, or a PBT generation recorded per trial). Tendril's own runner records a promotion as the same trial continuing: its rung, budget and
// start step grow and its curve extends, so its history is read from the rungs it reached.
//
// The x axis of the exploration views is the algorithm's iteration, which each algorithm counts
// differently; ExplorationScheme says how the columns were made:
// - Sequential (random, grid, TPE, GP, anything else): one column per distinct Trial::iteration
//   when every trial carries one (the runner numbers proposals, and trials proposed together share
//   one); otherwise trials take columns in completion order (finish time, then creation order).
// - Brackets (Hyperband, BOHB, synchronous successive halving: trials carry rungs): one column per
//   stage, i.e. per rung of each bracket run in the order the runs opened. A configuration sampled
//   with its bracket sits in the bracket's first column; a survivor has an evaluation in every
//   later column it was promoted to, at that rung's budget. The runner's Trial::iteration is the
//   round, which every bracket of a round shares, so it cannot serve as the column by itself.
// - Asynchronous (ASHA, Hyperband as a pruner): trials are sampled one at a time, so columns are
//   the sequential ones; a trial's first rung sits in its own column, and each later rung it
//   reached in the column of the newest trial started by then (from start times and the curve's
//   seconds), so survivors move right while new configurations are sampled. The rungs are the
//   steps at which pruned trials stopped. Without times every rung stays in the trial's column.
// - Population (PBT): column k is generation k + 1, the interval ending at step
//   (k + 1) * perturbationInterval. A member has an evaluation at each check its curve reached
//   (every interval after its start step) and wherever a child copied it; a child's first
//   evaluation is in the column after the one its parent was copied in.
#pragma once

#include "tendril/core/study.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tendril {

enum class ExplorationScheme { Sequential, Brackets, Asynchronous, Population };

// "sequential", "brackets", "asynchronous", "population".
std::string_view toString(ExplorationScheme scheme);

struct LineageOptions {
    // The metric whose value each evaluation carries; "" for the study's objective.
    std::string metric;
    // Direction of that metric; nullopt for the study's preference for it (maximize when unknown).
    std::optional<Direction> direction;
    // PBT: the steps between two checks of a member (algorithm.config.perturbation_interval).
    // When absent it is inferred: the shortest life of an exploited member, from its start step to
    // the check at which it was replaced.
    std::optional<double> perturbationInterval;
};

// One point of a trial's history.
struct Evaluation {
    std::size_t column = 0;  // index into Lineage::columns()
    double step = std::numeric_limits<double>::quiet_NaN();   // resource step; NaN when unknown
    double value = std::numeric_limits<double>::quiet_NaN();  // the metric there; NaN when not reported
};

// One position on the iteration axis.
struct IterationColumn {
    // Sequential: the trials' iteration (or completion rank); Brackets: the round; Asynchronous:
    // as Sequential; Population: the generation, from 1.
    std::int64_t iteration = 0;
    std::optional<std::int64_t> bracket;  // Brackets
    std::optional<std::int64_t> rung;     // Brackets
    std::optional<double> step;           // the resource its evaluations ran to, when one is shared
    // Columns that belong together share a group: one bracket run's stages. Each column is its own
    // group otherwise. Groups are numbered from 0 in column order.
    std::size_t group = 0;
};

enum class LinkKind { Continuation, Mutation };

struct ParamChange {
    std::string name;
    Value from;  // null when the parent had no value
    Value to;    // null when the child has none
};

// An edge of the lineage: the child trial was made from the parent.
struct LineageLink {
    std::size_t parent = 0;  // trial indexes in the study
    std::size_t child = 0;
    LinkKind kind = LinkKind::Mutation;
    std::optional<double> startStep;  // the child's start step
    std::size_t parentColumn = 0;     // where the link leaves the parent's history
    std::size_t childColumn = 0;      // the child's first evaluation
    std::vector<ParamChange> changes;  // the values the child holds differently, in the child's order
};

struct TrialLineage {
    std::optional<std::size_t> parent;  // trial index; nullopt for a root
    std::vector<std::size_t> children;  // trial indexes in creation order
    std::size_t root = 0;               // the first ancestor (itself for a root)
    std::size_t depth = 0;              // links from the root
    // Where and how well the trial was evaluated, in increasing column order, one per column; the
    // last is its final one. Never empty.
    std::vector<Evaluation> history;
};

class Lineage {
public:
    Lineage() = default;
    explicit Lineage(const Study& study, const LineageOptions& options = {});

    ExplorationScheme scheme() const { return scheme_; }
    const std::string& metric() const { return metric_; }
    Direction direction() const { return direction_; }
    // The interval a Population scheme used (given or inferred); nullopt for the other schemes.
    std::optional<double> perturbationInterval() const { return interval_; }

    // One entry per trial of the study, in the study's order.
    std::size_t size() const { return trials_.size(); }
    const TrialLineage& operator[](std::size_t trial) const { return trials_[trial]; }
    const std::vector<TrialLineage>& trials() const { return trials_; }
    const std::vector<IterationColumn>& columns() const { return columns_; }
    // Every parent-child edge, ordered by child.
    const std::vector<LineageLink>& links() const { return links_; }
    // The link that made this trial; nullptr for a root.
    const LineageLink* linkTo(std::size_t trial) const;

    // Parent first, root last.
    std::vector<std::size_t> ancestors(std::size_t trial) const;
    // Children before grandchildren (breadth first), each generation in creation order.
    std::vector<std::size_t> descendants(std::size_t trial) const;
    // Ancestors, the trial and its descendants, in increasing index order: what hovering the
    // trial highlights.
    std::vector<std::size_t> family(std::size_t trial) const;

    // Per column, the best metric value evaluated in it or any earlier column; NaN up to the first.
    std::vector<double> bestSoFar() const;

    // What was wrong with the recorded lineage and was ignored, one line each ("trial t5: parent
    // \"t9\" is not in the study"). A parent that would close a cycle is dropped.
    const std::vector<std::string>& problems() const { return problems_; }

private:
    ExplorationScheme scheme_ = ExplorationScheme::Sequential;
    std::string metric_;
    Direction direction_ = Direction::Maximize;
    std::optional<double> interval_;
    std::vector<TrialLineage> trials_;
    std::vector<IterationColumn> columns_;
    std::vector<LineageLink> links_;
    std::vector<std::optional<std::size_t>> linkOf_;  // per trial: index into links_
    std::vector<std::string> problems_;
};

// The value of a curve at a step: the value reported at the last step at or before it (NaN
// values skipped); NaN when there is none.
double curveValueAt(const Curve& curve, double step);

// Seconds since 1970-01-01 UTC of an ISO-8601 time ("2026-11-22T13:24:24.138Z", an offset such as
// "+02:00", or none for UTC); nullopt when the text is not one.
std::optional<double> parseIsoTime(std::string_view text);

} // namespace tendril
