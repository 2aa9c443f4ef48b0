// Small studies for the exploration overview's tests, shaped the way the runner records them: a
// PBT population with exploits (new trials with parent and start step) and a Hyperband round whose
// promoted configurations continue as the same trial.
#pragma once

#include "session/trial_table.hpp"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace tendril::app::test {

inline void addAccuracyCurve(Trial& t, int from, int to, double base)
{
    Curve& c = t.curveFor("val_acc");
    for (int s = from; s <= to; ++s)
        c.append(s, base + s / 100.0);
}

inline Trial explorationTrial(std::string id, std::int64_t number, double lr, const char* batch, std::int64_t layers)
{
    Trial t;
    t.id = std::move(id);
    t.number = number;
    t.setParam("lr", lr);
    t.setParam("batch", Value(std::string(batch)));
    t.setParam("layers", layers);
    t.started = "2024-05-01T10:00:" + std::string(number < 10 ? "0" : "") + std::to_string(number) + "Z";
    return t;
}

inline SearchSpace explorationSpace()
{
    SearchSpace space;
    space.params = {Param::floatRange("lr", 1e-4, 1e-1, true), Param::categorical("batch", {"16", "32", "64"}),
                    Param::intRange("layers", 1, 4)};
    return space;
}

// PBT, interval 2: r0, r1, r2 start together; r1 is replaced at its first check by c0 (a copy of
// r0 with another learning rate), c0 is copied at step 6 by g0; r2 trains to the end.
inline Study pbtStudy(const std::string& name = "pbt")
{
    Study s;
    s.name = name;
    s.objective = {"val_acc", Direction::Maximize};
    s.space = explorationSpace();
    s.algorithm = {"pbt", R"({"population_size": 3, "perturbation_interval": 2})"};
    Trial r0 = explorationTrial("r0", 0, 0.01, "32", 2);
    r0.iteration = 0;
    addAccuracyCurve(r0, 1, 8, 0.5);
    Trial r1 = explorationTrial("r1", 1, 0.001, "64", 3);
    r1.iteration = 0;
    r1.state = TrialState::Pruned;
    addAccuracyCurve(r1, 1, 2, 0.1);
    Trial r2 = explorationTrial("r2", 2, 0.05, "16", 1);
    r2.iteration = 0;
    addAccuracyCurve(r2, 1, 8, 0.3);
    Trial c0 = explorationTrial("c0", 3, 0.012, "32", 2);
    c0.iteration = 1;
    c0.parent = "r0";
    c0.startStep = 2;
    c0.state = TrialState::Pruned;
    addAccuracyCurve(c0, 3, 6, 0.52);
    Trial g0 = explorationTrial("g0", 4, 0.008, "16", 2);
    g0.iteration = 3;
    g0.parent = "c0";
    g0.startStep = 6;
    addAccuracyCurve(g0, 7, 8, 0.55);
    s.trials = {r0, r1, r2, c0, g0};
    return s;
}

// Hyperband, one round: bracket 1 samples six configurations on 1 step and promotes two to 3
// steps (the same trials go on); bracket 0 samples two on 3 steps.
inline Study hyperbandStudy(const std::string& name = "hyperband")
{
    Study s;
    s.name = name;
    s.objective = {"val_acc", Direction::Maximize};
    s.space = explorationSpace();
    s.algorithm = {"hyperband", R"({"eta": 3, "min_resource": 1, "max_resource": 3})"};
    const char* batches[] = {"16", "32", "64"};
    for (int i = 0; i < 6; ++i) {
        Trial t = explorationTrial("t" + std::to_string(i), i, 1e-4 * std::pow(10.0, i % 4), batches[i % 3], 1 + i % 4);
        t.iteration = 0;
        t.bracket = 1;
        t.rung = 0;
        t.budget = 1;
        t.state = TrialState::Pruned;
        addAccuracyCurve(t, 1, 1, 0.1 * i);
        s.trials.push_back(t);
    }
    for (const int survivor : {4, 5}) {
        Trial& t = s.trials[static_cast<std::size_t>(survivor)];
        t.rung = 1;
        t.budget = 3;
        t.startStep = 1;
        t.state = TrialState::Complete;
        t.curves.clear();
        addAccuracyCurve(t, 1, 3, 0.1 * survivor);
    }
    for (int i = 6; i < 8; ++i) {
        Trial t = explorationTrial("t" + std::to_string(i), i, 0.02 * (i - 5), batches[i % 3], 2);
        t.iteration = 0;
        t.bracket = 0;
        t.rung = 0;
        t.budget = 3;
        addAccuracyCurve(t, 1, 3, 0.3);
        s.trials.push_back(t);
    }
    return s;
}

inline std::shared_ptr<const TrialTable> tableOf(const std::vector<Study>& studies)
{
    std::vector<ShownStudy> shown;
    for (std::size_t i = 0; i < studies.size(); ++i)
        shown.push_back({static_cast<std::int64_t>(i + 1), std::make_shared<const Study>(studies[i])});
    return std::make_shared<const TrialTable>(std::move(shown));
}

} // namespace tendril::app::test
