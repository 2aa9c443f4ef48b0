// The selection hub and the trial table it evaluates brushes on.
#include "session/selection_hub.hpp"
#include "session/trial_table.hpp"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::app {
namespace {

Trial trial(std::int64_t number, double lr, std::string opt, double acc)
{
    Trial t;
    t.id = "t" + std::to_string(number);
    t.number = number;
    t.setParam("lr", lr);
    t.setParam("optimizer", Value(std::move(opt)));
    t.setMetric("acc", acc);
    return t;
}

std::shared_ptr<const Study> makeStudy(const std::string& name, int trials, double accOffset)
{
    auto s = std::make_shared<Study>();
    s->name = name;
    s->objective = {"acc", Direction::Maximize};
    s->space.params = {Param::floatRange("lr", 1e-4, 1e-1, true), Param::categorical("optimizer", {"sgd", "adam"})};
    for (int i = 0; i < trials; ++i)
        s->trials.push_back(trial(i, 1e-4 * std::pow(10.0, i % 4), i % 2 ? "adam" : "sgd", accOffset + 0.01 * i));
    return s;
}

std::shared_ptr<const TrialTable> table(int trialsA, int trialsB = 0)
{
    std::vector<ShownStudy> shown{{1, makeStudy("a", trialsA, 0.5)}};
    if (trialsB > 0)
        shown.push_back({2, makeStudy("b", trialsB, 0.2)});
    return std::make_shared<const TrialTable>(std::move(shown));
}

TEST(TrialTableTest, ColumnsSpanStudiesWithCategoriesAsIndexes)
{
    const auto t = table(6, 3);
    ASSERT_EQ(t->rows(), 9u);
    const auto lr = t->paramColumn("lr");
    const auto opt = t->paramColumn("optimizer");
    const auto acc = t->objectiveColumn();
    ASSERT_TRUE(lr && opt && acc);
    EXPECT_TRUE(t->columns()[*lr].log);
    EXPECT_EQ(t->columns()[*lr].low, 1e-4);
    EXPECT_EQ(t->columns()[*lr].high, 1e-1);
    EXPECT_TRUE(t->columns()[*opt].categorical);
    EXPECT_EQ(t->columns()[*opt].values[1], 1.0);  // "adam" is the second declared choice
    EXPECT_EQ(t->columns()[*opt].label(1.0), "adam");
    EXPECT_EQ(t->studyOf(7), 1u);
    EXPECT_EQ(t->trial(7).id, "t1");
    EXPECT_EQ(t->rowOf(makeTrialKey(2, 1)), std::optional<std::size_t>(7));
    EXPECT_FALSE(t->rowOf(makeTrialKey(3, 0)));
    EXPECT_DOUBLE_EQ(t->columns()[*acc].values[7], 0.21);
}

TEST(TrialTableTest, RunningTrialShowsItsLastReport)
{
    auto s = std::make_shared<Study>(*makeStudy("a", 2, 0.5));
    Trial running;
    running.id = "t9";
    running.number = 9;
    running.state = TrialState::Running;
    running.curveFor("acc").append(1, 0.3);
    running.curveFor("acc").append(2, 0.4);
    s->trials.push_back(running);
    const TrialTable t({{1, s}});
    EXPECT_DOUBLE_EQ(t.columns()[*t.objectiveColumn()].values[2], 0.4);
}

class HubTest : public ::testing::Test {
protected:
    void SetUp() override { hub.setTable(table(8)); }
    std::size_t col(const char* name) const { return *hub.table()->paramColumn(name); }
    SelectionHub hub;
};

TEST_F(HubTest, BrushFiltersOtherViewsButNotItsOwn)
{
    QSignalSpy filter(&hub, &SelectionHub::filterChanged);
    hub.setBrush(QStringLiteral("space"), {{col("lr"), 5e-4, 2e-3, {}}});  // lr = 1e-3 only
    hub.flush();
    ASSERT_EQ(filter.count(), 1);
    EXPECT_EQ(filter.at(0).at(0).toString(), QStringLiteral("space"));
    EXPECT_EQ(hub.visibleCount(), 2u);                       // trials 1 and 5
    EXPECT_TRUE(hub.isVisible(1));
    EXPECT_FALSE(hub.isVisible(0));
    EXPECT_EQ(hub.visibleCount(QStringLiteral("space")), 8u);  // its own brush does not filter it
}

TEST_F(HubTest, RangesOnOneColumnAreAlternativesAcrossColumnsAllMustHold)
{
    hub.setBrush(QStringLiteral("space"), {{col("lr"), 5e-5, 2e-4, {}}, {col("lr"), 5e-3, 2e-2, {}}});
    EXPECT_EQ(hub.visibleCount(), 4u);  // lr 1e-4 (0, 4) and 1e-2 (2, 6)
    hub.setBrush(QStringLiteral("histogram"), {{col("optimizer"), 0, 0, {1}}});  // adam: odd trials
    EXPECT_EQ(hub.visibleCount(), 0u);
    EXPECT_EQ(hub.visibleCount(QStringLiteral("histogram")), 4u);
    hub.setBrush(QStringLiteral("histogram"), {{col("optimizer"), 0, 0, {0}}});  // sgd: even trials
    EXPECT_EQ(hub.visibleCount(), 4u);
}

TEST_F(HubTest, UnchangedValuesEmitNothing)
{
    QSignalSpy filter(&hub, &SelectionHub::filterChanged);
    QSignalSpy selection(&hub, &SelectionHub::selectionChanged);
    QSignalSpy hover(&hub, &SelectionHub::hoverChanged);
    const Brush brush{{col("lr"), 0, 1, {}}};
    hub.setBrush(QStringLiteral("v"), brush);
    hub.flush();
    hub.setBrush(QStringLiteral("v"), brush);
    hub.clearBrush(QStringLiteral("other"));
    hub.flush();
    EXPECT_EQ(filter.count(), 1);

    hub.setSelection({makeTrialKey(1, 2), makeTrialKey(1, 3)});
    hub.setSelection({makeTrialKey(1, 3), makeTrialKey(1, 2)});
    EXPECT_EQ(selection.count(), 1);

    hub.setHovered(makeTrialKey(1, 4));
    hub.flush();
    hub.setHovered(makeTrialKey(1, 4));
    hub.flush();
    EXPECT_EQ(hover.count(), 1);
}

TEST_F(HubTest, DragUpdatesAreCoalescedToOneSignalCarryingTheLastState)
{
    QSignalSpy filter(&hub, &SelectionHub::filterChanged);
    for (int i = 0; i < 50; ++i)
        hub.setBrush(QStringLiteral("space"), {{col("lr"), 0, 1e-4 * (i + 1), {}}});
    EXPECT_EQ(filter.count(), 0);
    ASSERT_TRUE(filter.wait(1000));
    EXPECT_EQ(filter.count(), 1);
    EXPECT_EQ(hub.brushes().at(QStringLiteral("space")).front().high, 1e-4 * 50);
    // Two sources changed within one frame: the signal names no single source.
    hub.setBrush(QStringLiteral("a"), {{col("lr"), 0, 1, {}}});
    hub.setBrush(QStringLiteral("b"), {{col("lr"), 0, 1, {}}});
    hub.flush();
    ASSERT_EQ(filter.count(), 2);
    EXPECT_EQ(filter.at(1).at(0).toString(), QString());
}

TEST_F(HubTest, UnknownKeysAreDroppedFromSelectionAndHover)
{
    hub.setSelection({makeTrialKey(1, 2), makeTrialKey(9, 2)});
    EXPECT_EQ(hub.selection(), (std::set<TrialKey>{makeTrialKey(1, 2)}));
    hub.setHovered(makeTrialKey(9, 9));
    EXPECT_FALSE(hub.hovered());
}

TEST_F(HubTest, NewTableKeepsSelectionByKeyAndBrushesByColumnName)
{
    hub.setBrush(QStringLiteral("space"), {{col("optimizer"), 0, 0, {0}}});
    hub.setSelection({makeTrialKey(1, 2), makeTrialKey(1, 7)});
    hub.setHovered(makeTrialKey(1, 7));
    hub.flush();
    QSignalSpy tableSpy(&hub, &SelectionHub::tableChanged);
    QSignalSpy selection(&hub, &SelectionHub::selectionChanged);
    QSignalSpy hover(&hub, &SelectionHub::hoverChanged);

    // Study b comes first now, so every column and row index moves; trial 7 of a is gone.
    hub.setTable(std::make_shared<const TrialTable>(
        std::vector<ShownStudy>{{2, makeStudy("b", 3, 0.2)}, {1, makeStudy("a", 5, 0.5)}}));
    EXPECT_EQ(tableSpy.count(), 1);
    EXPECT_EQ(selection.count(), 1);
    EXPECT_EQ(hover.count(), 1);
    EXPECT_EQ(hub.selection(), (std::set<TrialKey>{makeTrialKey(1, 2)}));
    EXPECT_FALSE(hub.hovered());
    ASSERT_EQ(hub.brushes().size(), 1u);
    EXPECT_EQ(hub.brushes().at(QStringLiteral("space")).front().column, col("optimizer"));
    EXPECT_EQ(hub.visibleCount(), 5u);  // sgd: b's 0 and 2, a's 0, 2 and 4
}

TEST(ColumnRangeTest, MissingValuesNeverPass)
{
    const ColumnRange numeric{0, -1e300, 1e300, {}};
    EXPECT_FALSE(numeric.contains(std::nan("")));
    EXPECT_TRUE(numeric.contains(0.5));
    const ColumnRange categories{0, 0, 0, {2}};
    EXPECT_TRUE(categories.contains(2.0));
    EXPECT_FALSE(categories.contains(1.0));
    EXPECT_FALSE(categories.contains(std::nan("")));
}

} // namespace
} // namespace tendril::app
