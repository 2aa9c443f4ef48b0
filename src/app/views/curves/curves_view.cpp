#include "views/curves/curves_view.hpp"

#include "plot/elided_label.hpp"
#include "plot/flow_layout.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/plot_colors.hpp"
#include "views/curves/curves_legend.hpp"
#include "views/curves/curves_plot.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QResizeEvent>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tendril::app {

namespace {

constexpr int kSidebarWidth = 330;
constexpr int kSidebarMinWidth = 140;
constexpr int kSidebarSmallestHeight = 90;
// Two pixels a step of the window, and short enough to leave the x axis's choice beside it on the
// first line of a narrow toolbar.
constexpr int kSliderWidth = 100;
constexpr int kMetricListMaxRows = 6;

// Controls that belong together ("Smoothing ━━○━━ 5 points"), kept on one line when the
// toolbar wraps.
QWidget* controlGroup(const QString& caption, std::initializer_list<QWidget*> controls, QWidget* parent)
{
    auto* group = new QWidget(parent);
    auto* row = new QHBoxLayout(group);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(8);
    row->addWidget(new QLabel(caption, group));
    for (QWidget* control : controls) {
        control->setParent(group);
        row->addWidget(control);
    }
    return group;
}

QString joinNames(const QStringList& names)
{
    return names.join(QStringLiteral(", "));
}

} // namespace

