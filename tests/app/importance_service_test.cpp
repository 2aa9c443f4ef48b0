#include "session/importance_service.hpp"
#include "session/project_session.hpp"

#include "tendril/store/project.hpp"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace tendril;
using namespace tendril::app;

namespace {

// acc depends strongly on lr (log-scaled) and hardly on dropout; "noise" is a third parameter
// that does not matter at all.
Study lrStudy(const std::string& name, int trials)
{
    Study study;
    study.name = name;
    study.objective = {"acc", Direction::Maximize};
    study.space.params.push_back(Param::floatRange("lr", 1e-4, 1.0, true));
    study.space.params.push_back(Param::floatRange("dropout", 0.0, 0.5));
    study.space.params.push_back(Param::floatRange("noise", 0.0, 1.0));
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int i = 0; i < trials; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        const double logLr = -4.0 + 4.0 * unit(rng);
        const double dropout = 0.5 * unit(rng);
        t.setParam("lr", Value(std::pow(10.0, logLr)));
        t.setParam("dropout", Value(dropout));
        t.setParam("noise", Value(unit(rng)));
        t.setMetric("acc", 1.0 - 0.1 * std::abs(logLr + 2.0) - 0.01 * dropout);
        study.trials.push_back(std::move(t));
    }
    return study;
}

class ImportanceServiceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        path_ = dir_.filePath(QStringLiteral("imp.tendril"));
        Project(path_.toStdString(), OpenMode::CreateIfMissing).addStudies({lrStudy("lr", 120)});
    }

    QTemporaryDir dir_;
    QString path_;
};

bool waitForIdle(ImportanceService& service)
{
    for (int i = 0; i < 600 && service.busy(); ++i)
        QTest::qWait(20);
    return !service.busy();
}

} // namespace

TEST_F(ImportanceServiceTest, AnalysesTheVisibleTrialsOfTheShownStudies)
{
    ProjectSession session(path_, OpenMode::ReadOnly);
    session.setWatchInterval(0);
    ImportanceService& service = ImportanceService::of(session);
    EXPECT_EQ(&service, &ImportanceService::of(session));
    service.setDelay(0);
    service.setTrees(16);
    session.setSelectedStudies({QStringLiteral("lr")});
    ASSERT_TRUE(session.waitUntilLoaded());
    ASSERT_TRUE(waitForIdle(service));
    auto result = service.result();
    ASSERT_NE(result, nullptr);
    EXPECT_EQ(result->metric, QStringLiteral("acc"));
    EXPECT_EQ(result->report.trialsUsed, 120u);
    ASSERT_EQ(result->report.params.size(), 3u);
    EXPECT_EQ(result->report.params.front().name, "lr");
    EXPECT_GT(result->report.params.front().importance, 0.8);
    EXPECT_FALSE(result->report.pairs.empty());
    ASSERT_NE(result->report.model, nullptr);

    // A brush elsewhere shrinks what is analysed to the trials that pass it.
    SelectionHub& hub = session.hub();
    const std::size_t lr = *hub.table()->paramColumn("lr");
    hub.setBrush(QStringLiteral("space"), {ColumnRange{lr, 1e-3, 1e-1, {}}});
    hub.flush();
    EXPECT_TRUE(service.busy());
    ASSERT_TRUE(waitForIdle(service));
    result = service.result();
    ASSERT_NE(result, nullptr);
    EXPECT_EQ(result->report.trialsUsed, hub.visibleCount());
    EXPECT_LT(result->report.trialsUsed, 120u);
    EXPECT_GT(result->report.trialsUsed, 20u);
}

