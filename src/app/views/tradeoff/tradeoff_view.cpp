#include "views/tradeoff/tradeoff_view.hpp"

#include "plot/elided_label.hpp"
#include "plot/flow_layout.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/plot_colors.hpp"
#include "views/tradeoff/scatter_geometry.hpp"
#include "views/tradeoff/scatter_plot.hpp"
#include "views/tradeoff/scatter_tooltips.hpp"
#include "views/tradeoff/tradeoff_axes.hpp"
#include "views/tradeoff/tradeoff_legend.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tendril::app {

using namespace tradeoff;

namespace {

QString columnId(const TableColumn& column)
{
    return (column.kind == TableColumn::Kind::Metric ? QStringLiteral("m:") : QStringLiteral("p:")) + qstr(column.name);
}

// "Y [val_acc ↑ ▾] ☐ log": one axis's controls, kept together when the toolbar wraps.
QWidget* axisControls(const QString& caption, QComboBox* chooser, QCheckBox* log, QWidget* parent)
{
    auto* group = new QWidget(parent);
    auto* label = new QLabel(caption, group);
    label->setObjectName(QStringLiteral("tradeoffAxisCaption"));
    chooser->setParent(group);
    log->setParent(group);
    auto* row = new QHBoxLayout(group);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    row->addWidget(label);
    row->addWidget(chooser);
    row->addWidget(log);
    return group;
}

} // namespace

TradeoffView::TradeoffView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      plot_(new ScatterPlot(this)),
      xChooser_(new QComboBox(this)),
      yChooser_(new QComboBox(this)),
      xLog_(new QCheckBox(tr("log"), this)),
      yLog_(new QCheckBox(tr("log"), this)),
      lasso_(new QToolButton(this)),
      legend_(new TradeoffLegend(this)),
      status_(new plot::ElidedLabel(this))
{
    setObjectName(QStringLiteral("tradeoffView"));
    // The plot's canvas all around it, in either theme.
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    for (QComboBox* chooser : {xChooser_, yChooser_}) {
        // Wide enough for most names; longer ones are elided in the box and whole in the list, so
        // the view fits a narrow dock.
        chooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        chooser->setMinimumContentsLength(15);
        chooser->setMaxVisibleItems(20);
    }
    xChooser_->setObjectName(QStringLiteral("tradeoffX"));
    yChooser_->setObjectName(QStringLiteral("tradeoffY"));
    xChooser_->setToolTip(tr("What the horizontal axis shows"));
    yChooser_->setToolTip(tr("What the vertical axis shows"));
    xLog_->setToolTip(tr("Logarithmic horizontal axis (values at or below zero are not drawn)"));
    yLog_->setToolTip(tr("Logarithmic vertical axis (values at or below zero are not drawn)"));

    lasso_->setObjectName(QStringLiteral("tradeoffLasso"));
    lasso_->setText(tr("Lasso"));
    lasso_->setCheckable(true);
    lasso_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    lasso_->setToolTip(tr("Drag a free-form outline around trials to select them (Shift+drag does it too).\n"
                          "Otherwise a drag selects a rectangle. Click a trial to select it, click empty space to "
                          "clear; Ctrl adds to the selection."));

    status_->setObjectName(QStringLiteral("tradeoffStatus"));
    status_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // The status fills the rest of its line, right-aligned, and elides rather than widen the view.
    status_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    // The controls wrap onto further lines in a narrow dock, each axis's three together.
    auto* controls = new plot::FlowLayout(16, 6);
    controls->addWidget(axisControls(tr("Y"), yChooser_, yLog_, this));
    controls->addWidget(axisControls(tr("X"), xChooser_, xLog_, this));
    controls->addWidget(lasso_);
    controls->addWidget(status_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(8);
    layout->addLayout(controls);
    layout->addWidget(legend_);
    layout->addWidget(plot_, 1);

    connect(xChooser_, &QComboBox::currentIndexChanged, this, &TradeoffView::axesChosen);
    connect(yChooser_, &QComboBox::currentIndexChanged, this, &TradeoffView::axesChosen);
    connect(xLog_, &QCheckBox::toggled, this, &TradeoffView::logToggled);
    connect(yLog_, &QCheckBox::toggled, this, &TradeoffView::logToggled);
    connect(lasso_, &QToolButton::toggled, plot_, &ScatterPlot::setLassoMode);

    SelectionHub& hub = session_.hub();
    connect(plot_, &ScatterPlot::selectionEdited, this,
            [this](const std::vector<std::size_t>& rows, ScatterPlot::SelectionEdit edit) {
                SelectionHub& h = session_.hub();
                std::set<TrialKey> picked = keysOfRows(*h.table(), rows);
                if (edit == ScatterPlot::SelectionEdit::Replace) {
                    h.setSelection(std::move(picked));
                    return;
                }
                std::set<TrialKey> next = h.selection();
                for (const TrialKey key : picked)
                    if (edit == ScatterPlot::SelectionEdit::Add || !next.erase(key))
                        next.insert(key);
                h.setSelection(std::move(next));
            });
    connect(plot_, &ScatterPlot::hoverEdited, this, [this](std::optional<std::size_t> row) {
        SelectionHub& h = session_.hub();
        h.setHovered(row && *row < h.table()->rows() ? std::optional<TrialKey>(h.table()->key(*row)) : std::nullopt);
    });
    connect(&hub, &SelectionHub::tableChanged, this, &TradeoffView::rebuildFromTable);
    connect(&hub, &SelectionHub::filterChanged, this, [this](const QString& source) {
        if (source != kSource)
            applyFilter();
    });
    connect(&hub, &SelectionHub::selectionChanged, this, &TradeoffView::applySelection);
    connect(&hub, &SelectionHub::hoverChanged, this, &TradeoffView::applyHover);
    connect(&session_, &ProjectSession::loadingChanged, this, [this] { plot_->setEmptyText(emptyText()); });
    applyColors();
    rebuildFromTable();
}

void TradeoffView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void TradeoffView::applyColors()
{
    const PlotColors colors = PlotColors::of(*this);
    for (QLabel* caption : findChildren<QLabel*>(QStringLiteral("tradeoffAxisCaption")))
        caption->setStyleSheet(QStringLiteral("color: %1; font-weight: 600;").arg(colors.tickText.name()));
    status_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.tickText.name()));
}

