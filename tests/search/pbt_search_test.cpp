// Population Based Training driven like the runner drives it: the population stays whole, every
// exploit is one lineage edge, the quantile bounds the exploits per generation, values stay in
// the space, a seed fixes the run, and an interrupted study resumes.
#include "bandit_algorithms.hpp"
#include "pbt_search.hpp"
#include "pruner_simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

namespace tendril::search {
namespace {

using testing::Simulation;

SearchSpace space()
{
    SearchSpace s;
    s.params = {Param::floatRange("lr", 1e-4, 1.0, true), Param::intRange("layers", 1, 8),
                Param::categorical("act", {"relu", "tanh", "gelu"})};
    return s;
}

// Accuracy grows with training; a learning rate near 0.01 trains fastest.
double accuracy(const testing::Params& params, double& skill, double)
{
    const double lr = testing::numberParam(params, "lr");
    const double distance = std::log10(lr) + 2.0;
    skill += std::exp(-distance * distance) + 0.02 * testing::numberParam(params, "layers");
    return 1.0 - std::exp(-skill / 10.0);
}

AlgorithmSetup setupFor(std::uint64_t seed, const std::string& config = R"({"population_size": 8, "perturbation_interval": 5})",
                        std::int64_t maxTrials = 60)
{
    AlgorithmSetup setup;
    setup.space = space();
    setup.objective = {"acc", Direction::Maximize};
    setup.name = "pbt";
    setup.configJson = config;
    setup.budget.maxTrials = maxTrials;
    setup.budget.maxResource = 40;
    setup.seed = seed;
    return setup;
}

PbtSearch& pbt(SearchAlgorithm& algorithm) { return dynamic_cast<PbtSearch&>(algorithm); }

TEST(PbtSearch, PopulationStaysWholeAndEveryExploitIsOneLineageEdge)
{
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        auto algorithm = makePbt(setupFor(seed));
        Simulation sim("acc", accuracy, 8, 40);
        ASSERT_TRUE(sim.run(*algorithm));
        EXPECT_TRUE(algorithm->finished());

        // Eight members train at every tick until the first one finishes.
        bool finishing = false;
        for (std::size_t t = 0; t < sim.activePerTick().size(); ++t) {
            finishing = finishing || sim.completedPerTick()[t] > 0;
            EXPECT_LE(sim.activePerTick()[t], 8);
            if (!finishing) {
                EXPECT_EQ(sim.activePerTick()[t], 8) << "tick " << t;
            }
        }

        const std::vector<PbtSearch::Exploit>& exploits = pbt(*algorithm).exploits();
        ASSERT_FALSE(exploits.empty());
        int children = 0, stopped = 0;
        std::map<std::int64_t, int> perGeneration;
        for (const auto& [id, trial] : sim.trials()) {
            children += trial.record.parent.empty() ? 0 : 1;
            stopped += trial.stoppedByAlgorithm ? 1 : 0;
            EXPECT_EQ(trial.record.state, trial.stoppedByAlgorithm ? TrialState::Pruned : TrialState::Complete);
        }
        EXPECT_EQ(children, static_cast<int>(exploits.size()));
        EXPECT_EQ(stopped, static_cast<int>(exploits.size()));
        for (const PbtSearch::Exploit& e : exploits) {
            const Trial& child = sim.trial(e.child).record;
            EXPECT_EQ(child.parent, e.donor);
            EXPECT_EQ(child.startStep, e.step);
            EXPECT_EQ(child.iteration, e.generation);
            EXPECT_LT(sim.trial(e.donor).record.number, child.number);
            EXPECT_TRUE(sim.trial(e.replaced).stoppedByAlgorithm);
            EXPECT_NE(e.replaced, e.donor);
            // The donor had reported the step its checkpoint was copied at.
            const Curve& donorCurve = *sim.trial(e.donor).record.curve("acc");
            EXPECT_NE(std::find(donorCurve.steps.begin(), donorCurve.steps.end(), e.step), donorCurve.steps.end());
            ++perGeneration[e.generation];
        }
        // The child restores the donor's checkpoint.
        for (const TrialRequest& r : sim.requests())
            if (!r.parent.empty()) {
                EXPECT_EQ(r.restoreFrom, r.parent);
            }
        // ⌈8 · 0.25⌉ = 2 exploits per generation at most.
        EXPECT_EQ(pbt(*algorithm).exploitsPerGeneration(), 2);
        for (const auto& [generation, count] : perGeneration)
            EXPECT_LE(count, 2) << "generation " << generation;
        // Every value any trial was given lies in the space.
        for (const TrialRequest& r : sim.requests())
            for (std::size_t p = 0; p < r.params.size(); ++p)
                EXPECT_TRUE(space().params[p].contains(r.params[p].second)) << r.params[p].second.toString();
    }
}

TEST(PbtSearch, FixedParametersTravelWithTheCheckpoint)
{
    auto algorithm = makePbt(setupFor(5, R"({"population_size": 8, "perturbation_interval": 5, "fixed_params": ["layers"]})"));
    Simulation sim("acc", accuracy, 8, 40);
    ASSERT_TRUE(sim.run(*algorithm));
    const std::vector<PbtSearch::Exploit>& exploits = pbt(*algorithm).exploits();
    ASSERT_FALSE(exploits.empty());
    std::set<std::string> initialLayers;
    for (const TrialRequest& r : sim.requests())
        if (r.parent.empty())
            initialLayers.insert(r.params[1].second.toString());
    // The first population is sampled over the whole range; only exploits copy.
    EXPECT_GT(initialLayers.size(), 1u);
    int lrMoved = 0;
    for (const PbtSearch::Exploit& e : exploits) {
        const Trial& child = sim.trial(e.child).record;
        const Trial& donor = sim.trial(e.donor).record;
        ASSERT_TRUE(child.param("layers") && donor.param("layers"));
        EXPECT_EQ(*child.param("layers"), *donor.param("layers")) << e.child;
        lrMoved += *child.param("lr") == *donor.param("lr") ? 0 : 1;
    }
    EXPECT_GT(lrMoved, 0);
}

TEST(PbtSearch, ExploitsTheBottomQuantileFromTheTopOne)
{
    // Four members, k = 1: at the second check the worst copies the best.
    auto algorithm = makePbt(setupFor(5, R"({"population_size": 4, "perturbation_interval": 5})"));
    std::vector<std::string> ids;
    for (int i = 0; i < 4; ++i) {
        const std::optional<TrialRequest> r = algorithm->ask();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->iteration, 0);
        EXPECT_EQ(r->budget, 40.0);
        ids.push_back(r->trialId);
    }
    EXPECT_FALSE(algorithm->ask());
    const double score[] = {0.1, 0.2, 0.3, 0.4};
    for (int step = 1; step <= 9; ++step)
        for (int m = 0; m < 4; ++m)
            EXPECT_EQ(algorithm->report(ids[m], step, score[m]), Verdict::Continue) << m << " at " << step;
    // Step 10, generation 2: the worst reports first and is replaced by a copy of the best.
    EXPECT_EQ(algorithm->report(ids[0], 10, 0.15), Verdict::Stop);
    algorithm->tell(ids[0], TrialState::Pruned, std::nullopt);
    const std::optional<TrialRequest> child = algorithm->ask();
    ASSERT_TRUE(child);
    EXPECT_FALSE(child->continuation);
    EXPECT_EQ(child->parent, ids[3]);
    EXPECT_EQ(child->restoreFrom, ids[3]);
    EXPECT_EQ(child->startStep, 9.0);
    EXPECT_EQ(child->iteration, 2);
    EXPECT_EQ(child->budget, 40.0);
    // Now the second member is the worst, but generation 2 has had its one exploit.
    EXPECT_EQ(algorithm->report(ids[1], 10, 0.01), Verdict::Continue);
    EXPECT_EQ(algorithm->report(ids[2], 10, 0.3), Verdict::Continue);
    EXPECT_EQ(algorithm->report(ids[3], 10, 0.4), Verdict::Continue);
    // The child trains on from step 9; its first check is at step 14.
    for (int step = 10; step <= 13; ++step)
        EXPECT_EQ(algorithm->report(child->trialId, step, 0.0), Verdict::Continue);
    EXPECT_EQ(algorithm->report(child->trialId, 14, 0.0), Verdict::Continue);  // generation 2 is full
    EXPECT_EQ(algorithm->report(ids[1], 15, -0.1), Verdict::Stop);             // generation 3
    EXPECT_THROW(algorithm->report("t404", 1, 0.0), std::invalid_argument);
    EXPECT_FALSE(algorithm->finished());
}

