#include "views/space/space_view.hpp"

#include "plot/elided_label.hpp"
#include "plot/flow_layout.hpp"
#include "session/importance_service.hpp"
#include "session/latest_job.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "views/space/brush_table.hpp"
#include "views/space/parallel_plot.hpp"
#include "views/space/space_brushes.hpp"
#include "views/space/space_legend.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tendril::app {

using namespace space;

namespace {

std::vector<std::size_t> parameterColumns(const TrialTable& table)
{
    std::vector<std::size_t> out;
    for (std::size_t c = 0; c < table.columns().size(); ++c)
        if (table.columns()[c].kind == TableColumn::Kind::Param)
            out.push_back(c);
    return out;
}

std::vector<std::string> columnNames(const TrialTable& table)
{
    std::vector<std::string> names;
    for (const TableColumn& c : table.columns())
        names.push_back((c.kind == TableColumn::Kind::Param ? "p:" : "m:") + c.name);
    return names;
}

std::vector<std::string> studyNames(const TrialTable& table)
{
    std::vector<std::string> names;
    for (std::size_t s = 0; s < table.studyCount(); ++s)
        names.push_back(table.study(s).name);
    return names;
}

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("spaceCaption"));
    return label;
}

// A label and its control kept on one line when the toolbar wraps.
QWidget* pair(QWidget* parent, std::initializer_list<QWidget*> widgets)
{
    auto* box = new QWidget(parent);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    for (QWidget* w : widgets) {
        w->setParent(box);
        layout->addWidget(w);
    }
    return box;
}

} // namespace