void TradeoffView::rebuildFromTable()
{
    const TrialTable& table = *session_.hub().table();
    const std::vector<std::size_t> columns = plottableColumns(table);
    const QString keptX = xChooser_->currentData().toString();
    const QString keptY = yChooser_->currentData().toString();
    {
        syncing_ = true;
        const QSignalBlocker bx(xChooser_), by(yChooser_);
        fillChooser(xChooser_, columns);
        fillChooser(yChooser_, columns);
        const int xAt = xChooser_->findData(keptX), yAt = yChooser_->findData(keptY);
        if (xAt >= 0 && yAt >= 0 && keptX != keptY) {
            xChooser_->setCurrentIndex(xAt);
            yChooser_->setCurrentIndex(yAt);
        } else if (const auto axes = defaultAxes(table)) {
            xChooser_->setCurrentIndex(xChooser_->findData(columnId(table.columns()[axes->x])));
            yChooser_->setCurrentIndex(yChooser_->findData(columnId(table.columns()[axes->y])));
        }
        syncing_ = false;
    }
    const bool usable = columns.size() >= 2;
    for (QWidget* w : std::initializer_list<QWidget*>{xChooser_, yChooser_, lasso_})
        w->setEnabled(usable);

    QStringList studies;
    for (std::size_t s = 0; s < table.studyCount(); ++s)
        studies << qstr(table.study(s).name);
    StateCounts counts{};
    for (std::size_t s = 0; s < table.studyCount(); ++s) {
        const StateCounts study = table.study(s).stateCounts();
        for (std::size_t i = 0; i < counts.size(); ++i)
            counts[i] += study[i];
    }
    std::vector<TrialState> states;
    for (const TrialState state : kAllTrialStates)
        if (counts[static_cast<std::size_t>(state)] > 0)
            states.push_back(state);
    legend_->setContent(studies, states);
    legend_->setVisible(table.studyCount() > 0);
    applyAxes();
}

void TradeoffView::fillChooser(QComboBox* chooser, const std::vector<std::size_t>& columns)
{
    const TrialTable& table = *session_.hub().table();
    chooser->clear();
    bool metrics = false;
    for (const std::size_t c : columns) {
        const TableColumn& column = table.columns()[c];
        const bool isMetric = column.kind == TableColumn::Kind::Metric;
        if (!isMetric && metrics && chooser->count() > 0) {
            chooser->insertSeparator(chooser->count());
            metrics = false;
        }
        metrics = metrics || isMetric;
        chooser->addItem(axisTitle(column), columnId(column));
        const QString what = isMetric ? tr("Metric") : tr("Parameter");
        chooser->setItemData(chooser->count() - 1, what + QStringLiteral(" ") + qstr(column.name), Qt::ToolTipRole);
    }
}

std::optional<std::size_t> TradeoffView::chosenColumn(const QComboBox* chooser) const
{
    const QString id = chooser->currentData().toString();
    if (id.size() < 3)
        return std::nullopt;
    const auto kind = id.startsWith(QStringLiteral("m:")) ? TableColumn::Kind::Metric : TableColumn::Kind::Param;
    return session_.hub().table()->column(kind, id.mid(2).toStdString());
}

void TradeoffView::showColumns(std::size_t xColumn, std::size_t yColumn)
{
    const auto& columns = session_.hub().table()->columns();
    if (xColumn >= columns.size() || yColumn >= columns.size())
        return;
    {
        const QSignalBlocker bx(xChooser_), by(yChooser_);
        xChooser_->setCurrentIndex(xChooser_->findData(columnId(columns[xColumn])));
        yChooser_->setCurrentIndex(yChooser_->findData(columnId(columns[yColumn])));
    }
    applyAxes();
}

