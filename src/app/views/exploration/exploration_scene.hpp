// One small plot of the exploration overview as positions, before any painting: every evaluation
// of every trial of one study as a point (x = its iteration column, y = the trial's value of the
// parameter, or the metric for the performance plot), which points form each trial's history,
// and the links between a parent's point and its child's first point. Positions depend only on
// the data and the plot's size, never on filters or the colour range, so hit testing and every
// layer agree.
#pragma once

#include "views/exploration/exploration_data.hpp"
#include "views/exploration/exploration_geometry.hpp"

#include <QPointF>
#include <QRectF>

#include <cstdint>
#include <optional>
#include <vector>

namespace tendril::app::exploration {

struct ScenePoint {
    QPointF pos;
    std::size_t row = 0;      // table row of the trial
    std::uint32_t trial = 0;  // trial index in its study
    double value = 0.0;       // the metric at this evaluation; NaN when not reported
    std::uint32_t column = 0;
    bool final = false;       // the configuration's last evaluation: drawn larger
};

struct SceneLink {
    std::uint32_t from = 0;  // point indexes
    std::uint32_t to = 0;
    LinkKind kind = LinkKind::Mutation;
};

struct CellScene {
    std::size_t track = 0;
    std::optional<std::size_t> param;  // nullopt: the performance plot
    QRectF plot;                       // the plot area, in the cell's own pixels
    IterationAxis xAxis;
    ValueAxis yAxis;                   // parameter plots
    plot::AxisScale metricAxis;        // the performance plot
    std::vector<ScenePoint> points;    // trial by trial, each trial's evaluations in column order
    // Per trial of the study: its points are points[first, first + count). count is 0 when the
    // trial has no value for the parameter.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> trialPoints;
    std::vector<SceneLink> links;
    std::vector<double> bestSoFar;     // the performance plot: per column
    double dot = 6.0;                  // diameter of a final point; history points are smaller
    double smallDot = 3.5;

    bool isPerformance() const { return !param.has_value(); }
    // The point nearest to pos within radius; nullopt when none is.
    std::optional<std::size_t> pointAt(QPointF pos, double radius) const;
};

// Points larger when few, smaller when many, so crowded plots stay readable.
double dotDiameter(std::size_t pointCount);

CellScene buildParamScene(const ExplorationData& data, std::size_t track, std::size_t param, const QRectF& plot);
CellScene buildPerformanceScene(const ExplorationData& data, std::size_t track, const QRectF& plot);

} // namespace tendril::app::exploration
