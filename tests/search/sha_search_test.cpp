// Successive halving: the synchronous algorithm ("sh", cohorts promoted as continuations) and the
// asynchronous one ("asha", Optuna's pruner over random configurations), and their configuration.
#include "bandit_algorithms.hpp"
#include "pruner_simulation.hpp"
#include "sha_rung_pruner.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>

namespace tendril::search {
namespace {

using testing::Simulation;

double curveLoss(const testing::Params& params, double&, double step)
{
    const double x = testing::numberParam(params, "x");
    return (x - 0.6) * (x - 0.6) + 0.5 * std::exp(-step / 5.0);
}

AlgorithmSetup setupFor(const std::string& config, std::optional<std::int64_t> maxTrials, std::optional<double> maxResource)
{
    AlgorithmSetup setup;
    setup.space.params.push_back(Param::floatRange("x", 0.0, 1.0));
    setup.objective = {"loss", Direction::Minimize};
    setup.configJson = config;
    setup.budget.maxTrials = maxTrials;
    setup.budget.maxResource = maxResource;
    setup.seed = 3;
    return setup;
}

std::string configError(const AlgorithmSetup& setup, bool asynchronous)
{
    try {
        makeSuccessiveHalving(setup, asynchronous);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(SuccessiveHalvingSearch, SynchronousCohortsPromoteAsContinuations)
{
    // Rungs 1, 3, 9, 27: cohorts of 27 configurations; 60 trials make two full cohorts and one of 6.
    auto algorithm = makeSuccessiveHalving(setupFor(R"({"eta": 3})", 60, 27), false);
    Simulation sim("loss", curveLoss, 5);
    ASSERT_TRUE(sim.run(*algorithm));
    EXPECT_TRUE(algorithm->finished());
    std::map<std::tuple<std::int64_t, std::int64_t, double>, int> counts;  // cohort, rung, budget
    for (const TrialRequest& r : sim.requests()) {
        EXPECT_EQ(r.bracket, 3);
        ++counts[{*r.iteration, *r.rung, *r.budget}];
        EXPECT_EQ(r.continuation, *r.rung > 0);
    }
    const std::map<std::tuple<std::int64_t, std::int64_t, double>, int> expected = {
        {{0, 0, 1}, 27}, {{0, 1, 3}, 9}, {{0, 2, 9}, 3}, {{0, 3, 27}, 1},
        {{1, 0, 1}, 27}, {{1, 1, 3}, 9}, {{1, 2, 9}, 3}, {{1, 3, 27}, 1},
        {{2, 0, 1}, 6},  {{2, 1, 3}, 2},
    };
    EXPECT_EQ(counts, expected);
    EXPECT_EQ(sim.order().size(), 60u);
}

TEST(SuccessiveHalvingSearch, MinEarlyStoppingRateMovesTheFirstRung)
{
    auto algorithm = makeSuccessiveHalving(setupFor(R"({"eta": 3, "min_early_stopping_rate": 1})", 9, 27), false);
    Simulation sim("loss", curveLoss, 2);
    ASSERT_TRUE(sim.run(*algorithm));
    std::map<double, int> perBudget;
    for (const TrialRequest& r : sim.requests())
        ++perBudget[*r.budget];
    EXPECT_EQ(perBudget, (std::map<double, int>{{3, 9}, {9, 3}, {27, 1}}));
}

TEST(SuccessiveHalvingSearch, AsynchronousStopsAtTheFirstFailedRung)
{
    // η = 3 from step 1: the second trial, worse than the first at step 1, stops there.
    auto algorithm = makeSuccessiveHalving(setupFor(R"({"eta": 3})", 3, 9), true);
    const TrialRequest a = *algorithm->ask();
    const TrialRequest b = *algorithm->ask();
    EXPECT_EQ(a.budget, 9.0);
    EXPECT_FALSE(a.continuation);
    EXPECT_EQ(algorithm->report(a.trialId, 1, 0.5), Verdict::Continue);
    EXPECT_EQ(algorithm->report(b.trialId, 1, 0.7), Verdict::Stop);
    // Reports after the verdict (a runner draining output) keep the verdict and change nothing.
    EXPECT_EQ(algorithm->report(b.trialId, 2, 0.1), Verdict::Stop);
    algorithm->tell(b.trialId, TrialState::Pruned, std::nullopt);
    EXPECT_EQ(algorithm->report(b.trialId, 3, 0.1), Verdict::Stop);
    // Between rungs nothing is judged; at rung 1 (step 3) the first trial is alone and passes.
    EXPECT_EQ(algorithm->report(a.trialId, 2, 9.0), Verdict::Continue);
    EXPECT_EQ(algorithm->report(a.trialId, 3, 0.4), Verdict::Continue);
    // NaN at a rung stops.
    const TrialRequest c = *algorithm->ask();
    EXPECT_EQ(algorithm->report(c.trialId, 1, std::nan("")), Verdict::Stop);
    EXPECT_FALSE(algorithm->ask());
    EXPECT_TRUE(algorithm->finished());
}

TEST(SuccessiveHalvingSearch, AutoMinResourceWaitsForAFinishedTrial)
{
    auto algorithm = makeSuccessiveHalving(setupFor(R"({"min_resource": "auto", "eta": 2})", 4, std::nullopt), true);
    const TrialRequest a = *algorithm->ask();
    const TrialRequest b = *algorithm->ask();
    EXPECT_FALSE(a.budget);
    // No trial has finished: nothing is pruned, however bad.
    for (int step = 1; step <= 300; ++step)
        EXPECT_EQ(algorithm->report(a.trialId, step, 1.0), Verdict::Continue);
    EXPECT_EQ(algorithm->report(b.trialId, 1, 5.0), Verdict::Continue);
    algorithm->tell(a.trialId, TrialState::Complete, 1.0);
    // Estimated from the finished trial: max(300 / 100, 1) = 3, so the first rung is at step 3.
    EXPECT_EQ(algorithm->report(b.trialId, 2, 5.0), Verdict::Continue);
    EXPECT_EQ(algorithm->report(b.trialId, 3, 5.0), Verdict::Continue);  // alone at rung 0
    const TrialRequest c = *algorithm->ask();
    EXPECT_EQ(algorithm->report(c.trialId, 3, 6.0), Verdict::Stop);
}

TEST(SuccessiveHalvingSearch, RungPrunerKeepsTheTopShareOfEachRung)
{
    RungPruner pruner({1.0, 3, 0, 0}, Direction::Minimize);
    // Values 5, 4, 3: each a new best at rung 0, so each passes.
    EXPECT_EQ(pruner.report("a", 1, 5.0), Verdict::Continue);
    EXPECT_EQ(pruner.report("b", 1, 4.0), Verdict::Continue);
    EXPECT_EQ(pruner.report("c", 1, 3.0), Verdict::Continue);
    // n = 4: the top ⌊4/3⌋ = 1: 3.5 is not it. n = 6: top 2: 3.2 is second best.
    EXPECT_EQ(pruner.report("d", 1, 3.5), Verdict::Stop);
    EXPECT_EQ(pruner.report("e", 1, 9.0), Verdict::Stop);
    EXPECT_EQ(pruner.report("f", 1, 3.2), Verdict::Continue);
    EXPECT_EQ(pruner.valuesAt(0), (std::vector<double>{3.0, 3.2, 3.5, 4.0, 5.0, 9.0}));
    EXPECT_EQ(pruner.rungOf("f"), 1);
    EXPECT_EQ(pruner.rungStep(2), 9.0);
    // One report that crosses rungs 1 and 2 at once is judged at each: alone at both, it passes.
    EXPECT_EQ(pruner.report("a", 10, 1.0), Verdict::Continue);
    EXPECT_EQ(pruner.rungOf("a"), 3);
}

TEST(SuccessiveHalvingSearch, ConfigurationErrorsNameTheField)
{
    EXPECT_EQ(configError(setupFor(R"({"eta": 1})", 10, 27), true),
              "algorithm.config.eta: expected a whole number >= 2, got 1");
    EXPECT_EQ(configError(setupFor(R"({"eta": 3, "reduction_factor": 3})", 10, 27), true),
              "algorithm.config.reduction_factor: give eta or reduction_factor, not both");
    EXPECT_EQ(configError(setupFor(R"({"min_resource": "fast"})", 10, 27), true),
              "algorithm.config.min_resource: expected a number > 0 or \"auto\", got \"fast\"");
    EXPECT_EQ(configError(setupFor(R"({"min_resource": "auto"})", 10, 27), false),
              "algorithm.config.min_resource: expected a number > 0, got \"auto\"");
    EXPECT_EQ(configError(setupFor(R"({"min_resource": 0})", 10, 27), true),
              "algorithm.config.min_resource: expected a number > 0, got 0");
    EXPECT_EQ(configError(setupFor("{}", 10, std::nullopt), false),
              "algorithm.config.max_resource: required (or budget.max_resource): the resource a configuration "
              "may use at most");
    EXPECT_EQ(configError(setupFor(R"({"bootstrap_count": -1})", 10, 27), true),
              "algorithm.config.bootstrap_count: expected a whole number >= 0, got -1");
    EXPECT_EQ(configError(setupFor(R"({"eta": 3, "min_early_stopping_rate": 4})", 10, 27), false),
              "algorithm.config.min_early_stopping_rate: the first rung min_resource * eta^rate = 81 lies beyond "
              "max_resource 27");
    const std::string unknown = configError(setupFor(R"({"bootstrap_count": 1})", 10, 27), false);
    EXPECT_EQ(unknown.rfind("algorithm.config.bootstrap_count: unknown option (known: ", 0), 0u) << unknown;
    EXPECT_EQ(configError(setupFor(R"({"eta": 3, "bootstrap_count": 1, "min_resource": 1})", 10, 27), true),
              "(accepted)");
}

TEST(SuccessiveHalvingSearch, MakeAlgorithmBuildsEveryBanditAndPopulationName)
{
    AlgorithmSetup setup = setupFor("", 20, 27);
    for (const char* name : {"sh", "asha", "hyperband", "bohb", "pbt"}) {
        setup.name = name;
        auto algorithm = makeAlgorithm(setup);
        ASSERT_NE(algorithm, nullptr) << name;
        const std::optional<TrialRequest> request = algorithm->ask();
        ASSERT_TRUE(request) << name;
        EXPECT_EQ(request->trialId, "t0") << name;
        EXPECT_TRUE(setup.space.params[0].contains(request->params.at(0).second)) << name;
        setup.configJson = R"({"eta": 1})";
        if (std::string(name) != "pbt") {
            EXPECT_THROW(makeAlgorithm(setup), ConfigError) << name;
        }
        setup.configJson = "";
    }
}

} // namespace
} // namespace tendril::search
