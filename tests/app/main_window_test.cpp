#include "main_window/busy_indicator.hpp"
#include "main_window/main_window.hpp"
#include "main_window/workspace.hpp"
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "session/recent_projects.hpp"
#include "style/app_style.hpp"
#include "test_support.hpp"
#include "views/control/control_panel.hpp"
#include "views/control/study_tree_model.hpp"
#include "views/curves/curves_view.hpp"
#include "views/exploration/exploration_view.hpp"
#include "views/importance/importance_view.hpp"
#include "views/overview/overview_view.hpp"
#include "views/selected/selected_view.hpp"
#include "views/space/space_view.hpp"
#include "views/tradeoff/tradeoff_view.hpp"
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
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTest>
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
        return window.workspace()->controlPanel()->model()->treeOrder();
    }

    // The all-trials view fills its table only while on screen: brings its tab to the front once
    // the session has read the shown studies.
    static const TrialsModel& trialsOnScreen(MainWindow& window)
    {
        EXPECT_TRUE(window.session()->waitUntilLoaded());
        window.workspace()->view(QStringLiteral("trials"))->raise();
        QCoreApplication::processEvents();
        return *window.workspace()->trialsView()->model();
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
    ASSERT_EQ(names.size(), 8);
    // The refinement is listed right under the study it refines.
    QStringList expected = names;
    expected.removeAll(QStringLiteral("digits-tpe-refined"));
    expected.insert(expected.indexOf(QStringLiteral("digits-tpe")) + 1, QStringLiteral("digits-tpe-refined"));
    EXPECT_EQ(listedStudies(window), expected);

    EXPECT_EQ(window.session()->currentStudyName(), names.first());
    const TrialsModel* trials = &trialsOnScreen(window);
    ASSERT_NE(trials->study(), nullptr);
    EXPECT_EQ(trials->study()->name, names.first().toStdString());
    EXPECT_EQ(trials->rowCount(), static_cast<int>(trials->study()->trials.size()));

    const auto* counts = window.findChild<QLabel*>(QStringLiteral("projectCountsLabel"));
    ASSERT_NE(counts, nullptr);
    EXPECT_EQ(counts->text(), QStringLiteral("8 studies · %1 trials").arg(window.session()->trialCount()));
    EXPECT_EQ(window.findChild<QLabel*>(QStringLiteral("projectPathLabel"))->text(), demo_);
}

