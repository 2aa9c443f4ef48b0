// A deterministic stand-in for the trial runner, for driving the search algorithms through many
// trials in microseconds: a fixed number of workers, each run advancing one step per tick in
// turn, every step reported, runs ending at their budget (complete) or when the algorithm says
// Stop (pruned). Training is a function of the hyperparameters and a per-trial state that a
// checkpoint carries over: a continuation of the same trial keeps its state, a trial that restores
// another's checkpoint starts from a copy of it. It records what a runner would record, and can
// be interrupted and turned into a Study to resume from.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/search/algorithm.hpp"

#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tendril::search::testing {

using Params = std::vector<std::pair<std::string, Value>>;

// One step of training: updates the trial's state (what a checkpoint holds) and returns the value
// it reports at that step.
using TrainingStep = std::function<double(const Params& params, double& state, double step)>;

struct SimulatedTrial {
    Trial record;           // what the runner has recorded so far
    double state = 0.0;     // the checkpoint: training state at the last reported step
    std::int64_t runs = 0;  // how many runs it took (continuations add runs)
    bool stoppedByAlgorithm = false;  // report() answered Stop at least once
};

class Simulation {
public:
    Simulation(std::string metric, TrainingStep train, int workers, double stepsWithoutBudget = 27.0);

    // Runs until the algorithm has nothing left to run, or maxTicks ticks have passed. Returns
    // true when it ran out of work.
    bool run(SearchAlgorithm& algorithm, std::size_t maxTicks = std::numeric_limits<std::size_t>::max());
    // Tendril stopped: every running trial is recorded failed ("interrupted").
    void interrupt();
    // The study a runner would have recorded.
    Study study(const SearchSpace& space, const Objective& objective) const;

    const std::vector<TrialRequest>& requests() const { return requests_; }
    const std::vector<std::string>& order() const { return order_; }
    const SimulatedTrial& trial(const std::string& id) const { return trials_.at(id); }
    const std::map<std::string, SimulatedTrial>& trials() const { return trials_; }
    // Ids the algorithm ended at their rung (RungStops), re-marked pruned here as a runner would.
    const std::vector<std::string>& stoppedAtRung() const { return stoppedAtRung_; }
    // Runs active after each tick.
    const std::vector<int>& activePerTick() const { return activePerTick_; }
    // Runs that completed (reached their budget) in each tick.
    const std::vector<int>& completedPerTick() const { return completedPerTick_; }
    std::int64_t stepsTrained() const { return stepsTrained_; }

private:
    struct ActiveRun {
        std::string id;
        double step = 0.0;
        double end = 0.0;
        double lastValue = 0.0;
        bool reported = false;
    };

    void fill(SearchAlgorithm& algorithm);
    void start(const TrialRequest& request);
    void collectStops(SearchAlgorithm& algorithm);

    std::string metric_;
    TrainingStep train_;
    int workers_;
    double stepsWithoutBudget_;
    std::vector<TrialRequest> requests_;
    std::vector<std::string> order_;
    std::map<std::string, SimulatedTrial> trials_;
    std::vector<ActiveRun> active_;
    std::vector<std::string> stoppedAtRung_;
    std::vector<int> activePerTick_;
    std::vector<int> completedPerTick_;
    std::int64_t stepsTrained_ = 0;
};

// Values of a request's parameters by name.
double numberParam(const Params& params, const std::string& name);

} // namespace tendril::search::testing
