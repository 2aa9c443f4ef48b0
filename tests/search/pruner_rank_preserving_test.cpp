// With learning curves that keep their ranking at every step, a correct pruner never stops the
// configuration that would have ended best (200 random trials, R = 81, as in
// shared/reference/search-algorithms.md), and it saves most of the training steps.
#include "bandit_algorithms.hpp"
#include "pruner_simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace tendril::search {
namespace {

using testing::Simulation;

// The final quality of a configuration, and its curve: quality plus a decay every
// configuration shares, so that the order of any two curves is the same at every step.
double quality(const testing::Params& params)
{
    const double x = testing::numberParam(params, "x");
    const double y = testing::numberParam(params, "y");
    return (x - 0.35) * (x - 0.35) + 0.5 * (y - 0.8) * (y - 0.8);
}

double rankPreservingLoss(const testing::Params& params, double&, double step)
{
    return quality(params) + 2.0 * std::exp(-step / 10.0);
}

struct Case {
    std::string name;
    std::function<std::unique_ptr<SearchAlgorithm>(const AlgorithmSetup&)> make;
    std::string config;
    Direction direction = Direction::Minimize;
};

class RankPreserving : public ::testing::TestWithParam<Case> {};

TEST_P(RankPreserving, EventualBestTrialIsNeverStopped)
{
    const Case& c = GetParam();
    AlgorithmSetup setup;
    setup.space.params = {Param::floatRange("x", 0.0, 1.0), Param::floatRange("y", 0.0, 1.0)};
    setup.objective = {"score", c.direction};
    setup.configJson = c.config;
    setup.budget.maxTrials = 200;
    setup.budget.maxResource = 81;
    const double sign = c.direction == Direction::Minimize ? 1.0 : -1.0;
    const auto train = [sign](const testing::Params& params, double& state, double step) {
        return sign * rankPreservingLoss(params, state, step);
    };

    for (std::uint64_t seed : {1u, 2u, 3u}) {
        setup.seed = seed;
        auto algorithm = c.make(setup);
        Simulation sim("score", train, 6, 81);
        ASSERT_TRUE(sim.run(*algorithm)) << c.name;
        EXPECT_TRUE(algorithm->finished()) << c.name;
        ASSERT_EQ(sim.order().size(), 200u) << c.name;

        std::string best;
        for (const std::string& id : sim.order())
            if (best.empty() || quality(sim.trial(id).record.params) < quality(sim.trial(best).record.params))
                best = id;
        const testing::SimulatedTrial& winner = sim.trial(best);
        EXPECT_EQ(winner.record.state, TrialState::Complete) << c.name << " seed " << seed << " stopped " << best;
        EXPECT_FALSE(winner.stoppedByAlgorithm) << c.name;
        // It trained as far as anything could: to the maximum when trials run for the whole
        // resource, to the last stage of its bracket when brackets allocate the resource.
        const bool brackets = std::any_of(sim.requests().begin(), sim.requests().end(),
                                          [](const TrialRequest& r) { return r.continuation; });
        double furthest = brackets ? 0.0 : 81.0;
        for (const auto& [id, trial] : sim.trials())
            if (brackets && trial.record.bracket == winner.record.bracket &&
                trial.record.iteration == winner.record.iteration)
                furthest = std::max(furthest, trial.record.curve("score")->steps.back());
        EXPECT_EQ(winner.record.curve("score")->steps.back(), furthest) << c.name;
        // Pruning saves most of the 200 × 81 steps of training every trial to the end.
        EXPECT_LT(sim.stepsTrained(), 200 * 81 / 2) << c.name;
    }
}

// Not bootstrap_count: Optuna's rule stops the first trials to reach a rung whatever their value
// (see the bootstrap stream of the Optuna fixture), so it may stop the eventual best by design.
std::unique_ptr<SearchAlgorithm> synchronous(const AlgorithmSetup& s) { return makeSuccessiveHalving(s, false); }
std::unique_ptr<SearchAlgorithm> asynchronous(const AlgorithmSetup& s) { return makeSuccessiveHalving(s, true); }

INSTANTIATE_TEST_SUITE_P(
    Pruners, RankPreserving,
    ::testing::Values(Case{"sh", synchronous, R"({"eta": 3})"},
                      Case{"asha", asynchronous, R"({"eta": 3})"},
                      Case{"asha_maximize", asynchronous, R"({"eta": 3})", Direction::Maximize},
                      Case{"hyperband", makeHyperband, R"({"eta": 3})"},
                      Case{"hyperband_maximize", makeHyperband, R"({"eta": 3})", Direction::Maximize},
                      Case{"hyperband_pruner", makeHyperband, R"({"eta": 3, "mode": "pruner"})"},
                      Case{"bohb", makeBohb, R"({"eta": 3, "min_resource": 1})"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

} // namespace
} // namespace tendril::search