void TradeoffView::axesChosen()
{
    if (!syncing_)
        applyAxes();
}

void TradeoffView::logToggled()
{
    if (syncing_)
        return;
    const TrialTable& table = *session_.hub().table();
    if (const auto x = chosenColumn(xChooser_))
        logChoice_[columnId(table.columns()[*x])] = xLog_->isChecked();
    if (const auto y = chosenColumn(yChooser_))
        logChoice_[columnId(table.columns()[*y])] = yLog_->isChecked();
    applyAxes();
}

void TradeoffView::syncLogToggle(QCheckBox* toggle, std::optional<std::size_t> column)
{
    const QSignalBlocker blocker(toggle);
    if (!column) {
        toggle->setChecked(false);
        toggle->setEnabled(false);
        return;
    }
    const TableColumn& c = session_.hub().table()->columns()[*column];
    const bool allowed = logAllowed(c);
    const auto remembered = logChoice_.find(columnId(c));
    // A parameter sampled on a log scale reads best on one.
    const bool wanted = remembered != logChoice_.end() ? remembered->second : c.log;
    toggle->setEnabled(allowed);
    toggle->setChecked(allowed && wanted);
}

void TradeoffView::applyAxes()
{
    const auto& table = session_.hub().table();
    const auto x = chosenColumn(xChooser_);
    const auto y = chosenColumn(yChooser_);
    syncLogToggle(xLog_, x);
    syncLogToggle(yLog_, y);
    if (x && y) {
        plot_->setData(table, makePlotAxis(*table, *x, xLog_->isChecked()), makePlotAxis(*table, *y, yLog_->isChecked()));
    } else {
        plot_->setData(table, {}, {});
    }
    plot_->setEmptyText(emptyText());
    applyFilter();
    applySelection();
    applyHover();
}

void TradeoffView::applyFilter()
{
    plot_->setVisibleRows(session_.hub().visible(kSource));
    updateLegend();
    updateStatus();
}

void TradeoffView::applySelection()
{
    const SelectionHub& hub = session_.hub();
    std::vector<std::size_t> rows;
    rows.reserve(hub.selection().size());
    for (const TrialKey key : hub.selection())
        if (const auto row = hub.table()->rowOf(key))
            rows.push_back(*row);
    std::sort(rows.begin(), rows.end());
    plot_->setSelectedRows(std::move(rows));
    updateStatus();
}

void TradeoffView::applyHover()
{
    const SelectionHub& hub = session_.hub();
    plot_->setHoveredRow(hub.hovered() ? hub.table()->rowOf(*hub.hovered()) : std::nullopt);
}

void TradeoffView::updateLegend()
{
    const SelectionHub& hub = session_.hub();
    const bool front = plot_->hasFront();
    legend_->setFront(front, front ? frontTooltip(*hub.table(), plot_->frontRows(), plot_->xAxis(), plot_->yAxis())
                                   : QString());
}

void TradeoffView::updateStatus()
{
    const SelectionHub& hub = session_.hub();
    const std::size_t rows = hub.table()->rows();
    if (rows == 0 || plot_->drawnRows() == 0) {
        status_->setFullText({});
        return;
    }
    const std::vector<char>& visible = hub.visible(kSource);
    std::size_t hidden = 0;
    for (std::size_t r = 0; r < plot_->positions().size() && r < visible.size(); ++r)
        hidden += !visible[r] && isDrawable(plot_->positions()[r]);
    QStringList parts;
    parts << tr("%1 of %2 trials plotted").arg(plot_->drawnRows()).arg(rows);
    if (hidden > 0)
        parts << tr("%1 filtered out").arg(hidden);
    if (plot_->hasFront())
        parts << tr("%1 on the Pareto front").arg(plot_->frontRows().size());
    if (!hub.selection().empty())
        parts << tr("%1 selected").arg(hub.selection().size());
    status_->setFullText(parts.join(QStringLiteral(" · ")));
    status_->setToolTip(rows > plot_->drawnRows()
                            ? tr("Trials without a value on both axes (or with one at or below zero on a log axis) are "
                                 "not plotted")
                            : QString());
}

QString TradeoffView::statusText() const
{
    return status_->fullText();
}

QString TradeoffView::emptyText() const
{
    const SelectionHub& hub = session_.hub();
    const TrialTable& table = *hub.table();
    if (session_.loading() && table.rows() == 0)
        return tr("Loading the shown studies…");
    if (table.studyCount() == 0)
        return tr("Show one or more studies to plot their trials against two metrics");
    if (table.rows() == 0)
        return tr("The shown studies have no trials yet");
    if (plottableColumns(table).size() < 2)
        return tr("The shown studies report fewer than two values to plot against each other");
    const QString x = plot_->xAxis().title, y = plot_->yAxis().title;
    if (xLog_->isChecked() || yLog_->isChecked())
        return tr("No trial has positive values for both %1 and %2 on the log axes").arg(x, y);
    return tr("No trial reports both %1 and %2").arg(x, y);
}

} // namespace tendril::app
