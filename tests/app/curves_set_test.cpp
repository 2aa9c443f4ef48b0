// What the model analysis view draws, built from a real trial table without widgets: which trials,
// which points, lineage, wall time, colours, legend order and the hover tooltip.
#include "session/trial_table.hpp"
#include "style/number_format.hpp"
#include "style/study_colors.hpp"
#include "views/curves/curve_set.hpp"
#include "views/curves/curve_smoothing.hpp"
#include "views/curves/curve_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace tendril::app::curves {
namespace {

const double kNaN = std::nan("");

// A trial with val_acc rising towards `final` and val_loss falling, one point per step from
// `from`, each step taking secondsPerStep of wall time (none when 0).
Trial curveTrial(std::int64_t number, double final, int steps, int from = 1, double secondsPerStep = 10.0)
{
    Trial t;
    t.id = "t" + std::to_string(number);
    t.number = number;
    t.setParam("lr", 1e-3 * static_cast<double>(number + 1));
    t.setParam("optimizer", Value(number % 2 ? "adam" : "sgd"));
    Curve& acc = t.curveFor("val_acc");
    for (int s = from; s < from + steps; ++s)
        acc.append(s, final * (1.0 - std::exp(-0.4 * s)), secondsPerStep > 0 ? (s - from + 1) * secondsPerStep : kNaN);
    t.setMetric("val_acc", acc.values.back());
    Curve& loss = t.curveFor("val_loss");  // may move acc: not used after this
    for (int s = from; s < from + steps; ++s)
        loss.append(s, 2.0 * std::exp(-0.3 * s) + (1.0 - final));
    return t;
}

std::shared_ptr<Study> study(const std::string& name, std::vector<Trial> trials)
{
    auto s = std::make_shared<Study>();
    s->name = name;
    s->objective = {"val_acc", Direction::Maximize};
    s->metrics = {{"val_loss", Direction::Minimize}};
    s->trials = std::move(trials);
    return s;
}

TrialTable tableOf(std::vector<std::shared_ptr<Study>> studies)
{
    std::vector<ShownStudy> shown;
    std::int64_t id = 1;
    for (auto& s : studies)
        shown.push_back({id++, s});
    return TrialTable(std::move(shown));
}

std::vector<std::string> idsOf(const CurveSet& set)
{
    std::vector<std::string> ids;
    for (const CurveTrial& t : set.trials)
        ids.push_back(t.id);
    return ids;
}

TEST(CurveSetTest, SelectedTrialsBestFirstWithTheirPoints)
{
    const TrialTable table = tableOf({study("a", {curveTrial(0, 0.6, 10), curveTrial(1, 0.9, 10),
                                                  curveTrial(2, 0.75, 5), curveTrial(3, 0.8, 10)})});
    const std::set<TrialKey> selected = {makeTrialKey(1, 0), makeTrialKey(1, 1), makeTrialKey(1, 2)};
    const CurveSet set = buildCurveSet(table, rowsOf(table, selected), false, {{"val_acc", "val_loss"}});

    EXPECT_FALSE(set.fallback);
    EXPECT_EQ(idsOf(set), (std::vector<std::string>{"t1", "t2", "t0"}));  // val_acc is maximized
    ASSERT_EQ(set.directions.size(), 2u);
    EXPECT_EQ(set.directions[1], std::optional(Direction::Minimize));
    const CurveTrial& t2 = set.trials[1];
    EXPECT_EQ(t2.key, makeTrialKey(1, 2));
    ASSERT_EQ(t2.series.size(), 2u);
    EXPECT_EQ(t2.series[0].size(), 5u);
    EXPECT_EQ(t2.series[0].x, (std::vector<double>{1, 2, 3, 4, 5}));
    EXPECT_EQ(t2.series[0].raw, table.trial(2).curve("val_acc")->values);
    EXPECT_EQ(t2.series[0].smoothed, t2.series[0].raw);  // window 1
    EXPECT_DOUBLE_EQ(t2.finals[0], *table.trial(2).metric("val_acc"));
    // No final val_loss was reported: the last report stands in.
    EXPECT_DOUBLE_EQ(t2.finals[1], table.trial(2).curve("val_loss")->values.back());
    EXPECT_EQ(set.indexOf(makeTrialKey(1, 0)), std::optional<std::size_t>(2));
    EXPECT_FALSE(set.indexOf(makeTrialKey(1, 3)));
}

TEST(CurveSetTest, SmoothingIsTheMovingAverageOfTheRawValues)
{
    const TrialTable table = tableOf({study("a", {curveTrial(0, 0.6, 30)})});
    CurveRequest request{{"val_acc"}, CurveXAxis::Steps, 7};
    const CurveSet set = buildCurveSet(table, {0}, false, request);
    const CurveSeries& s = set.trials[0].series[0];
    EXPECT_EQ(s.smoothed, movingAverage(s.raw, 7));
    EXPECT_NE(s.smoothed, s.raw);
    EXPECT_EQ(set.request.smoothingWindow, 7);
}

TEST(CurveSetTest, BestRowsStandInForAnEmptySelection)
{
    std::vector<Trial> trials;
    for (int i = 0; i < 8; ++i)
        trials.push_back(curveTrial(i, 0.5 + 0.05 * i, 5));
    trials[7].setMetric("val_acc", kNaN);  // diverged: never among the best
    const TrialTable table = tableOf({study("a", std::move(trials))});

    std::vector<char> visible(table.rows(), 1);
    EXPECT_EQ(bestRows(table, visible, 5), (std::vector<std::size_t>{6, 5, 4, 3, 2}));
    visible[6] = visible[4] = 0;  // filtered out by a brush
    EXPECT_EQ(bestRows(table, visible, 5), (std::vector<std::size_t>{5, 3, 2, 1, 0}));
    EXPECT_EQ(bestRows(table, visible, 2), (std::vector<std::size_t>{5, 3}));

    const CurveSet set = buildCurveSet(table, bestRows(table, visible, 5), true, {{"val_acc"}});
    EXPECT_TRUE(set.fallback);
    EXPECT_EQ(idsOf(set), (std::vector<std::string>{"t5", "t3", "t2", "t1", "t0"}));
}

TEST(CurveSetTest, PbtChildStartsAtItsStepWithADashedLinkToItsDrawnParent)
{
    Trial parent = curveTrial(0, 0.7, 9);
    Trial child = curveTrial(1, 0.8, 9);  // reports steps 1..9, of which 1..2 were inherited
    child.parent = "t0";
    child.startStep = 3.0;
    Trial grandchild = curveTrial(2, 0.85, 4, 7);
    grandchild.parent = "t1";
    grandchild.startStep = 6.0;
    const TrialTable table = tableOf({study("pbt", {parent, child, grandchild})});

    const CurveSet all = buildCurveSet(table, {0, 1, 2}, false, {{"val_acc"}});
    const CurveTrial& c = all.trials[*all.indexOf(makeTrialKey(1, 1))];
    ASSERT_TRUE(c.parent);
    EXPECT_EQ(all.trials[*c.parent].id, "t0");
    EXPECT_EQ(c.series[0].x.front(), 3.0);  // nothing before its start step
    EXPECT_EQ(c.series[0].size(), 7u);
    ASSERT_EQ(c.connectors.size(), 1u);
    // The parent's curve up to step 3, then the child's first point.
    EXPECT_EQ(c.connectors[0].x, (std::vector<double>{1, 2, 3, 3}));
    EXPECT_DOUBLE_EQ(c.connectors[0].y[2], table.trial(0).curve("val_acc")->values[2]);
    EXPECT_DOUBLE_EQ(c.connectors[0].y[3], c.series[0].raw.front());
    const CurveTrial& g = all.trials[*all.indexOf(makeTrialKey(1, 2))];
    ASSERT_TRUE(g.parent);
    EXPECT_EQ(all.trials[*g.parent].id, "t1");
    // The child's own curve from its start (step 3) up to the grandchild's start (step 6).
    EXPECT_EQ(g.connectors[0].x, (std::vector<double>{3, 4, 5, 6, 7}));

    // Without its parent drawn, the child is drawn alone.
    const CurveSet alone = buildCurveSet(table, {1}, false, {{"val_acc"}});
    EXPECT_FALSE(alone.trials[0].parent);
    EXPECT_TRUE(alone.trials[0].connectors.empty());
    EXPECT_EQ(alone.trials[0].series[0].x.front(), 3.0);
}

TEST(CurveSetTest, WallTimeContinuesTheLineageClock)
{
    Trial parent = curveTrial(0, 0.7, 6, 1, 10.0);   // 10 s per step
    Trial child = curveTrial(1, 0.8, 3, 4, 20.0);    // steps 4..6, 20 s per step, counted from its own start
    child.parent = "t0";
    child.startStep = 3.0;
    Trial noClock = curveTrial(2, 0.75, 5, 1, 0.0);  // no seconds at all
    const TrialTable table = tableOf({study("pbt", {parent, child, noClock})});

    const CurveSet steps = buildCurveSet(table, {0, 1, 2}, false, {{"val_acc"}});
    EXPECT_TRUE(steps.wallTimeAvailable);
    EXPECT_EQ(steps.trialsWithoutTime, 0u);

    const CurveSet time = buildCurveSet(table, {0, 1, 2}, false, {{"val_acc"}, CurveXAxis::WallTime});
    const CurveTrial& p = time.trials[*time.indexOf(makeTrialKey(1, 0))];
    const CurveTrial& c = time.trials[*time.indexOf(makeTrialKey(1, 1))];
    const CurveTrial& n = time.trials[*time.indexOf(makeTrialKey(1, 2))];
    EXPECT_EQ(p.series[0].x, (std::vector<double>{10, 20, 30, 40, 50, 60}));
    // The parent had trained 30 s when the child took over at step 3.
    EXPECT_EQ(c.series[0].x, (std::vector<double>{50, 70, 90}));
    EXPECT_EQ(c.series[0].steps, (std::vector<double>{4, 5, 6}));
    EXPECT_EQ(c.connectors[0].x, (std::vector<double>{10, 20, 30, 50}));
    EXPECT_TRUE(n.series[0].empty());
    EXPECT_FALSE(n.hasCurve());
    EXPECT_EQ(time.trialsWithoutTime, 1u);
    EXPECT_EQ(time.drawnTrialCount(), 2u);

    // val_loss carries no seconds anywhere: wall time is not offered for it.
    EXPECT_FALSE(buildCurveSet(table, {0, 1, 2}, false, {{"val_loss"}}).wallTimeAvailable);
}

TEST(CurveSetTest, ATrialWithOnlyNaNHasNothingToDraw)
{
    Trial diverged;
    diverged.id = "t0";
    diverged.curveFor("val_acc").append(1, kNaN);
    diverged.curveFor("val_acc").append(2, kNaN);
    const TrialTable table = tableOf({study("a", {diverged, curveTrial(1, 0.7, 3)})});
    const CurveSet set = buildCurveSet(table, {0, 1}, false, {{"val_acc"}});
    const CurveTrial& d = set.trials[*set.indexOf(makeTrialKey(1, 0))];
    EXPECT_EQ(d.series[0].size(), 2u);  // the reports are kept, as gaps
    EXPECT_FALSE(d.hasCurve());
    EXPECT_TRUE(std::isnan(d.finals[0]));
    EXPECT_EQ(set.drawnTrialCount(), 1u);
    EXPECT_EQ(set.trials.back().id, "t0");  // no value: listed last
}

TEST(CurveSetTest, ColoursPerTrialForOneStudyPerStudyForSeveral)
{
    const TrialTable one = tableOf({study("a", {curveTrial(0, 0.6, 3), curveTrial(1, 0.7, 3), curveTrial(2, 0.8, 3)})});
    const CurveSet single = buildCurveSet(one, {0, 1, 2}, false, {{"val_acc"}});
    EXPECT_FALSE(single.colorByStudy);
    std::set<QRgb> colours;
    for (const CurveTrial& t : single.trials)
        colours.insert(t.color.rgb());
    EXPECT_EQ(colours.size(), 3u);
    // Colours follow the trials, not the legend order: the best trial t2 keeps the third colour.
    EXPECT_EQ(single.trials[*single.indexOf(makeTrialKey(1, 2))].color, trialPaletteColor(2));

    const TrialTable two = tableOf({study("a", {curveTrial(0, 0.6, 3), curveTrial(1, 0.7, 3)}),
                                    study("b", {curveTrial(0, 0.65, 3)})});
    const CurveSet several = buildCurveSet(two, {0, 1, 2}, false, {{"val_acc"}});
    EXPECT_TRUE(several.colorByStudy);
    const CurveTrial& a0 = several.trials[*several.indexOf(makeTrialKey(1, 0))];
    const CurveTrial& a1 = several.trials[*several.indexOf(makeTrialKey(1, 1))];
    const CurveTrial& b0 = several.trials[*several.indexOf(makeTrialKey(2, 0))];
    EXPECT_EQ(a0.color, studyColor(0));
    EXPECT_EQ(b0.color, studyColor(1));
    EXPECT_NE(a1.color, a0.color);                    // a shade apart
    EXPECT_NEAR(a1.color.hue(), a0.color.hue(), 2);   // of the same hue

    // Curves of one study among several shown: a colour per trial again.
    const CurveSet onlyA = buildCurveSet(two, {0, 1}, false, {{"val_acc"}});
    EXPECT_FALSE(onlyA.colorByStudy);
    EXPECT_NE(onlyA.trials[0].color.hue(), onlyA.trials[1].color.hue());
    EXPECT_EQ(b0.study, 1u);
}

TEST(CurveSetTest, CurveMetricsObjectiveFirstAndOnlyWithCurves)
{
    auto s = study("a", {curveTrial(0, 0.6, 3)});
    s->objective = {"val_loss", Direction::Minimize};
    s->trials[0].setMetric("model_size_mb", 3.2);  // a final value only
    const TrialTable table = tableOf({s});
    EXPECT_EQ(curveMetrics(table), (std::vector<std::string>{"val_loss", "val_acc"}));
}

TEST(CurveSetTest, TooltipNamesTheTrialTheValueAndTheHyperparameters)
{
    Trial child = curveTrial(1, 0.8, 5, 4);
    child.parent = "t0";
    child.startStep = 3.0;
    const TrialTable table = tableOf({study("pbt", {curveTrial(0, 0.7, 6), child})});
    const CurveSet set = buildCurveSet(table, {1}, false, {{"val_acc"}, CurveXAxis::Steps, 3});
    const QString tip = curveTooltip(table, set, 0, 0, 2);
    EXPECT_TRUE(tip.contains(QStringLiteral("<b>t1</b>"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("val_acc at step 6"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(formatCompact(set.trials[0].series[0].raw[2])));
    EXPECT_TRUE(tip.contains(QStringLiteral("smoothed %1").arg(formatCompact(set.trials[0].series[0].smoothed[2]))));
    EXPECT_TRUE(tip.contains(QStringLiteral("continues t0 from step 3")));
    EXPECT_TRUE(tip.contains(QStringLiteral(">lr<")));
    EXPECT_TRUE(tip.contains(QStringLiteral(">adam<")));
    EXPECT_EQ(metricTitle(set, 0), QStringLiteral("val_acc ↑"));
}

} // namespace
} // namespace tendril::app::curves
