// One trial: one model trained with one set of hyperparameter values, with what it reported.
#pragma once

#include "tendril/core/types.hpp"
#include "tendril/core/value.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tendril {

// Equality of reported numbers: NaN matches NaN.
inline bool sameNumber(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// An intermediate curve of one metric, stored column-wise because curves are the bulk of a project.
struct Curve {
    std::vector<double> steps;
    std::vector<double> values;   // NaN allowed
    std::vector<double> seconds;  // empty when no point carries wall time; else NaN where absent

    std::size_t size() const { return steps.size(); }
    bool empty() const { return steps.empty(); }
    bool hasSeconds() const { return !seconds.empty(); }
    void append(double step, double value, double secs = std::nan(""));

    friend bool operator==(const Curve& a, const Curve& b);
};

struct Trial {
    std::string id;                 // unique within the study
    std::int64_t number = 0;        // creation order
    TrialState state = TrialState::Complete;
    std::vector<std::pair<std::string, Value>> params;    // in the order given
    std::vector<std::pair<std::string, double>> metrics;  // final values; NaN allowed
    std::vector<std::pair<std::string, Curve>> curves;    // metric name -> curve

    // What the exploration views need from the search algorithm.
    std::optional<std::int64_t> iteration;  // iteration, generation or round that created it
    std::string parent;                     // id of the trial it was derived from, "" if none
    std::optional<double> startStep;        // step at which it continued its parent
    std::optional<std::int64_t> bracket;
    std::optional<std::int64_t> rung;
    std::optional<double> budget;           // resource it was given

    std::string started;   // ISO-8601, "" when unknown
    std::string finished;  // ISO-8601, "" when unknown
    std::string error;     // failed trials: why
    std::string artifactsJson;  // JSON object text, "" when none
    std::string userAttrsJson;  // JSON object text, "" when none

    const Value* param(std::string_view name) const;
    std::optional<double> metric(std::string_view name) const;  // nullopt when not reported
    const Curve* curve(std::string_view name) const;
    void setParam(std::string name, Value v);
    void setMetric(std::string name, double v);
    // The curve of a metric, created empty when absent. Creating one may move the others, so a
    // reference is valid until the next call.
    Curve& curveFor(std::string_view name);

    // NaN equals NaN here: two trials are the same when they hold the same reports.
    friend bool operator==(const Trial& a, const Trial& b);
};

} // namespace tendril
