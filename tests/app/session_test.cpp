#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "session/recent_projects.hpp"
#include "test_support.hpp"

#include "tendril/io/study_config.hpp"
#include "tendril/store/project.hpp"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::app;

namespace {

class SessionTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("runs.tendril"));
        Project project(path_.toStdString(), OpenMode::CreateIfMissing);
        project.addStudies({test::makeSweepStudy("alpha"), test::makeSweepStudy("beta")});
    }

    QTemporaryDir dir_;
    QString path_;
};

} // namespace

TEST_F(SessionTest, OpensAProjectFileAndListsItsStudies)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    EXPECT_EQ(session.path(), path_);
    EXPECT_EQ(session.displayName(), QStringLiteral("runs"));
    EXPECT_EQ(session.studyNames(), (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    EXPECT_EQ(session.trialCount(), 12);
    ASSERT_NE(session.summary(QStringLiteral("beta")), nullptr);
    EXPECT_EQ(session.summary(QStringLiteral("beta"))->trials, 6);
    EXPECT_FALSE(session.hasStudy(QStringLiteral("gamma")));
    EXPECT_TRUE(session.selectedStudies().isEmpty());
}

TEST_F(SessionTest, RefusesAFileThatIsNotAProject)
{
    const QString notProject = dir_.filePath(QStringLiteral("notes.tendril"));
    test::writeFile(notProject, "this is not SQLite");
    try {
        ProjectSession session(notProject, OpenMode::ReadWrite);
        FAIL() << "opened a text file as a project";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("notes.tendril"), std::string::npos) << e.what();
    }
    EXPECT_THROW(ProjectSession(dir_.filePath(QStringLiteral("missing.tendril")), OpenMode::ReadWrite), StoreError);
}

TEST_F(SessionTest, LoadsAStudyOnceAndKeepsIt)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    QString error;
    const auto alpha = session.study(QStringLiteral("alpha"), &error);
    ASSERT_NE(alpha, nullptr) << error.toStdString();
    EXPECT_EQ(alpha->trials.size(), 6u);
    EXPECT_EQ(alpha->trials, test::makeSweepStudy("alpha").trials);
    EXPECT_EQ(session.study(QStringLiteral("alpha")), alpha);  // the same object: not read twice

    EXPECT_EQ(session.study(QStringLiteral("gamma"), &error), nullptr);
    EXPECT_TRUE(error.contains(QStringLiteral("gamma"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("runs.tendril"))) << error.toStdString();
}

TEST_F(SessionTest, SelectionDropsUnknownNamesAndIgnoresNoChange)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    QSignalSpy spy(&session, &ProjectSession::selectionChanged);
    session.setSelectedStudies({QStringLiteral("beta"), QStringLiteral("nope"), QStringLiteral("alpha")});
    EXPECT_EQ(session.selectedStudies(), (QStringList{QStringLiteral("beta"), QStringLiteral("alpha")}));
    EXPECT_EQ(session.currentStudyName(), QStringLiteral("beta"));
    ASSERT_EQ(spy.count(), 1);
    session.setSelectedStudies({QStringLiteral("beta"), QStringLiteral("alpha")});
    EXPECT_EQ(spy.count(), 1);
}

// The sweep study without its running trial: nothing can be growing in it.
Study settledStudy(const std::string& name)
{
    Study s = test::makeSweepStudy(name);
    std::erase_if(s.trials, [](const Trial& t) { return t.state == TrialState::Running; });
    return s;
}

TEST_F(SessionTest, ReloadSeesStudiesAnotherConnectionAdded)
{
    Project(path_.toStdString(), OpenMode::ReadWrite).addStudies({settledStudy("settled")});
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setSelectedStudies({QStringLiteral("settled"), QStringLiteral("alpha")});
    ASSERT_TRUE(session.waitUntilLoaded());
    const auto settled = session.study(QStringLiteral("settled"));
    const auto growing = session.study(QStringLiteral("alpha"));
    {
        Project writer(path_.toStdString(), OpenMode::ReadWrite);
        writer.addStudies({test::makeSweepStudy("gamma")});
        writer.removeStudy("beta");
    }
    QSignalSpy changed(&session, &ProjectSession::studiesChanged);
    session.reload();
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(session.studyNames(),
              (QStringList{QStringLiteral("alpha"), QStringLiteral("settled"), QStringLiteral("gamma")}));
    EXPECT_EQ(session.trialCount(), 6 + 5 + 6);
    EXPECT_EQ(session.study(QStringLiteral("settled")), settled);  // unchanged study stays loaded
    // A study with a running trial may have grown curves without changing its counts: read again.
    EXPECT_NE(session.study(QStringLiteral("alpha")), growing);
}