TEST(PbtSearch, SameSeedSameRunOtherSeedOtherRun)
{
    const auto run = [](std::uint64_t seed) {
        auto algorithm = makePbt(setupFor(seed));
        Simulation sim("acc", accuracy, 8, 40);
        EXPECT_TRUE(sim.run(*algorithm));
        return sim.requests();
    };
    const std::vector<TrialRequest> a = run(4), b = run(4), c = run(5);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].trialId, b[i].trialId);
        EXPECT_EQ(a[i].params, b[i].params);
        EXPECT_EQ(a[i].parent, b[i].parent);
        EXPECT_EQ(a[i].startStep, b[i].startStep);
    }
    EXPECT_NE(a.front().params, c.front().params);
}

TEST(PbtSearch, TrialBudgetStopsExploitingNotTraining)
{
    auto algorithm = makePbt(setupFor(2, R"({"population_size": 8, "perturbation_interval": 5})", 10));
    Simulation sim("acc", accuracy, 8, 40);
    ASSERT_TRUE(sim.run(*algorithm));
    EXPECT_EQ(sim.order().size(), 10u);
    int complete = 0;
    for (const auto& [id, trial] : sim.trials())
        complete += trial.record.state == TrialState::Complete ? 1 : 0;
    EXPECT_EQ(complete, 8);  // the population still trains to the end
}

