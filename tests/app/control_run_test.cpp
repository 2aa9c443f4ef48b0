// Real runs from the control panel: the example trainer (resources/examples/synthetic, standard
// library only) as real subprocesses of the runner, started from the dialog, stopped and resumed,
// with the session following the project file. Also the pictures of the panel and the dialog on
// the demo project, saved to $TENDRIL_SCREENSHOT_DIR when that is set.
#include "runner/run_types.hpp"
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "views/control/control_panel.hpp"
#include "views/control/run_progress_list.hpp"
#include "views/control/study_dialog.hpp"
#include "views/control/study_run_controller.hpp"
#include "views/control/study_tree_model.hpp"

#include "process.hpp"

#include "tendril/io/study_config.hpp"

#include <QAbstractButton>
#include <QAction>
#include "test_support.hpp"

#include <QApplication>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMainWindow>
#include <QMessageBox>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <gtest/gtest.h>

#include <functional>

namespace tendril::app {
namespace {

using test::colourCount;
using test::pixelsNear;
using test::screenshot;

const QString kStudy = QStringLiteral("synthetic-random");

bool waitFor(const std::function<bool()>& condition, int ms = 120000)
{
    const QDeadlineTimer deadline(ms);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

class ControlRunTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString examples = QString::fromStdString(tendril::testing::sourceDir()) +
                                 QStringLiteral("/resources/examples/synthetic/");
        for (const char* file : {"synthetic_trainer.py", "random.json"})
            ASSERT_TRUE(QFile::copy(examples + QLatin1String(file), dir_.filePath(QLatin1String(file))));
        config_ = readStudyConfig(dir_.filePath(QStringLiteral("random.json")).toStdString());
        config_.command[0] = "/usr/bin/python3";
        config_.budget.maxTrials = 4;
        path_ = dir_.filePath(QStringLiteral("runs.tendril"));
    }

    Study load(ProjectSession& session)
    {
        QString error;
        session.checkForChanges();
        const auto study = session.study(kStudy, &error);
        EXPECT_TRUE(study) << error.toStdString();
        return study ? *study : Study{};
    }

    QTemporaryDir dir_;
    StudyConfig config_;
    QString path_;
};

TEST_F(ControlRunTest, StartsARealRunFromTheDialogAndTheSessionShowsItsTrials)
{
    ProjectSession session(path_, OpenMode::CreateIfMissing);
    session.setWatchInterval(0);  // only what the controller asks for: no polling to hide a missed update
    ControlPanel panel(session);
    panel.resize(480, 760);
    StudyRunController& controller = panel.controller();
    QSignalSpy finished(&controller, &StudyRunController::runFinished);

    std::unique_ptr<StudyDialog> dialog(panel.createNewStudyDialog());
    dialog->setConfig(config_);
    dialog->accept();
    ASSERT_TRUE(dialog->acceptedConfig()) << (dialog->shownIssue() ? dialog->shownIssue()->message : std::string());
    ASSERT_TRUE(controller.isRunning(kStudy) || finished.count() == 1);
    EXPECT_TRUE(session.hasStudy(kStudy)) << "the new study is listed as soon as it runs";
    EXPECT_TRUE(session.selectedStudies().contains(kStudy)) << "and shown in the views";
    EXPECT_EQ(panel.currentStudy(), kStudy);

    ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }));
    EXPECT_EQ(finished.at(0).at(0).toString(), kStudy);
    EXPECT_EQ(finished.at(0).at(1).value<runner::FinishReason>(), runner::FinishReason::BudgetSpent)
        << finished.at(0).at(2).toString().toStdString();
    const StudySummary* summary = session.summary(kStudy);
    ASSERT_NE(summary, nullptr);
    EXPECT_EQ(summary->trials, 4);
    EXPECT_EQ(summary->states[static_cast<std::size_t>(TrialState::Complete)], 4);
    ASSERT_TRUE(session.waitUntilLoaded());
    EXPECT_EQ(session.hub().table()->rows(), 4u);
    const Study study = load(session);
    for (const Trial& t : study.trials)
        EXPECT_TRUE(t.curve("val_acc") && t.curve("val_acc")->size() == 27) << t.id;
    EXPECT_TRUE(waitFor([&] { return panel.model()->statusOf(kStudy) == RunStatus::Finished; }));
    EXPECT_FALSE(panel.progressList()->isVisibleTo(&panel));
    EXPECT_EQ(controller.lastEnding(kStudy)->reason, runner::FinishReason::BudgetSpent);
}