CurvesView::CurvesView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      curves_(std::make_shared<curves::CurveSet>()),
      headline_(new plot::ElidedLabel(this)),
      subline_(new plot::ElidedLabel(this)),
      smoothing_(new QSlider(Qt::Horizontal, this)),
      smoothingValue_(new QLabel(this)),
      xAxis_(new QComboBox(this)),
      logY_(new QCheckBox(tr("Log scale"), this)),
      resetZoom_(new QToolButton(this)),
      metricsButton_(new QToolButton(this)),
      header_(new QWidget(this)),
      hint_(new plot::ElidedLabel(this)),
      splitter_(new QSplitter(Qt::Horizontal, this)),
      plotPages_(new QStackedWidget(this)),
      message_(new QLabel(this)),
      plot_(new curves::CurvesPlot(this)),
      metrics_(new QListWidget(this)),
      metricsTitle_(new QLabel(tr("Metrics"), this)),
      legendTitle_(new plot::ElidedLabel(this)),
      legend_(new curves::CurvesLegend(this)),
      sidebar_(new QWidget(this))
{
    setObjectName(QStringLiteral("curvesView"));

    // Header: what is shown and why.
    headline_->setObjectName(QStringLiteral("curvesHeadline"));
    subline_->setObjectName(QStringLiteral("curvesSubline"));

    // Controls.
    smoothing_->setObjectName(QStringLiteral("curvesSmoothing"));
    smoothing_->setRange(1, kMaxSmoothing);
    smoothing_->setValue(1);
    smoothing_->setFixedWidth(kSliderWidth);
    smoothing_->setToolTip(tr("Moving average over this many points; the raw curve stays as a faint line"));
    smoothingValue_->setMinimumWidth(smoothingValue_->fontMetrics().horizontalAdvance(QStringLiteral("50 points")));
    xAxis_->setObjectName(QStringLiteral("curvesXAxis"));
    xAxis_->addItem(tr("Steps"), static_cast<int>(curves::CurveXAxis::Steps));
    xAxis_->addItem(tr("Wall time"), static_cast<int>(curves::CurveXAxis::WallTime));
    xAxis_->setToolTip(tr("What the x axis counts: reported steps, or seconds of training (when the curves carry them)"));
    logY_->setObjectName(QStringLiteral("curvesLogY"));
    logY_->setToolTip(tr("Logarithmic y axis, for losses that fall over orders of magnitude"));
    resetZoom_->setObjectName(QStringLiteral("curvesResetZoom"));
    resetZoom_->setText(tr("Reset zoom"));
    resetZoom_->setToolTip(tr("Show all the data again (or double-click the plot)"));
    resetZoom_->setEnabled(false);
    metricsButton_->setObjectName(QStringLiteral("curvesMetricsButton"));
    metricsButton_->setText(tr("Metrics ▾"));
    // The arrow is in the text: the style's indicator would sit on top of it without an icon.
    metricsButton_->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    metricsButton_->setToolTip(tr("The metrics to plot; several share the x axis in stacked panels"));
    metricsButton_->setPopupMode(QToolButton::InstantPopup);
    metricsButton_->setMenu(new QMenu(metricsButton_));
    metricsButton_->hide();
    connect(metricsButton_->menu(), &QMenu::aboutToShow, this, &CurvesView::fillMetricsMenu);
    hint_->setObjectName(QStringLiteral("curvesHint"));
    hint_->setFullText(tr("Wheel: zoom · drag: pan · Shift+drag: zoom to area"));
    hint_->setToolTip(tr("Shift+wheel zooms along x only, Ctrl+wheel along y only; double-click resets"));
    // The hint is the first thing to give way in a narrow dock: it takes what the controls leave
    // on their last line, and nothing when that is too little to read.
    hint_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    hint_->setMinimumWidth(hint_->fontMetrics().horizontalAdvance(QStringLiteral("Wheel: zoom · drag…")));

    QWidget* header = header_;
    header->setObjectName(QStringLiteral("curvesHeader"));
    header->setAttribute(Qt::WA_StyledBackground);
    // The controls wrap onto further lines in a narrow dock; the hint gives way first.
    auto* controls = new plot::FlowLayout(16, 6);
    controls->addWidget(controlGroup(tr("Smoothing"), {smoothing_, smoothingValue_}, header));
    controls->addWidget(controlGroup(tr("X"), {xAxis_}, header));
    controls->addWidget(logY_);
    controls->addWidget(metricsButton_);
    controls->addWidget(resetZoom_);
    controls->addWidget(hint_);
    auto* headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(16, 10, 16, 10);
    headerLayout->setSpacing(4);
    headerLayout->addWidget(headline_);
    headerLayout->addWidget(subline_);
    headerLayout->addSpacing(4);
    headerLayout->addLayout(controls);

    // The plot, or a message in its place.
    message_->setObjectName(QStringLiteral("curvesMessage"));
    message_->setAlignment(Qt::AlignCenter);
    message_->setWordWrap(true);
    plotPages_->addWidget(plot_);
    plotPages_->addWidget(message_);

    // Sidebar: metrics to plot, and the legend.
    sidebar_->setObjectName(QStringLiteral("curvesSidebar"));
    sidebar_->setAttribute(Qt::WA_StyledBackground);
    metrics_->setObjectName(QStringLiteral("curvesMetrics"));
    metrics_->setFrameShape(QFrame::NoFrame);
    metrics_->setStyleSheet(QStringLiteral("QListWidget { padding-left: 8px; }"));
    metrics_->setToolTip(tr("Check several metrics to compare them in panels that share the x axis"));
    legendTitle_->setFullText(tr("Trials"));
    auto* sidebarLayout = new QVBoxLayout(sidebar_);
    sidebarLayout->setContentsMargins(0, 0, 0, 0);
    sidebarLayout->setSpacing(0);
    sidebarLayout->addWidget(metricsTitle_);
    sidebarLayout->addWidget(metrics_);
    sidebarLayout->addWidget(legendTitle_);
    sidebarLayout->addWidget(legend_, 1);
    // Small enough to sit beside the plot in a narrow dock, or under it in a short one: its texts
    // elide and its lists scroll.
    sidebar_->setMinimumSize(kSidebarMinWidth, kSidebarSmallestHeight);

    splitter_->setChildrenCollapsible(false);
    splitter_->setHandleWidth(1);
    splitter_->addWidget(plotPages_);
    splitter_->addWidget(sidebar_);
    splitter_->setStretchFactor(0, 1);
    splitter_->setStretchFactor(1, 0);
    splitter_->setSizes({900, kSidebarWidth});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(splitter_, 1);

    SelectionHub& hub = session_.hub();
    connect(&hub, &SelectionHub::tableChanged, this, &CurvesView::onTableChanged);
    connect(&hub, &SelectionHub::selectionChanged, this, &CurvesView::rebuildCurves);
    connect(&hub, &SelectionHub::filterChanged, this, [this](const QString& source) {
        // Brushes only decide which trials stand in for an empty selection.
        if (source != hubSource() && session_.hub().selection().empty())
            rebuildCurves();
    });
    connect(&hub, &SelectionHub::hoverChanged, this, &CurvesView::showHover);
    connect(&session_, &ProjectSession::loadingChanged, this, [this] {
        if (session_.hub().table()->rows() == 0)
            rebuildCurves();
    });

    connect(plot_, &curves::CurvesPlot::curveHovered, this, [this](std::optional<TrialKey> key) { session_.hub().setHovered(key); });
    connect(legend_, &curves::CurvesLegend::trialHovered, this, [this](std::optional<TrialKey> key) { session_.hub().setHovered(key); });
    connect(plot_, &curves::CurvesPlot::zoomChanged, resetZoom_, &QWidget::setEnabled);
    connect(resetZoom_, &QToolButton::clicked, plot_, &curves::CurvesPlot::resetZoom);
    connect(smoothing_, &QSlider::valueChanged, this, &CurvesView::rebuildCurves);
    connect(xAxis_, &QComboBox::currentIndexChanged, this, &CurvesView::rebuildCurves);
    connect(logY_, &QCheckBox::toggled, plot_, &curves::CurvesPlot::setLogY);
    connect(metrics_, &QListWidget::itemChanged, this, [this] {
        chosenMetrics_ = checkedMetrics();
        rebuildCurves();
    });

    applyColors();
    onTableChanged();
}

