// The importance bars and the expected performance of the search-space overview on real
// projects: the bars hold the engine's own numbers for the visible trials, axes follow importance,
// and brushing the active parameter changes what its partner's axis shows, as in the paper's
// weight decay × learning rate example.
#include "session/demo_project.hpp"
#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "tendril/store/project.hpp"
#include "test_support.hpp"
#include "views/importance/importance_view.hpp"
#include "views/space/parallel_plot.hpp"
#include "views/space/space_view.hpp"

#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace tendril;
using namespace tendril::app;

namespace {

// acc is high only where weight decay is small and the learning rate is in [1e-3, 1e-2]: the two
// interact, and "noise" does not matter.
Study interactionStudy()
{
    Study study;
    study.name = "wd-lr";
    study.objective = {"acc", Direction::Maximize};
    study.space.params = {Param::floatRange("wd", 1e-6, 1e-1, true), Param::floatRange("lr", 1e-5, 1e-1, true),
                          Param::floatRange("noise", 0.0, 1.0)};
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int i = 0; i < 400; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        const double wd = std::pow(10.0, -6.0 + 5.0 * unit(rng));
        const double lr = std::pow(10.0, -5.0 + 4.0 * unit(rng));
        t.setParam("wd", wd);
        t.setParam("lr", lr);
        t.setParam("noise", unit(rng));
        const bool good = wd < 1e-4 && lr > 1e-3 && lr < 1e-2;
        t.setMetric("acc", 0.5 + (good ? 0.4 : 0.0) + 0.02 * unit(rng));
        study.trials.push_back(std::move(t));
    }
    return study;
}

class SpaceImportanceTest : public ::testing::Test {
protected:
    void open(const QString& path, const QStringList& studies)
    {
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
        ImportanceService::of(*session_).setDelay(0);
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<SpaceView>(*session_);
        view_->resize(1100, 760);
        view_->show();
        ASSERT_TRUE(view_->waitUntilSettled());
    }

    const TrialTable& table() { return *session_->hub().table(); }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<SpaceView> view_;
};

TEST_F(SpaceImportanceTest, BarsHoldTheEnginesNumbersForTheVisibleTrials)
{
    const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
    ensureDemoProject(path);
    open(path, {QStringLiteral("digits-random")});
    const space::ImportanceBars& bars = view_->importanceBars();
    ASSERT_FALSE(bars.empty());

    // The same analysis, run here on the same trials with the engine's defaults.
    const Study study = importanceStudy(table(), session_->hub().visible(), "val_acc");
    engine::ImportanceOptions options;
    options.metric = "val_acc";
    options.pairs = true;
    const engine::ImportanceReport report = engine::analyzeImportance(study, options);
    ASSERT_EQ(bars.bars().size(), report.params.size());
    for (std::size_t i = 0; i < report.params.size(); ++i) {
        EXPECT_EQ(bars.bars()[i].param, report.params[i].name);
        EXPECT_DOUBLE_EQ(bars.bars()[i].importance, report.params[i].importance) << report.params[i].name;
        EXPECT_DOUBLE_EQ(bars.bars()[i].std, report.params[i].std) << report.params[i].name;
        EXPECT_EQ(bars.bars()[i].column, table().paramColumn(report.params[i].name));
    }
    EXPECT_EQ(bars.trialsUsed(), report.trialsUsed);
    EXPECT_TRUE(view_->importanceText().contains(QStringLiteral("over %1 trials").arg(report.trialsUsed)))
        << view_->importanceText().toStdString();

    // The axes follow importance: least important on the left, the most important next to the
    // objective, which stays last.
    const std::vector<space::AxisGeometry>& axes = view_->plot()->axes();
    ASSERT_EQ(axes.size(), report.params.size() + 1);
    EXPECT_EQ(axes.back().column(), *table().objectiveColumn());
    EXPECT_EQ(table().columns()[axes[axes.size() - 2].column()].name, report.params.front().name);
    EXPECT_EQ(table().columns()[axes.front().column()].name, report.params.back().name);

    // Every bar is in the strip, the most important rightmost, joined to its axis.
    const space::StripLayout& strip = view_->plot()->strip();
    ASSERT_EQ(strip.entries.size(), report.params.size());
    EXPECT_EQ(strip.entries.front().param, report.params.front().name);
    for (std::size_t i = 1; i < strip.entries.size(); ++i)
        EXPECT_LT(strip.entries[i].rect.left(), strip.entries[i - 1].rect.left());
    EXPECT_EQ(*strip.entries.front().axisX, view_->plot()->axisX()[axes.size() - 2]);
}

