// A study: one hyperparameter-optimization process (an "AutoML process", a batch of experiments).
#pragma once

#include "tendril/core/space.hpp"
#include "tendril/core/trial.hpp"
#include "tendril/core/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tendril {

struct Objective {
    std::string metric;
    Direction direction = Direction::Maximize;
    friend bool operator==(const Objective&, const Objective&) = default;
};

struct MetricSpec {
    std::string name;
    Direction direction = Direction::Maximize;
    friend bool operator==(const MetricSpec&, const MetricSpec&) = default;
};

struct Algorithm {
    std::string name;        // grid, random, tpe, gp, hyperband, bohb, asha, pbt, manual, or as given
    std::string configJson;  // JSON object text, "" when none
    friend bool operator==(const Algorithm&, const Algorithm&) = default;
};

struct Budget {
    std::optional<std::int64_t> maxTrials;
    std::optional<double> maxResource;
    std::string resource;  // "epoch", "iteration", ...
    std::optional<double> maxSeconds;
    bool empty() const { return !maxTrials && !maxResource && resource.empty() && !maxSeconds; }
    friend bool operator==(const Budget&, const Budget&) = default;
};

struct Note {
    std::string text;
    std::string created;        // ISO-8601
    std::string trial;          // trial id, "" when the note is about the study
    std::string viewStateJson;  // JSON text, "" when none
    friend bool operator==(const Note&, const Note&) = default;
};

struct Study {
    std::string name;
    Objective objective;
    std::vector<MetricSpec> metrics;  // other metrics with their preferred direction
    SearchSpace space;
    bool spaceInferred = false;       // true when the space was inferred from the trials
    Algorithm algorithm;
    Budget budget;
    std::string parent;               // name of the study this one was refined from
    std::vector<std::string> command; // argument list that runs one trial
    std::string created;              // ISO-8601
    std::vector<Note> notes;
    std::string userAttrsJson;        // JSON object text, "" when none
    std::vector<Trial> trials;

    // The preferred direction of a metric: the objective's, a declared metric's, or nullopt.
    std::optional<Direction> directionOf(std::string_view metric) const;
    StateCounts stateCounts() const;
    // Best complete trial by the objective (NaN values never win); nullptr when there is none.
    const Trial* bestTrial() const;
    const Trial* findTrial(std::string_view id) const;

    friend bool operator==(const Study&, const Study&) = default;
};

// Infers a space from observed values: integers only -> int range, other numbers -> float range,
// anything else (or a mix) -> categorical with the distinct values in order of first appearance.
SearchSpace inferSpace(const std::vector<Trial>& trials);

} // namespace tendril
