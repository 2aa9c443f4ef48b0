// The search-space overview's chrome: the status line, the legend, the buttons' states, the
// colours of its labels and the Axes menu.
#include "views/space/space_view.hpp"

#include "plot/elided_label.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "views/space/parallel_plot.hpp"
#include "views/space/space_brushes.hpp"
#include "views/space/space_legend.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app {

using namespace space;

void SpaceView::fillAxesMenu()
{
    axesMenu_->clear();
    if (!table_)
        return;
    const std::size_t shown = order_.shown().size();
    for (const std::size_t column : order_.columns()) {
        QAction* action = axesMenu_->addAction(qstr(table_->columns()[column].name));
        action->setCheckable(true);
        action->setChecked(!order_.hidden(column));
        // At least one hyperparameter stays: an objective alone is no parallel coordinates.
        action->setEnabled(order_.hidden(column) || shown > 1);
        connect(action, &QAction::toggled, this, [this, column](bool on) {
            order_.setHidden(column, !on);
            if (!on && !rangesOn(brush_, column).empty())
                setOwnBrush(withoutColumn(brush_, column), false);
            applyAxes();
        });
    }
    axesMenu_->addSeparator();
    connect(axesMenu_->addAction(tr("Show all axes")), &QAction::triggered, this, [this] {
        order_.showAll();
        applyAxes();
    });
    QAction* byImportance = axesMenu_->addAction(tr("Order by importance"));
    byImportance->setEnabled(!bars_.empty());
    connect(byImportance, &QAction::triggered, this, [this] {
        order_.sortByImportance(bars_.importanceByColumn());
        applyAxes();
    });
    connect(axesMenu_->addAction(tr("Order as in the search space")), &QAction::triggered, this, [this] {
        order_.sortAsSpace();
        applyAxes();
    });
}

void SpaceView::updateButtons()
{
    const bool anyParam = std::any_of(brush_.begin(), brush_.end(), [this](const ColumnRange& r) {
        return table_ && r.column < table_->columns().size() && table_->columns()[r.column].kind == TableColumn::Kind::Param;
    });
    clear_->setEnabled(!brush_.empty());
    refine_->setEnabled(anyParam && !session_.selectedStudies().isEmpty());
    const bool usable = table_ && table_->rows() > 0 && metricColumn_.has_value();
    top_->setEnabled(usable);
    topPercent_->setEnabled(usable);
    axesButton_->setEnabled(table_ && !order_.columns().empty());
    coloring_->setEnabled(table_ && table_->rows() > 0);
}

void SpaceView::updateHeader()
{
    if (!table_ || table_->rows() == 0) {
        subline_->setFullText(table_ && table_->studyCount() > 0 ? tr("No trials yet") : QString());
        return;
    }
    const std::vector<char>& others = hub_.visible(kSource);
    const std::vector<char>& focus = plot_->focusRows();
    std::size_t filtered = 0, inside = 0;
    for (std::size_t r = 0; r < table_->rows(); ++r) {
        filtered += r < others.size() && !others[r];
        inside += r < focus.size() && focus[r];
    }
    QStringList parts;
    parts << tr("%1 trials in %2 %3")
                 .arg(table_->rows())
                 .arg(table_->studyCount())
                 .arg(table_->studyCount() == 1 ? tr("study") : tr("studies"));
    if (!brush_.empty())
        parts << tr("%1 inside the brushes").arg(inside);
    if (filtered > 0)
        parts << tr("%1 filtered out by other views").arg(filtered);
    if (!hub_.selection().empty())
        parts << tr("%1 selected").arg(hub_.selection().size());
    if (lineModeFor(table_->rows()) == LineMode::Density)
        parts << tr("drawn as density");
    subline_->setFullText(parts.join(QStringLiteral(" · ")));
}

void SpaceView::updateLegend()
{
    const PlotColors colors = PlotColors::of(*this);
    std::vector<SpaceLegend::Item> items;
    if (table_ && table_->rows() > 0) {
        const auto coloring = static_cast<Coloring>(coloring_->currentData().toInt());
        if (coloring == Coloring::Objective && metricColumn_) {
            const TableColumn& column = table_->columns()[*metricColumn_];
            double low = std::numeric_limits<double>::infinity(), high = -low;
            for (const double v : column.values)
                if (std::isfinite(v)) {
                    low = std::min(low, v);
                    high = std::max(high, v);
                }
            if (std::isfinite(low)) {
                const bool maximize = direction() == Direction::Maximize;
                items.push_back({SpaceLegend::Item::Kind::Ramp, qstr(column.name), {},
                                 formatCompact(maximize ? low : high), formatCompact(maximize ? high : low)});
            }
        } else if (coloring == Coloring::Study) {
            for (std::size_t s = 0; s < table_->studyCount(); ++s)
                items.push_back({SpaceLegend::Item::Kind::Swatch, qstr(table_->study(s).name), studyColor(s), {}, {}});
        }
        items.push_back({SpaceLegend::Item::Kind::Line, tr("filtered out or outside the brushes"), colors.context, {}, {}});
        items.push_back({SpaceLegend::Item::Kind::Line, tr("selected"), colors.accent, {}, {}});
        if (!expected_.empty())
            items.push_back({SpaceLegend::Item::Kind::Bars, tr("expected %1 (model)").arg(metricName()), {}, {}, {}});
    }
    legend_->setItems(std::move(items));
    legend_->setVisible(!legend_->items().empty());
}

void SpaceView::applyColors()
{
    const PlotColors colors = PlotColors::of(*this);
    QPalette faint = subline_->palette();
    faint.setColor(QPalette::WindowText, colors.faintText);
    subline_->setPalette(faint);
    for (QLabel* label : findChildren<QLabel*>(QStringLiteral("spaceCaption"))) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, colors.tickText);
        label->setPalette(p);
    }
    updateLegend();
}

} // namespace tendril::app
