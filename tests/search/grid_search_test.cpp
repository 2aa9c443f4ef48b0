// Grid search: every combination once, in order; counts shown before running; resumable.
#include "sampling_test_helpers.hpp"

#include "tendril/search/algorithm.hpp"

#include <gtest/gtest.h>

#include <set>

namespace tendril::search {
namespace {

using testing::setupFor;

std::string gridError(const SearchSpace& space, const std::string& config)
{
    try {
        gridSize(space, config);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no error)";
}

std::vector<TrialRequest> askAll(SearchAlgorithm& algorithm)
{
    std::vector<TrialRequest> requests;
    while (std::optional<TrialRequest> request = algorithm.ask())
        requests.push_back(*request);
    return requests;
}

TEST(GridSearch, ASteppedRangeGivesEveryGridPoint)
{
    // The patent's example: dropout between 0.3 and 0.7 with step 0.1 gives five values.
    const SearchSpace space{{Param::floatRange("dropout", 0.3, 0.7, false, 0.1)}};
    EXPECT_EQ(gridSize(space, ""), 5u);
    const std::vector<GridAxis> axes = gridAxes(space, "");
    ASSERT_EQ(axes.size(), 1u);
    EXPECT_EQ(axes[0].values, (std::vector<Value>{0.3, 0.4, 0.5, 0.6, 0.7}));
    for (const Value& v : axes[0].values)
        EXPECT_TRUE(v.isReal());
}

TEST(GridSearch, CountIsTheProductOfTheAxes)
{
    const SearchSpace space{{Param::categorical("opt", {"sgd", "adam", "rmsprop"}), Param::intRange("layers", 1, 4),
                             Param::floatRange("dropout", 0.0, 0.5, false, 0.25),
                             Param::floatRange("lr", 1e-4, 1e-1, true)}};
    EXPECT_EQ(gridSize(space, R"({"values": {"lr": [0.001, 0.01]}})"), 3u * 4u * 3u * 2u);
    EXPECT_EQ(gridSize(space, R"({"values": {"lr": [0.001]}, "steps": {"layers": 2}})"), 3u * 2u * 3u * 1u);
    EXPECT_EQ(gridSize(space, R"({"values": {"lr": [0.01], "opt": ["adam"]}, "steps": {"dropout": 0.1}})"),
              1u * 4u * 6u * 1u);
}

TEST(GridSearch, AsksInOrderWithTheLastParameterFastestThenFinishes)
{
    const SearchSpace space{{Param::categorical("opt", {"sgd", "adam"}), Param::intRange("layers", 1, 3)}};
    auto grid = makeAlgorithm(setupFor("grid", space, std::nullopt));
    EXPECT_FALSE(grid->finished());
    const std::vector<TrialRequest> requests = askAll(*grid);
    ASSERT_EQ(requests.size(), 6u);
    const std::vector<std::pair<const char*, int>> expected = {{"sgd", 1},  {"sgd", 2},  {"sgd", 3},
                                                               {"adam", 1}, {"adam", 2}, {"adam", 3}};
    std::set<std::string> ids;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const TrialRequest& r = requests[i];
        ASSERT_EQ(r.params.size(), 2u);
        EXPECT_EQ(r.params[0], (std::pair<std::string, Value>{"opt", expected[i].first}));
        EXPECT_EQ(r.params[1], (std::pair<std::string, Value>{"layers", expected[i].second}));
        EXPECT_TRUE(r.params[1].second.isInt());
        EXPECT_EQ(r.iteration, static_cast<std::int64_t>(i));
        EXPECT_FALSE(r.continuation);
        EXPECT_FALSE(r.budget);
        ids.insert(r.trialId);
    }
    EXPECT_EQ(ids.size(), 6u);
    EXPECT_TRUE(grid->finished());
    EXPECT_FALSE(grid->ask());
    for (const TrialRequest& r : requests) {
        EXPECT_EQ(grid->report(r.trialId, 1, 0.5), Verdict::Continue);
        grid->tell(r.trialId, TrialState::Complete, 0.5);
    }
    EXPECT_THROW(grid->tell(requests[0].trialId, TrialState::Complete, 0.5), std::invalid_argument);
    EXPECT_THROW(grid->tell("nobody", TrialState::Complete, 0.5), std::invalid_argument);
}

TEST(GridSearch, TheTrialBudgetCutsTheGridShort)
{
    const SearchSpace space{{Param::intRange("a", 1, 10), Param::intRange("b", 1, 10)}};
    auto grid = makeAlgorithm(setupFor("grid", space, 7));
    EXPECT_EQ(askAll(*grid).size(), 7u);
    EXPECT_TRUE(grid->finished());
}

TEST(GridSearch, ListedValuesKeepTheirOrderAndTypes)
{
    const SearchSpace space{{Param::intRange("units", 16, 256), Param::floatRange("lr", 1e-4, 1, true),
                             Param::categorical("act", {"relu", "tanh", "gelu"})}};
    const std::vector<GridAxis> axes =
        gridAxes(space, R"({"values": {"units": [128, 32.0], "lr": [0.1, 0.001], "act": ["gelu", "relu"]}})");
    EXPECT_EQ(axes[0].values, (std::vector<Value>{128, 32}));
    EXPECT_TRUE(axes[0].values[1].isInt());
    EXPECT_EQ(axes[1].values, (std::vector<Value>{0.1, 0.001}));
    EXPECT_EQ(axes[2].values, (std::vector<Value>{"gelu", "relu"}));
}

TEST(GridSearch, ConfigurationErrorsNameTheParameter)
{
    const SearchSpace space{{Param::floatRange("lr", 1e-4, 1e-1, true), Param::intRange("units", 16, 256),
                             Param::categorical("act", {"relu", "tanh"})}};
    EXPECT_EQ(gridError(space, ""),
              "algorithm.config.values.lr: the float parameter lr has no step; list its values there or give "
              "algorithm.config.steps.lr");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01], "drop": [0.1]}})"),
              "algorithm.config.values.drop: no parameter of that name in the space (parameters: lr, units, act)");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01, 0.5]}})"),
              "algorithm.config.values.lr[1]: value 0.5 is outside [1e-04, 0.1]");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": []}})"),
              "algorithm.config.values.lr: expected a non-empty list of values, got an array");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": 0.01}})"),
              "algorithm.config.values.lr: expected a non-empty list of values, got 0.01");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01, 0.01]}})"),
              "algorithm.config.values.lr[1]: 0.01 appears twice");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01], "units": [32.5]}})"),
              "algorithm.config.values.units[0]: expected a whole number, got 32.5");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01], "act": ["gelu"]}})"),
              "algorithm.config.values.act[0]: value gelu is not one of the choices (relu, tanh)");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01], "act": [["relu"]]}})"),
              "algorithm.config.values.act[0]: expected a number, string or boolean, got an array");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01]}, "steps": {"lr": 0.01}})"),
              "algorithm.config.steps.lr: give either algorithm.config.values.lr or a step, not both");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01]}, "steps": {"units": 0.5}})"),
              "algorithm.config.steps.units: expected a whole number >= 1, got 0.5");
    EXPECT_EQ(gridError(space, R"({"steps": {"lr": -0.01}})"),
              "algorithm.config.steps.lr: expected a number > 0, got -0.01");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01]}, "steps": {"act": 1}})"),
              "algorithm.config.steps.act: a categorical parameter takes its choices, not a step");
    EXPECT_EQ(gridError(space, R"({"values": {"lr": [0.01]}, "order": "random"})"),
              "algorithm.config.order: unknown option (known: seed, steps, values)");
    // The same errors come out of makeAlgorithm.
    EXPECT_THROW(makeAlgorithm(setupFor("grid", space, 10)), ConfigError);
}

