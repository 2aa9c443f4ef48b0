// Lineage on small hand-built studies, one per exploration scheme, with exact expectations: the
// columns, every trial's history, the links and the ancestry queries, and the recorded lineage
// problems that are ignored.
#include "tendril/core/lineage.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace tendril;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Trial trial(std::string id, std::int64_t number, std::vector<std::pair<std::string, Value>> params = {})
{
    Trial t;
    t.id = std::move(id);
    t.number = number;
    t.params = std::move(params);
    return t;
}

// A val_acc curve with one point per step from..to (inclusive), value = base + step / 100.
void addCurve(Trial& t, int from, int to, double base, double secondsPerStep = kNaN)
{
    Curve& c = t.curveFor("val_acc");
    for (int s = from; s <= to; ++s)
        c.append(s, base + s / 100.0, std::isnan(secondsPerStep) ? kNaN : (s - from + 1) * secondsPerStep);
}

Study studyWith(std::string algorithm, std::vector<Trial> trials)
{
    Study s;
    s.name = "s";
    s.objective = {"val_acc", Direction::Maximize};
    s.algorithm.name = std::move(algorithm);
    s.trials = std::move(trials);
    return s;
}

std::vector<std::size_t> columnsOf(const TrialLineage& t)
{
    std::vector<std::size_t> out;
    for (const Evaluation& e : t.history)
        out.push_back(e.column);
    return out;
}

std::vector<double> stepsOf(const TrialLineage& t)
{
    std::vector<double> out;
    for (const Evaluation& e : t.history)
        out.push_back(e.step);
    return out;
}

using Columns = std::vector<std::size_t>;

TEST(Lineage, SequentialColumnsFollowIterationsAndTrialsSampledTogetherShareOne)
{
    std::vector<Trial> trials;
    const std::int64_t iterations[] = {0, 1, 1, 3, 2};
    const double values[] = {0.5, 0.7, 0.6, 0.9, 0.4};
    for (int i = 0; i < 5; ++i) {
        Trial t = trial("t" + std::to_string(i), i, {{"x", 0.1 * i}});
        t.iteration = iterations[i];
        t.setMetric("val_acc", values[i]);
        trials.push_back(t);
    }
    const Lineage lineage(studyWith("random", trials));
    EXPECT_EQ(lineage.scheme(), ExplorationScheme::Sequential);
    ASSERT_EQ(lineage.columns().size(), 4u);
    EXPECT_EQ(lineage.columns()[3].iteration, 3);
    EXPECT_EQ(columnsOf(lineage[1]), Columns{1});
    EXPECT_EQ(columnsOf(lineage[2]), Columns{1});
    EXPECT_EQ(columnsOf(lineage[3]), Columns{3});
    EXPECT_EQ(columnsOf(lineage[4]), Columns{2});
    EXPECT_DOUBLE_EQ(lineage[3].history[0].value, 0.9);
    const std::vector<double> best = lineage.bestSoFar();
    ASSERT_EQ(best.size(), 4u);
    EXPECT_DOUBLE_EQ(best[0], 0.5);
    EXPECT_DOUBLE_EQ(best[1], 0.7);
    EXPECT_DOUBLE_EQ(best[2], 0.7);
    EXPECT_DOUBLE_EQ(best[3], 0.9);
    EXPECT_TRUE(lineage.links().empty());
    EXPECT_TRUE(lineage.problems().empty());
}

TEST(Lineage, WithoutIterationsTrialsTakeColumnsInCompletionOrder)
{
    std::vector<Trial> trials = {trial("a", 0), trial("b", 1), trial("c", 2), trial("d", 3)};
    trials[0].finished = "2024-05-01T10:00:09Z";
    trials[1].finished = "2024-05-01T10:00:03.5Z";
    trials[2].finished = "2024-05-01T12:00:05+02:00";  // 10:00:05 UTC
    trials[3].state = TrialState::Running;             // not finished: last
    trials[1].iteration = 7;                           // not every trial has one: ignored
    const Lineage lineage(studyWith("tpe", trials));
    EXPECT_EQ(columnsOf(lineage[1]), Columns{0});
    EXPECT_EQ(columnsOf(lineage[2]), Columns{1});
    EXPECT_EQ(columnsOf(lineage[0]), Columns{2});
    EXPECT_EQ(columnsOf(lineage[3]), Columns{3});
    for (const double best : lineage.bestSoFar())
        EXPECT_TRUE(std::isnan(best)) << "no trial reported a value";
}

