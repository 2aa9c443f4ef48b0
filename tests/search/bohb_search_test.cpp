// BOHB: the kernel densities, when the model takes over from random sampling, the third of
// proposals that stay random, and what the model proposes.
#include "bandit_algorithms.hpp"
#include "bohb_kde.hpp"
#include "bohb_search.hpp"
#include "hyperband_search.hpp"
#include "pruner_simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace tendril::search {
namespace {

using testing::Simulation;

SearchSpace twoFloats()
{
    SearchSpace space;
    space.params = {Param::floatRange("x", 0.0, 1.0), Param::floatRange("y", 0.0, 1.0)};
    return space;
}

double quality(const testing::Params& params)
{
    const double x = testing::numberParam(params, "x");
    const double y = testing::numberParam(params, "y");
    return (x - 0.2) * (x - 0.2) + (y - 0.7) * (y - 0.7);
}

double loss(const testing::Params& params, double&, double step) { return quality(params) + std::exp(-step / 4.0); }

TEST(BohbDensity, NormalReferenceBandwidthAndDensity)
{
    // One numeric dimension with points 0.2, 0.4, 0.9: std (ddof 0) = 0.29439, n = 3, D = 1.
    const BohbDensity kde({{0}}, {{0.2}, {0.4}, {0.9}}, 1e-3);
    const double mean = 0.5;
    const double sd = std::sqrt(((0.2 - mean) * (0.2 - mean) + (0.4 - mean) * (0.4 - mean) + (0.9 - mean) * (0.9 - mean)) / 3);
    const double h = 1.06 * sd * std::pow(3.0, -1.0 / 5.0);
    ASSERT_EQ(kde.bandwidths().size(), 1u);
    EXPECT_NEAR(kde.bandwidths()[0], h, 1e-15);
    double density = 0.0;
    for (double xi : {0.2, 0.4, 0.9})
        density += std::exp(-0.5 * std::pow((0.5 - xi) / h, 2)) / (h * std::sqrt(2 * std::numbers::pi));
    EXPECT_NEAR(kde.logPdf({0.5}), std::log(density / 3), 1e-12);
}

TEST(BohbDensity, BandwidthFloorAndCategoricalKernel)
{
    // Identical points: std 0, so the floor; a categorical λ never exceeds (c − 1)/c.
    const BohbDensity kde({{0}, {3}}, {{0.5, 0}, {0.5, 2}, {0.5, 1}, {0.5, 0}}, 1e-3);
    EXPECT_EQ(kde.bandwidths()[0], 1e-3);
    EXPECT_LE(kde.bandwidths()[1], 2.0 / 3.0);
    const double lambda = kde.bandwidths()[1];
    // At choice 0 (two of the four points): the numeric kernel is at its peak for every point.
    const double peak = 1.0 / (1e-3 * std::sqrt(2 * std::numbers::pi));
    const double expected = peak * (2 * (1 - lambda) + 2 * lambda / 2) / 4;
    EXPECT_NEAR(kde.logPdf({0.5, 0}), std::log(expected), 1e-9);
}

TEST(BohbConfigurations, ModelNeedsTwoDPlusTwoResultsOnABudget)
{
    BohbConfigurations source(twoFloats(), Direction::Minimize, {}, 1);
    EXPECT_EQ(source.modelledDimensions(), 2u);
    const auto observeAt = [&](double budget, int count) {
        for (int i = 0; i < count; ++i)
            source.observe({{"x", Value(0.1 * i)}, {"y", Value(0.05 * i)}}, budget, 1.0 - 0.1 * i);
    };
    observeAt(1, 5);
    EXPECT_FALSE(source.modelBudget());  // 3 good + 3 bad are needed (D + 1 each)
    observeAt(1, 1);
    EXPECT_EQ(source.modelBudget(), 1.0);
    observeAt(3, 5);
    EXPECT_EQ(source.modelBudget(), 1.0);  // the larger budget has too few yet
    observeAt(3, 1);
    EXPECT_EQ(source.modelBudget(), 3.0);
    // Before a model, everything is random; after, proposals record which model they used.
    source.propose(0);
    EXPECT_TRUE(source.proposals().back().modelAvailable);
}

TEST(BohbConfigurations, ModelProposesNearTheBestOfTheLargestBudget)
{
    // Maximising -(x - 0.8)^2 with a categorical whose best choice is "b".
    SearchSpace space;
    space.params = {Param::floatRange("x", 0.0, 1.0), Param::categorical("act", {"a", "b", "c"})};
    BohbConfigurations source(space, Direction::Maximize, {}, 4);
    const char* choices[] = {"a", "b", "c"};
    for (int i = 0; i < 40; ++i) {
        const double x = (i % 20) / 19.0;
        const std::string act = choices[i % 3];
        const double value = -(x - 0.8) * (x - 0.8) - (act == "b" ? 0.0 : 0.3);
        source.observe({{"x", Value(x)}, {"act", Value(act)}}, 9, value);
    }
    int model = 0, nearBest = 0, chooseB = 0;
    for (std::int64_t i = 0; i < 300; ++i) {
        const ParamValues params = source.propose(i);
        if (source.proposals().back().kind != BohbConfigurations::Kind::Model)
            continue;
        ++model;
        nearBest += std::fabs(params[0].second.toDouble() - 0.8) < 0.2 ? 1 : 0;
        chooseB += params[1].second == Value("b") ? 1 : 0;
    }
    ASSERT_GT(model, 150);
    EXPECT_GT(nearBest, model * 8 / 10);
    EXPECT_GT(chooseB, model * 8 / 10);
}

AlgorithmSetup bohbSetup(std::uint64_t seed, const std::string& config = R"({"min_resource": 1})")
{
    AlgorithmSetup setup;
    setup.space = twoFloats();
    setup.objective = {"loss", Direction::Minimize};
    setup.name = "bohb";
    setup.configJson = config;
    setup.budget.maxTrials = 200;
    setup.budget.maxResource = 27;
    setup.seed = seed;
    return setup;
}

TEST(BohbSearch, UsesTheModelOnceEnoughResultsExistAndKeepsAThirdRandom)
{
    auto algorithm = makeBohb(bohbSetup(21));
    Simulation sim("loss", loss, 4);
    ASSERT_TRUE(sim.run(*algorithm));
    auto& source = dynamic_cast<BohbConfigurations&>(dynamic_cast<BracketSearch&>(*algorithm).source());
    const auto& proposals = source.proposals();
    ASSERT_EQ(proposals.size(), 200u);

    // Proposal i comes after at most i results, so the first 2D + 2 = 6 cannot have a model.
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_FALSE(proposals[i].modelAvailable) << i;
        EXPECT_EQ(proposals[i].kind, BohbConfigurations::Kind::Random);
    }
    int available = 0, random = 0;
    double randomQuality = 0.0, modelQuality = 0.0;
    for (const auto& p : proposals) {
        if (!p.modelAvailable) {
            EXPECT_EQ(p.kind, BohbConfigurations::Kind::Random);
            continue;
        }
        ++available;
        if (p.kind == BohbConfigurations::Kind::Random) {
            ++random;
            randomQuality += quality(p.params);
        } else {
            modelQuality += quality(p.params);
        }
    }
    ASSERT_GT(available, 120);
    // About a third random: within four binomial standard deviations of n/3.
    const double expected = available / 3.0;
    EXPECT_NEAR(random, expected, 4.0 * std::sqrt(available * (1.0 / 3.0) * (2.0 / 3.0)));
    // The model's proposals are far better on average than uniform ones.
    EXPECT_LT(modelQuality / (available - random), 0.5 * randomQuality / random);
}

