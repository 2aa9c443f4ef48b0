// Study summaries computed in SQL: counts per state and the best complete trial.
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

using namespace tendril;
using namespace tendril::testing;

namespace {

Study studyOf(const std::string& name, Direction direction, std::vector<Trial> trials)
{
    Study s;
    s.name = name;
    s.objective = {"val_acc", direction};
    s.trials = std::move(trials);
    return s;
}

const StudySummary& summaryOf(const std::vector<StudySummary>& all, const std::string& name)
{
    for (const StudySummary& s : all)
        if (s.name == name)
            return s;
    throw std::runtime_error("no summary for " + name);
}

std::int64_t countOf(const StudySummary& s, TrialState state)
{
    return s.states[static_cast<std::size_t>(state)];
}

} // namespace

TEST(Summaries, CountTrialsPerState)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({richStudy("rich"), studyOf("empty", Direction::Maximize, {})});
    const auto all = p.studies();
    ASSERT_EQ(all.size(), 2u);

    const StudySummary& rich = summaryOf(all, "rich");
    EXPECT_EQ(rich.trials, 6);
    for (TrialState state : kAllTrialStates)
        EXPECT_EQ(countOf(rich, state), 1) << toString(state);

    const StudySummary& empty = summaryOf(all, "empty");
    EXPECT_EQ(empty.trials, 0);
    EXPECT_EQ(empty.states, StateCounts{});
    EXPECT_FALSE(empty.best);
}

TEST(Summaries, CarryTheStudyFields)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({richStudy("first"), richStudy("second")});
    const auto all = p.studies();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "first");
    EXPECT_EQ(all[1].name, "second");
    EXPECT_LT(all[0].id, all[1].id);
    EXPECT_EQ(all[0].objective, (Objective{"val_loss", Direction::Minimize}));
    EXPECT_EQ(all[0].algorithm, "pbt");
    EXPECT_EQ(all[0].parent, "baseline");
    EXPECT_EQ(all[0].created, "2026-11-20T10:00:00Z");
}

TEST(Summaries, BestFollowsTheDirectionAndIgnoresNaNAndUnfinishedTrials)
{
    const double nan = std::nan("");
    const std::vector<Trial> trials = {
        simpleTrial("low", 0, TrialState::Complete, 0.2),
        simpleTrial("nan", 1, TrialState::Complete, nan),
        simpleTrial("high", 2, TrialState::Complete, 0.9),
        simpleTrial("pruned-higher", 3, TrialState::Pruned, 0.99),
        simpleTrial("failed-lower", 4, TrialState::Failed, 0.01),
        simpleTrial("mid", 5, TrialState::Complete, 0.5),
        simpleTrial("other-metric", 6, TrialState::Complete, 5.0, "loss"),
    };
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({studyOf("max", Direction::Maximize, trials), studyOf("min", Direction::Minimize, trials)});
    const auto all = p.studies();

    const StudySummary& max = summaryOf(all, "max");
    ASSERT_TRUE(max.best);
    EXPECT_EQ(max.best->trial, "high");
    EXPECT_EQ(max.best->value, 0.9);

    const StudySummary& min = summaryOf(all, "min");
    ASSERT_TRUE(min.best);
    EXPECT_EQ(min.best->trial, "low");
    EXPECT_EQ(min.best->value, 0.2);
}

TEST(Summaries, TiesGoToTheLowestTrialNumber)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({studyOf("s", Direction::Maximize,
                          {simpleTrial("late", 7, TrialState::Complete, 0.8),
                           simpleTrial("early", 2, TrialState::Complete, 0.8),
                           simpleTrial("worse", 1, TrialState::Complete, 0.7)})});
    EXPECT_EQ(p.studies().at(0).best->trial, "early");
}

TEST(Summaries, InfinityCanBeBest)
{
    const double inf = std::numeric_limits<double>::infinity();
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    const std::vector<Trial> trials = {simpleTrial("a", 0, TrialState::Complete, 1.0),
                                       simpleTrial("up", 1, TrialState::Complete, inf),
                                       simpleTrial("down", 2, TrialState::Complete, -inf)};
    p.addStudies({studyOf("max", Direction::Maximize, trials), studyOf("min", Direction::Minimize, trials)});
    const auto all = p.studies();
    EXPECT_EQ(summaryOf(all, "max").best->trial, "up");
    EXPECT_EQ(summaryOf(all, "max").best->value, inf);
    EXPECT_EQ(summaryOf(all, "min").best->trial, "down");
}

TEST(Summaries, NoBestWithoutACompleteTrialThatReportedANumber)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({
        studyOf("unfinished", Direction::Maximize,
                {simpleTrial("a", 0, TrialState::Pruned, 0.5), simpleTrial("b", 1, TrialState::Running, 0.6)}),
        studyOf("all-nan", Direction::Maximize, {simpleTrial("a", 0, TrialState::Complete, std::nan(""))}),
        studyOf("other-metric", Direction::Minimize, {simpleTrial("a", 0, TrialState::Complete, 0.1, "loss")}),
    });
    for (const StudySummary& s : p.studies()) {
        EXPECT_FALSE(s.best) << s.name;
        EXPECT_GT(s.trials, 0) << s.name;
    }
}

// The SQL must agree with the model's own definitions on data with many ties and NaNs.
TEST(Summaries, AgreeWithTheModelOnRandomStudies)
{
    std::mt19937 rng(2024);
    std::vector<Study> studies;
    for (int k = 0; k < 12; ++k) {
        std::vector<Trial> trials;
        const int n = 1 + static_cast<int>(rng() % 200);
        for (int i = 0; i < n; ++i) {
            const auto state = kAllTrialStates[rng() % kTrialStateCount];
            const double value = rng() % 10 == 0 ? std::nan("") : static_cast<double>(rng() % 20) / 4.0;
            trials.push_back(simpleTrial("t" + std::to_string(i), static_cast<std::int64_t>(rng() % 50), state, value));
        }
        studies.push_back(studyOf("s" + std::to_string(k), k % 2 ? Direction::Maximize : Direction::Minimize,
                                  std::move(trials)));
    }
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies(studies);
    expectConsistent(dir.file("x.tendril"));
    const auto all = p.studies();
    ASSERT_EQ(all.size(), studies.size());
    for (std::size_t k = 0; k < studies.size(); ++k) {
        SCOPED_TRACE(studies[k].name);
        // Study::bestTrial takes the first in its own trial order; loadStudy returns that order.
        const Study loaded = p.loadStudy(studies[k].name);
        EXPECT_EQ(all[k].states, loaded.stateCounts());
        EXPECT_EQ(all[k].trials, static_cast<std::int64_t>(loaded.trials.size()));
        const Trial* best = loaded.bestTrial();
        ASSERT_EQ(all[k].best.has_value(), best != nullptr);
        if (best) {
            EXPECT_EQ(all[k].best->trial, best->id);
            EXPECT_EQ(all[k].best->value, *best->metric("val_acc"));
        }
    }
}
