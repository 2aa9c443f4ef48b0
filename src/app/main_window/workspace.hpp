// The views of an open project, each in a dock, arranged as HyperTendril's screen: the control
// panel on the left; the optimization overview and the trade-off plot above; the learning curves
// and the selected experiments (tabbed with the full trials table) below.
//
// A QMainWindow of its own, embedded in the application window, so the dock arrangement belongs to
// the project's page and the welcome page can take the whole window when no project is open.
#pragma once

#include <QMainWindow>

#include <utility>
#include <vector>

class QDockWidget;

namespace tendril::app {

class ControlPanel;
class CurvesView;
class ExplorationView;
class OverviewView;
class ProjectSession;
class SelectedView;
class SpaceView;
class TradeoffView;
class TrialsView;
namespace importance {
class ImportanceView;
}

class Workspace : public QMainWindow {
    Q_OBJECT

public:
    explicit Workspace(ProjectSession& session, QWidget* parent = nullptr);

    // Docks by the names --view accepts (control, overview, tradeoff, curves, selected, trials);
    // nullptr for other names.
    QWidget* view(const QString& name) const;
    QStringList viewNames() const;
    QList<QDockWidget*> docks() const;
    // Brings a view's dock to the front (its tab raised, shown if it was closed).
    void showView(const QString& name);

    ControlPanel* controlPanel() const { return control_; }
    OverviewView* overviewView() const { return overview_; }
    TradeoffView* tradeoffView() const { return tradeoff_; }
    CurvesView* curvesView() const { return curves_; }
    SelectedView* selectedView() const { return selected_; }
    TrialsView* trialsView() const { return trials_; }
    SpaceView* spaceView() const { return space_; }
    importance::ImportanceView* importanceView() const { return importance_; }
    ExplorationView* explorationView() const { return exploration_; }

    QByteArray saveLayout() const;
    // False when the saved bytes are from another version of the layout; the default stays.
    bool restoreLayout(const QByteArray& state);
    void resetLayout();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QDockWidget* addView(const QString& name, const QString& title, QWidget* view);
    QDockWidget* dock(const QString& name) const;
    void sizeDocks();

    ControlPanel* control_;
    OverviewView* overview_;
    TradeoffView* tradeoff_;
    CurvesView* curves_;
    SelectedView* selected_;
    TrialsView* trials_;
    SpaceView* space_;
    importance::ImportanceView* importance_;
    ExplorationView* exploration_;
    std::vector<std::pair<QString, QDockWidget*>> docks_;  // view name and dock, in the order added
    // Dock sizes only take once the window has its size; resetLayout before that waits for show.
    bool sizeDocksWhenShown_ = false;
};

} // namespace tendril::app
