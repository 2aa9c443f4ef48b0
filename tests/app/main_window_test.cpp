#include "main_window/main_window.hpp"
#include "main_window/workspace.hpp"
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "session/recent_projects.hpp"
#include "test_support.hpp"
#include "views/studies/studies_model.hpp"
#include "views/studies/studies_view.hpp"
#include "views/trials/trials_model.hpp"
#include "views/trials/trials_view.hpp"
#include "welcome/welcome_page.hpp"

#include "tendril/store/project.hpp"

#include <QApplication>
#include <QDockWidget>
#include <QDropEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QUrl>

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::app;

namespace {

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        demo_ = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(demo_);
    }

    // Drops the files onto the window the way a window system delivers a drag: enter, then drop.
    static bool dropFiles(QWidget& target, const QStringList& files)
    {
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString& f : files)
            urls << QUrl::fromLocalFile(f);
        mime.setUrls(urls);
        const QPointF where(target.width() / 2.0, target.height() / 2.0);
        QDragEnterEvent enter(where.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&target, &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent drop(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&target, &drop);
        return drop.isAccepted();
    }

    static QStringList listedStudies(const MainWindow& window)
    {
        QStringList names;
        const QAbstractItemModel* model = window.workspace()->studiesView()->listView()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            names << model->index(r, 0).data(StudiesModel::NameRole).toString();
        return names;
    }

    QTemporaryDir dir_;
    QString demo_;
    MainWindow::Options options_{.rememberState = false};
};

} // namespace

TEST_F(MainWindowTest, StartsOnTheWelcomePage)
{
    MainWindow window(options_);
    EXPECT_EQ(window.session(), nullptr);
    EXPECT_EQ(window.workspace(), nullptr);
    EXPECT_EQ(window.windowTitle(), QStringLiteral("Tendril"));
    EXPECT_TRUE(window.welcomePage()->isVisibleTo(&window));
}

TEST_F(MainWindowTest, OpensTheDemoWithItsStudiesListedAndTheFirstShown)
{
    MainWindow window(options_);
    window.resize(1200, 800);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    EXPECT_EQ(window.windowTitle(), QStringLiteral("demo — Tendril"));
    const QStringList names = test::demoStudyNames();
    ASSERT_EQ(names.size(), 5);
    // The refinement is listed right under the study it refines.
    QStringList expected = names;
    expected.removeAll(QStringLiteral("digits-tpe-refined"));
    expected.insert(expected.indexOf(QStringLiteral("digits-tpe")) + 1, QStringLiteral("digits-tpe-refined"));
    EXPECT_EQ(listedStudies(window), expected);

    EXPECT_EQ(window.session()->currentStudyName(), names.first());
    const TrialsModel* trials = window.workspace()->trialsView()->model();
    ASSERT_NE(trials->study(), nullptr);
    EXPECT_EQ(trials->study()->name, names.first().toStdString());
    EXPECT_EQ(trials->rowCount(), static_cast<int>(trials->study()->trials.size()));

    const auto* counts = window.findChild<QLabel*>(QStringLiteral("projectCountsLabel"));
    ASSERT_NE(counts, nullptr);
    EXPECT_EQ(counts->text(), QStringLiteral("5 studies · %1 trials").arg(window.session()->trialCount()));
    EXPECT_EQ(window.findChild<QLabel*>(QStringLiteral("projectPathLabel"))->text(), demo_);
}

TEST_F(MainWindowTest, ChoosingAStudyInTheListShowsItsTrials)
{
    MainWindow window(options_);
    ASSERT_EQ(window.openProject(demo_), QString());
    QListView* list = window.workspace()->studiesView()->listView();
    const int row = window.workspace()->studiesView()->model()->rowOf(QStringLiteral("digits-pbt"));
    list->setCurrentIndex(list->model()->index(row, 0));
    EXPECT_EQ(window.session()->selectedStudies(), QStringList{QStringLiteral("digits-pbt")});
    EXPECT_EQ(window.workspace()->trialsView()->model()->study()->name, "digits-pbt");

    // And the other way round: the session's selection shows in the list.
    window.session()->setSelectedStudies({QStringLiteral("digits-hyperband")});
    EXPECT_EQ(list->currentIndex().data(StudiesModel::NameRole).toString(), QStringLiteral("digits-hyperband"));
    EXPECT_EQ(window.workspace()->trialsView()->model()->study()->name, "digits-hyperband");
}

TEST_F(MainWindowTest, ViewsAreFoundByName)
{
    MainWindow window(options_);
    ASSERT_EQ(window.openProject(demo_), QString());
    Workspace* workspace = window.workspace();
    EXPECT_EQ(workspace->viewNames(), (QStringList{QStringLiteral("studies"), QStringLiteral("trials")}));
    ASSERT_NE(workspace->view(QStringLiteral("studies")), nullptr);
    EXPECT_TRUE(workspace->view(QStringLiteral("studies"))->isAncestorOf(workspace->studiesView()));
    EXPECT_TRUE(workspace->view(QStringLiteral("trials"))->isAncestorOf(workspace->trialsView()));
    EXPECT_EQ(workspace->view(QStringLiteral("curves")), nullptr);
    EXPECT_EQ(workspace->docks().size(), 2);
}