TEST_F(MainWindowTest, CheckingStudiesInTheControlPanelShowsThemInTheViews)
{
    MainWindow window(options_);
    window.resize(1200, 800);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    StudyTreeModel* tree = window.workspace()->controlPanel()->model();
    const QModelIndex first = tree->indexOf(test::demoStudyNames().first());
    const QModelIndex pbt = tree->indexOf(QStringLiteral("digits-pbt"));
    ASSERT_TRUE(pbt.isValid());
    ASSERT_TRUE(tree->setData(first, Qt::Unchecked, Qt::CheckStateRole));
    ASSERT_TRUE(tree->setData(pbt, Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(window.session()->selectedStudies(), QStringList{QStringLiteral("digits-pbt")});
    ASSERT_NE(trialsOnScreen(window).study(), nullptr);
    EXPECT_EQ(trialsOnScreen(window).study()->name, "digits-pbt");
    EXPECT_EQ(window.session()->hub().table()->study(0).name, "digits-pbt");

    // And the other way round: the session's choice shows as check marks.
    window.session()->setSelectedStudies({QStringLiteral("digits-hyperband"), QStringLiteral("digits-bohb")});
    EXPECT_TRUE(tree->indexOf(QStringLiteral("digits-hyperband")).data(StudyTreeModel::ShownRole).toBool());
    EXPECT_TRUE(tree->indexOf(QStringLiteral("digits-bohb")).data(StudyTreeModel::ShownRole).toBool());
    EXPECT_FALSE(pbt.data(StudyTreeModel::ShownRole).toBool());
    ASSERT_NE(trialsOnScreen(window).study(), nullptr);
    EXPECT_EQ(trialsOnScreen(window).study()->name, "digits-hyperband");
}

TEST_F(MainWindowTest, ViewsAreFoundByName)
{
    MainWindow window(options_);
    ASSERT_EQ(window.openProject(demo_), QString());
    Workspace* workspace = window.workspace();
    EXPECT_EQ(workspace->viewNames(),
              (QStringList{QStringLiteral("control"), QStringLiteral("overview"), QStringLiteral("tradeoff"),
                           QStringLiteral("space"), QStringLiteral("importance"), QStringLiteral("exploration"),
                           QStringLiteral("curves"), QStringLiteral("selected"), QStringLiteral("trials")}));
    EXPECT_TRUE(workspace->view(QStringLiteral("control"))->isAncestorOf(workspace->controlPanel()));
    EXPECT_TRUE(workspace->view(QStringLiteral("overview"))->isAncestorOf(workspace->overviewView()));
    EXPECT_TRUE(workspace->view(QStringLiteral("tradeoff"))->isAncestorOf(workspace->tradeoffView()));
    EXPECT_TRUE(workspace->view(QStringLiteral("curves"))->isAncestorOf(workspace->curvesView()));
    EXPECT_TRUE(workspace->view(QStringLiteral("selected"))->isAncestorOf(workspace->selectedView()));
    EXPECT_TRUE(workspace->view(QStringLiteral("trials"))->isAncestorOf(workspace->trialsView()));
    EXPECT_EQ(workspace->view(QStringLiteral("galaxy")), nullptr);
    EXPECT_TRUE(workspace->view(QStringLiteral("space"))->isAncestorOf(workspace->spaceView()));
    EXPECT_TRUE(workspace->view(QStringLiteral("importance"))->isAncestorOf(workspace->importanceView()));
    EXPECT_TRUE(workspace->view(QStringLiteral("exploration"))->isAncestorOf(workspace->explorationView()));
    EXPECT_EQ(workspace->docks().size(), 9);
}

TEST_F(MainWindowTest, DoubleClickOnASelectedExperimentBringsItsCurvesToTheFront)
{
    MainWindow window(options_);
    window.resize(1400, 900);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    Workspace* workspace = window.workspace();
    auto* curves = static_cast<QDockWidget*>(workspace->view(QStringLiteral("curves")));
    workspace->tabifyDockWidget(curves, static_cast<QDockWidget*>(workspace->view(QStringLiteral("trials"))));
    workspace->view(QStringLiteral("trials"))->raise();
    QCoreApplication::processEvents();
    ASSERT_TRUE(curves->visibleRegion().isEmpty());
    emit workspace->selectedView()->openModelAnalysis(TrialKey{});
    QCoreApplication::processEvents();
    EXPECT_FALSE(curves->visibleRegion().isEmpty());
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
    EXPECT_EQ(trialsOnScreen(window).rowCount(), 6);
    EXPECT_TRUE(window.findChild<QLabel*>(QStringLiteral("projectCountsLabel"))->text().startsWith(QStringLiteral("9 studies")));
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
    EXPECT_EQ(window.session()->studyNames().size(), 8);
    EXPECT_EQ(Project(demo_.toStdString(), OpenMode::ReadOnly).studyNames().size(), 8u);
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
        auto* controlDock = static_cast<QDockWidget*>(window.workspace()->view(QStringLiteral("control")));
        controlDock->hide();
        window.close();
    }
    EXPECT_EQ(RecentProjects::list(), QStringList{demo_});
    {
        MainWindow window;
        window.show();
        EXPECT_EQ(window.welcomePage()->shownRecentProjects(), QStringList{demo_});
        ASSERT_EQ(window.openProject(demo_), QString());
        EXPECT_FALSE(window.workspace()->view(QStringLiteral("control"))->isVisible());
        EXPECT_TRUE(window.workspace()->view(QStringLiteral("overview"))->isVisible());
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
    EXPECT_EQ(texts, (QStringList{QStringLiteral("Control Panel"), QStringLiteral("Optimization Overview"),
                                  QStringLiteral("Trade-offs"), QStringLiteral("Search Space"),
                                  QStringLiteral("Hyperparameter Importance"), QStringLiteral("Exploration Overview"),
                                  QStringLiteral("Model Analysis"),
                                  QStringLiteral("Selected Experiments"), QStringLiteral("All Trials"),
                                  QStringLiteral("&Reset Layout"), QStringLiteral("&Dark Theme")}));
    // The entries are the docks' own toggles: unchecking one hides the view.
    viewMenu->actions().first()->trigger();
    EXPECT_TRUE(window.workspace()->view(QStringLiteral("control"))->isHidden());
    // Ctrl+1 brings it back to the front.
    QAction* first = nullptr;
    for (QAction* action : window.workspace()->actions())
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_1))
            first = action;
    ASSERT_NE(first, nullptr);
    first->trigger();
    EXPECT_FALSE(window.workspace()->view(QStringLiteral("control"))->isHidden());
}

