// The menus of the application window and what their entries do.
#include "main_window/export_dialog.hpp"
#include "main_window/main_window.hpp"
#include "main_window/workspace.hpp"
#include "session/demo_project.hpp"
#include "session/export_studies.hpp"
#include "session/project_session.hpp"
#include "session/recent_projects.hpp"
#include "style/app_style.hpp"
#include "welcome/welcome_page.hpp"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

namespace tendril::app {

namespace {

QString projectFilter()
{
    return QObject::tr("Tendril project (*.tendril)");
}

QString runsFilter()
{
    return QObject::tr("tendril/1 JSON (*.json);;All files (*)");
}

QString documentsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

} // namespace

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Project…"), QKeySequence(Qt::CTRL | Qt::Key_N), this, &MainWindow::newProjectDialog);
    file->addAction(tr("&Open Project…"), QKeySequence(Qt::CTRL | Qt::Key_O), this, &MainWindow::openProjectDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Demo Project"), this, &MainWindow::openDemo);
    file->addSeparator();
    importAction_ = file->addAction(tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I), this, &MainWindow::importDialog);
    exportAction_ = file->addAction(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportDialog);
    file->addSeparator();
    closeAction_ = file->addAction(tr("&Close Project"), QKeySequence(Qt::CTRL | Qt::Key_W), this, [this] {
        if (mayCloseProject())
            closeProject();
    });
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Tendril"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);

    rebuildRecentMenu();
    rebuildViewMenu();
}

void MainWindow::rebuildViewMenu()
{
    viewMenu_->clear();
    if (!workspace_) {
        viewMenu_->addAction(tr("Open a project to see its views"))->setEnabled(false);
    } else {
        for (QDockWidget* dock : workspace_->docks())
            viewMenu_->addAction(dock->toggleViewAction());
        viewMenu_->addSeparator();
        viewMenu_->addAction(tr("&Reset Layout"), this, [this] {
            if (workspace_)
                workspace_->resetLayout();
        });
    }
    viewMenu_->addSeparator();
    QAction* dark = viewMenu_->addAction(tr("&Dark Theme"));
    dark->setObjectName(QStringLiteral("darkThemeAction"));
    dark->setCheckable(true);
    dark->setChecked(currentTheme() == Theme::Dark);
    dark->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(dark, &QAction::toggled, this, [](bool on) { setTheme(on ? Theme::Dark : Theme::Light); });
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList paths = RecentProjects::list();
    int shortcut = 1;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        QAction* action = recentMenu_->addAction(QStringLiteral("&%1  %2").arg(shortcut++).arg(info.fileName()),
                                                 this, [this, path] { openRecent(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(info.exists());
    }
    if (paths.isEmpty()) {
        recentMenu_->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    recentMenu_->addSeparator();
    recentMenu_->addAction(tr("Clear Recent Projects"), this, [this] {
        RecentProjects::clear();
        rebuildRecentMenu();
        welcome_->setRecentProjects({});
    });
}

void MainWindow::newProjectDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Project"),
                                                QDir(documentsFolder()).filePath(tr("experiments.tendril")),
                                                projectFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".tendril");
    // The file dialog has already asked whether to replace an existing file.
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        showError(tr("New Project"), tr("%1: cannot replace the existing file").arg(path));
        return;
    }
    if (!mayCloseProject())
        return;
    if (const QString error = openProject(path, OpenMode::CreateIfMissing); !error.isEmpty())
        showError(tr("New Project"), error);
}

void MainWindow::openProjectDialog()
{
    const QString start = session_ ? QFileInfo(session_->path()).absolutePath() : documentsFolder();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), start,
                                                      projectFilter() + QStringLiteral(";;") + tr("All files (*)"));
    if (path.isEmpty() || !mayCloseProject())
        return;
    if (const QString error = openProject(path); !error.isEmpty())
        showError(tr("Open Project"), error);
}

void MainWindow::openDemo()
{
    if (!mayCloseProject())
        return;
    const QString path = defaultDemoProjectPath();
    try {
        ensureDemoProject(path);
    } catch (const std::exception& e) {
        showError(tr("Open Demo"), QString::fromStdString(e.what()));
        return;
    }
    if (const QString error = openProject(path); !error.isEmpty())
        showError(tr("Open Demo"), error);
}

void MainWindow::openRecent(const QString& path)
{
    if (!mayCloseProject())
        return;
    if (const QString error = openProject(path); !error.isEmpty()) {
        if (!QFileInfo::exists(path)) {
            RecentProjects::remove(path);
            rebuildRecentMenu();
            welcome_->setRecentProjects(RecentProjects::list());
        }
        showError(tr("Open Project"), error);
    }
}

void MainWindow::importDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Runs"), documentsFolder(), runsFilter());
    importFiles(files);
}

void MainWindow::exportDialog()
{
    if (!session_)
        return;
    ExportDialog dialog(session_->selectedStudies(), session_->studyNames(), documentsFolder(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        exportStudies(*session_, dialog.studies(), dialog.path(), dialog.format());
        QApplication::restoreOverrideCursor();
        statusBar()->showMessage(tr("Exported %1 to %2")
                                     .arg(dialog.studies().size() == 1 ? dialog.studies().first()
                                                                       : tr("%1 studies").arg(dialog.studies().size()),
                                          dialog.path()),
                                 kStatusMessageMs);
    } catch (const std::exception& e) {
        QApplication::restoreOverrideCursor();
        showError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Tendril"),
                       tr("<h3>Tendril %1</h3>"
                          "<p>Visual analytics for hyperparameter optimization: see how a search "
                          "explored, which hyperparameters matter, and steer the next one.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace tendril::app