TEST_F(ControlRunTest, StopLeavesTrialsInterruptedAndResumeContinues)
{
    config_.command.insert(config_.command.end(), {"--sleep", "0.5"});
    config_.budget.maxTrials = 6;
    config_.budget.maxResource = 6;  // 6 epochs of 0.5 s per trial
    ProjectSession session(path_, OpenMode::CreateIfMissing);
    session.setWatchInterval(0);
    ControlPanel panel(session);
    panel.resize(480, 760);
    panel.show();
    StudyRunController& controller = panel.controller();
    QSignalSpy finished(&controller, &StudyRunController::runFinished);

    controller.start(config_);
    ASSERT_TRUE(waitFor([&] {
        const auto progress = controller.progress(kStudy);
        return progress && progress->running == 2;
    }));
    panel.setCurrentStudy(kStudy);
    EXPECT_TRUE(panel.stopAction()->isEnabled());
    EXPECT_FALSE(panel.resumeAction()->isEnabled());
    EXPECT_EQ(panel.model()->statusOf(kStudy), RunStatus::Running);
    EXPECT_TRUE(panel.progressList()->lineOf(kStudy).startsWith(QStringLiteral("0/6 trials · 2 running · 0 failed")))
        << panel.progressList()->lineOf(kStudy).toStdString();
    screenshot(panel, QStringLiteral("control_panel_running.png"));

    panel.stopAction()->trigger();
    ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }));
    EXPECT_EQ(finished.at(0).at(1).value<runner::FinishReason>(), runner::FinishReason::Stopped);
    const Study stopped = load(session);
    ASSERT_EQ(stopped.trials.size(), 2u);
    std::vector<std::string> interrupted;
    for (const Trial& t : stopped.trials) {
        EXPECT_EQ(t.state, TrialState::Failed) << t.id;
        EXPECT_EQ(t.error.rfind("interrupted", 0), 0u) << t.id << ": " << t.error;
        interrupted.push_back(t.id);
    }
    ASSERT_TRUE(waitFor([&] { return panel.model()->statusOf(kStudy) == RunStatus::Interrupted; }));
    EXPECT_TRUE(panel.resumeAction()->isEnabled());

    panel.resumeAction()->trigger();
    EXPECT_TRUE(panel.bannerText().isEmpty()) << panel.bannerText().toStdString();
    EXPECT_TRUE(controller.isRunning(kStudy));
    ASSERT_TRUE(waitFor([&] { return finished.count() == 2; }));
    EXPECT_EQ(finished.at(1).at(1).value<runner::FinishReason>(), runner::FinishReason::BudgetSpent)
        << finished.at(1).at(2).toString().toStdString();
    const Study resumed = load(session);
    ASSERT_EQ(resumed.trials.size(), 6u) << "random search counts the interrupted trials against max_trials";
    for (const Trial& t : resumed.trials) {
        const bool wasInterrupted = std::find(interrupted.begin(), interrupted.end(), t.id) != interrupted.end();
        EXPECT_EQ(t.state, wasInterrupted ? TrialState::Failed : TrialState::Complete) << t.id;
        if (!wasInterrupted) {
            ASSERT_NE(t.curve("val_acc"), nullptr) << t.id;
            EXPECT_EQ(t.curve("val_acc")->size(), 6u) << t.id;
        }
    }
    EXPECT_TRUE(waitFor([&] { return panel.model()->statusOf(kStudy) == RunStatus::Finished; }));
}

// Answers the next question box with the button whose text starts with `answer`.
void answerNextQuestion(const QString& answer)
{
    QTimer::singleShot(0, [answer] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        ASSERT_NE(box, nullptr) << "no question was asked";
        for (QAbstractButton* button : box->buttons())
            if (button->text().startsWith(answer)) {
                button->click();
                return;
            }
        FAIL() << "no button " << answer.toStdString();
    });
}

TEST_F(ControlRunTest, ClosingTheWindowAsksThenStopsTheRunsResumably)
{
    config_.command.insert(config_.command.end(), {"--sleep", "1"});
    ProjectSession session(path_, OpenMode::CreateIfMissing);
    session.setWatchInterval(0);
    QMainWindow window;
    auto* panel = new ControlPanel(session);
    window.setCentralWidget(panel);
    window.show();
    StudyRunController& controller = panel->controller();
    EXPECT_EQ(&controller, &StudyRunController::of(session)) << "one controller per session";
    controller.start(config_);
    ASSERT_TRUE(waitFor([&] { return controller.progress(kStudy) && controller.progress(kStudy)->running > 0; }));

    answerNextQuestion(QStringLiteral("Cancel"));
    EXPECT_FALSE(window.close()) << "the user chose to keep the run going";
    EXPECT_TRUE(window.isVisible());
    EXPECT_TRUE(controller.isRunning(kStudy));

    answerNextQuestion(QStringLiteral("Stop and close"));
    EXPECT_TRUE(window.close());
    EXPECT_TRUE(controller.runningStudies().isEmpty()) << "stopped before the window went";
    EXPECT_EQ(controller.lastEnding(kStudy)->reason, runner::FinishReason::Stopped);
    const Study study = load(session);
    ASSERT_FALSE(study.trials.empty());
    for (const Trial& t : study.trials)
        EXPECT_EQ(t.error.rfind("interrupted", 0), 0u) << t.id << ": " << t.error;
    EXPECT_TRUE(controller.stopAllAndWait(1000)) << "nothing left to stop";
}

