#include "main_window/workspace.hpp"

#include "views/studies/studies_view.hpp"
#include "views/trials/trials_view.hpp"

#include <QDockWidget>

namespace tendril::app {

namespace {
// Bumped whenever views are added or renamed, so an old saved arrangement is not forced on new docks.
constexpr int kLayoutVersion = 1;
constexpr int kStudiesWidth = 330;
} // namespace

Workspace::Workspace(ProjectSession& session, QWidget* parent)
    : QMainWindow(parent), studies_(new StudiesView(session)), trials_(new TrialsView(session))
{
    setWindowFlags(Qt::Widget);  // a page inside the application window, not a window of its own
    setObjectName(QStringLiteral("workspace"));
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);

    addView(QStringLiteral("studies"), tr("Studies"), studies_, Qt::LeftDockWidgetArea);
    addView(QStringLiteral("trials"), tr("Trials"), trials_, Qt::RightDockWidgetArea);
    resetLayout();
}

QDockWidget* Workspace::addView(const QString& name, const QString& title, QWidget* view, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name + QStringLiteral("Dock"));  // saveState() finds docks by object name
    dock->setWidget(view);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    docks_.emplace_back(name, dock);
    return dock;
}

QWidget* Workspace::view(const QString& name) const
{
    for (const auto& [viewName, dock] : docks_)
        if (viewName == name)
            return dock;
    return nullptr;
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
    for (QDockWidget* dock : docks()) {
        dock->setFloating(false);
        dock->show();
    }
    auto* studies = static_cast<QDockWidget*>(view(QStringLiteral("studies")));
    auto* trials = static_cast<QDockWidget*>(view(QStringLiteral("trials")));
    addDockWidget(Qt::LeftDockWidgetArea, studies);
    addDockWidget(Qt::RightDockWidgetArea, trials);
    if (isVisible())
        resizeDocks({studies, trials}, {kStudiesWidth, width() - kStudiesWidth}, Qt::Horizontal);
    else
        sizeDocksWhenShown_ = true;
}

void Workspace::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (sizeDocksWhenShown_) {
        sizeDocksWhenShown_ = false;
        auto* studies = static_cast<QDockWidget*>(view(QStringLiteral("studies")));
        auto* trials = static_cast<QDockWidget*>(view(QStringLiteral("trials")));
        // Both sizes: with no central widget, the docks split whatever the one named leaves over.
        resizeDocks({studies, trials}, {kStudiesWidth, width() - kStudiesWidth}, Qt::Horizontal);
    }
}

} // namespace tendril::app
