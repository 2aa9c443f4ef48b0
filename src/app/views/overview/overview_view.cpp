#include "views/overview/overview_view.hpp"

#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/plot_colors.hpp"
#include "views/overview/histogram_chart.hpp"
#include "views/overview/histogram_grid.hpp"
#include "views/overview/overview_header.hpp"
#include "views/overview/overview_summary.hpp"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace tendril::app {

using namespace overview;

namespace {

// The metric columns to draw: the objective first, then the others as the table orders them.
std::vector<std::size_t> metricColumns(const TrialTable& table)
{
    std::vector<std::size_t> columns;
    const auto objective = table.objectiveColumn();
    if (objective)
        columns.push_back(*objective);
    for (std::size_t c = 0; c < table.columns().size(); ++c)
        if (table.columns()[c].kind == TableColumn::Kind::Metric && c != objective)
            columns.push_back(c);
    return columns;
}

QStringList studyNames(const TrialTable& table)
{
    QStringList names;
    for (std::size_t s = 0; s < table.studyCount(); ++s)
        names << qstr(table.study(s).name);
    return names;
}

// Resizes of the scroll area's viewport tell the grid how much height its cards can fill.
class ViewportHeightWatcher : public QObject {
public:
    ViewportHeightWatcher(QWidget* viewport, HistogramGrid* grid) : QObject(viewport), grid_(grid)
    {
        viewport->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Resize)
            grid_->setAvailableHeight(static_cast<QWidget*>(watched)->height());
        return false;
    }

private:
    HistogramGrid* grid_;
};

} // namespace

QString OverviewView::sourceName()
{
    return QStringLiteral("overview");
}

