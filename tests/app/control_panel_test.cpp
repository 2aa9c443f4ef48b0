// The control panel's study tree on a real project file: refinements under their study, show/hide
// through the session, and the run status read from what the project records.
#include "session/project_session.hpp"
#include "style/study_colors.hpp"
#include "views/control/control_panel.hpp"
#include "views/control/run_state.hpp"
#include "views/control/study_run_controller.hpp"
#include "views/control/study_tree_model.hpp"

#include "test_support.hpp"

#include "tendril/store/project.hpp"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QIcon>
#include <QImage>
#include <QTemporaryDir>
#include <QTreeView>

#include <gtest/gtest.h>

#include <functional>

namespace tendril::app {
namespace {

Trial endedTrial(std::int64_t number, TrialState state, const std::string& finished, const std::string& error = {})
{
    Trial t;
    t.id = "t" + std::to_string(number);
    t.number = number;
    t.state = state;
    t.started = "2024-05-01T09:00:00.000Z";
    t.finished = finished;
    t.error = error;
    t.setParam("lr", 0.01);
    if (state == TrialState::Complete)
        t.setMetric("val_acc", 0.5 + 0.01 * static_cast<double>(number));
    return t;
}

Study study(const std::string& name, const std::string& parent, std::vector<Trial> trials)
{
    Study s;
    s.name = name;
    s.parent = parent;
    s.objective = {"val_acc", Direction::Maximize};
    s.space.params = {Param::floatRange("lr", 1e-4, 0.1, true)};
    s.algorithm = {"random", ""};
    s.trials = std::move(trials);
    return s;
}

Study finished(const std::string& name, const std::string& parent = {})
{
    return study(name, parent, {endedTrial(0, TrialState::Complete, "2024-05-01T10:00:00.000Z")});
}

bool waitFor(const std::function<bool()>& condition)
{
    const QDeadlineTimer deadline(30000);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

QRgb swatchColor(const QModelIndex& index)
{
    const QImage image = index.data(Qt::DecorationRole).value<QIcon>().pixmap(12, 12).toImage();
    return image.pixel(image.width() / 2, image.height() / 2);
}

class ControlPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("p.tendril"));
        Project project(path_.toStdString(), OpenMode::CreateIfMissing);
        project.addStudies({finished("a"), finished("b", "a"), finished("c", "b"), finished("d"), finished("e", "a"),
                            finished("f", "gone")});
    }

    QModelIndex at(const StudyTreeModel& model, const char* name, int column = StudyTreeModel::NameColumn) const
    {
        return model.indexOf(QString::fromLatin1(name), column);
    }

    QTemporaryDir dir_;
    QString path_;
};

TEST_F(ControlPanelTest, RefinementsSitUnderTheStudyTheyCameFrom)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    ControlPanel panel(session);
    test::ModelTesterLog log;
    StudyTreeModel& model = *panel.model();
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    ASSERT_EQ(model.rowCount(), 3);  // a, d, and f (its parent is not in the project)
    EXPECT_EQ(model.index(0, 0).data(StudyTreeModel::StudyNameRole).toString(), QStringLiteral("a"));
    EXPECT_EQ(model.index(1, 0).data(StudyTreeModel::StudyNameRole).toString(), QStringLiteral("d"));
    EXPECT_EQ(model.index(2, 0).data(StudyTreeModel::StudyNameRole).toString(), QStringLiteral("f"));
    const QModelIndex a = at(model, "a");
    ASSERT_EQ(model.rowCount(a), 2);
    EXPECT_EQ(model.index(0, 0, a).data(StudyTreeModel::StudyNameRole).toString(), QStringLiteral("b"));
    EXPECT_EQ(model.index(1, 0, a).data(StudyTreeModel::StudyNameRole).toString(), QStringLiteral("e"));
    EXPECT_EQ(model.parent(at(model, "c")), at(model, "b"));
    EXPECT_EQ(model.parent(at(model, "b")), a);
    EXPECT_EQ(model.treeOrder(), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                              QStringLiteral("e"), QStringLiteral("d"), QStringLiteral("f")}));
    EXPECT_TRUE(panel.treeView()->isExpanded(at(model, "b")));
    EXPECT_EQ(at(model, "c", StudyTreeModel::AlgorithmColumn).data().toString(), QStringLiteral("Random"));
    EXPECT_EQ(at(model, "c", StudyTreeModel::TrialsColumn).data().toLongLong(), 1);
    EXPECT_EQ(at(model, "c", StudyTreeModel::BestColumn).data().toString(), QStringLiteral("0.5"));

    // Counts change in place; a new study or parent rebuilds the tree.
    std::vector<StudySummary> summaries = session.summaries();
    summaries[2].trials = 5;
    model.setSummaries(summaries);
    EXPECT_EQ(at(model, "c", StudyTreeModel::TrialsColumn).data().toLongLong(), 5);
    summaries[3].parent = "f";
    model.setSummaries(summaries);
    EXPECT_EQ(model.parent(at(model, "d")), at(model, "f"));
    model.setSummaries({});
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_TRUE(log.failures().isEmpty()) << log.failures().join(QLatin1Char('\n')).toStdString();
}

