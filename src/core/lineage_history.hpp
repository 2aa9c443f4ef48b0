// The per-scheme half of Lineage: the iteration columns and each trial's history (see
// tendril/core/lineage.hpp for what each scheme means). Internal to tendril_core.
#pragma once

#include "tendril/core/lineage.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tendril::lineage_detail {

// What the history builders read and fill. Parents, children and links are known already; the
// builders fill `columns`, every trial's `history`, and the links' parent and child columns.
struct HistoryWork {
    const Study& study;
    const std::string& metric;
    std::vector<TrialLineage>& trials;
    std::vector<LineageLink>& links;
    std::vector<IterationColumn>& columns;
};

void buildSequential(HistoryWork& work);
void buildBrackets(HistoryWork& work);
void buildAsynchronous(HistoryWork& work);
// Returns the interval used: the given one, else inferred from the trials.
double buildPopulation(HistoryWork& work, std::optional<double> interval);

// The interval inferred from exploited members (see LineageOptions::perturbationInterval);
// nullopt when no member was exploited after reporting.
std::optional<double> inferPerturbationInterval(const Study& study, const std::string& metric);

// The trial's final value of the metric: its reported metric, else the last value of its curve.
double finalValue(const Trial& trial, const std::string& metric);

// Links' columns from the histories: the parent's last evaluation at or before the child's first
// column (its last one when none is), and the child's first evaluation.
void placeLinksOnHistories(HistoryWork& work);

} // namespace tendril::lineage_detail
