// Search algorithms as ask/tell state machines over the data model. The runner asks for the next
// trial to launch, reports what the trial prints, and tells how it ended; the algorithm decides
// what to sample, which trials to stop early (pruning, rungs), and which to continue from a
// checkpoint (Hyperband promotion, PBT exploit). Everything an exploration view needs is recorded
// on each request: iteration or generation, parent, start step, bracket, rung, budget.
#pragma once

#include "tendril/core/study.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tendril::search {

// A configuration the algorithm refuses; what() names the field: `algorithm.config.eta: must be at
// least 2, got 1`.
class ConfigError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// A run for the runner to start. A new trial has a fresh id; a continuation (a promoted Hyperband
// configuration resuming with a larger budget) reuses the id of the trial it continues.
struct TrialRequest {
    std::string trialId;
    bool continuation = false;  // true: the same trial goes on (its curve extends)
    std::vector<std::pair<std::string, Value>> params;  // in the order of the space
    std::optional<double> budget;     // resource to give it (epochs, iterations), when allocated
    std::optional<std::int64_t> iteration;
    std::optional<std::int64_t> bracket;
    std::optional<std::int64_t> rung;
    std::string parent;               // PBT: the member it copied
    std::optional<double> startStep;  // PBT / resume: the step it starts at
    std::string restoreFrom;          // id of the trial whose checkpoint to load, "" for none
};

enum class Verdict { Continue, Stop };

class SearchAlgorithm {
public:
    virtual ~SearchAlgorithm() = default;

    // The next run to start, or nullopt when none can start now (waiting for results, or done).
    virtual std::optional<TrialRequest> ask() = 0;
    // An intermediate value of the objective at a step. Stop: the trial must be stopped now and
    // recorded as pruned (or, for Hyperband and PBT, paused at its rung/interval).
    virtual Verdict report(const std::string& trialId, double step, double value) = 0;
    // The run ended. value is the final objective for complete runs (may be NaN).
    virtual void tell(const std::string& trialId, TrialState state, std::optional<double> value) = 0;
    // True when the algorithm will never ask for another run (its own budget is spent).
    virtual bool finished() const = 0;
    // Rebuilds the state from the trials a study already holds (resuming an interrupted study):
    // finished trials are not repeated.
    virtual void restore(const Study& study) = 0;
};

struct AlgorithmSetup {
    SearchSpace space;
    Objective objective;
    std::string name;        // grid, random, tpe, asha, hyperband, bohb, pbt (also "sh" for successive halving)
    std::string configJson;  // the algorithm's configuration object, "" for defaults
    Budget budget;           // max_trials, max_resource
    std::uint64_t seed = 0;
};

// Validates the setup (throws ConfigError naming the field) and builds the algorithm.
std::unique_ptr<SearchAlgorithm> makeAlgorithm(const AlgorithmSetup& setup);

// Grid search: the values one parameter takes, from the grid configuration (`values` lists,
// `steps`), else from the space (its choices, or its range on its declared step; ints step by 1).
struct GridAxis {
    std::string name;
    std::vector<Value> values;
};

// The axes of the grid, in the order of the space; throws ConfigError naming the field, e.g. for a
// continuous float parameter that the configuration gives neither values nor a step.
std::vector<GridAxis> gridAxes(const SearchSpace& space, const std::string& configJson);
// The number of combinations the grid runs (the product of the axis sizes), to show before running.
std::uint64_t gridSize(const SearchSpace& space, const std::string& configJson);

} // namespace tendril::search
