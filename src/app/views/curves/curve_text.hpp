// The words and numbers of the model analysis view: durations, metric titles, the hover tooltip.
#pragma once

#include "views/curves/curve_set.hpp"

#include <QString>

#include <cstddef>

namespace tendril::app::curves {

// Wall time as people read it: "45s", "2m 30s", "1h 05m"; fractions of a second below ten
// seconds ("2.5s"); "−" before negatives, "NaN" for NaN.
QString formatDuration(double seconds);

// "val_acc ↑", or the bare name when no direction is known.
QString metricTitle(const CurveSet& set, std::size_t metric);

// The tooltip of the curve under the mouse (rich text): the trial, its study when several are
// shown, its state and lineage, the value at the point (raw and smoothed), and its hyperparameters.
QString curveTooltip(const TrialTable& table, const CurveSet& set, std::size_t trial, std::size_t metric,
                     std::size_t point);

} // namespace tendril::app::curves
