// Configuration errors name the JSON path, what was expected and what was found.
#include "config.hpp"
#include "sampling_test_helpers.hpp"

#include "tendril/search/algorithm.hpp"

#include <gtest/gtest.h>

namespace tendril::search {
namespace {

using testing::setupFor;

std::string errorOf(const AlgorithmSetup& setup)
{
    try {
        makeAlgorithm(setup);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

AlgorithmSetup tpeWith(const std::string& config)
{
    return setupFor("tpe", testing::braninSpace(), 20, 0, config);
}

TEST(ConfigErrors, WholeNumbersNameTheFieldTheBoundAndTheValue)
{
    EXPECT_EQ(errorOf(tpeWith(R"({"n_startup_trials": -1})")),
              "algorithm.config.n_startup_trials: expected a whole number >= 0, got -1");
    EXPECT_EQ(errorOf(tpeWith(R"({"n_startup_trials": 2.5})")),
              "algorithm.config.n_startup_trials: expected a whole number >= 0, got 2.5");
    EXPECT_EQ(errorOf(tpeWith(R"({"n_ei_candidates": 0})")),
              "algorithm.config.n_ei_candidates: expected a whole number >= 1, got 0");
    EXPECT_EQ(errorOf(tpeWith(R"({"n_ei_candidates": "many"})")),
              "algorithm.config.n_ei_candidates: expected a whole number >= 1, got \"many\"");
    EXPECT_EQ(errorOf(tpeWith(R"({"seed": -4})")), "algorithm.config.seed: expected a whole number >= 0, got -4");
}

TEST(ConfigErrors, NumbersAndBooleans)
{
    EXPECT_EQ(errorOf(tpeWith(R"({"prior_weight": 0})")),
              "algorithm.config.prior_weight: expected a number > 0, got 0");
    EXPECT_EQ(errorOf(tpeWith(R"({"prior_weight": [1]})")),
              "algorithm.config.prior_weight: expected a number > 0, got an array");
    EXPECT_EQ(errorOf(tpeWith(R"({"multivariate": "yes"})")),
              "algorithm.config.multivariate: expected true or false, got \"yes\"");
    EXPECT_EQ(errorOf(tpeWith(R"({"consider_endpoints": 1})")),
              "algorithm.config.consider_endpoints: expected true or false, got 1");
}

TEST(ConfigErrors, UnknownOptionsAreRefusedWithTheKnownOnesListed)
{
    EXPECT_EQ(errorOf(tpeWith(R"({"n_startup_trial": 5})")),
              "algorithm.config.n_startup_trial: unknown option (known: consider_endpoints, multivariate, "
              "n_ei_candidates, n_startup_trials, prior_weight, seed)");
    EXPECT_EQ(errorOf(setupFor("random", testing::braninSpace(), 5, 0, R"({"eta": 3})")),
              "algorithm.config.eta: unknown option (known: seed)");
}

TEST(ConfigErrors, TheConfigurationMustBeAJsonObject)
{
    EXPECT_EQ(errorOf(tpeWith("[1, 2]")), "algorithm.config: expected a JSON object, got an array");
    EXPECT_EQ(errorOf(tpeWith("7")), "algorithm.config: expected a JSON object, got 7");
    const std::string bad = errorOf(tpeWith(R"({"n_startup_trials": })"));
    EXPECT_EQ(bad.rfind("algorithm.config: not valid JSON: parse error at line 1, column 22", 0), 0u) << bad;
}

TEST(ConfigErrors, EmptyConfigurationMeansDefaults)
{
    EXPECT_NO_THROW(makeAlgorithm(tpeWith("")));
    EXPECT_NO_THROW(makeAlgorithm(tpeWith("  \n")));
    EXPECT_NO_THROW(makeAlgorithm(tpeWith("{}")));
    EXPECT_NO_THROW(makeAlgorithm(tpeWith(R"({"n_startup_trials": 10.0, "multivariate": true})")));
}

TEST(ConfigErrors, SpaceBudgetAndName)
{
    AlgorithmSetup setup = setupFor("random", SearchSpace{{Param::floatRange("lr", 5, 1)}}, 10);
    EXPECT_EQ(errorOf(setup), "space.lr: low 5 is above high 1");
    setup.space = SearchSpace{{Param::floatRange("x", 0, 1), Param::intRange("x", 0, 3)}};
    EXPECT_EQ(errorOf(setup), "space.x: the name appears twice");
    setup.space = SearchSpace{};
    EXPECT_EQ(errorOf(setup), "space: no parameters to search");
    setup = setupFor("random", testing::braninSpace(), -3);
    EXPECT_EQ(errorOf(setup), "budget.max_trials: expected a whole number >= 0, got -3");
    setup = setupFor("gp", testing::braninSpace(), 10);
    EXPECT_EQ(errorOf(setup),
              "algorithm.name: unknown algorithm \"gp\" (expected one of grid, random, tpe, sh, asha, hyperband, "
              "bohb, pbt)");
}

TEST(ConfigObjectTest, RangesNestedPathsAndSeeds)
{
    ConfigObject config = ConfigObject::parse(R"({"q": 1.5, "inner": {"k": -1}, "seed": 12})");
    try {
        config.number("q", 0.25, NumberRange::between(0, 1));
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "algorithm.config.q: expected a number in [0, 1], got 1.5");
    }
    std::optional<ConfigObject> inner = config.object("inner");
    ASSERT_TRUE(inner);
    try {
        inner->wholeNumber("k", 0, 0, 9);
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "algorithm.config.inner.k: expected a whole number in [0, 9], got -1");
    }
    EXPECT_EQ(config.seed(99), 12u);
    EXPECT_EQ(ConfigObject::parse("").seed(99), 99u);
    EXPECT_EQ(config.number("absent", 0.25, NumberRange::between(0, 1)), 0.25);
    EXPECT_NO_THROW(config.finish());
}

TEST(ConfigObjectTest, SeedInTheConfigurationOverridesTheSetup)
{
    const auto fromConfig = makeAlgorithm(setupFor("random", testing::braninSpace(), 5, 0, R"({"seed": 7})"));
    const auto fromSetup = makeAlgorithm(setupFor("random", testing::braninSpace(), 5, 7));
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(fromConfig->ask()->params, fromSetup->ask()->params);
}

} // namespace
} // namespace tendril::search