// One Hyperband round as the runner records it: promoted configurations continue as the same
// trial (rung, budget and start step grow, the curve extends).
std::vector<Trial> bracketRound(std::int64_t round, std::int64_t firstNumber)
{
    std::vector<Trial> trials;
    // Bracket 1: four configurations on 1 step, the best continues to 3 steps.
    for (int i = 0; i < 4; ++i) {
        Trial t = trial("b1-" + std::to_string(round) + "-" + std::to_string(i), firstNumber + i, {{"lr", 0.001 * (i + 1)}});
        t.iteration = round;
        t.bracket = 1;
        t.rung = 0;
        t.budget = 1;
        t.state = TrialState::Pruned;
        addCurve(t, 1, 1, 0.1 * i);
        trials.push_back(t);
    }
    Trial& survivor = trials[3];
    survivor.rung = 1;
    survivor.budget = 3;
    survivor.startStep = 1;
    survivor.state = TrialState::Complete;
    survivor.curves.clear();
    addCurve(survivor, 1, 3, 0.3);
    // Bracket 0: one configuration on 3 steps.
    Trial full = trial("b0-" + std::to_string(round), firstNumber + 4, {{"lr", 0.01}});
    full.iteration = round;
    full.bracket = 0;
    full.rung = 0;
    full.budget = 3;
    addCurve(full, 1, 3, 0.2);
    trials.push_back(full);
    return trials;
}

TEST(Lineage, BracketsGiveEveryRungOfEveryRunAColumnAndSurvivorsAnEvaluationInEach)
{
    std::vector<Trial> trials = bracketRound(0, 0);
    for (Trial& t : bracketRound(1, 5))
        trials.push_back(t);
    const Lineage lineage(studyWith("hyperband", trials));
    EXPECT_EQ(lineage.scheme(), ExplorationScheme::Brackets);
    // Round 0: bracket 1 (rungs 0, 1), bracket 0 (rung 0); round 1 the same.
    ASSERT_EQ(lineage.columns().size(), 6u);
    const std::vector<std::optional<double>> budgets = {1.0, 3.0, 3.0, 1.0, 3.0, 3.0};
    const std::vector<std::size_t> groups = {0, 0, 1, 2, 2, 3};
    for (std::size_t c = 0; c < 6; ++c) {
        EXPECT_EQ(lineage.columns()[c].step, budgets[c]) << c;
        EXPECT_EQ(lineage.columns()[c].group, groups[c]) << c;
        EXPECT_EQ(lineage.columns()[c].iteration, c < 3 ? 0 : 1) << c;
    }
    EXPECT_EQ(lineage.columns()[1].rung, 1);
    EXPECT_EQ(lineage.columns()[2].bracket, 0);

    EXPECT_EQ(columnsOf(lineage[0]), Columns{0});
    // The survivor: evaluated at 1 step (its curve's value there) and at 3 (its final value).
    EXPECT_EQ(columnsOf(lineage[3]), (Columns{0, 1}));
    EXPECT_EQ(stepsOf(lineage[3]), (std::vector<double>{1, 3}));
    EXPECT_DOUBLE_EQ(lineage[3].history[0].value, 0.31);
    EXPECT_DOUBLE_EQ(lineage[3].history[1].value, 0.33);
    EXPECT_EQ(columnsOf(lineage[4]), Columns{2});
    EXPECT_EQ(columnsOf(lineage[8]), (Columns{3, 4}));
    EXPECT_TRUE(lineage.links().empty());
    const std::vector<double> best = lineage.bestSoFar();
    EXPECT_DOUBLE_EQ(best[0], 0.31);
    EXPECT_DOUBLE_EQ(best[1], 0.33);
    EXPECT_DOUBLE_EQ(best[5], 0.33);
}

TEST(Lineage, PromotionsRecordedAsNewTrialsAreContinuationsThatCarryTheHistoryOn)
{
    Trial low = trial("a", 0, {{"lr", 0.1}, {"act", "relu"}});
    low.bracket = 2;
    low.rung = 0;
    low.budget = 1;
    addCurve(low, 1, 1, 0.5);
    Trial mid = trial("b", 1, {{"lr", 0.1}, {"act", "relu"}});
    mid.bracket = 2;
    mid.rung = 1;
    mid.budget = 3;
    mid.parent = "a";
    mid.startStep = 1;
    addCurve(mid, 2, 3, 0.5);
    Trial top = trial("c", 2, {{"lr", 0.1}, {"act", "relu"}});
    top.bracket = 2;
    top.rung = 2;
    top.budget = 9;
    top.parent = "b";
    top.startStep = 3;
    addCurve(top, 4, 9, 0.5);
    const Lineage lineage(studyWith("bohb", {low, mid, top}));
    EXPECT_EQ(lineage.scheme(), ExplorationScheme::Brackets);
    ASSERT_EQ(lineage.links().size(), 2u);
    for (const LineageLink& link : lineage.links()) {
        EXPECT_EQ(link.kind, LinkKind::Continuation);
        EXPECT_TRUE(link.changes.empty());
        EXPECT_EQ(link.childColumn, link.parentColumn + 1);
    }
    EXPECT_EQ(columnsOf(lineage[0]), Columns{0});
    EXPECT_EQ(columnsOf(lineage[1]), Columns{1});
    EXPECT_EQ(columnsOf(lineage[2]), Columns{2});
    EXPECT_EQ(lineage.columns()[2].step, 9.0);
    EXPECT_EQ(lineage[2].root, 0u);
    EXPECT_EQ(lineage[2].depth, 2u);
    EXPECT_EQ(lineage.ancestors(2), (std::vector<std::size_t>{1, 0}));
}

