// Grid search: every combination of the axis values, in order (the first parameter varies slowest,
// the last fastest), each once, until the grid or the trial budget is exhausted.
//
// Configuration:
//   {"values": {"optimizer": ["adam", "sgd"], "dropout": [0.3, 0.5]},
//    "steps": {"lr": 0.01}}
// A parameter with neither takes its choices (categorical) or its range on its declared step (ints
// step by 1): "dropout between 0.3 and 0.7 with step 0.1" gives five values.
#pragma once

#include "tendril/search/algorithm.hpp"

#include "config.hpp"
#include "sampling_ledger.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tendril::search {

// More values than this on one ranged axis is a mistake (a step far too small), not a grid.
inline constexpr std::uint64_t kMaxGridAxisValues = 100000;

// One axis before its values are spelled out: listed values, or a range on a step.
struct GridAxisPlan {
    std::string name;
    std::vector<Value> listed;    // listed values or a categorical's choices
    std::optional<Param> ranged;  // a range on `step` instead
    double step = 0.0;
    std::uint64_t count = 0;

    GridAxis spell() const;
};

// Reads the grid's options from a configuration object (marking them read) and plans every axis;
// refuses grids whose number of combinations does not fit in 64 bits.
std::vector<GridAxisPlan> readGridPlan(const SearchSpace& space, ConfigObject& config);

// Numbers match within a relative 1e-9 (values other tools wrote), anything else exactly.
bool sameGridValue(const Value& a, const Value& b);

class GridSearch : public SearchAlgorithm {
public:
    static std::unique_ptr<SearchAlgorithm> create(const AlgorithmSetup& setup);

    GridSearch(std::vector<GridAxis> axes, const Budget& budget);

    std::uint64_t size() const { return size_; }
    std::optional<TrialRequest> ask() override;
    Verdict report(const std::string& trialId, double step, double value) override;
    void tell(const std::string& trialId, TrialState state, std::optional<double> value) override;
    bool finished() const override;
    // Combinations that have a complete or pruned trial (or one still running) are not run again;
    // those whose trials failed are.
    void restore(const Study& study) override;

private:
    std::uint64_t nextOpen() const;
    ParamValues combination(std::uint64_t index) const;
    std::optional<std::uint64_t> indexOf(const ParamValues& params) const;

    std::vector<GridAxis> axes_;
    std::uint64_t size_ = 1;
    std::uint64_t cursor_ = 0;       // every combination below it has been proposed or is done
    std::set<std::uint64_t> done_;   // restored combinations at or above the cursor
    ProposalLedger ledger_;
};

} // namespace tendril::search