TEST(PbtSearch, ResumedStudyCarriesOnWithTheSamePopulation)
{
    const AlgorithmSetup setup = setupFor(7);
    auto first = makePbt(setup);
    Simulation sim("acc", accuracy, 8, 40);
    ASSERT_FALSE(sim.run(*first, 23));
    sim.interrupt();
    std::set<std::string> live;
    std::map<std::string, std::int64_t> runsBefore;
    for (const auto& [id, trial] : sim.trials()) {
        runsBefore[id] = trial.runs;
        if (trial.record.state == TrialState::Failed)
            live.insert(id);
    }
    EXPECT_EQ(live.size(), 8u);
    const std::size_t requestsBefore = sim.requests().size();
    const std::size_t trialsBefore = sim.order().size();

    auto resumed = makePbt(setup);
    resumed->restore(sim.study(setup.space, setup.objective));
    ASSERT_TRUE(sim.run(*resumed));
    std::set<std::string> relaunched;
    for (std::size_t i = requestsBefore; i < sim.requests().size(); ++i) {
        const TrialRequest& r = sim.requests()[i];
        if (!runsBefore.count(r.trialId))
            continue;
        EXPECT_TRUE(live.count(r.trialId)) << r.trialId << " finished before and ran again";
        EXPECT_TRUE(r.continuation);
        EXPECT_EQ(r.restoreFrom, r.trialId);
        EXPECT_EQ(r.parent, sim.trial(r.trialId).record.parent);  // its lineage stays as recorded
        relaunched.insert(r.trialId);
    }
    EXPECT_EQ(relaunched, live);
    EXPECT_GT(sim.order().size(), trialsBefore);  // exploits went on after the restore
    EXPECT_LE(sim.order().size(), 60u);
    std::map<std::int64_t, int> perGeneration;
    for (const auto& [id, trial] : sim.trials())
        if (!trial.record.parent.empty())
            ++perGeneration[*trial.record.iteration];
    for (const auto& [generation, count] : perGeneration)
        EXPECT_LE(count, 2) << "generation " << generation;
}