TEST_F(ControlRunTest, ARefusedStartNamesTheProblemAndWritesNothing)
{
    ProjectSession session(path_, OpenMode::CreateIfMissing);
    session.setWatchInterval(0);
    ControlPanel panel(session);
    config_.command[1] = "no_such_trainer.py";
    config_.command[0] = "/nonexistent/python3";
    try {
        panel.controller().start(config_);
        FAIL() << "a missing program was accepted";
    } catch (const runner::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("command[0]"), std::string::npos) << e.what();
    }
    session.checkForChanges();
    EXPECT_FALSE(session.hasStudy(kStudy));
}

TEST(ControlPanelLook, PanelAndDialogOnTheDemoProject)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.tendril"));
    ensureDemoProject(path);
    ProjectSession session(path, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    // The first study, and the first refinement with the study it refines.
    QString refined;
    QString parent;
    for (const StudySummary& s : session.summaries())
        if (!s.parent.empty() && refined.isEmpty()) {
            refined = QString::fromStdString(s.name);
            parent = QString::fromStdString(s.parent);
        }
    ASSERT_FALSE(refined.isEmpty()) << "the demo shows a refinement";
    session.setSelectedStudies({session.studyNames().value(0), parent, refined});
    ASSERT_TRUE(session.waitUntilLoaded());

    ControlPanel panel(session);
    panel.resize(480, 800);
    panel.show();
    panel.setCurrentStudy(parent);
    const StudyTreeModel& model = *panel.model();
    EXPECT_EQ(model.parent(model.indexOf(refined)), model.indexOf(parent));
    for (const QString& name : session.studyNames())
        EXPECT_EQ(model.statusOf(name), RunStatus::Finished) << name.toStdString();
    const QImage image = screenshot(panel, QStringLiteral("control_panel.png"));
    EXPECT_EQ(image.width(), 480);
    EXPECT_GT(colourCount(image), 40) << "study swatches, state bars and text";

    // Refine with brushes on the views: the space tab shows what was narrowed.
    const TrialTable& table = *session.hub().table();
    ASSERT_TRUE(table.paramColumn("learning_rate_init") && table.paramColumn("activation"));
    session.hub().setBrush(QStringLiteral("overview"),
                           {{*table.paramColumn("learning_rate_init"), 1e-3, 3e-2, {}}, {*table.paramColumn("activation"), 0, 0, {0, 1}}});
    session.hub().flush();
    std::unique_ptr<StudyDialog> dialog(panel.createRefineDialog());
    ASSERT_TRUE(dialog);
    dialog->show();
    auto* tabs = dialog->findChild<QTabWidget*>(QStringLiteral("tabs"));
    const char* const pictures[] = {"study_dialog_study.png", "study_dialog_space.png", "study_dialog_algorithm.png",
                                    "study_dialog_budget.png"};
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        EXPECT_GT(colourCount(screenshot(*dialog, QString::fromLatin1(pictures[i]))), 20) << pictures[i];
    }
    // The demo project carries its training script, so its studies refine as they are.
    EXPECT_TRUE(dialog->checkedConfig()) << (dialog->shownIssue() ? dialog->shownIssue()->message : std::string());
    EXPECT_FALSE(dialog->shownIssue());

    // A new study starts from an empty space; the grid example shows its size on the algorithm tab.
    std::unique_ptr<StudyDialog> fresh(panel.createNewStudyDialog());
    fresh->show();
    auto* freshTabs = fresh->findChild<QTabWidget*>(QStringLiteral("tabs"));
    freshTabs->setCurrentIndex(1);
    screenshot(*fresh, QStringLiteral("study_dialog_new_space.png"));
    fresh->setConfig(readStudyConfig(tendril::testing::sourceDir() + "/resources/examples/synthetic/grid.json"));
    freshTabs->setCurrentIndex(2);
    screenshot(*fresh, QStringLiteral("study_dialog_grid.png"));
}

} // namespace
} // namespace tendril::app