// PBT with an interval of 3 steps: r0 and r1 start together; r1 is exploited at its first check
// (step 3) by c0, a copy of r0 with another learning rate; c0 is itself copied at step 8 by g0.
Study pbtStudy()
{
    Trial r0 = trial("r0", 0, {{"lr", 0.01}, {"bs", 32}});
    r0.iteration = 0;
    addCurve(r0, 1, 12, 0.5);
    Trial r1 = trial("r1", 1, {{"lr", 0.001}, {"bs", 64}});
    r1.iteration = 0;
    r1.state = TrialState::Pruned;
    addCurve(r1, 1, 3, 0.1);
    Trial c0 = trial("c0", 2, {{"lr", 0.012}, {"bs", 32}});
    c0.iteration = 1;
    c0.parent = "r0";
    c0.startStep = 3;
    c0.state = TrialState::Pruned;
    addCurve(c0, 4, 9, 0.52);
    Trial g0 = trial("g0", 3, {{"lr", 0.008}, {"bs", 16}});
    g0.iteration = 3;
    g0.parent = "c0";
    g0.startStep = 8;
    addCurve(g0, 9, 12, 0.55);
    Study s = studyWith("pbt", {r0, r1, c0, g0});
    return s;
}

TEST(Lineage, PopulationHistoriesFollowTheChecksAndMutationsLeaveFromWhereTheParentWasCopied)
{
    const Lineage lineage(pbtStudy());
    EXPECT_EQ(lineage.scheme(), ExplorationScheme::Population);
    ASSERT_EQ(lineage.perturbationInterval(), 3.0) << "inferred from r1, replaced at its first check";
    ASSERT_EQ(lineage.columns().size(), 4u);
    EXPECT_EQ(lineage.columns()[0].iteration, 1);
    EXPECT_EQ(lineage.columns()[3].step, 12.0);
    // r0 is checked at 3, 6, 9, 12.
    EXPECT_EQ(columnsOf(lineage[0]), (Columns{0, 1, 2, 3}));
    EXPECT_EQ(columnsOf(lineage[1]), Columns{0});
    // c0 starts at 3: checked at 6 and 9; copied at 8 (column 2, where its check at 9 is too).
    EXPECT_EQ(columnsOf(lineage[2]), (Columns{1, 2}));
    EXPECT_EQ(stepsOf(lineage[2]), (std::vector<double>{6, 9}));
    // g0 starts at 8: its first check would be at 11, its curve ends at 12.
    EXPECT_EQ(columnsOf(lineage[3]), Columns{3});

    ASSERT_EQ(lineage.links().size(), 2u);
    const LineageLink& first = *lineage.linkTo(2);
    EXPECT_EQ(first.parent, 0u);
    EXPECT_EQ(first.kind, LinkKind::Mutation);
    EXPECT_EQ(first.startStep, 3.0);
    EXPECT_EQ(first.parentColumn, 0u);
    EXPECT_EQ(first.childColumn, 1u);
    ASSERT_EQ(first.changes.size(), 1u);
    EXPECT_EQ(first.changes[0].name, "lr");
    EXPECT_EQ(first.changes[0].from, Value(0.01));
    EXPECT_EQ(first.changes[0].to, Value(0.012));
    const LineageLink& second = *lineage.linkTo(3);
    EXPECT_EQ(second.parentColumn, 2u);
    EXPECT_EQ(second.childColumn, 3u);
    EXPECT_EQ(second.changes.size(), 2u);
    EXPECT_EQ(lineage.linkTo(0), nullptr);

    EXPECT_EQ(lineage.ancestors(3), (std::vector<std::size_t>{2, 0}));
    EXPECT_EQ(lineage.descendants(0), (std::vector<std::size_t>{2, 3}));
    EXPECT_EQ(lineage.family(2), (std::vector<std::size_t>{0, 2, 3}));
    EXPECT_EQ(lineage.family(1), (std::vector<std::size_t>{1}));
    EXPECT_EQ(lineage[3].depth, 2u);
    EXPECT_EQ(lineage[3].root, 0u);
    EXPECT_EQ(lineage[0].children, (std::vector<std::size_t>{2}));
}