TEST_F(SessionTest, ShownStudiesReachTheHubAndFollowTheFile)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    session.setSelectedStudies({QStringLiteral("beta"), QStringLiteral("alpha")});
    ASSERT_TRUE(session.waitUntilLoaded());
    ASSERT_EQ(session.hub().table()->studyCount(), 2u);
    EXPECT_EQ(session.hub().table()->study(0).name, "beta");
    EXPECT_EQ(session.hub().table()->rows(), 12u);

    // Another process (a runner) adds a trial to a shown study: checking the file reloads it.
    {
        Project writer(path_.toStdString(), OpenMode::ReadWrite);
        Study more = test::makeSweepStudy("alpha");
        writer.removeStudy("alpha");
        Trial extra = more.trials.front();
        extra.id = "extra";
        extra.number = 99;
        more.trials.push_back(extra);
        writer.addStudies({more});
    }
    QSignalSpy loaded(&session, &ProjectSession::shownStudiesLoaded);
    session.checkForChanges();
    ASSERT_TRUE(session.waitUntilLoaded());
    ASSERT_GE(loaded.count(), 1);
    EXPECT_EQ(session.hub().table()->rows(), 13u);
    EXPECT_EQ(session.hub().table()->study(1).trials.back().id, "extra");
}

namespace {

std::size_t curvePoints(const TrialTable& table)
{
    std::size_t points = 0;
    for (std::size_t row = 0; row < table.rows(); ++row)
        for (const auto& [name, curve] : table.trial(row).curves)
            points += curve.values.size();
    return points;
}

// The sweep study with a three-step loss curve on every trial.
Study curvyStudy(const std::string& name, int extraTrials = 0)
{
    Study study = test::makeSweepStudy(name);
    for (int i = 0; i < extraTrials; ++i) {
        Trial extra = study.trials.front();
        extra.id = "extra" + std::to_string(i);
        extra.number = 100 + i;
        study.trials.push_back(extra);
    }
    for (Trial& t : study.trials) {
        Curve loss;
        for (int step = 1; step <= 3; ++step)
            loss.append(step, 1.0 / step);
        t.curves.assign(1, {"curve_loss", loss});
    }
    return study;
}

} // namespace

TEST_F(SessionTest, NewlyShownStudiesArriveFirstWithoutCurvesThenWithThem)
{
    Project(path_.toStdString(), OpenMode::ReadWrite).addStudies({curvyStudy("gamma")});
    ProjectSession session(path_, OpenMode::ReadOnly);
    session.setWatchInterval(0);
    std::vector<std::size_t> pointsPerDelivery;
    std::vector<bool> curvesLoadingPerDelivery;
    QObject::connect(&session, &ProjectSession::shownStudiesLoaded, [&] {
        pointsPerDelivery.push_back(curvePoints(*session.hub().table()));
        curvesLoadingPerDelivery.push_back(session.curvesLoading());
        EXPECT_TRUE(session.loading()) << "loading() must stay true until the curves are in";
    });
    session.setSelectedStudies({QStringLiteral("gamma")});
    ASSERT_TRUE(session.waitUntilLoaded());
    EXPECT_FALSE(session.loading());
    ASSERT_EQ(pointsPerDelivery.size(), 2u);
    EXPECT_EQ(pointsPerDelivery[0], 0u);
    EXPECT_GT(pointsPerDelivery[1], 0u);
    EXPECT_TRUE(curvesLoadingPerDelivery[0]);
    EXPECT_FALSE(curvesLoadingPerDelivery[1]);
    EXPECT_EQ(session.hub().table()->rows(), 6u);

    // A study already on screen that is read again (it grew) comes back in one step with its
    // curves, so the curves on screen never vanish for a moment.
    {
        Project writer(path_.toStdString(), OpenMode::ReadWrite);
        writer.removeStudy("gamma");
        writer.addStudies({curvyStudy("gamma", 1)});
    }
    pointsPerDelivery.clear();
    session.reload();
    ASSERT_TRUE(session.waitUntilLoaded());
    ASSERT_EQ(pointsPerDelivery.size(), 1u);
    EXPECT_GT(pointsPerDelivery[0], 0u);
    EXPECT_EQ(session.hub().table()->rows(), 7u);
}