TEST_F(MainWindowTest, AFailedOpenKeepsTheCurrentProject)
{
    MainWindow window(options_);
    ASSERT_EQ(window.openProject(demo_), QString());
    const QString error = window.openProject(dir_.filePath(QStringLiteral("absent.tendril")));
    EXPECT_TRUE(error.contains(QStringLiteral("absent.tendril"))) << error.toStdString();
    ASSERT_NE(window.session(), nullptr);
    EXPECT_EQ(window.session()->path(), demo_);
}

TEST_F(MainWindowTest, DroppedJsonFilesAreImportedAndSelected)
{
    MainWindow window(options_);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    const QString runs = dir_.filePath(QStringLiteral("dropped.json"));
    test::writeFile(runs, test::nativeJson({test::makeSweepStudy("dropped-sweep")}));

    QSignalSpy finished(&window, &MainWindow::importFinished);
    ASSERT_TRUE(dropFiles(window, {runs}));
    EXPECT_TRUE(window.isImporting() || finished.count() == 1);
    ASSERT_TRUE(finished.count() == 1 || finished.wait(30000));
    EXPECT_EQ(finished.first().first().toStringList(), QStringList{QStringLiteral("dropped-sweep")});

    EXPECT_TRUE(window.session()->hasStudy(QStringLiteral("dropped-sweep")));
    EXPECT_TRUE(listedStudies(window).contains(QStringLiteral("dropped-sweep")));
    EXPECT_EQ(window.session()->selectedStudies(), QStringList{QStringLiteral("dropped-sweep")});
    EXPECT_EQ(window.workspace()->studiesView()->listView()->currentIndex().data(StudiesModel::NameRole).toString(),
              QStringLiteral("dropped-sweep"));
    EXPECT_EQ(window.workspace()->trialsView()->model()->rowCount(), 6);
    EXPECT_TRUE(window.findChild<QLabel*>(QStringLiteral("projectCountsLabel"))->text().startsWith(QStringLiteral("6 studies")));
}

TEST_F(MainWindowTest, ABadDroppedFileShowsTheErrorAndChangesNothing)
{
    MainWindow window(options_);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    const QString bad = dir_.filePath(QStringLiteral("bad-runs.json"));
    test::writeFile(bad, R"({"format": "tendril/9", "studies": []})");

    QSignalSpy failed(&window, &MainWindow::importFailed);
    ASSERT_TRUE(dropFiles(window, {bad}));
    ASSERT_TRUE(failed.count() == 1 || failed.wait(30000));
    const QString message = failed.first().first().toString();
    EXPECT_TRUE(message.contains(QStringLiteral("bad-runs.json"))) << message.toStdString();

    auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorMessage"));
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->text(), message);
    box->close();
    EXPECT_EQ(window.session()->studyNames().size(), 5);
    EXPECT_EQ(Project(demo_.toStdString(), OpenMode::ReadOnly).studyNames().size(), 5u);
}

TEST_F(MainWindowTest, OnlyJsonFilesAreAcceptedForDropping)
{
    MainWindow window(options_);
    ASSERT_EQ(window.openProject(demo_), QString());
    const QString text = dir_.filePath(QStringLiteral("notes.txt"));
    test::writeFile(text, "hello");
    EXPECT_FALSE(dropFiles(window, {text}));
    EXPECT_FALSE(window.isImporting());
}

TEST_F(MainWindowTest, ClosingTheProjectReturnsToTheWelcomePage)
{
    MainWindow window(options_);
    ASSERT_EQ(window.openProject(demo_), QString());
    window.closeProject();
    EXPECT_EQ(window.session(), nullptr);
    EXPECT_EQ(window.workspace(), nullptr);
    EXPECT_EQ(window.windowTitle(), QStringLiteral("Tendril"));
}

TEST_F(MainWindowTest, RemembersTheArrangementAndRecentProjects)
{
    RecentProjects::clear();
    {
        MainWindow window;  // remembers by default
        window.resize(1100, 700);
        window.show();
        ASSERT_EQ(window.openProject(demo_), QString());
        auto* studiesDock = static_cast<QDockWidget*>(window.workspace()->view(QStringLiteral("studies")));
        studiesDock->hide();
        window.close();
    }
    EXPECT_EQ(RecentProjects::list(), QStringList{demo_});
    {
        MainWindow window;
        window.show();
        EXPECT_EQ(window.welcomePage()->shownRecentProjects(), QStringList{demo_});
        ASSERT_EQ(window.openProject(demo_), QString());
        EXPECT_FALSE(window.workspace()->view(QStringLiteral("studies"))->isVisible());
        EXPECT_TRUE(window.workspace()->view(QStringLiteral("trials"))->isVisible());
        window.close();
    }
    RecentProjects::clear();
    QSettings().remove(QStringLiteral("window"));
}

TEST_F(MainWindowTest, ViewMenuListsEveryDock)
{
    MainWindow window(options_);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    QMenu* viewMenu = nullptr;
    for (QAction* action : window.menuBar()->actions())
        if (action->text() == QStringLiteral("&View"))
            viewMenu = action->menu();
    ASSERT_NE(viewMenu, nullptr);
    QStringList texts;
    for (QAction* action : viewMenu->actions())
        if (!action->isSeparator())
            texts << action->text();
    EXPECT_EQ(texts, (QStringList{QStringLiteral("Studies"), QStringLiteral("Trials"), QStringLiteral("&Reset Layout")}));
    // The entries are the docks' own toggles: unchecking one hides the view.
    viewMenu->actions().first()->trigger();
    EXPECT_TRUE(window.workspace()->view(QStringLiteral("studies"))->isHidden());
}