TEST(BohbSearch, RunsHyperbandBracketsAndIsReproduciblePerSeed)
{
    const auto run = [](std::uint64_t seed) {
        auto algorithm = makeBohb(bohbSetup(seed));
        Simulation sim("loss", loss, 3);
        EXPECT_TRUE(sim.run(*algorithm));
        return sim.requests();
    };
    const std::vector<TrialRequest> a = run(8), b = run(8), c = run(9);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].trialId, b[i].trialId);
        EXPECT_EQ(a[i].params, b[i].params);
    }
    EXPECT_NE(a.front().params, c.front().params);
    // The paper's first bracket for R = 27: 27 configurations at resource 1.
    int first = 0;
    for (const TrialRequest& r : a)
        first += r.iteration == 0 && r.bracket == 3 && r.rung == 0 ? 1 : 0;
    EXPECT_EQ(first, 27);
}

TEST(BohbSearch, DefaultBudgetsSpanOnePercentToTheMaximum)
{
    AlgorithmSetup setup = bohbSetup(1, "");
    setup.budget.maxResource = 100;
    auto algorithm = makeBohb(setup);
    const std::optional<TrialRequest> first = algorithm->ask();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->bracket, 4);  // ⌊log_3 100⌋
    EXPECT_DOUBLE_EQ(*first->budget, 100.0 / 81.0);
}

