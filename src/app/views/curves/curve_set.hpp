// What the model analysis view draws: the learning curves of a set of trials for a set of metrics,
// smoothed, on the chosen x axis, with PBT lineage resolved and a colour per trial. Built from the
// hub's table without any widget, so it is tested directly; the plot only maps it to pixels.
#pragma once

#include "session/trial_table.hpp"

#include <QColor>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace tendril::app::curves {

enum class CurveXAxis { Steps, WallTime };

struct CurveRequest {
    std::vector<std::string> metrics;  // one panel each, in this order
    CurveXAxis xAxis = CurveXAxis::Steps;
    int smoothingWindow = 1;           // points; 1 draws the raw values only
};

// One metric of one trial, as drawn. Points that cannot be placed on the x axis (no wall time) are
// left out; NaN values stay, as gaps.
struct CurveSeries {
    std::vector<double> x;         // the step, or seconds since the lineage began training
    std::vector<double> steps;     // the step of each point, whatever x is
    std::vector<double> raw;
    std::vector<double> smoothed;  // movingAverage(raw); equal to raw for a window of 1

    bool empty() const { return x.empty(); }
    std::size_t size() const { return x.size(); }
};

// The dashed line that shows where a PBT child came from: its drawn parent's curve up to the step
// at which the child continued it, then the child's first point.
struct CurveConnector {
    std::vector<double> x;
    std::vector<double> y;

    bool empty() const { return x.empty(); }
};

struct CurveTrial {
    TrialKey key = 0;
    std::size_t row = 0;    // in the table
    std::size_t study = 0;  // the table's study index
    std::string id;
    QColor color;
    std::optional<std::size_t> parent;       // index of the parent in CurveSet::trials, when it is drawn
    std::optional<double> startStep;         // where it continued its parent
    std::vector<double> finals;              // per metric: the final value, else the last report; NaN when none
    std::vector<CurveSeries> series;         // per metric
    std::vector<CurveConnector> connectors;  // per metric; empty without a drawn parent

    // Some metric has a value to draw (a diverged run may have reported NaN only).
    bool hasCurve() const;
};

struct CurveSet {
    CurveRequest request;
    std::vector<std::optional<Direction>> directions;  // per metric, when known
    // Nothing was selected and the best trials by the objective stand in for a selection.
    bool fallback = false;
    // Legend order: best first by the first metric's final value (by key when its direction is not
    // known). The first trial is drawn on top.
    std::vector<CurveTrial> trials;
    bool colorByStudy = false;
    // Some trial has a curve of these metrics with wall time (whatever the x axis is now).
    bool wallTimeAvailable = false;
    // On the wall-time axis: trials that have a curve of these metrics, but without seconds.
    std::size_t trialsWithoutTime = 0;
    std::unordered_map<TrialKey, std::size_t> positions;  // key -> index in trials

    const std::vector<std::string>& metrics() const { return request.metrics; }
    std::optional<std::size_t> indexOf(TrialKey key) const;
    // Trials with at least one point to draw.
    std::size_t drawnTrialCount() const;
};

// The metrics that have a curve in some trial of the table: the objective first, then in the
// table's column order.
std::vector<std::string> curveMetrics(const TrialTable& table);

// The rows of these keys (keys not in the table are skipped), in row order.
std::vector<std::size_t> rowsOf(const TrialTable& table, const std::set<TrialKey>& keys);

// The count best rows by the table's objective among those flagged visible (NaN never counts),
// best first. Empty without an objective column.
std::vector<std::size_t> bestRows(const TrialTable& table, const std::vector<char>& visible, std::size_t count);

CurveSet buildCurveSet(const TrialTable& table, const std::vector<std::size_t>& rows, bool fallback,
                       const CurveRequest& request);

// The colour of the position-th trial when each trial gets its own: ten categorical hues, distinct
// from the study colours, dark enough for thin lines on white.
QColor trialPaletteColor(std::size_t position);

} // namespace tendril::app::curves