TEST(Lineage, AGivenIntervalWinsOverTheInferredOne)
{
    LineageOptions options;
    options.perturbationInterval = 6.0;
    const Lineage lineage(pbtStudy(), options);
    EXPECT_EQ(lineage.perturbationInterval(), 6.0);
    EXPECT_EQ(columnsOf(lineage[0]), (Columns{0, 1}));  // checks at 6 and 12
}

TEST(Lineage, AMemberCopiedBetweenItsChecksGetsAnEvaluationWhereItWasCopied)
{
    Study s = pbtStudy();
    // g0 copies c0 at step 4: column 1, where c0 has its check at 6 already.
    s.trials[3].startStep = 4;
    s.trials[3].curves.clear();
    addCurve(s.trials[3], 5, 12, 0.55);
    const Lineage lineage(s);
    EXPECT_EQ(columnsOf(lineage[2]), (Columns{1, 2}));
    EXPECT_EQ(columnsOf(lineage[3]), (Columns{2, 3}));
    EXPECT_EQ(lineage.linkTo(3)->parentColumn, 1u);

    // r0 reports nothing between 3 and 9 (checks at 3, 9, 12) and c0 copies it at 5 (column 1).
    s = pbtStudy();
    s.trials[0].curves.clear();
    addCurve(s.trials[0], 1, 3, 0.5);
    addCurve(s.trials[0], 9, 12, 0.5);
    s.trials[2].startStep = 5;
    s.trials[2].curves.clear();
    addCurve(s.trials[2], 6, 9, 0.52);
    const Lineage gap(s);
    EXPECT_EQ(columnsOf(gap[0]), (Columns{0, 1, 2, 3}));
    EXPECT_EQ(gap[0].history[1].step, 5.0);
    EXPECT_DOUBLE_EQ(gap[0].history[1].value, 0.53) << "its last report before the copy";
    EXPECT_EQ(gap.linkTo(2)->parentColumn, 1u);
    EXPECT_EQ(gap.linkTo(2)->childColumn, 2u);
}

TEST(Lineage, AsynchronousRungsMoveToTheIterationCurrentWhenTheyWereReached)
{
    // ASHA with rungs at 1 and 3 (where pruned trials stopped); a trial starts every 10 s.
    std::vector<Trial> trials;
    for (int i = 0; i < 5; ++i) {
        Trial t = trial("t" + std::to_string(i), i, {{"x", i}});
        t.iteration = i;
        t.started = "2024-05-01T10:00:" + std::to_string(10 + 10 * i) + "Z";
        trials.push_back(t);
    }
    addCurve(trials[0], 1, 9, 0.5, 4.0);  // rung 1 at 4 s (still column 0), rung 3 at 12 s, end at 36 s
    trials[0].finished = "2024-05-01T10:00:46Z";
    addCurve(trials[1], 1, 1, 0.1, 1.0);
    trials[1].state = TrialState::Pruned;
    addCurve(trials[2], 1, 3, 0.2, 1.0);
    trials[2].state = TrialState::Pruned;
    const Lineage lineage(studyWith("asha", trials));
    EXPECT_EQ(lineage.scheme(), ExplorationScheme::Asynchronous);
    ASSERT_EQ(lineage.columns().size(), 5u);
    // Step 1 at 10:00:14 (column 0), step 3 at 10:00:22 (t1 started at :20: column 1), the end at
    // :46 (t3 started at :40: column 3).
    EXPECT_EQ(columnsOf(lineage[0]), (Columns{0, 1, 3}));
    EXPECT_EQ(stepsOf(lineage[0]), (std::vector<double>{1, 3, 9}));
    EXPECT_EQ(columnsOf(lineage[2]), Columns{2}) << "rungs reached within its own iteration merge";
    EXPECT_EQ(stepsOf(lineage[2]), std::vector<double>{3});
    EXPECT_EQ(columnsOf(lineage[3]), Columns{3}) << "no curve: one point where it was sampled";
    // Without times every rung stays in the trial's own column.
    for (Trial& t : trials)
        t.started.clear();
    trials[0].finished.clear();
    const Lineage untimed(studyWith("asha", trials));
    EXPECT_EQ(columnsOf(untimed[0]), Columns{0});
}