TEST_F(ControlPanelTest, CheckingStudiesShowsThemInTreeOrderEachInItsColour)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    ControlPanel panel(session);
    StudyTreeModel& model = *panel.model();
    EXPECT_EQ(at(model, "a").data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);

    ASSERT_TRUE(model.setData(at(model, "c"), Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(session.selectedStudies(), QStringList{QStringLiteral("c")});
    model.setData(at(model, "d"), Qt::Checked, Qt::CheckStateRole);
    model.setData(at(model, "a"), Qt::Checked, Qt::CheckStateRole);
    EXPECT_EQ(session.selectedStudies(), (QStringList{QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d")}));
    model.setData(at(model, "c"), Qt::Unchecked, Qt::CheckStateRole);
    EXPECT_EQ(session.selectedStudies(), (QStringList{QStringLiteral("a"), QStringLiteral("d")}));
    EXPECT_TRUE(at(model, "a").data(StudyTreeModel::ShownRole).toBool());
    EXPECT_FALSE(at(model, "c").data(StudyTreeModel::ShownRole).toBool());
    EXPECT_EQ(swatchColor(at(model, "a")), studyColor(0).rgb());
    EXPECT_EQ(swatchColor(at(model, "d")), studyColor(1).rgb());

    // A choice made elsewhere (another part of the window) is mirrored, in the session's order.
    session.setSelectedStudies({QStringLiteral("e"), QStringLiteral("a")});
    EXPECT_EQ(at(model, "e").data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    EXPECT_EQ(at(model, "d").data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    EXPECT_EQ(swatchColor(at(model, "e")), studyColor(0).rgb());
    EXPECT_EQ(swatchColor(at(model, "a")), studyColor(1).rgb());
    ASSERT_TRUE(session.waitUntilLoaded());
    EXPECT_EQ(session.hub().table()->study(0).name, "e");
}

TEST(RunStatus, ReadFromWhatHappenedLast)
{
    const std::string early = "2024-05-01T10:00:00.000Z";
    const std::string late = "2024-05-01T10:05:00.000Z";
    EXPECT_EQ(recordedRunStatus(study("x", "", {})), RunStatus::NoTrials);
    EXPECT_EQ(recordedRunStatus(study("x", "", {endedTrial(0, TrialState::Complete, early),
                                                endedTrial(1, TrialState::Failed, late, "exit code 1")})),
              RunStatus::Finished);
    EXPECT_EQ(recordedRunStatus(study("x", "", {endedTrial(0, TrialState::Complete, early),
                                                endedTrial(1, TrialState::Failed, late, "interrupted")})),
              RunStatus::Interrupted);
    EXPECT_EQ(recordedRunStatus(study("x", "", {endedTrial(0, TrialState::Failed, early, "interrupted: time budget"),
                                                endedTrial(1, TrialState::Complete, late)})),
              RunStatus::Finished)
        << "resumed and finished after the interruption";
    EXPECT_EQ(recordedRunStatus(study("x", "", {endedTrial(0, TrialState::Complete, late),
                                                endedTrial(1, TrialState::Running, "")})),
              RunStatus::Interrupted)
        << "a trial still recorded running outlived its runner";
}

TEST(RunStatus, PanelReadsTheTrialsAndOffersResumeOnlyWhereItApplies)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.tendril"));
    {
        Project project(path.toStdString(), OpenMode::CreateIfMissing);
        project.addStudies(
            {finished("done"),
             study("stopped", "", {endedTrial(0, TrialState::Complete, "2024-05-01T10:00:00.000Z"),
                                   endedTrial(1, TrialState::Failed, "2024-05-01T10:05:00.000Z", "interrupted")}),
             study("empty", "", {})});
    }
    ProjectSession session(path, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    ControlPanel panel(session);
    const StudyTreeModel& model = *panel.model();
    EXPECT_TRUE(waitFor([&] { return model.statusOf(QStringLiteral("stopped")) == RunStatus::Interrupted; }));
    EXPECT_EQ(model.statusOf(QStringLiteral("done")), RunStatus::Finished);
    EXPECT_EQ(model.statusOf(QStringLiteral("empty")), RunStatus::NoTrials);
    EXPECT_EQ(model.indexOf(QStringLiteral("stopped"), StudyTreeModel::StatusColumn).data().toString(),
              QStringLiteral("Interrupted"));

    panel.setCurrentStudy(QStringLiteral("stopped"));
    EXPECT_TRUE(panel.resumeAction()->isEnabled());
    EXPECT_FALSE(panel.stopAction()->isEnabled());
    EXPECT_TRUE(panel.refineAction()->isEnabled());
    panel.setCurrentStudy(QStringLiteral("done"));
    EXPECT_FALSE(panel.resumeAction()->isEnabled());

    // An imported study has no stored configuration: Resume says so in the banner.
    panel.setCurrentStudy(QStringLiteral("stopped"));
    panel.resumeAction()->trigger();
    EXPECT_TRUE(panel.bannerText().startsWith(QStringLiteral("Could not resume stopped: "))) << panel.bannerText().toStdString();
    EXPECT_FALSE(panel.controller().isRunning(QStringLiteral("stopped")));
}

} // namespace
} // namespace tendril::app