TEST(PbtSearch, RestoreRefillsAReplacementThatNeverStarted)
{
    // Member t0 was exploited (pruned) but its replacement was never asked for.
    const AlgorithmSetup setup = setupFor(3, R"({"population_size": 4, "perturbation_interval": 5})");
    Study study;
    study.space = setup.space;
    study.objective = setup.objective;
    for (int i = 0; i < 4; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        t.params = {{"lr", Value(0.001 * (i + 1))}, {"layers", Value(std::int64_t{2})}, {"act", Value("relu")}};
        t.iteration = 0;
        for (int step = 1; step <= 10; ++step)
            t.curveFor("acc").append(step, 0.1 * (i + 1) + 0.001 * step);
        t.state = i == 0 ? TrialState::Pruned : TrialState::Failed;
        t.error = i == 0 ? "" : "interrupted";
        study.trials.push_back(t);
    }
    auto algorithm = makePbt(setup);
    algorithm->restore(study);
    std::vector<TrialRequest> requests;
    while (std::optional<TrialRequest> r = algorithm->ask())
        requests.push_back(*r);
    ASSERT_EQ(requests.size(), 4u);  // three resumed members and one new exploit
    int children = 0;
    for (const TrialRequest& r : requests) {
        if (r.continuation)
            continue;
        ++children;
        EXPECT_EQ(r.trialId, "t4");
        EXPECT_EQ(r.parent, "t3");  // the best resumed member (k = 1 of 3)
        EXPECT_EQ(r.startStep, 10.0);
        EXPECT_EQ(r.iteration, 2);
    }
    EXPECT_EQ(children, 1);
}

std::string configError(const std::string& config, std::optional<double> maxResource = 40)
{
    AlgorithmSetup setup = setupFor(1, config);
    setup.budget.maxResource = maxResource;
    try {
        makePbt(setup);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(PbtSearch, ConfigurationErrorsNameTheField)
{
    EXPECT_EQ(configError(R"({"population_size": 1})"),
              "algorithm.config.population_size: expected a whole number >= 2, got 1");
    EXPECT_EQ(configError(R"({"population": 1})"), "algorithm.config.population: expected a whole number >= 2, got 1");
    EXPECT_EQ(configError(R"({"population": 4, "population_size": 4})"),
              "algorithm.config.population: give population_size or population, not both");
    EXPECT_EQ(configError(R"({"quantile": 0.6})"), "algorithm.config.quantile: expected a number in (0, 0.5], got 0.6");
    EXPECT_EQ(configError(R"({"quantile_fraction": 0})"),
              "algorithm.config.quantile_fraction: expected a number in (0, 0.5], got 0");
    EXPECT_EQ(configError(R"({"perturbation_interval": 0})"),
              "algorithm.config.perturbation_interval: expected a number > 0, got 0");
    EXPECT_EQ(configError(R"({"perturbation_interval": 40})"),
              "algorithm.config.perturbation_interval: must be below max_resource 40 (no member would ever be "
              "checked), got 40");
    EXPECT_EQ(configError("{}", std::nullopt),
              "algorithm.config.perturbation_interval: required when there is no max_resource (option or "
              "budget.max_resource)");
    EXPECT_EQ(configError(R"({"resample_probability": 1.5})"),
              "algorithm.config.resample_probability: expected a number in [0, 1], got 1.5");
    EXPECT_EQ(configError(R"({"perturbation_factors": [0.8, 1.2]})"),
              "algorithm.config.perturbation_factors: expected [up, down] with up > 1 and 0 < down < 1, got [0.8,1.2]");
    EXPECT_EQ(configError(R"({"perturbation_factors": 1.2})"),
              "algorithm.config.perturbation_factors: expected [up, down] with up > 1 and 0 < down < 1, got 1.2");
    EXPECT_EQ(configError(R"({"fixed_params": "layers"})"),
              "algorithm.config.fixed_params: expected a list of parameter names, got \"layers\"");
    EXPECT_EQ(configError(R"({"fixed_params": ["depth"]})"),
              "algorithm.config.fixed_params: \"depth\" is not a parameter of the search space");
    EXPECT_EQ(configError(R"({"fixed_params": ["layers", "layers"]})"),
              "algorithm.config.fixed_params: \"layers\" is listed twice");
    EXPECT_EQ(configError(R"({"fixed_params": ["layers", "act"]})"), "(accepted)");
    const std::string unknown = configError(R"({"interval": 5})");
    EXPECT_EQ(unknown.rfind("algorithm.config.interval: unknown option (known: ", 0), 0u) << unknown;
    EXPECT_EQ(configError(R"({"population": 16, "quantile": 0.25, "perturbation_factors": [1.25, 0.8]})"),
              "(accepted)");
}

} // namespace
} // namespace tendril::search