TEST(Lineage, BrokenParentsAreReportedAndIgnored)
{
    std::vector<Trial> trials = {trial("a", 0), trial("b", 1), trial("c", 2), trial("d", 3), trial("e", 4)};
    trials[0].parent = "b";  // a -> b -> a: a cycle
    trials[1].parent = "a";
    trials[2].parent = "zz";
    trials[3].parent = "d";
    trials[4].parent = "a";
    const Lineage lineage(studyWith("random", trials));
    ASSERT_EQ(lineage.problems().size(), 3u);
    EXPECT_EQ(lineage.problems()[0], "trial c: parent \"zz\" is not in the study");
    EXPECT_EQ(lineage.problems()[1], "trial d: names itself as its parent");
    EXPECT_EQ(lineage.problems()[2], "trial b: parent \"a\" closes a cycle of parents");
    EXPECT_EQ(lineage[0].parent, std::optional<std::size_t>(1));
    EXPECT_FALSE(lineage[1].parent);
    EXPECT_EQ(lineage.ancestors(4), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(lineage[4].root, 1u);
    EXPECT_EQ(lineage[4].depth, 2u);
    EXPECT_EQ(lineage.family(0), (std::vector<std::size_t>{0, 1, 4}));
    EXPECT_EQ(lineage.links().size(), 2u);
}

TEST(Lineage, MutationsUnderAnotherAlgorithmNameStillMakeAPopulation)
{
    Study s = pbtStudy();
    s.algorithm.name = "PopulationBasedTraining";
    EXPECT_EQ(Lineage(s).scheme(), ExplorationScheme::Population);
    s.algorithm.name = "random";
    for (Trial& t : s.trials)
        t.parent.clear();
    EXPECT_EQ(Lineage(s).scheme(), ExplorationScheme::Sequential);
}

TEST(Lineage, EvaluationsCarryTheChosenMetricInItsDirection)
{
    Study s = pbtStudy();
    for (Trial& t : s.trials) {
        Curve loss = *t.curve("val_acc");
        for (double& v : loss.values)
            v = 1.0 - v;
        t.curves.emplace_back("val_loss", loss);
    }
    s.metrics.push_back({"val_loss", Direction::Minimize});
    LineageOptions options;
    options.metric = "val_loss";
    const Lineage lineage(s, options);
    EXPECT_EQ(lineage.direction(), Direction::Minimize);
    EXPECT_NEAR(lineage[0].history[0].value, 1.0 - 0.53, 1e-12);
    const std::vector<double> best = lineage.bestSoFar();
    for (std::size_t c = 1; c < best.size(); ++c)
        EXPECT_LE(best[c], best[c - 1]);
}

TEST(Lineage, AnEmptyStudyHasNoColumns)
{
    const Lineage lineage(studyWith("pbt", {}));
    EXPECT_EQ(lineage.size(), 0u);
    EXPECT_TRUE(lineage.columns().empty());
    EXPECT_TRUE(lineage.bestSoFar().empty());
}

TEST(LineageHelpers, CurveValueAtTakesTheLastReportAtOrBeforeTheStep)
{
    Curve c;
    c.append(1, 0.1);
    c.append(2, kNaN);
    c.append(3, 0.3);
    EXPECT_DOUBLE_EQ(curveValueAt(c, 2.5), 0.1);
    EXPECT_DOUBLE_EQ(curveValueAt(c, 3), 0.3);
    EXPECT_DOUBLE_EQ(curveValueAt(c, 3.0 - 1e-12), 0.3);
    EXPECT_TRUE(std::isnan(curveValueAt(c, 0.5)));
}

TEST(LineageHelpers, ParseIsoTime)
{
    EXPECT_EQ(parseIsoTime("1970-01-01T00:00:00Z"), 0.0);
    EXPECT_EQ(parseIsoTime("2000-03-01T00:00:00Z"), 951868800.0);
    EXPECT_NEAR(*parseIsoTime("2026-11-22T13:24:24.138Z"), 1795353864.138, 1e-6);
    EXPECT_EQ(parseIsoTime("2024-05-01T12:00:00+02:00"), parseIsoTime("2024-05-01T10:00:00Z"));
    EXPECT_EQ(parseIsoTime("2024-05-01 10:00:00"), parseIsoTime("2024-05-01T10:00:00Z"));
    for (const char* bad : {"", "2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T10:00", "2024-05-01T10:00:00Zx",
                            "2024-05-01T10:00:00."})
        EXPECT_FALSE(parseIsoTime(bad)) << bad;
}

} // namespace