CurvesView::~CurvesView() = default;

void CurvesView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void CurvesView::applyColors()
{
    const PlotColors colors = PlotColors::of(*this);
    const QString muted = colors.tickText.name();
    headline_->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: 600; color: %1;").arg(colors.ink.name()));
    subline_->setStyleSheet(QStringLiteral("color: %1;").arg(muted));
    smoothingValue_->setStyleSheet(QStringLiteral("color: %1;").arg(muted));
    hint_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.faintText.name()));
    header_->setStyleSheet(QStringLiteral("#curvesHeader { background: %1; border-bottom: 1px solid %2; }")
                               .arg(colors.canvas.name(), colors.cardBorder.name()));
    message_->setStyleSheet(QStringLiteral("color: %1; font-size: 11pt; background: %2; padding: 24px;")
                                .arg(colors.faintText.name(), colors.canvas.name()));
    const QString caption = QStringLiteral("color: %1; font-weight: 600; padding: 10px 10px 4px 10px;").arg(muted);
    metricsTitle_->setStyleSheet(caption);
    legendTitle_->setStyleSheet(caption);
    styleSidebar();
    // The legend's rows carry their colours (muted rows, the highlighted row): list them again.
    if (curvesTable_)
        legend_->setCurves(*curves_, *curvesTable_);
}

void CurvesView::styleSidebar()
{
    const PlotColors colors = PlotColors::of(*this);
    const QString side = splitter_->orientation() == Qt::Vertical ? QStringLiteral("top") : QStringLiteral("left");
    sidebar_->setStyleSheet(QStringLiteral("#curvesSidebar { background: %1; border-%2: 1px solid %3; }")
                                .arg(colors.canvas.name(), side, colors.cardBorder.name()));
}

QStringList CurvesView::availableMetrics() const
{
    QStringList names;
    for (int i = 0; i < metrics_->count(); ++i)
        names << metrics_->item(i)->text();
    return names;
}

QStringList CurvesView::checkedMetrics() const
{
    QStringList names;
    for (int i = 0; i < metrics_->count(); ++i)
        if (metrics_->item(i)->checkState() == Qt::Checked)
            names << metrics_->item(i)->text();
    return names;
}

