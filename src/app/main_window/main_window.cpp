#include "main_window/main_window.hpp"

#include "main_window/busy_indicator.hpp"
#include "main_window/workspace.hpp"
#include "session/import_job.hpp"
#include "session/project_session.hpp"
#include "session/recent_projects.hpp"
#include "views/control/control_panel.hpp"
#include "views/control/study_run_controller.hpp"
#include "welcome/welcome_page.hpp"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>

namespace tendril::app {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kLayoutKey = QStringLiteral("window/workspaceLayout");
constexpr QSize kDefaultSize(1280, 800);

// The local .json files among dragged URLs; anything else is not ours to import.
QStringList droppableFiles(const QMimeData* mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
            files << url.toLocalFile();
    return files;
}

} // namespace

MainWindow::MainWindow(Options options, QWidget* parent)
    : QMainWindow(parent),
      options_(options),
      pages_(new QStackedWidget(this)),
      welcome_(new WelcomePage(pages_)),
      import_(new ImportJob(this)),
      pathLabel_(new QLabel(this)),
      countsLabel_(new QLabel(this)),
      busy_(new BusyIndicator(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    pages_->addWidget(welcome_);
    setCentralWidget(pages_);

    pathLabel_->setObjectName(QStringLiteral("projectPathLabel"));
    countsLabel_->setObjectName(QStringLiteral("projectCountsLabel"));
    statusBar()->setSizeGripEnabled(false);
    statusBar()->addWidget(pathLabel_, 1);
    statusBar()->addPermanentWidget(busy_);
    statusBar()->addPermanentWidget(countsLabel_);

    connect(welcome_, &WelcomePage::newProjectRequested, this, &MainWindow::newProjectDialog);
    connect(welcome_, &WelcomePage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(welcome_, &WelcomePage::openDemoRequested, this, &MainWindow::openDemo);
    connect(welcome_, &WelcomePage::recentProjectRequested, this, &MainWindow::openRecent);
    connect(import_, &ImportJob::started, this, &MainWindow::importStarted);
    connect(import_, &ImportJob::finished, this, &MainWindow::importDone);

    buildMenus();
    welcome_->setRecentProjects(RecentProjects::list());
    if (!options_.rememberState || !restoreGeometry(QSettings().value(kGeometryKey).toByteArray()))
        resize(kDefaultSize);
    updateTitleAndStatus();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The workspace's views hold references to the session: they go first.
    delete workspace_;
}

QString MainWindow::openProject(const QString& path, OpenMode mode)
{
    std::unique_ptr<ProjectSession> session;
    try {
        session = std::make_unique<ProjectSession>(path, mode);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    closeProject();
    session_ = std::move(session);
    workspace_ = new Workspace(*session_, pages_);
    if (options_.rememberState)
        workspace_->restoreLayout(QSettings().value(kLayoutKey).toByteArray());
    pages_->addWidget(workspace_);
    pages_->setCurrentWidget(workspace_);
    workspace_->controlPanel()->treeView()->setFocus();
    connect(session_.get(), &ProjectSession::studiesChanged, this, &MainWindow::updateTitleAndStatus);
    busy_->setSession(session_.get());
    if (!session_->summaries().empty())
        session_->setSelectedStudies({QString::fromStdString(session_->summaries().front().name)});
    rememberProject(session_->path());
    rebuildViewMenu();
    updateTitleAndStatus();
    updateActions();
    emit projectOpened(session_->path());
    return {};
}

bool MainWindow::mayCloseProject()
{
    return !session_ || StudyRunController::of(*session_).confirmStopBeforeClosing(this);
}

void MainWindow::closeProject()
{
    if (!session_)
        return;
    saveWorkspaceLayout();
    // Trials get the grace period the runner gives them; what is left then is killed.
    constexpr int kStopWaitMs = 15000;
    StudyRunController::of(*session_).stopAllAndWait(kStopWaitMs);
    busy_->setSession(nullptr);
    delete workspace_;
    session_.reset();
    pages_->setCurrentWidget(welcome_);
    welcome_->setRecentProjects(RecentProjects::list());
    rebuildViewMenu();
    updateTitleAndStatus();
    updateActions();
}

bool MainWindow::importFiles(const QStringList& files)
{
    if (files.isEmpty())
        return false;
    if (!session_) {
        showError(tr("Import"), tr("Open or create a project first; imported studies are stored in it."));
        return false;
    }
    if (import_->isRunning()) {
        statusBar()->showMessage(tr("An import is already running."), kStatusMessageMs);
        return false;
    }
    importProject_ = session_->path();
    return import_->start(importProject_, files);
}

bool MainWindow::isImporting() const
{
    return import_->isRunning();
}

void MainWindow::importStarted(const QStringList& files)
{
    busy_->setImport(files.size() == 1 ? tr("Importing %1…").arg(QFileInfo(files.first()).fileName())
                                       : tr("Importing %1 files…").arg(files.size()));
    updateActions();
}

void MainWindow::importDone(const ImportOutcome& outcome)
{
    busy_->setImport({});
    updateActions();
    if (!outcome.ok()) {
        showError(tr("Import failed"), outcome.error);
        emit importFailed(outcome.error);
        return;
    }
    if (session_ && session_->path() == importProject_) {
        session_->reload();
        session_->setSelectedStudies(outcome.storedNames);
    }
    statusBar()->showMessage(outcome.storedNames.size() == 1
                                 ? tr("Imported study %1").arg(outcome.storedNames.first())
                                 : tr("Imported %1 studies").arg(outcome.storedNames.size()),
                             kStatusMessageMs);
    emit importFinished(outcome.storedNames);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    // Window-modal and non-blocking: the window keeps painting, and tests can find and close it.
    auto* box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateTitleAndStatus()
{
    if (!session_) {
        setWindowTitle(QStringLiteral("Tendril"));
        pathLabel_->setText(tr("No project open"));
        countsLabel_->clear();
        return;
    }
    setWindowTitle(QStringLiteral("%1 — Tendril").arg(session_->displayName()));
    pathLabel_->setText(session_->path());
    const auto studies = static_cast<qlonglong>(session_->summaries().size());
    const qlonglong trials = session_->trialCount();
    countsLabel_->setText(QStringLiteral("%1 · %2")
                              .arg(studies == 1 ? tr("1 study") : tr("%1 studies").arg(studies),
                                   trials == 1 ? tr("1 trial") : tr("%1 trials").arg(trials)));
}

void MainWindow::updateActions()
{
    const bool open = session_ != nullptr;
    if (importAction_)
        importAction_->setEnabled(open && !import_->isRunning());
    if (exportAction_)
        exportAction_->setEnabled(open && !session_->summaries().empty());
    if (closeAction_)
        closeAction_->setEnabled(open);
}

void MainWindow::saveWorkspaceLayout()
{
    if (options_.rememberState && workspace_)
        QSettings().setValue(kLayoutKey, workspace_->saveLayout());
}

void MainWindow::rememberProject(const QString& path)
{
    if (!options_.rememberState)
        return;
    RecentProjects::add(path);
    rebuildRecentMenu();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!mayCloseProject()) {
        event->ignore();
        return;
    }
    if (options_.rememberState) {
        QSettings().setValue(kGeometryKey, saveGeometry());
        saveWorkspaceLayout();
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppableFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event)
{
    if (!droppableFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QStringList files = droppableFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

} // namespace tendril::app