TEST_F(ImportanceServiceTest, OnlyTheNewestOfQuickChangesIsDelivered)
{
    ProjectSession session(path_, OpenMode::ReadOnly);
    session.setWatchInterval(0);
    session.setSelectedStudies({QStringLiteral("lr")});
    ASSERT_TRUE(session.waitUntilLoaded());
    ImportanceService& service = ImportanceService::of(session);
    service.setDelay(0);
    ASSERT_TRUE(waitForIdle(service));
    QSignalSpy results(&service, &ImportanceService::resultChanged);
    SelectionHub& hub = session.hub();
    const std::size_t lr = *hub.table()->paramColumn("lr");
    // Three brushes in a row, each one started before the previous analysis could finish.
    for (const double high : {1e-1, 1e-2, 1e-3}) {
        hub.setBrush(QStringLiteral("space"), {ColumnRange{lr, 1e-4, high, {}}});
        hub.flush();
        QCoreApplication::processEvents();
    }
    ASSERT_TRUE(waitForIdle(service));
    ASSERT_NE(service.result(), nullptr);
    EXPECT_EQ(service.result()->report.trialsUsed, hub.visibleCount());
    EXPECT_LE(results.count(), 3);
    EXPECT_EQ(service.error(), QString());
}

// The shown study as the session read it, with a curve of "loss" added to every trial: what the
// session's second table holds once the curves are read.
std::shared_ptr<const TrialTable> withLossCurves(const TrialTable& table)
{
    Study study = table.study(0);
    for (Trial& t : study.trials)
        for (int step = 1; step <= 3; ++step)
            t.curveFor("loss").append(step, 1.0 / step);
    return std::make_shared<const TrialTable>(
        std::vector<ShownStudy>{{table.studyId(0), std::make_shared<const Study>(std::move(study))}});
}

TEST_F(ImportanceServiceTest, ATableWithTheSameFittedInputIsNotFittedAgain)
{
    ProjectSession session(path_, OpenMode::ReadOnly);
    session.setWatchInterval(0);
    session.setSelectedStudies({QStringLiteral("lr")});
    ASSERT_TRUE(session.waitUntilLoaded());
    ImportanceService& service = ImportanceService::of(session);
    service.setDelay(0);
    service.setTrees(16);
    ASSERT_TRUE(waitForIdle(service));
    const auto fitted = service.result();
    ASSERT_NE(fitted, nullptr);
    ASSERT_NE(fitted->report.model, nullptr);
    const int fits = service.fitsStarted();

    // The same trials with curves of another metric: parameters, acc and visibility unchanged.
    SelectionHub& hub = session.hub();
    QSignalSpy results(&service, &ImportanceService::resultChanged);
    const auto curves = withLossCurves(*hub.table());
    hub.setTable(curves);
    EXPECT_FALSE(service.busy()) << "no refit is scheduled";
    EXPECT_EQ(service.fitsStarted(), fits);
    ASSERT_EQ(results.count(), 1);
    ASSERT_NE(service.result(), nullptr);
    EXPECT_EQ(service.result()->table, curves) << "the result now describes the new table";
    EXPECT_EQ(service.result()->report.model, fitted->report.model) << "the same fit";
    EXPECT_EQ(service.result()->visible, fitted->visible);

    // A brush that changes nothing visible does not refit either.
    const std::size_t lr = *hub.table()->paramColumn("lr");
    hub.setBrush(QStringLiteral("space"), {ColumnRange{lr, 1e-5, 10.0, {}}});
    hub.flush();
    ASSERT_TRUE(waitForIdle(service));
    EXPECT_EQ(service.fitsStarted(), fits);

    // One changed value is a different input.
    Study changed = curves->study(0);
    changed.trials[5].setMetric("acc", 0.123);
    hub.setTable(std::make_shared<const TrialTable>(
        std::vector<ShownStudy>{{curves->studyId(0), std::make_shared<const Study>(std::move(changed))}}));
    EXPECT_TRUE(service.busy());
    ASSERT_TRUE(waitForIdle(service));
    EXPECT_EQ(service.fitsStarted(), fits + 1);
    ASSERT_NE(service.result(), nullptr);
    EXPECT_EQ(service.result()->table, hub.table());
    EXPECT_NE(service.result()->report.model, fitted->report.model);
}