TEST_F(SpaceImportanceTest, ANoteFromTheEngineIsShownWithTheNumberOfTrials)
{
    // A study whose objective nobody reported: the engine says so.
    Study study;
    study.name = "silent";
    study.objective = {"acc", Direction::Maximize};
    study.space.params = {Param::floatRange("x", 0.0, 1.0), Param::floatRange("y", 0.0, 1.0)};
    for (int i = 0; i < 5; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        t.state = TrialState::Running;
        t.setParam("x", 0.1 * i);
        t.setParam("y", 0.2 * i);
        t.setMetric("loss", 1.0 - 0.1 * i);
        study.trials.push_back(std::move(t));
    }
    const QString path = dir_.filePath(QStringLiteral("silent.tendril"));
    Project(path.toStdString(), OpenMode::CreateIfMissing).addStudies({study});
    open(path, {QStringLiteral("silent")});
    EXPECT_FALSE(view_->importanceBars().note().empty());
    EXPECT_TRUE(view_->importanceText().contains(qstr(view_->importanceBars().note())));
    EXPECT_TRUE(view_->importanceText().contains(QStringLiteral("0 trials analysed")));
}

TEST_F(SpaceImportanceTest, BrushingTheActiveParameterChangesWhatItsPartnersShow)
{
    const QString path = dir_.filePath(QStringLiteral("wdlr.tendril"));
    Project(path.toStdString(), OpenMode::CreateIfMissing).addStudies({interactionStudy()});
    open(path, {QStringLiteral("wd-lr")});
    const std::size_t wd = *table().paramColumn("wd"), lr = *table().paramColumn("lr");

    view_->activateParameter(QStringLiteral("wd"));
    ASSERT_TRUE(view_->waitUntilSettled());
    ASSERT_TRUE(view_->activeTables());
    const space::ActiveTables tables = *view_->activeTables();
    ASSERT_FALSE(tables.partners.empty());
    EXPECT_EQ(tables.partners.front().param, "lr");  // the strongest interaction
    ASSERT_EQ(view_->expectedCells().count(wd), 1u);
    ASSERT_EQ(view_->expectedCells().count(lr), 1u);

    // The expected acc on the lr axis where lr is good (about 3e-3) and bad (about 3e-5).
    const auto at = [](const space::ExpectedCells& cells, double value) {
        for (std::size_t i = 0; i < cells.cells(); ++i)
            if (value >= cells.edges[i] && value <= cells.edges[i + 1])
                return cells.mean[i];
        return std::nan("");
    };
    const double wholeGood = at(view_->expectedCells().at(lr), 3e-3);

    // Brushing the good weight decay: the lr axis shows the pair table averaged over those rows
    // of weight decay only, computed here from the table the view holds.
    ColumnRange small{wd, 1e-6, 3e-5, {}};
    view_->setBrush({small});
    const engine::PairMarginalTable& pair = tables.partners.front().table;
    std::vector<double> expected(pair.cols, 0.0);
    double total = 0.0;
    for (std::size_t r = 0; r < pair.rows; ++r) {
        const double a = std::log10(pair.rowEdges[r]), b = std::log10(pair.rowEdges[r + 1]);
        const double w = std::max(0.0, std::min(b, std::log10(3e-5)) - std::max(a, -6.0));
        total += w;
        for (std::size_t c = 0; c < pair.cols; ++c)
            expected[c] += w * pair.meanAt(r, c);
    }
    const space::ExpectedCells& brushed = view_->expectedCells().at(lr);
    ASSERT_EQ(brushed.cells(), pair.cols);
    for (std::size_t c = 0; c < pair.cols; ++c)
        EXPECT_NEAR(brushed.mean[c], expected[c] / total, 1e-12) << c;
    EXPECT_GT(at(brushed, 3e-3), wholeGood + 0.05);
    EXPECT_GT(at(brushed, 3e-3), at(brushed, 3e-5) + 0.2);

    // Once the importance has been refitted on the brushed trials the picture holds.
    ASSERT_TRUE(view_->waitUntilSettled());
    ASSERT_EQ(view_->importanceBars().active(), std::optional<std::string>("wd"));
    ASSERT_EQ(view_->expectedCells().count(lr), 1u);
    EXPECT_GT(at(view_->expectedCells().at(lr), 3e-3), 0.8);
    EXPECT_LT(at(view_->expectedCells().at(lr), 3e-5), 0.6);

    // The bad weight decay: nothing on the lr axis reaches a high accuracy.
    view_->setBrush({ColumnRange{wd, 1e-3, 1e-1, {}}});
    ASSERT_TRUE(view_->waitUntilSettled());
    ASSERT_EQ(view_->expectedCells().count(lr), 1u);
    const space::ExpectedCells& bad = view_->expectedCells().at(lr);
    for (std::size_t c = 0; c < bad.cells(); ++c)
        EXPECT_LT(bad.mean[c], 0.6) << c;
}

