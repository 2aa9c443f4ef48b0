// What the trade-off plot can put on its axes and how a table column becomes a drawable axis.
// Widget-free.
#pragma once

#include "session/trial_table.hpp"
#include "plot/axis_scale.hpp"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tendril::app::tradeoff {

// The columns an axis can show, in the order the choosers list them: metrics (the objective first)
// then parameters. A column no trial has a value for is left out.
std::vector<std::size_t> plottableColumns(const TrialTable& table);

// The objective on y; on x a model-size metric when one is reported (the paper's accuracy against
// model size), else the first other metric, else the first parameter. nullopt when the table has
// fewer than two plottable columns.
struct AxisPair {
    std::size_t x = 0;
    std::size_t y = 0;
    friend bool operator==(const AxisPair&, const AxisPair&) = default;
};
std::optional<AxisPair> defaultAxes(const TrialTable& table);

// A log axis needs a numeric column with at least one positive value.
bool logAllowed(const TableColumn& column);

// "val_acc ↑", "learning_rate": a column's name with its preferred direction, for axis titles
// and the choosers.
QString axisTitle(const TableColumn& column);

// A column ready to draw: one value per table row, the domain that shows them, and the column's
// preferred direction. Categorical columns are drawn at their category index spread by a small
// offset fixed per trial, so trials sharing a category do not hide each other.
struct PlotAxis {
    std::size_t column = 0;
    QString title;
    std::vector<double> values;
    plot::AxisScale scale;
    std::optional<Direction> direction;
    QStringList categories;  // non-empty: the label of each category index

    bool categorical() const { return !categories.isEmpty(); }
    // The text of a value on this axis: a category, or a compact number.
    QString label(double value) const;
};
PlotAxis makePlotAxis(const TrialTable& table, std::size_t column, bool log);

// The offset within its category band of a trial drawn on a categorical axis, in [-0.3, 0.3].
double categoryJitter(TrialKey key);

} // namespace tendril::app::tradeoff
