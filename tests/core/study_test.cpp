#include "tendril/core/study.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace tendril;

namespace {
Trial makeTrial(std::string id, TrialState state, double acc)
{
    Trial t;
    t.id = std::move(id);
    t.state = state;
    t.setMetric("val_acc", acc);
    return t;
}
} // namespace

TEST(Study, BestTrialUsesCompleteTrialsDirectionAndSkipsNaN)
{
    Study s;
    s.objective = {"val_acc", Direction::Maximize};
    s.trials = {makeTrial("a", TrialState::Complete, 0.7), makeTrial("b", TrialState::Pruned, 0.99),
                makeTrial("c", TrialState::Complete, std::nan("")), makeTrial("d", TrialState::Complete, 0.8)};
    ASSERT_NE(s.bestTrial(), nullptr);
    EXPECT_EQ(s.bestTrial()->id, "d");
    s.objective.direction = Direction::Minimize;
    EXPECT_EQ(s.bestTrial()->id, "a");

    const StateCounts counts = s.stateCounts();
    EXPECT_EQ(counts[static_cast<int>(TrialState::Complete)], 3);
    EXPECT_EQ(counts[static_cast<int>(TrialState::Pruned)], 1);
}

TEST(Study, NoBestWithoutCompleteTrials)
{
    Study s;
    s.objective = {"val_acc", Direction::Maximize};
    s.trials = {makeTrial("a", TrialState::Failed, 0.7)};
    EXPECT_EQ(s.bestTrial(), nullptr);
}

TEST(Study, DirectionOfDeclaredMetrics)
{
    Study s;
    s.objective = {"val_acc", Direction::Maximize};
    s.metrics = {{"model_size_mb", Direction::Minimize}};
    EXPECT_EQ(s.directionOf("val_acc"), Direction::Maximize);
    EXPECT_EQ(s.directionOf("model_size_mb"), Direction::Minimize);
    EXPECT_FALSE(s.directionOf("loss"));
}

TEST(InferSpace, IntsFloatsCategoricalsAndMixes)
{
    std::vector<Trial> trials(3);
    trials[0].params = {{"layers", Value(20)}, {"lr", Value(0.1)}, {"act", Value("relu")}, {"mix", Value(1)}};
    trials[1].params = {{"layers", Value(56)}, {"lr", Value(2)}, {"act", Value("tanh")}, {"mix", Value("a")}};
    trials[2].params = {{"layers", Value(110)}, {"act", Value("relu")}, {"extra", Value()}};
    const SearchSpace s = inferSpace(trials);
    ASSERT_EQ(s.size(), 4u);  // null-only "extra" is not a parameter
    EXPECT_EQ(s.params[0].type, ParamType::Int);
    EXPECT_EQ(s.params[0].low, 20);
    EXPECT_EQ(s.params[0].high, 110);
    EXPECT_EQ(s.params[1].type, ParamType::Float);
    EXPECT_EQ(s.params[1].low, 0.1);
    EXPECT_EQ(s.params[1].high, 2);
    EXPECT_EQ(s.params[2].type, ParamType::Categorical);
    EXPECT_EQ(s.params[2].choices, (std::vector<Value>{"relu", "tanh"}));
    EXPECT_EQ(s.params[3].type, ParamType::Categorical);
    EXPECT_EQ(s.params[3].choices.size(), 2u);
    for (const Trial& t : trials)
        for (const auto& [name, v] : t.params) {
            if (const Param* p = s.find(name)) {
                EXPECT_TRUE(p->contains(v)) << name;
            }
        }
}

TEST(Curve, SecondsColumnAppearsOnlyWhenReported)
{
    Curve c;
    c.append(1, 0.5);
    EXPECT_FALSE(c.hasSeconds());
    c.append(2, 0.6, 12.5);
    ASSERT_TRUE(c.hasSeconds());
    EXPECT_TRUE(std::isnan(c.seconds[0]));
    EXPECT_EQ(c.seconds[1], 12.5);
    Curve d = c;
    d.values[0] = std::nan("");
    c.values[0] = std::nan("");
    EXPECT_EQ(c, d);  // NaN matches NaN
}