OverviewView::OverviewView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      hub_(session.hub()),
      pages_(new QStackedWidget(this)),
      placeholder_(new QLabel(this)),
      header_(new OverviewHeader(this)),
      scroll_(new QScrollArea(this)),
      grid_(new HistogramGrid),
      noMetrics_(new QLabel(this))
{
    setObjectName(QStringLiteral("overviewView"));

    placeholder_->setObjectName(QStringLiteral("overviewPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);

    noMetrics_->setObjectName(QStringLiteral("overviewNoMetrics"));
    noMetrics_->setAlignment(Qt::AlignCenter);
    noMetrics_->setText(tr("No trial has reported a metric yet. Histograms appear as soon as one does."));
    noMetrics_->hide();

    grid_->setObjectName(QStringLiteral("overviewHistograms"));
    scroll_->setObjectName(QStringLiteral("overviewScroll"));
    scroll_->setWidget(grid_);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    new ViewportHeightWatcher(scroll_->viewport(), grid_);

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(header_);
    contentLayout->addWidget(noMetrics_);
    contentLayout->addWidget(scroll_, 1);

    pages_->addWidget(placeholder_);
    pages_->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);

    connect(header_, &OverviewHeader::clearBrushesRequested, this, &OverviewView::clearBrushes);
    connect(&hub_, &SelectionHub::tableChanged, this, &OverviewView::rebuild);
    connect(&hub_, &SelectionHub::filterChanged, this, [this](const QString& source) {
        // Our own edits are drawn already; but another part of the app may set or clear the
        // overview's brush too (clearing every filter), and several changes in one frame name
        // no source.
        if (source == sourceName() || source.isEmpty()) {
            const auto it = hub_.brushes().find(sourceName());
            const Brush held = it == hub_.brushes().end() ? Brush{} : it->second;
            if (source == sourceName() && held == ownBrush())
                return;
            syncBrushesFromHub();
        }
        recount();
    });
    connect(&hub_, &SelectionHub::selectionChanged, this, [this] {
        if (table_)
            selectedRows_ = selectedRowFlags(*table_, hub_.selection());
        recount();
    });
    connect(&hub_, &SelectionHub::hoverChanged, this, &OverviewView::showHovered);
    connect(&session_, &ProjectSession::loadingChanged, this, &OverviewView::updatePlaceholder);
    connect(&session_, &ProjectSession::selectionChanged, this, &OverviewView::updatePlaceholder);

    applyColors();
    rebuild();
}

OverviewView::~OverviewView() = default;

void OverviewView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void OverviewView::applyColors()
{
    const QString sheet = QStringLiteral("color: %1; font-size: 11pt; padding: 24px;").arg(PlotColors::of(*this).faintText.name());
    placeholder_->setStyleSheet(sheet);
    noMetrics_->setStyleSheet(sheet);
}

HistogramChart* OverviewView::chart(const QString& metric) const
{
    const auto it = std::find_if(charts_.begin(), charts_.end(),
                                 [&metric](const HistogramChart* c) { return c->metric() == metric; });
    return it == charts_.end() ? nullptr : *it;
}

bool OverviewView::showsPlaceholder() const
{
    return pages_->currentWidget() == placeholder_;
}

QString OverviewView::placeholderText() const
{
    return showsPlaceholder() ? placeholder_->text() : QString();
}

HistogramChart* OverviewView::makeChart()
{
    auto* chart = new HistogramChart(grid_);
    connect(chart, &HistogramChart::brushEdited, this, &OverviewView::editBrush);
    connect(chart, &HistogramChart::binClicked, this,
            [this, chart](int bin, Qt::KeyboardModifiers modifiers) { selectBin(chart, bin, modifiers); });
    connect(chart, &HistogramChart::doubleClicked, this, &OverviewView::undoClickSelection);
    return chart;
}

void OverviewView::rebuild()
{
    table_ = hub_.table();
    const TrialTable& table = *table_;

    // Charts are kept by metric across tables, so a live refresh does not rebuild the widgets
    // (nor lose keyboard focus or a tooltip).
    std::map<QString, HistogramChart*> previous;
    for (HistogramChart* c : charts_)
        previous.emplace(c->metric(), c);
    std::vector<HistogramChart*> charts;
    binned_.clear();
    const QStringList studies = studyNames(table);
    const auto objective = table.objectiveColumn();
    for (const std::size_t column : metricColumns(table)) {
        const TableColumn& meta = table.columns()[column];
        const QString name = qstr(meta.name);
        HistogramChart* chart = nullptr;
        if (const auto it = previous.find(name); it != previous.end()) {
            chart = it->second;
            previous.erase(it);
        } else {
            chart = makeChart();
        }
        BinnedColumn& binned = binned_.emplace_back(BinnedColumn::build(table, column));
        chart->setObjectName(QStringLiteral("histogram:") + name);
        chart->setMetric(name, meta.direction, objective && *objective == column);
        chart->setStudies(studies);
        chart->setBins(binned.bins, binned.excluded);
        charts.push_back(chart);
    }
    for (auto& [name, chart] : previous) {
        chart->hide();
        chart->deleteLater();
    }
    charts_ = std::move(charts);
    grid_->setCharts(charts_);
    noMetrics_->setVisible(charts_.empty() && table.rows() > 0);
    header_->setStudies(studies);

    selectedRows_ = selectedRowFlags(table, hub_.selection());
    syncBrushesFromHub();
    recount();
    showHovered();
    updatePlaceholder();
}

void OverviewView::syncBrushesFromHub()
{
    const auto it = hub_.brushes().find(sourceName());
    int brushed = 0;
    for (std::size_t i = 0; i < charts_.size(); ++i) {
        std::optional<plot::ValueRange> range;
        if (it != hub_.brushes().end())
            for (const ColumnRange& r : it->second)
                if (r.column == binned_[i].column && r.categories.empty())
                    range = plot::ValueRange{r.low, r.high};
        charts_[i]->setBrush(range);
        brushed += range.has_value();
    }
    header_->setBrushCount(brushed);
}

Brush OverviewView::ownBrush() const
{
    Brush brush;
    for (std::size_t i = 0; i < charts_.size(); ++i)
        if (const auto& range = charts_[i]->brush())
            brush.push_back(ColumnRange{binned_[i].column, range->low, range->high, {}});
    return brush;
}

void OverviewView::recount()
{
    if (!table_)
        return;
    const TrialTable& table = *table_;
    filter_ = OverviewFilter(hub_.visible(sourceName()), table, ownBrush());
    const bool anySelection = !hub_.selection().empty();
    for (std::size_t i = 0; i < charts_.size(); ++i)
        charts_[i]->setCounts(countHistogram(table, binned_[i], filter_, selectedRows_), anySelection);

    const OverviewSummary summary = summarizeTrials(table, hub_.visible());
    QString bestTrial;
    QString bestStudy;
    if (summary.best) {
        bestTrial = qstr(table.trial(summary.best->row).id);
        bestStudy = qstr(table.study(table.studyOf(summary.best->row)).name);
    }
    header_->setSummary(summary, bestTrial, bestStudy);
}

void OverviewView::showHovered()
{
    std::optional<std::size_t> row;
    if (table_ && hub_.hovered())
        row = table_->rowOf(*hub_.hovered());
    for (std::size_t i = 0; i < charts_.size(); ++i) {
        std::optional<double> value;
        if (row) {
            const double v = table_->columns()[binned_[i].column].values[*row];
            if (std::isfinite(v))
                value = v;
        }
        charts_[i]->setHoveredValue(value);
    }
}

void OverviewView::updatePlaceholder()
{
    if (table_ && table_->rows() > 0) {
        pages_->setCurrentIndex(1);
        return;
    }
    if (session_.selectedStudies().isEmpty())
        placeholder_->setText(tr("No study is shown. Choose the studies to look at in the control panel, and their "
                                 "optimization overview appears here."));
    else if (session_.loading())
        placeholder_->setText(tr("Loading the shown studies…"));
    else
        placeholder_->setText(tr("The shown studies have no trials yet. They appear here as the runner reports "
                                 "them."));
    pages_->setCurrentWidget(placeholder_);
}

void OverviewView::editBrush()
{
    Brush brush = ownBrush();
    header_->setBrushCount(static_cast<int>(brush.size()));
    hub_.setBrush(sourceName(), std::move(brush));
    // The other views hear of it within a frame; these histograms follow at once.
    recount();
}

void OverviewView::clearBrushes()
{
    for (HistogramChart* chart : charts_)
        chart->setBrush(std::nullopt);
    header_->setBrushCount(0);
    hub_.clearBrush(sourceName());
    recount();
}

std::size_t OverviewView::indexOf(const HistogramChart* chart) const
{
    return static_cast<std::size_t>(std::find(charts_.begin(), charts_.end(), chart) - charts_.begin());
}

void OverviewView::selectBin(HistogramChart* chart, int bin, Qt::KeyboardModifiers modifiers)
{
    const std::size_t index = indexOf(chart);
    if (!table_ || index >= charts_.size())
        return;
    const bool extend = modifiers & (Qt::ControlModifier | Qt::ShiftModifier);
    std::set<TrialKey> keys;
    if (extend)
        keys = hub_.selection();
    for (const std::size_t row : rowsInBin(binned_[index], filter_, bin))
        keys.insert(table_->key(row));
    selectionBeforeClick_ = hub_.selection();
    hub_.setSelection(std::move(keys));
    selectionByClick_ = hub_.selection();
    sinceClick_.start();
}

void OverviewView::undoClickSelection()
{
    if (!sinceClick_.isValid() || sinceClick_.elapsed() > QApplication::doubleClickInterval())
        return;
    sinceClick_.invalidate();
    if (hub_.selection() == selectionByClick_)
        hub_.setSelection(selectionBeforeClick_);
}

} // namespace tendril::app