SpaceView::SpaceView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      hub_(session.hub()),
      service_(ImportanceService::of(session)),
      tablesJob_(new LatestJob(this)),
      title_(new QLabel(tr("Search space"), this)),
      subline_(new plot::ElidedLabel(this)),
      metric_(new QComboBox(this)),
      coloring_(new QComboBox(this)),
      top_(new QCheckBox(tr("Top"), this)),
      topPercent_(new QSpinBox(this)),
      axesButton_(new QToolButton(this)),
      axesMenu_(new QMenu(this)),
      clear_(new QPushButton(tr("Clear"), this)),
      refine_(new QPushButton(tr("Refine from brushes…"), this)),
      legend_(new SpaceLegend(this)),
      plot_(new ParallelPlot(this)),
      brushTable_(new BrushTable(this))
{
    setObjectName(QStringLiteral("spaceView"));
    title_->setObjectName(QStringLiteral("spaceTitle"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() + 2);
    titleFont.setWeight(QFont::DemiBold);
    title_->setFont(titleFont);
    subline_->setObjectName(QStringLiteral("spaceStatus"));

    metric_->setObjectName(QStringLiteral("spaceMetric"));
    metric_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    metric_->setMinimumContentsLength(10);
    metric_->setToolTip(tr("The metric on the last axis: what the lines are coloured by, \"top k %\" ranks by, and "
                           "the importance bars explain"));
    coloring_->setObjectName(QStringLiteral("spaceColoring"));
    coloring_->addItem(tr("performance"), static_cast<int>(Coloring::Objective));
    coloring_->addItem(tr("study"), static_cast<int>(Coloring::Study));
    coloring_->setToolTip(tr("Colour the lines by the objective (the legend shows which end is better) or by the study "
                              "they belong to"));
    top_->setObjectName(QStringLiteral("spaceTop"));
    top_->setToolTip(tr("Brush the objective axis to keep the best k % of the trials the other views show.\n"
                        "It is a brush like any other: every linked view follows it, and you can move or "
                        "type it."));
    topPercent_->setObjectName(QStringLiteral("spaceTopPercent"));
    topPercent_->setRange(1, 99);
    topPercent_->setValue(10);
    topPercent_->setSuffix(QStringLiteral(" %"));
    topPercent_->setToolTip(top_->toolTip());
    axesButton_->setObjectName(QStringLiteral("spaceAxes"));
    axesButton_->setText(tr("Axes ▾"));
    axesButton_->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    axesButton_->setPopupMode(QToolButton::InstantPopup);
    axesButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    axesButton_->setMenu(axesMenu_);
    axesButton_->setToolTip(tr("Show or hide hyperparameter axes, and order them"));
    clear_->setObjectName(QStringLiteral("spaceClear"));
    clear_->setToolTip(tr("Remove every range this view brushed"));
    refine_->setObjectName(QStringLiteral("spaceRefine"));
    refine_->setToolTip(tr("Open the control panel's Refine for the current study, with its search space narrowed "
                           "to the brushed ranges"));

    auto* toolbar = new plot::FlowLayout(12, 6);
    toolbar->addWidget(pair(this, {caption(tr("Objective"), this), metric_}));
    toolbar->addWidget(pair(this, {caption(tr("Colour by"), this), coloring_}));
    toolbar->addWidget(pair(this, {top_, topPercent_}));
    toolbar->addWidget(axesButton_);

    // The brushes' own panel: their numbers, and what can be done with them.
    auto* brushHeader = new plot::FlowLayout(8, 4);
    auto* brushCaption = caption(tr("Brushed ranges"), this);
    brushCaption->setToolTip(brushTable_->table()->toolTip());
    brushHeader->addWidget(brushCaption);
    brushHeader->addWidget(clear_);
    brushHeader->addWidget(refine_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(6);
    layout->addWidget(title_);
    layout->addWidget(subline_);
    layout->addLayout(toolbar);
    layout->addWidget(legend_);
    layout->addWidget(plot_, 1);
    layout->addLayout(brushHeader);
    layout->addWidget(brushTable_);

    connect(metric_, &QComboBox::currentIndexChanged, this, &SpaceView::metricChosen);
    connect(coloring_, &QComboBox::currentIndexChanged, this, [this] {
        plot_->setColoring(static_cast<Coloring>(coloring_->currentData().toInt()));
        updateLegend();
    });
    connect(top_, &QCheckBox::toggled, this, &SpaceView::topToggled);
    connect(topPercent_, &QSpinBox::valueChanged, this, [this] { applyTopK(); });
    connect(axesMenu_, &QMenu::aboutToShow, this, &SpaceView::fillAxesMenu);
    connect(clear_, &QPushButton::clicked, this, [this] { setOwnBrush({}, false); });
    connect(refine_, &QPushButton::clicked, &session_, &ProjectSession::requestRefine);

    connect(plot_, &ParallelPlot::brushEdited, this, [this](const Brush& b) { setOwnBrush(b, true); });
    connect(plot_, &ParallelPlot::hoverEdited, this, [this](std::optional<std::size_t> row) {
        hub_.setHovered(row && table_ && *row < table_->rows() ? std::optional(table_->key(*row)) : std::nullopt);
    });
    connect(plot_, &ParallelPlot::selectionEdited, this,
            [this](const std::vector<std::size_t>& rows, ParallelPlot::SelectionEdit edit) {
                std::set<TrialKey> picked;
                for (const std::size_t r : rows)
                    if (table_ && r < table_->rows())
                        picked.insert(table_->key(r));
                if (edit == ParallelPlot::SelectionEdit::Replace) {
                    hub_.setSelection(std::move(picked));
                    return;
                }
                std::set<TrialKey> next = hub_.selection();
                for (const TrialKey key : picked)
                    if (!next.erase(key))
                        next.insert(key);
                hub_.setSelection(std::move(next));
            });
    connect(plot_, &ParallelPlot::axisMoved, this, [this](std::size_t from, std::size_t to) {
        order_.move(from, to);
        applyAxes();
    });
    connect(plot_, &ParallelPlot::axisHideRequested, this, [this](std::size_t column) {
        order_.setHidden(column, true);
        if (!rangesOn(brush_, column).empty())
            setOwnBrush(withoutColumn(brush_, column), false);  // a hidden axis keeps no invisible filter
        applyAxes();
    });
    connect(plot_, &ParallelPlot::showAllAxesRequested, this, [this] {
        order_.showAll();
        applyAxes();
    });
    connect(plot_, &ParallelPlot::importanceOrderRequested, this, [this] {
        order_.sortByImportance(bars_.importanceByColumn());
        applyAxes();
    });
    connect(plot_, &ParallelPlot::spaceOrderRequested, this, [this] {
        order_.sortAsSpace();
        applyAxes();
    });
    connect(plot_, &ParallelPlot::parameterClicked, this, &SpaceView::parameterClicked);
    connect(plot_, &ParallelPlot::partnerClicked, this, &SpaceView::partnerClicked);
    connect(brushTable_, &BrushTable::rangeEdited, this, [this](std::size_t index, const Brush& replacement) {
        if (index >= brush_.size())
            return;
        Brush next = brush_;
        next.erase(next.begin() + static_cast<std::ptrdiff_t>(index));
        next.insert(next.begin() + static_cast<std::ptrdiff_t>(index), replacement.begin(), replacement.end());
        setOwnBrush(std::move(next), false);
    });
    connect(brushTable_, &BrushTable::rangeRemoved, this, [this](std::size_t index) {
        if (index >= brush_.size())
            return;
        Brush next = brush_;
        next.erase(next.begin() + static_cast<std::ptrdiff_t>(index));
        setOwnBrush(std::move(next), false);
    });

    connect(&hub_, &SelectionHub::tableChanged, this, &SpaceView::rebuild);
    connect(&hub_, &SelectionHub::filterChanged, this, [this](const QString& source) {
        if (source == kSource || source.isEmpty())
            syncBrushFromHub();
        if (source != kSource)
            applyFilter();
    });
    connect(&hub_, &SelectionHub::selectionChanged, this, &SpaceView::applySelection);
    connect(&hub_, &SelectionHub::hoverChanged, this, &SpaceView::applyHover);
    connect(&session_, &ProjectSession::loadingChanged, this, [this] { plot_->setEmptyText(emptyText()); });
    connect(&service_, &ImportanceService::resultChanged, this, &SpaceView::importanceChanged);
    connect(&service_, &ImportanceService::metricChanged, this, &SpaceView::followServiceMetric);
    connect(&service_, &ImportanceService::busyChanged, this, &SpaceView::updateImportanceStrip);
    applyColors();
    rebuild();
}

SpaceView::~SpaceView() = default;

QString SpaceView::metricName() const
{
    return metricColumn_ && table_ ? qstr(table_->columns()[*metricColumn_].name) : QString();
}

Direction SpaceView::direction() const
{
    if (!metricColumn_ || !table_)
        return Direction::Maximize;
    return table_->columns()[*metricColumn_].direction.value_or(Direction::Maximize);
}

void SpaceView::rebuild()
{
    std::shared_ptr<const TrialTable> next = hub_.table();
    const bool sameStudies = table_ && studyNames(*table_) == studyNames(*next);
    const std::vector<std::string> oldNames = table_ ? columnNames(*table_) : std::vector<std::string>{};
    if (bars_.active())
        keepActive_ = bars_.active();
    table_ = std::move(next);
    const std::vector<std::size_t> params = parameterColumns(*table_);
    if (sameStudies) {
        order_.carryOver(params, oldNames, columnNames(*table_));
    } else {
        order_.reset(params);
        importanceOrderApplied_ = false;
        keepActive_.reset();
    }
    bars_.clear();
    activeTables_.reset();
    focusedPartner_.reset();
    fillMetricChooser();
    const auto held = hub_.brushes().find(kSource);
    brush_ = held == hub_.brushes().end() ? Brush{} : held->second;
    if (topRange_ && rangesOn(brush_, metricColumn_.value_or(table_->columns().size())).empty())
        topRange_.reset();
    brushTable_->setContent(table_, brush_);
    applyAxes();
    importanceChanged();
}

void SpaceView::fillMetricChooser()
{
    const QString kept = metric_->currentData().toString();
    const QSignalBlocker blocker(metric_);
    metric_->clear();
    const auto objective = table_->objectiveColumn();
    std::vector<std::size_t> metrics;
    if (objective)
        metrics.push_back(*objective);
    for (std::size_t c = 0; c < table_->columns().size(); ++c)
        if (table_->columns()[c].kind == TableColumn::Kind::Metric && c != objective)
            metrics.push_back(c);
    for (const std::size_t c : metrics) {
        const TableColumn& column = table_->columns()[c];
        QString label = qstr(column.name);
        if (column.direction)
            label += QStringLiteral(" ") + directionArrow(*column.direction);
        metric_->addItem(label, qstr(column.name));
    }
    // The metric is the one the importance analysis reads, chosen here or in the importance view.
    int keptAt = metric_->findData(serviceMetric());
    if (keptAt < 0)
        keptAt = metric_->findData(kept);
    metric_->setCurrentIndex(keptAt >= 0 ? keptAt : (metric_->count() > 0 ? 0 : -1));
    metric_->setEnabled(metric_->count() > 0);
    metricColumn_ = metric_->count() > 0 ? table_->metricColumn(metric_->currentData().toString().toStdString())
                                         : std::nullopt;
    coloring_->setItemText(0, metricColumn_ ? qstr(table_->columns()[*metricColumn_].name) : tr("performance"));
}

QString SpaceView::serviceMetric() const
{
    QString metric = service_.metric();
    if (const Objective* objective = table_ ? table_->objective() : nullptr; metric.isEmpty() && objective)
        metric = qstr(objective->metric);
    return metric;
}

void SpaceView::followServiceMetric()
{
    const int at = metric_->findData(serviceMetric());
    if (at >= 0 && at != metric_->currentIndex())
        metric_->setCurrentIndex(at);  // metricChosen follows, as for a choice made here
}

void SpaceView::metricChosen()
{
    if (!table_)
        return;
    metricColumn_ = table_->metricColumn(metric_->currentData().toString().toStdString());
    coloring_->setItemText(0, metricColumn_ ? metricName() : tr("performance"));
    const Objective* objective = table_->objective();
    // The objective is the service's default: asking for it by name would only refit.
    const QString wanted = objective && metricName().toStdString() == objective->metric ? QString() : metricName();
    if (topRange_) {
        // "Top k %" stays on: it ranks by the new metric below.
        const std::size_t column = topRange_->column;
        topRange_.reset();
        adjustingTop_ = true;
        setOwnBrush(withoutColumn(brush_, column), false);
        adjustingTop_ = false;
    }
    bars_.clear();
    activeTables_.reset();
    focusedPartner_.reset();
    if (order_.mode() != AxisOrder::Mode::Manual)
        importanceOrderApplied_ = false;
    service_.setMetric(wanted);
    applyAxes();
    applyTopK();
    updateImportanceStrip();
}

void SpaceView::applyAxes()
{
    std::vector<std::size_t> axes = order_.shown();
    if (metricColumn_)
        axes.push_back(*metricColumn_);
    plot_->setData(table_, axes, metricColumn_, direction());
    plot_->setBrush(brush_);
    plot_->setEmptyText(emptyText());
    applyFilter();
    applySelection();
    applyHover();
    updateImportanceStrip();
    updateExpected();
    updateButtons();
}

void SpaceView::applyFilter()
{
    plot_->setVisibleRows(hub_.visible(kSource));
    if (top_->isChecked())
        applyTopK();
    updateHeader();
}

void SpaceView::applySelection()
{
    std::vector<std::size_t> rows;
    for (const TrialKey key : hub_.selection())
        if (const auto row = table_ ? table_->rowOf(key) : std::nullopt)
            rows.push_back(*row);
    std::sort(rows.begin(), rows.end());
    plot_->setSelectedRows(std::move(rows));
    updateHeader();
}

void SpaceView::applyHover()
{
    plot_->setHoveredRow(hub_.hovered() && table_ ? table_->rowOf(*hub_.hovered()) : std::nullopt);
}

void SpaceView::setBrush(Brush brush)
{
    setOwnBrush(std::move(brush), false);
}

void SpaceView::setOwnBrush(Brush brush, bool plotHasIt)
{
    brush_ = std::move(brush);
    if (!plotHasIt)
        plot_->setBrush(brush_);
    syncTopToggle();
    hub_.setBrush(kSource, brush_);
    brushTable_->setContent(table_, brush_);
    updateExpected();
    updateButtons();
    updateHeader();
}

void SpaceView::syncBrushFromHub()
{
    const auto held = hub_.brushes().find(kSource);
    Brush brush = held == hub_.brushes().end() ? Brush{} : held->second;
    if (brush == brush_)
        return;
    // Someone else changed this view's brush (clearing every filter): follow.
    brush_ = std::move(brush);
    plot_->setBrush(brush_);
    syncTopToggle();
    brushTable_->setContent(table_, brush_);
    updateExpected();
    updateButtons();
    updateHeader();
}

void SpaceView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !syncing_) {
        syncing_ = true;  // setting the labels' palettes must not come back here
        applyColors();
        syncing_ = false;
    }
}

QString SpaceView::statusText() const
{
    return subline_->fullText();
}

QString SpaceView::emptyText() const
{
    if (session_.loading() && (!table_ || table_->rows() == 0))
        return tr("Loading the shown studies…");
    if (!table_ || table_->studyCount() == 0)
        return tr("Show one or more studies to see their search space");
    if (table_->rows() == 0)
        return tr("The shown studies have no trials yet");
    if (order_.columns().empty())
        return tr("The shown studies have no hyperparameters to draw");
    if (order_.shown().empty())
        return tr("Every hyperparameter axis is hidden: choose some under Axes");
    return {};
}

bool SpaceView::waitUntilSettled(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        hub_.flush();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        const bool settled = !service_.busy() && !tablesJob_->busy() && !plot_->renderer().busy();
        if (settled)
            return true;
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(2);
    }
}

} // namespace tendril::app
