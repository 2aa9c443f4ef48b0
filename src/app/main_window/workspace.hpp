// The views of an open project, each in a dock: "Studies" on the left and "Trials" filling the rest.
//
// A QMainWindow of its own, embedded in the application window, so the dock arrangement belongs to
// the project's page and the welcome page can take the whole window when no project is open.
#pragma once

#include <QMainWindow>

#include <utility>
#include <vector>

class QDockWidget;

namespace tendril::app {

class ProjectSession;
class StudiesView;
class TrialsView;

class Workspace : public QMainWindow {
    Q_OBJECT

public:
    explicit Workspace(ProjectSession& session, QWidget* parent = nullptr);

    // Views by the names --view accepts ("studies", "trials"); nullptr for other names.
    QWidget* view(const QString& name) const;
    QStringList viewNames() const;
    QList<QDockWidget*> docks() const;

    StudiesView* studiesView() const { return studies_; }
    TrialsView* trialsView() const { return trials_; }

    QByteArray saveLayout() const;
    // False when the saved bytes are from another version of the layout; the default stays.
    bool restoreLayout(const QByteArray& state);
    void resetLayout();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QDockWidget* addView(const QString& name, const QString& title, QWidget* view, Qt::DockWidgetArea area);

    StudiesView* studies_;
    TrialsView* trials_;
    std::vector<std::pair<QString, QDockWidget*>> docks_;
    // Dock sizes only take once the window has its size; resetLayout before that waits for show.
    bool sizeDocksWhenShown_ = false;  // view name and dock, in the order added
};

} // namespace tendril::app
