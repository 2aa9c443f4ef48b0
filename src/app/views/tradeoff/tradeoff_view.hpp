// The trade-off view of the optimization overview (paper 5.2): any two metrics (or a metric and a
// parameter) of the shown studies against each other, with the Pareto front marked, so the user
// can pick the best models that satisfy a second requirement such as model size.
//
// Points are coloured by study and shaped by state; trials other views filter out stay as faint
// context; selected trials are drawn on top. A click, a rectangle or a lasso sets the hub's
// selection (Ctrl adds), and hovering a point sets the hub's hovered trial.
//
// The view's parts live in tendril::app::tradeoff, so their plain names (nearestRow, PlotAxis)
// never clash with another view's.
#pragma once

#include "session/trial_table.hpp"

#include <QString>
#include <QWidget>

#include <map>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QToolButton;

namespace tendril::app {

namespace plot {
class ElidedLabel;
} // namespace plot

namespace tradeoff {
class ScatterPlot;
class TradeoffLegend;
} // namespace tradeoff

class ProjectSession;

class TradeoffView : public QWidget {
    Q_OBJECT

public:
    // The name this view's actions carry in the hub.
    static inline const QString kSource = QStringLiteral("tradeoff");

    explicit TradeoffView(ProjectSession& session, QWidget* parent = nullptr);

    tradeoff::ScatterPlot* plot() const { return plot_; }
    QComboBox* xChooser() const { return xChooser_; }
    QComboBox* yChooser() const { return yChooser_; }
    QCheckBox* xLogToggle() const { return xLog_; }
    QCheckBox* yLogToggle() const { return yLog_; }
    QToolButton* lassoToggle() const { return lasso_; }
    tradeoff::TradeoffLegend* legend() const { return legend_; }
    // "218 of 230 trials plotted · 12 filtered out · 7 on the Pareto front · 3 selected"; the
    // label shows as much of it as fits.
    QString statusText() const;

    // Puts these table columns on the axes (as if chosen in the combo boxes).
    void showColumns(std::size_t xColumn, std::size_t yColumn);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();
    void rebuildFromTable();
    void fillChooser(QComboBox* chooser, const std::vector<std::size_t>& columns);
    std::optional<std::size_t> chosenColumn(const QComboBox* chooser) const;
    void axesChosen();
    void logToggled();
    void syncLogToggle(QCheckBox* toggle, std::optional<std::size_t> column);
    void applyAxes();
    void applyFilter();
    void applySelection();
    void applyHover();
    void updateLegend();
    void updateStatus();
    QString emptyText() const;

    ProjectSession& session_;
    tradeoff::ScatterPlot* plot_;
    QComboBox* xChooser_;
    QComboBox* yChooser_;
    QCheckBox* xLog_;
    QCheckBox* yLog_;
    QToolButton* lasso_;
    tradeoff::TradeoffLegend* legend_;
    plot::ElidedLabel* status_;
    // The log choice per column ("m:" or "p:" + name), so switching axes back keeps it.
    std::map<QString, bool> logChoice_;
    bool syncing_ = false;
};

} // namespace tendril::app
