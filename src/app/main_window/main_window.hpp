// The application window: the welcome page or the open project's workspace, the menus, the status
// bar, and the file operations (new, open, import, export) with their error reporting.
#pragma once

#include "tendril/store/project.hpp"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QMenu;
class QStackedWidget;

namespace tendril::app {

class BusyIndicator;
class ImportJob;
struct ImportOutcome;
class ProjectSession;
class WelcomePage;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    struct Options {
        // Restore and save the window arrangement, and record opened projects as recent. Off for
        // screenshots, which must look the same on every machine and leave no trace.
        bool rememberState = true;
    };

    explicit MainWindow(Options options, QWidget* parent = nullptr);
    MainWindow() : MainWindow(Options{}) {}
    ~MainWindow() override;

    // Opens a project in place of the current one. Returns an empty string on success, otherwise
    // one line naming the file and what is wrong; the current project then stays open.
    QString openProject(const QString& path, OpenMode mode = OpenMode::ReadWrite);
    // Closes the project; studies this window runs are stopped first (their running trials are
    // recorded interrupted, so Resume continues them).
    void closeProject();
    // Before the user leaves the project (close, open another, quit): when studies are running,
    // asks whether to stop them. False when the user keeps them running.
    bool mayCloseProject();

    // Starts importing run files into the open project in the background. False (with a message
    // shown) when no project is open or an import is already running.
    bool importFiles(const QStringList& files);
    bool isImporting() const;

    ProjectSession* session() const { return session_.get(); }
    Workspace* workspace() const { return workspace_; }
    WelcomePage* welcomePage() const { return welcome_; }

signals:
    void projectOpened(const QString& path);
    void importFinished(const QStringList& storedNames);
    void importFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    static constexpr int kStatusMessageMs = 6000;

    void buildMenus();
    void rebuildViewMenu();
    void rebuildRecentMenu();
    void updateTitleAndStatus();
    void updateActions();
    void saveWorkspaceLayout();
    void rememberProject(const QString& path);

    void newProjectDialog();
    void openProjectDialog();
    void openDemo();
    void openRecent(const QString& path);
    void importDialog();
    void exportDialog();
    void showAbout();

    void importStarted(const QStringList& files);
    void importDone(const ImportOutcome& outcome);
    void showError(const QString& title, const QString& message);

    Options options_;
    std::unique_ptr<ProjectSession> session_;
    QStackedWidget* pages_;
    WelcomePage* welcome_;
    QPointer<Workspace> workspace_;
    ImportJob* import_;
    QString importProject_;  // the project the running import writes to

    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QAction* importAction_ = nullptr;
    QAction* exportAction_ = nullptr;
    QAction* closeAction_ = nullptr;
    QLabel* pathLabel_;
    QLabel* countsLabel_;
    BusyIndicator* busy_;
};

} // namespace tendril::app