TEST_F(ImportanceServiceTest, TheMetricChoiceIsAnnounced)
{
    ProjectSession session(path_, OpenMode::ReadOnly);
    session.setWatchInterval(0);
    ImportanceService& service = ImportanceService::of(session);
    QSignalSpy changed(&service, &ImportanceService::metricChanged);
    service.setMetric(QStringLiteral("loss"));
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.first().first().toString(), QStringLiteral("loss"));
    EXPECT_EQ(service.metric(), QStringLiteral("loss"));
    service.setMetric(QStringLiteral("loss"));
    EXPECT_EQ(changed.count(), 1) << "an unchanged choice says nothing";
    service.setMetric(QString());
    ASSERT_EQ(changed.count(), 2);
    EXPECT_EQ(changed.last().first().toString(), QString());
}

TEST_F(ImportanceServiceTest, FitsLeaveACoreToTheGuiThread)
{
    const int cores = QThread::idealThreadCount();
    EXPECT_EQ(ImportanceService::fitThreads(), std::max(1, cores - 1));
    EXPECT_GE(ImportanceService::fitThreads(), 1);
}

TEST(ImportanceInput, ComparesWhatTheFitReadsAndNothingElse)
{
    const Study a = lrStudy("a", 6);
    const TrialTable table({{1, std::make_shared<const Study>(a)}});
    std::vector<char> visible(table.rows(), 1);
    visible[2] = 0;
    const auto tableOf = [](const Study& s) { return TrialTable({{1, std::make_shared<const Study>(s)}}); };

    Study curves = a;
    for (Trial& t : curves.trials)
        t.curveFor("acc").append(1.0, 0.5);  // acc is reported, so its curve does not fill the column
    EXPECT_TRUE(sameImportanceInput(table, tableOf(curves), visible, "acc"));

    Study hidden = a;
    hidden.trials[2].setParam("lr", Value(0.5));  // a trial the brushes hide
    EXPECT_TRUE(sameImportanceInput(table, tableOf(hidden), visible, "acc"));
    EXPECT_FALSE(sameImportanceInput(table, tableOf(hidden), std::vector<char>(table.rows(), 1), "acc"));

    Study param = a;
    param.trials[3].setParam("dropout", Value(0.25));
    EXPECT_FALSE(sameImportanceInput(table, tableOf(param), visible, "acc"));

    Study state = a;
    state.trials[0].state = TrialState::Failed;
    EXPECT_FALSE(sameImportanceInput(table, tableOf(state), visible, "acc"));

    // A metric reported only along curves gets its values once the curves are read.
    Study curveOnly = a;
    for (Trial& t : curveOnly.trials)
        t.curveFor("loss").append(1.0, 0.25);
    EXPECT_FALSE(sameImportanceInput(table, tableOf(curveOnly), visible, "loss"));
    EXPECT_TRUE(sameImportanceInput(table, tableOf(curveOnly), visible, "acc"));

    Study space = a;
    space.space.params.push_back(Param::intRange("layers", 1, 4));
    EXPECT_FALSE(sameImportanceInput(table, tableOf(space), visible, "acc"));

    Study fewer = a;
    fewer.trials.pop_back();
    EXPECT_FALSE(sameImportanceInput(table, tableOf(fewer), visible, "acc"));
}

TEST(ImportanceStudy, MergesTheShownStudiesVisibleRowsWithTheirSpaces)
{
    Study a = lrStudy("a", 4);
    Study b = lrStudy("b", 3);
    b.space.params.push_back(Param::intRange("layers", 1, 4));
    for (Trial& t : b.trials)
        t.setParam("layers", Value(std::int64_t{2}));
    TrialTable table({{1, std::make_shared<const Study>(a)}, {2, std::make_shared<const Study>(b)}});
    std::vector<char> visible(table.rows(), 1);
    visible[1] = 0;
    const Study merged = importanceStudy(table, visible, "acc");
    EXPECT_EQ(merged.trials.size(), 6u);
    EXPECT_EQ(merged.objective.metric, "acc");
    EXPECT_NE(merged.space.find("layers"), nullptr);
    EXPECT_EQ(merged.space.size(), 4u);
    ASSERT_TRUE(merged.trials[1].metric("acc").has_value());
    EXPECT_DOUBLE_EQ(*merged.trials[1].metric("acc"), *a.trials[2].metric("acc"));
    EXPECT_TRUE(merged.trials[1].curves.empty());
}