void CurvesView::setCheckedMetrics(const QStringList& names)
{
    {
        const QSignalBlocker block(metrics_);
        for (int i = 0; i < metrics_->count(); ++i)
            metrics_->item(i)->setCheckState(names.contains(metrics_->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    }
    chosenMetrics_ = checkedMetrics();
    rebuildCurves();
}

QString CurvesView::headline() const
{
    return headline_->fullText();
}

QString CurvesView::subline() const
{
    return subline_->fullText();
}

QString CurvesView::emptyMessage() const
{
    return plotPages_->currentWidget() == message_ ? message_->text() : QString();
}

void CurvesView::onTableChanged()
{
    rebuildMetricList();
    rebuildCurves();
}

void CurvesView::rebuildMetricList()
{
    const TrialTable& table = *session_.hub().table();
    std::vector<std::string> names = curves::curveMetrics(table);
    const QSignalBlocker block(metrics_);
    metrics_->clear();
    QStringList kept;
    for (const std::string& name : names)
        if (chosenMetrics_.contains(qstr(name)))
            kept << qstr(name);
    // The objective's curve by default, and whenever none of the chosen metrics is left.
    if (kept.isEmpty() && !names.empty())
        kept << qstr(names.front());
    for (const std::string& name : names) {
        auto* item = new QListWidgetItem(qstr(name), metrics_);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(kept.contains(qstr(name)) ? Qt::Checked : Qt::Unchecked);
        if (const auto column = table.metricColumn(name); column && table.columns()[*column].direction)
            item->setToolTip(tr("%1: %2 is better").arg(qstr(name), directionWord(*table.columns()[*column].direction)));
    }
    if (!kept.isEmpty())
        chosenMetrics_ = kept;
    fitMetricList();
    arrangeForSize();
}

void CurvesView::fitMetricList()
{
    const int rows = std::clamp(metrics_->count(), 1, kMetricListMaxRows);
    const int rowHeight = metrics_->count() > 0 ? metrics_->sizeHintForRow(0) : metrics_->fontMetrics().height() + 6;
    metrics_->setFixedHeight(rows * rowHeight + 2 * metrics_->frameWidth() + 4);
}

curves::CurveXAxis CurvesView::requestedXAxis() const
{
    return static_cast<curves::CurveXAxis>(xAxis_->currentData().toInt());
}

void CurvesView::rebuildCurves()
{
    smoothingValue_->setText(smoothing_->value() <= 1 ? tr("off") : tr("%1 points").arg(smoothing_->value()));
    const std::shared_ptr<const TrialTable> table = session_.hub().table();
    const SelectionHub& hub = session_.hub();

    curves::CurveRequest request;
    for (const QString& name : checkedMetrics())
        request.metrics.push_back(name.toStdString());
    request.xAxis = requestedXAxis();
    request.smoothingWindow = smoothing_->value();

    const bool fallback = hub.selection().empty();
    const std::vector<std::size_t> rows =
        fallback ? curves::bestRows(*table, hub.visible(hubSource()), kFallbackTrials) : curves::rowsOf(*table, hub.selection());
    auto set = std::make_shared<curves::CurveSet>(curves::buildCurveSet(*table, rows, fallback, request));
    // Wall time is offered only when the curves have it.
    if (request.xAxis == curves::CurveXAxis::WallTime && !set->wallTimeAvailable && !set->trials.empty()) {
        request.xAxis = curves::CurveXAxis::Steps;
        set = std::make_shared<curves::CurveSet>(curves::buildCurveSet(*table, rows, fallback, request));
        const QSignalBlocker block(xAxis_);
        xAxis_->setCurrentIndex(xAxis_->findData(static_cast<int>(curves::CurveXAxis::Steps)));
    }
    if (auto* model = qobject_cast<QStandardItemModel*>(xAxis_->model()))
        if (QStandardItem* wallTime = model->item(xAxis_->findData(static_cast<int>(curves::CurveXAxis::WallTime))))
            wallTime->setEnabled(set->wallTimeAvailable || set->trials.empty());
    curves_ = set;
    curvesTable_ = table;

    plot_->setCurves(curves_, table);
    legend_->setCurves(*curves_, *table);
    const std::size_t drawn = curves_->drawnTrialCount();
    legendTitle_->setFullText(curves_->trials.size() == drawn
                              ? tr("Trials (%1)").arg(drawn)
                              : tr("Trials (%1 of %2 with curves)").arg(drawn).arg(curves_->trials.size()));
    showHover();
    updateHeader();

    const QStringList metricNames = checkedMetrics();
    if (table->rows() == 0) {
        if (session_.selectedStudies().isEmpty())
            showMessage(tr("Show a study to see the learning curves of its trials."));
        else
            showMessage(session_.loading() ? tr("Loading trials…") : tr("The shown studies have no trials yet."));
    } else if (metrics_->count() == 0) {
        showMessage(tr("The shown studies have no learning curves: their trials reported final values only."));
    } else if (rows.empty()) {
        showMessage(fallback ? tr("Select trials in another view to compare their learning curves.")
                             : tr("The selected trials are not in the shown studies."));
    } else if (metricNames.isEmpty()) {
        showMessage(tr("Check a metric on the right to plot its learning curves."));
    } else if (drawn == 0) {
        const QString names = metricNames.join(tr(" or "));
        const QString what = request.xAxis == curves::CurveXAxis::WallTime ? tr("%1 values with wall time").arg(names)
                                                                          : tr("%1 values").arg(names);
        showMessage(rows.size() == 1 ? tr("This trial reported no %1.").arg(what)
                                     : tr("None of these trials reported %1.").arg(what));
    } else {
        message_->clear();
        plotPages_->setCurrentWidget(plot_);
    }
}

void CurvesView::showMessage(const QString& text)
{
    message_->setText(text);
    plotPages_->setCurrentWidget(message_);
}

void CurvesView::updateHeader()
{
    const curves::CurveSet& set = *curves_;
    const TrialTable& table = *session_.hub().table();
    const std::size_t count = set.trials.size();
    QStringList details;
    if (set.fallback) {
        const Objective* objective = table.objective();
        if (count == 0 || !objective) {
            headline_->setFullText(tr("No trials selected"));
        } else {
            const auto column = table.objectiveColumn();
            const Direction d = column && table.columns()[*column].direction ? *table.columns()[*column].direction
                                                                              : objective->direction;
            headline_->setFullText(count == 1 ? tr("The best trial by %1 %2").arg(qstr(objective->metric), directionArrow(d))
                                          : tr("The %1 best trials by %2 %3")
                                                .arg(count)
                                                .arg(qstr(objective->metric), directionArrow(d)));
            const std::size_t visible = session_.hub().visibleCount(hubSource());
            details << (visible < table.rows() ? tr("of the %1 trials passing the filters, as nothing is selected").arg(visible)
                                               : tr("as nothing is selected"));
            details << tr("select trials in another view to compare their learning curves");
        }
    } else {
        headline_->setFullText(count == 1 ? tr("1 selected trial") : tr("%1 selected trials").arg(count));
    }
    if (count > 0) {
        std::vector<std::size_t> studies;
        for (const curves::CurveTrial& t : set.trials)
            if (std::find(studies.begin(), studies.end(), t.study) == studies.end())
                studies.push_back(t.study);
        std::sort(studies.begin(), studies.end());
        QStringList names;
        for (const std::size_t s : studies)
            names << qstr(table.study(s).name);
        if (!set.fallback || names.size() > 1)
            details.prepend(tr("from %1").arg(joinNames(names)));
        const std::size_t missing = count - set.drawnTrialCount();
        if (set.trialsWithoutTime > 0)
            details << tr("%n without wall time", nullptr, static_cast<int>(set.trialsWithoutTime));
        else if (missing > 0 && missing < count)
            details << tr("%n without a curve of these metrics", nullptr, static_cast<int>(missing));
    }
    subline_->setFullText(details.join(QStringLiteral(" · ")));
    subline_->setVisible(!details.isEmpty());
}

void CurvesView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrangeForSize();
}

void CurvesView::arrangeForSize()
{
    const bool narrow = width() < kNarrowWidth;
    const bool anyMetric = metrics_->count() > 0;
    // Beside the plot the sidebar lists the metrics and the trials; under it, in a narrow dock,
    // only the trials (the metrics move to a menu), and only when the dock is tall enough to
    // give the plot its room first. Parts leave before the sidebar turns, so the view never asks,
    // even for a moment, for more height than it has.
    const bool sidebar = anyMetric && (!narrow || height() >= kListsTrialsFromHeight);
    if (!sidebar)
        sidebar_->hide();
    metricsTitle_->setVisible(!narrow);
    metrics_->setVisible(!narrow);
    metricsButton_->setVisible(narrow && anyMetric);
    const Qt::Orientation orientation = narrow ? Qt::Vertical : Qt::Horizontal;
    if (splitter_->orientation() != orientation) {
        splitter_->setOrientation(orientation);
        styleSidebar();
        const int length = narrow ? splitter_->height() : splitter_->width();
        splitter_->setSizes(narrow ? QList<int>{length * 2 / 3, length / 3} : QList<int>{length - kSidebarWidth, kSidebarWidth});
    }
    if (sidebar)
        sidebar_->show();
}

void CurvesView::fillMetricsMenu()
{
    QMenu* menu = metricsButton_->menu();
    menu->clear();
    for (int i = 0; i < metrics_->count(); ++i) {
        QListWidgetItem* item = metrics_->item(i);
        QAction* action = menu->addAction(item->text());
        action->setCheckable(true);
        action->setChecked(item->checkState() == Qt::Checked);
        action->setToolTip(item->toolTip());
        // The list stays the one place the choice lives; checking here checks there.
        connect(action, &QAction::toggled, this,
                [item](bool on) { item->setCheckState(on ? Qt::Checked : Qt::Unchecked); });
    }
}

void CurvesView::showHover()
{
    const std::optional<TrialKey> key = session_.hub().hovered();
    plot_->setHighlighted(key);
    legend_->setHighlighted(key);
}

} // namespace tendril::app
