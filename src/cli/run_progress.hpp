// The lines `tendril-cli run` prints while a study runs: one per ended trial run, and a summary.
#pragma once

#include "runner/run_types.hpp"

#include <string>

namespace tendril::cli {

// "01:02:03" (hours grow past 99 as needed).
std::string clockTime(double seconds);
// A metric value as progress shows it: six significant digits, NaN and infinities spelled out.
std::string shortNumber(double value);

// `[ 12/200] t12 complete val_acc=0.9312  best 0.9521 (t7)  running 2  failed 0  00:01:23`
std::string progressLine(const runner::TrialOutcome& outcome, const runner::RunProgress& progress,
                         const std::string& objectiveMetric);
// `study "x": 200 trials (complete 180, pruned 15, failed 5) in 00:12:03, best val_acc 0.9521 (t7)`
std::string summaryLine(const std::string& study, const runner::RunProgress& progress,
                        const std::string& objectiveMetric);

} // namespace tendril::cli