TEST_F(SessionTest, ReloadDropsSelectedStudiesThatWereRemoved)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setSelectedStudies({QStringLiteral("beta"), QStringLiteral("alpha")});
    Project(path_.toStdString(), OpenMode::ReadWrite).removeStudy("beta");
    QSignalSpy selection(&session, &ProjectSession::selectionChanged);
    session.reload();
    EXPECT_EQ(session.selectedStudies(), QStringList{QStringLiteral("alpha")});
    EXPECT_EQ(selection.count(), 1);
}

TEST(DemoProject, IsCreatedFromTheBundledStudiesOnce)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nested/folder/demo.tendril"));
    ensureDemoProject(path);
    ASSERT_TRUE(QFileInfo::exists(path));
    EXPECT_FALSE(QFileInfo::exists(path + QStringLiteral(".creating")));
    {
        ProjectSession session(path, OpenMode::ReadOnly);
        EXPECT_EQ(session.studyNames(), test::demoStudyNames());
        EXPECT_GT(session.trialCount(), 300);
        const auto pbt = session.study(QStringLiteral("digits-pbt"));
        ASSERT_NE(pbt, nullptr);
        EXPECT_EQ(pbt->algorithm.name, "pbt");
        EXPECT_TRUE(std::any_of(pbt->trials.begin(), pbt->trials.end(),
                                [](const Trial& t) { return !t.parent.empty() && t.startStep; }));
    }
    // A second call leaves an existing file alone, whatever it holds.
    Project(path.toStdString(), OpenMode::ReadWrite).removeStudy("digits-random");
    ensureDemoProject(path);
    EXPECT_FALSE(ProjectSession(path, OpenMode::ReadOnly).hasStudy(QStringLiteral("digits-random")));
}

TEST(DemoProject, StudiesPointAtTheTrainingScriptWrittenBesideIt)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("elsewhere/demo.tendril"));
    ensureDemoProject(path);
    const QString script = dir.filePath(QStringLiteral("elsewhere/examples/digits/train_digits.py"));
    ASSERT_TRUE(QFileInfo::exists(script));
    QFile bundled(QStringLiteral(":/examples/digits/train_digits.py"));
    QFile written(script);
    ASSERT_TRUE(bundled.open(QIODevice::ReadOnly) && written.open(QIODevice::ReadOnly));
    const QByteArray text = written.readAll();
    EXPECT_TRUE(text.contains("TENDRIL_")) << "not the training script";
    EXPECT_EQ(text, bundled.readAll());

    ProjectSession session(path, OpenMode::ReadOnly);
    for (const QString& name : session.studyNames()) {
        const auto study = session.study(name);
        ASSERT_NE(study, nullptr);
        const auto config = storedStudyConfig(*study);
        ASSERT_TRUE(config.has_value()) << name.toStdString();
        EXPECT_EQ(QString::fromStdString(config->workdir), QFileInfo(script).absolutePath()) << name.toStdString();
    }
}

TEST(DemoProject, DefaultPathIsInTheApplicationDataFolder)
{
    const QString path = defaultDemoProjectPath();
    EXPECT_TRUE(path.endsWith(QStringLiteral("/demo.tendril"))) << path.toStdString();
    EXPECT_TRUE(path.startsWith(qEnvironmentVariable("XDG_DATA_HOME"))) << path.toStdString();
}

TEST(RecentProjects, KeepsTheLastEightMostRecentFirst)
{
    RecentProjects::clear();
    QTemporaryDir dir;
    for (int i = 0; i < 10; ++i)
        RecentProjects::add(dir.filePath(QStringLiteral("p%1.tendril").arg(i)));
    RecentProjects::add(dir.filePath(QStringLiteral("p5.tendril")));
    const QStringList list = RecentProjects::list();
    ASSERT_EQ(list.size(), RecentProjects::kMaxEntries);
    EXPECT_EQ(list.first(), dir.filePath(QStringLiteral("p5.tendril")));
    EXPECT_EQ(list[1], dir.filePath(QStringLiteral("p9.tendril")));
    EXPECT_EQ(list.count(dir.filePath(QStringLiteral("p5.tendril"))), 1);
    EXPECT_FALSE(list.contains(dir.filePath(QStringLiteral("p1.tendril"))));
    RecentProjects::remove(dir.filePath(QStringLiteral("p9.tendril")));
    EXPECT_EQ(RecentProjects::list().size(), RecentProjects::kMaxEntries - 1);
    RecentProjects::clear();
    EXPECT_TRUE(RecentProjects::list().isEmpty());
}