TEST_F(SpaceImportanceTest, ClickingABarActivatesItAndShowsItsPartners)
{
    const QString path = dir_.filePath(QStringLiteral("wdlr.tendril"));
    Project(path.toStdString(), OpenMode::CreateIfMissing).addStudies({interactionStudy()});
    open(path, {QStringLiteral("wd-lr")});
    const space::StripLayout before = view_->plot()->strip();
    const auto wdSlot = std::find_if(before.entries.begin(), before.entries.end(),
                                     [](const space::StripSlot& s) { return s.param == "wd"; });
    ASSERT_NE(wdSlot, before.entries.end());
    QTest::mouseClick(view_->plot(), Qt::LeftButton, Qt::NoModifier, wdSlot->rect.center().toPoint());
    ASSERT_TRUE(view_->waitUntilSettled());
    EXPECT_EQ(view_->importanceBars().active(), std::optional<std::string>("wd"));
    const space::StripLayout& after = view_->plot()->strip();
    const auto partners = std::count_if(after.entries.begin(), after.entries.end(),
                                        [](const space::StripSlot& s) { return s.partner; });
    EXPECT_EQ(partners, 2);  // lr and noise
    // The pair importances are the engine's.
    for (const space::StripSlot& slot : after.entries)
        if (slot.partner) {
            const auto mine = view_->importanceBars().partners();
            const auto it = std::find_if(mine.begin(), mine.end(), [&](const space::ImportanceBar& b) {
                return b.param == slot.param;
            });
            ASSERT_NE(it, mine.end());
            EXPECT_EQ(slot.importance, it->importance);
        }
    // A second click lets go.
    const auto again = std::find_if(after.entries.begin(), after.entries.end(),
                                    [](const space::StripSlot& s) { return s.param == "wd" && !s.partner; });
    QTest::mouseClick(view_->plot(), Qt::LeftButton, Qt::NoModifier, again->rect.center().toPoint());
    ASSERT_TRUE(view_->waitUntilSettled());
    EXPECT_FALSE(view_->importanceBars().active());
    EXPECT_TRUE(view_->expectedCells().empty());
}

TEST_F(SpaceImportanceTest, BothImportanceViewsShowTheMetricChosenInEither)
{
    const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
    ensureDemoProject(path);
    open(path, {QStringLiteral("digits-random")});
    importance::ImportanceView matrix(*session_);
    matrix.resize(1000, 700);
    matrix.show();
    QComboBox* here = view_->metricChooser();
    QComboBox* there = matrix.metricChooser();
    EXPECT_EQ(here->currentData().toString(), QStringLiteral("val_acc"));
    EXPECT_EQ(there->currentData().toString(), QStringLiteral("val_acc"));

    there->setCurrentIndex(there->findData(QStringLiteral("val_loss")));
    EXPECT_EQ(ImportanceService::of(*session_).metric(), QStringLiteral("val_loss"));
    EXPECT_EQ(here->currentData().toString(), QStringLiteral("val_loss")) << "the search-space overview follows";
    EXPECT_EQ(view_->metricColumn(), table().metricColumn("val_loss")) << "and its last axis too";

    // Back to the objective from this side: the service follows the objective again.
    here->setCurrentIndex(here->findData(QStringLiteral("val_acc")));
    EXPECT_EQ(ImportanceService::of(*session_).metric(), QString());
    EXPECT_EQ(there->currentData().toString(), QStringLiteral("val_acc"));
}

} // namespace
