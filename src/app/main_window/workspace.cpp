#include "main_window/workspace.hpp"

#include "main_window/view_holder.hpp"

#include "views/control/control_panel.hpp"
#include "views/curves/curves_view.hpp"
#include "views/exploration/exploration_view.hpp"
#include "views/importance/importance_view.hpp"
#include "views/overview/overview_view.hpp"
#include "views/selected/selected_view.hpp"
#include "views/space/space_view.hpp"
#include "views/tradeoff/tradeoff_view.hpp"
#include "views/trials/trials_view.hpp"

#include <QAction>
#include <QDockWidget>
#include <QScrollArea>

#include <algorithm>

namespace tendril::app {

namespace {
// Bumped whenever views are added or renamed, so an old saved arrangement is not forced on new docks.
constexpr int kLayoutVersion = 3;
constexpr int kControlWidth = 340;
constexpr QSize kMinimumViewSize(220, 160);
} // namespace

Workspace::Workspace(ProjectSession& session, QWidget* parent)
    : QMainWindow(parent), control_(new ControlPanel(session)), overview_(new OverviewView(session)),
      tradeoff_(new TradeoffView(session)), curves_(new CurvesView(session)), selected_(new SelectedView(session)),
      trials_(new TrialsView(session)), space_(new SpaceView(session)), importance_(new importance::ImportanceView(session)),
      exploration_(new ExplorationView(session))
{
    setWindowFlags(Qt::Widget);  // a page inside the application window, not a window of its own
    setObjectName(QStringLiteral("workspace"));
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);

    addView(QStringLiteral("control"), tr("Control Panel"), control_);
    addView(QStringLiteral("overview"), tr("Optimization Overview"), overview_);
    addView(QStringLiteral("tradeoff"), tr("Trade-offs"), tradeoff_);
    addView(QStringLiteral("space"), tr("Search Space"), space_);
    addView(QStringLiteral("importance"), tr("Hyperparameter Importance"), importance_);
    addView(QStringLiteral("exploration"), tr("Exploration Overview"), exploration_);
    addView(QStringLiteral("curves"), tr("Model Analysis"), curves_);
    addView(QStringLiteral("selected"), tr("Selected Experiments"), selected_);
    addView(QStringLiteral("trials"), tr("All Trials"), trials_);
    // A double-click on a selected experiment opens its learning curves: the table says which
    // trial through the hub (selection), the workspace only brings the curves to the front.
    connect(selected_, &SelectedView::openModelAnalysis, this, [this] { showView(QStringLiteral("curves")); });
    // Ctrl+1 ... Ctrl+9 bring a view to the front, in the order of the docks.
    int number = 1;
    for (const auto& [name, dock] : docks_) {
        auto* show = new QAction(tr("Go to %1").arg(dock->windowTitle()), this);
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number++)));
        show->setShortcutContext(Qt::WindowShortcut);
        connect(show, &QAction::triggered, this, [this, viewName = name] { showView(viewName); });
        addAction(show);
        dock->toggleViewAction()->setToolTip(
            tr("%1 (%2 brings it to the front)").arg(dock->windowTitle(), show->shortcut().toString(QKeySequence::NativeText)));
    }
    resetLayout();
}

QDockWidget* Workspace::addView(const QString& name, const QString& title, QWidget* view)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name + QStringLiteral("Dock"));  // saveState() finds docks by object name
    // A view's controls may want more room than a dock gets on a small screen; it scrolls then,
    // rather than forcing the window wider than the screen.
    auto* scroll = new QScrollArea;
    scroll->setObjectName(name + QStringLiteral("Scroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setMinimumSize(kMinimumViewSize);
    scroll->setWidget(new ViewHolder(view));
    dock->setWidget(scroll);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    docks_.emplace_back(name, dock);
    return dock;
}

QDockWidget* Workspace::dock(const QString& name) const
{
    for (const auto& [viewName, dock] : docks_)
        if (viewName == name)
            return dock;
    return nullptr;
}

QWidget* Workspace::view(const QString& name) const
{
    return dock(name);
}

QStringList Workspace::viewNames() const
{
    QStringList names;
    for (const auto& [name, dock] : docks_)
        names << name;
    return names;
}

QList<QDockWidget*> Workspace::docks() const
{
    QList<QDockWidget*> docks;
    for (const auto& [name, dock] : docks_)
        docks << dock;
    return docks;
}

void Workspace::showView(const QString& name)
{
    if (QDockWidget* d = dock(name)) {
        d->show();
        d->raise();
    }
}

QByteArray Workspace::saveLayout() const
{
    return saveState(kLayoutVersion);
}

bool Workspace::restoreLayout(const QByteArray& state)
{
    const bool restored = !state.isEmpty() && restoreState(state, kLayoutVersion);
    if (restored)
        sizeDocksWhenShown_ = false;
    return restored;
}

void Workspace::resetLayout()
{
    for (QDockWidget* d : docks()) {
        d->setFloating(false);
        d->show();
    }
    QDockWidget* control = dock(QStringLiteral("control"));
    QDockWidget* overview = dock(QStringLiteral("overview"));
    QDockWidget* tradeoff = dock(QStringLiteral("tradeoff"));
    QDockWidget* curves = dock(QStringLiteral("curves"));
    QDockWidget* selected = dock(QStringLiteral("selected"));
    QDockWidget* trials = dock(QStringLiteral("trials"));
    QDockWidget* space = dock(QStringLiteral("space"));
    QDockWidget* importance = dock(QStringLiteral("importance"));
    QDockWidget* exploration = dock(QStringLiteral("exploration"));
    // The paper's arrangement: the control panel on the left; overviews on top (the optimization
    // overview, with trade-offs behind it; the search space beside it); below, the exploration
    // overview (importance behind it) beside the model analysis (selected experiments and all
    // trials behind it).
    addDockWidget(Qt::LeftDockWidgetArea, control);
    addDockWidget(Qt::RightDockWidgetArea, overview);
    splitDockWidget(overview, exploration, Qt::Vertical);
    splitDockWidget(overview, space, Qt::Horizontal);
    splitDockWidget(exploration, curves, Qt::Horizontal);
    tabifyDockWidget(overview, tradeoff);
    tabifyDockWidget(exploration, importance);
    tabifyDockWidget(curves, selected);
    tabifyDockWidget(selected, trials);
    overview->raise();
    exploration->raise();
    curves->raise();
    if (isVisible())
        sizeDocks();
    else
        sizeDocksWhenShown_ = true;
}

void Workspace::sizeDocks()
{
    QDockWidget* control = dock(QStringLiteral("control"));
    QDockWidget* overview = dock(QStringLiteral("overview"));
    QDockWidget* curves = dock(QStringLiteral("curves"));
    QDockWidget* space = dock(QStringLiteral("space"));
    QDockWidget* exploration = dock(QStringLiteral("exploration"));
    // With no central widget the docks split whatever the ones named leave over.
    const int right = std::max(0, width() - kControlWidth);
    resizeDocks({control, overview}, {kControlWidth, right}, Qt::Horizontal);
    resizeDocks({overview, space}, {right * 9 / 20, right * 11 / 20}, Qt::Horizontal);
    resizeDocks({exploration, curves}, {right * 11 / 20, right * 9 / 20}, Qt::Horizontal);
    resizeDocks({overview, exploration}, {height() / 2, height() / 2}, Qt::Vertical);
}

void Workspace::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (sizeDocksWhenShown_) {
        sizeDocksWhenShown_ = false;
        sizeDocks();
    }
}

} // namespace tendril::app