TEST(BohbSearch, RestoreRebuildsTheModelFromTheStudy)
{
    const AlgorithmSetup setup = bohbSetup(13);
    auto first = makeBohb(setup);
    Simulation sim("loss", loss, 4);
    ASSERT_FALSE(sim.run(*first, 40));
    sim.interrupt();
    auto& before = dynamic_cast<BohbConfigurations&>(dynamic_cast<BracketSearch&>(*first).source());
    ASSERT_TRUE(before.modelBudget());

    auto resumed = makeBohb(setup);
    resumed->restore(sim.study(setup.space, setup.objective));
    auto& after = dynamic_cast<BohbConfigurations&>(dynamic_cast<BracketSearch&>(*resumed).source());
    EXPECT_EQ(after.modelBudget(), before.modelBudget());
    for (double budget : {1.0, 3.0, 9.0, 27.0})
        EXPECT_EQ(after.observationCount(budget), before.observationCount(budget)) << budget;
    EXPECT_TRUE(after.proposals().empty());
    ASSERT_TRUE(sim.run(*resumed));
    EXPECT_EQ(sim.order().size(), 200u);
    // New configurations after the restore continue the proposal indices.
    ASSERT_FALSE(after.proposals().empty());
    EXPECT_EQ(after.proposals().front().index, static_cast<std::int64_t>(before.proposals().size()));
}

std::string configError(const std::string& config)
{
    try {
        makeBohb(bohbSetup(1, config));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(BohbSearch, ConfigurationErrorsNameTheField)
{
    EXPECT_EQ(configError(R"({"random_fraction": 1.5})"),
              "algorithm.config.random_fraction: expected a number in [0, 1], got 1.5");
    EXPECT_EQ(configError(R"({"top_n_percent": 0})"),
              "algorithm.config.top_n_percent: expected a number in (0, 100), got 0");
    EXPECT_EQ(configError(R"({"min_points_in_model": 2})"),
              "algorithm.config.min_points_in_model: expected a whole number >= 3, got 2");
    EXPECT_EQ(configError(R"({"min_resource": 50})"),
              "algorithm.config.min_resource: must not exceed max_resource 27, got 50");
    EXPECT_EQ(configError(R"({"eta": 3, "num_samples": 0})"),
              "algorithm.config.num_samples: expected a whole number >= 1, got 0");
    EXPECT_EQ(configError(R"({"bandwidth_factor": 3, "min_bandwidth": 0.001, "random_fraction": 0})"), "(accepted)");
    const std::string unknown = configError(R"({"n_samples": 10})");
    EXPECT_EQ(unknown.rfind("algorithm.config.n_samples: unknown option (known: ", 0), 0u) << unknown;
}

} // namespace
} // namespace tendril::search