TEST(GridSearch, RefusesAGridTooLargeToCountOrAStepTooSmall)
{
    SearchSpace space;
    for (int i = 0; i < 4; ++i)
        space.params.push_back(Param::intRange("p" + std::to_string(i), 0, 99999));
    EXPECT_EQ(gridSize(SearchSpace{{space.params[0]}}, ""), 100000u);
    EXPECT_EQ(gridError(space, ""), "algorithm.config: the grid has more than 18446744073709551615 combinations");

    const SearchSpace wide{{Param::intRange("n", 0, 1000000), Param::floatRange("x", 0, 1)}};
    EXPECT_EQ(gridError(wide, R"({"steps": {"x": 0.5}})"),
              "algorithm.config.values.n: a step of 1 gives more than 100000 values of n; list its values there "
              "or give a larger step in algorithm.config.steps.n");
    EXPECT_EQ(gridError(wide, R"({"steps": {"n": 1000, "x": 1e-6}})"),
              "algorithm.config.steps.x: a step of 1e-06 gives more than 100000 values of x; give a larger step");
    EXPECT_EQ(gridSize(wide, R"({"steps": {"n": 1000, "x": 0.5}})"), 1001u * 3u);
}

TEST(GridSearch, RestoreSkipsFinishedCombinationsAndRerunsFailedOnes)
{
    const SearchSpace space{{Param::categorical("opt", {"sgd", "adam"}), Param::intRange("layers", 1, 3)}};
    Study study;
    study.space = space;
    auto addTrial = [&](const std::string& id, const char* opt, int layers, TrialState state) {
        Trial t;
        t.id = id;
        t.number = static_cast<std::int64_t>(study.trials.size());
        t.iteration = t.number;
        t.state = state;
        t.params = {{"opt", opt}, {"layers", layers}};
        study.trials.push_back(t);
    };
    addTrial("t0", "sgd", 1, TrialState::Complete);
    addTrial("t1", "sgd", 2, TrialState::Failed);
    addTrial("t2", "sgd", 3, TrialState::Pruned);
    addTrial("t3", "adam", 2, TrialState::Complete);

    auto grid = makeAlgorithm(setupFor("grid", space, std::nullopt));
    grid->restore(study);
    const std::vector<TrialRequest> requests = askAll(*grid);
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].params[0].second, Value("sgd"));
    EXPECT_EQ(requests[0].params[1].second, Value(2));
    EXPECT_EQ(requests[1].params[0].second, Value("adam"));
    EXPECT_EQ(requests[1].params[1].second, Value(1));
    EXPECT_EQ(requests[2].params[1].second, Value(3));
    // Ids and iterations continue after the restored trials.
    EXPECT_EQ(requests[0].trialId, "t4");
    EXPECT_EQ(requests[0].iteration, 4);
    EXPECT_TRUE(grid->finished());

    // The budget counts the trials the study already has.
    auto limited = makeAlgorithm(setupFor("grid", space, 5));
    limited->restore(study);
    EXPECT_EQ(askAll(*limited).size(), 1u);
}

} // namespace
} // namespace tendril::search