TEST_F(MainWindowTest, TheDarkThemeSwitchesThePaletteAndIsRemembered)
{
    MainWindow window(options_);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    auto* dark = window.findChild<QAction*>(QStringLiteral("darkThemeAction"));
    ASSERT_NE(dark, nullptr);
    ASSERT_FALSE(dark->isChecked());
    const QColor lightBase = window.workspace()->view(QStringLiteral("overview"))->palette().color(QPalette::Base);
    dark->trigger();
    QCoreApplication::processEvents();
    EXPECT_EQ(currentTheme(), Theme::Dark);
    EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 128);
    // The views inherit the palette, so their plots repaint in dark colours.
    const QColor darkBase = window.workspace()->view(QStringLiteral("overview"))->palette().color(QPalette::Base);
    EXPECT_LT(darkBase.lightness(), 128);
    EXPECT_NE(darkBase, lightBase);
    EXPECT_EQ(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));
    dark->trigger();
    EXPECT_EQ(currentTheme(), Theme::Light);
    EXPECT_GT(QApplication::palette().color(QPalette::Window).lightness(), 200);
    EXPECT_EQ(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("light"));
    QSettings().remove(QStringLiteral("appearance"));
}

TEST_F(MainWindowTest, TheStatusBarSaysWhatIsLoadingUntilTheCurvesAreIn)
{
    MainWindow window(options_);
    window.show();
    auto* busy = window.findChild<BusyIndicator*>(QStringLiteral("busyIndicator"));
    ASSERT_NE(busy, nullptr);
    EXPECT_EQ(busy->text(), QString());
    QStringList seen;
    ASSERT_EQ(window.openProject(demo_), QString());
    ProjectSession* session = window.session();
    QObject::connect(session, &ProjectSession::shownStudiesLoaded, [&] { seen << busy->text(); });
    seen << busy->text();
    session->setSelectedStudies({QStringLiteral("digits-pbt"), QStringLiteral("digits-tpe")});
    seen << busy->text();
    ASSERT_TRUE(session->waitUntilLoaded());
    QCoreApplication::processEvents();
    // Reading the two studies, then their curves; nothing once both are in.
    EXPECT_TRUE(seen.contains(QStringLiteral("Loading 2 studies…"))) << seen.join(QStringLiteral(" | ")).toStdString();
    EXPECT_TRUE(seen.contains(QStringLiteral("Loading learning curves…"))) << seen.join(QStringLiteral(" | ")).toStdString();
    EXPECT_EQ(busy->text(), QString());
    EXPECT_TRUE(busy->isHidden());
}

// On a full-HD screen every view of the default arrangement fits its dock: none needs its
// scroll bars (they are for small screens and narrow docks).
TEST_F(MainWindowTest, EveryViewFitsItsDockOnAFullHdScreen)
{
    MainWindow window(options_);
    window.resize(1920, 1080);
    window.show();
    ASSERT_EQ(window.openProject(demo_), QString());
    window.session()->setSelectedStudies({QStringLiteral("digits-hyperband"), QStringLiteral("digits-pbt")});
    ASSERT_TRUE(window.session()->waitUntilLoaded());
    window.session()->hub().flush();
    QTest::qWait(50);
    for (QDockWidget* dock : window.workspace()->docks()) {
        if (dock->visibleRegion().isEmpty())
            continue;  // a tab behind another
        auto* scroll = qobject_cast<QScrollArea*>(dock->widget());
        ASSERT_NE(scroll, nullptr);
        EXPECT_EQ(scroll->verticalScrollBar()->maximum(), 0)
            << dock->objectName().toStdString() << ": view " << scroll->widget()->minimumSizeHint().height()
            << " px high at least, dock " << scroll->viewport()->height();
        EXPECT_EQ(scroll->horizontalScrollBar()->maximum(), 0)
            << dock->objectName().toStdString() << ": view " << scroll->widget()->minimumSizeHint().width()
            << " px wide at least, dock " << scroll->viewport()->width();
    }
}
