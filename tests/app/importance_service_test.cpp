#include "session/importance_service.hpp"
#include "session/project_session.hpp"

#include "tendril/store/project.hpp"

#include <QSignalSpy>
#include <QTest>
#include <QTemporaryDir>

#include <gtest/gtest.h>

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
