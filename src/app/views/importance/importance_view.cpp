#include "views/importance/importance_view.hpp"

#include "plot/elided_label.hpp"
#include "plot/flow_layout.hpp"
#include "session/latest_job.hpp"
#include "session/project_session.hpp"
#include "style/plot_colors.hpp"
#include "views/importance/detail_plot.hpp"
#include "views/importance/importance_text.hpp"
#include "views/importance/matrix_plot.hpp"

#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QSignalBlocker>
#include <QPainter>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tendril::app::importance {

namespace {

// A panel that paints the plot canvas behind its children, so the matrix, its scroll area and the
// detail read as one surface in either theme.
class CanvasPanel : public QWidget {
public:
    using QWidget::QWidget;

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), PlotColors::of(*this).canvas);
    }
};

void setTextColor(QWidget* widget, const QColor& color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    palette.setColor(QPalette::ButtonText, color);
    widget->setPalette(palette);
}

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setProperty("importanceCaption", true);
    return label;
}

} // namespace

ImportanceView::ImportanceView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      hub_(session.hub()),
      service_(ImportanceService::of(session)),
      detailJob_(new LatestJob(this)),
      pages_(new QStackedWidget(this)),
      placeholder_(new QLabel(this)),
      title_(new QLabel(tr("Hyperparameter importance"), this)),
      metric_(new QComboBox(this)),
      colouring_(new QComboBox(this)),
      clearBrush_(new QToolButton(this)),
      status_(new plot::ElidedLabel(this)),
      splitter_(new QSplitter(this)),
      matrix_(new MatrixPlot),
      showAll_(new QToolButton),
      detailTitle_(new QLabel),
      detailCaption_(new QLabel),
      detail_(new DetailPlot)
{
    setObjectName(QStringLiteral("importanceView"));

    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() + 2);
    titleFont.setWeight(QFont::DemiBold);
    title_->setFont(titleFont);
    title_->setObjectName(QStringLiteral("importanceTitle"));

    metric_->setObjectName(QStringLiteral("importanceMetric"));
    metric_->setToolTip(tr("The metric whose variance the importances explain"));
    metric_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    metric_->setMinimumContentsLength(12);
    colouring_->setObjectName(QStringLiteral("importanceColouring"));
    colouring_->setToolTip(tr("How the trials over the detail plot are coloured"));
    colouring_->addItem(tr("by study"), static_cast<int>(DotColouring::Study));
    colouring_->addItem(tr("by performance"), static_cast<int>(DotColouring::Performance));
    clearBrush_->setObjectName(QStringLiteral("importanceClearBrush"));
    clearBrush_->setText(tr("Clear brush"));
    clearBrush_->setToolTip(tr("Remove the range brushed on the detail plot (Esc on the plot does it too)"));
    clearBrush_->setAutoRaise(true);
    clearBrush_->hide();
    status_->setObjectName(QStringLiteral("importanceStatus"));

    auto* controls = new plot::FlowLayout(12, 4);
    auto* metricBox = new QWidget(this);
    auto* metricRow = new QHBoxLayout(metricBox);
    metricRow->setContentsMargins(0, 0, 0, 0);
    metricRow->setSpacing(6);
    metricRow->addWidget(caption(tr("Metric"), metricBox));
    metricRow->addWidget(metric_);
    auto* dotsBox = new QWidget(this);
    auto* dotsRow = new QHBoxLayout(dotsBox);
    dotsRow->setContentsMargins(0, 0, 0, 0);
    dotsRow->setSpacing(6);
    dotsRow->addWidget(caption(tr("Trials"), dotsBox));
    dotsRow->addWidget(colouring_);
    controls->addWidget(metricBox);
    controls->addWidget(dotsBox);
    controls->addWidget(clearBrush_);

    // The matrix scrolls on its own when "Show all" makes it taller than its pane.
    auto* matrixPane = new CanvasPanel;
    auto* matrixLayout = new QVBoxLayout(matrixPane);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    matrixLayout->setSpacing(2);
    matrixLayout->addWidget(matrix_);
    showAll_->setObjectName(QStringLiteral("importanceShowAll"));
    showAll_->setAutoRaise(true);
    matrixLayout->addWidget(showAll_, 0, Qt::AlignLeft);
    matrixLayout->addStretch(1);
    auto* matrixScroll = new QScrollArea;
    matrixScroll->setObjectName(QStringLiteral("importanceMatrixScroll"));
    matrixScroll->setWidget(matrixPane);
    matrixScroll->setWidgetResizable(true);
    matrixScroll->setFrameShape(QFrame::NoFrame);
    matrixScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* detailPane = new CanvasPanel;
    auto* detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(12, 8, 8, 4);
    detailLayout->setSpacing(2);
    detailTitle_->setObjectName(QStringLiteral("importanceDetailTitle"));
    QFont detailFont = detailTitle_->font();
    detailFont.setWeight(QFont::DemiBold);
    detailFont.setPointSizeF(detailFont.pointSizeF() + 1);
    detailTitle_->setFont(detailFont);
    detailCaption_->setObjectName(QStringLiteral("importanceDetailCaption"));
    detailCaption_->setWordWrap(true);
    detailLayout->addWidget(detailTitle_);
    detailLayout->addWidget(detailCaption_);
    detailLayout->addWidget(detail_, 1);

    splitter_->setObjectName(QStringLiteral("importanceSplitter"));
    splitter_->setChildrenCollapsible(false);
    splitter_->addWidget(matrixScroll);
    splitter_->addWidget(detailPane);
    splitter_->setStretchFactor(0, 0);
    splitter_->setStretchFactor(1, 1);
    splitter_->installEventFilter(this);
    connect(splitter_, &QSplitter::splitterMoved, this, [this] { userSplit_ = true; });

    auto* content = new CanvasPanel;
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(splitter_);

    placeholder_->setObjectName(QStringLiteral("importancePlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setMargin(24);
    pages_->addWidget(placeholder_);
    pages_->addWidget(content);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(6);
    layout->addWidget(title_);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(pages_, 1);

    connect(matrix_, &MatrixPlot::termActivated, this, &ImportanceView::termActivated);
    connect(showAll_, &QToolButton::clicked, this, [this] {
        showAllRows_ = !showAllRows_;
        updateShowAll();
    });
    connect(metric_, &QComboBox::currentIndexChanged, this, &ImportanceView::metricChosen);
    connect(colouring_, &QComboBox::currentIndexChanged, this, [this] {
        detail_->setColouring(static_cast<DotColouring>(colouring_->currentData().toInt()));
    });
    connect(clearBrush_, &QToolButton::clicked, this, [this] { hub_.clearBrush(kSource); });

    connect(detail_, &DetailPlot::hoverEdited, this, [this](std::optional<std::size_t> row) {
        const auto& table = detailContent_ && detailContent_->result ? detailContent_->result->table : nullptr;
        hub_.setHovered(row && table && *row < table->rows() ? std::optional<TrialKey>(table->key(*row)) : std::nullopt);
    });
    connect(detail_, &DetailPlot::trialClicked, this, [this](std::size_t row, bool additive) {
        if (!detailContent_)
            return;
        const auto& table = detailContent_->result->table;
        const TrialKey key = table->key(row);
        if (!additive) {
            hub_.setSelection({key});
            return;
        }
        std::set<TrialKey> next = hub_.selection();
        if (!next.erase(key))
            next.insert(key);
        hub_.setSelection(std::move(next));
    });
    connect(detail_, &DetailPlot::emptyClicked, this, [this] { hub_.clearBrush(kSource); });
    connect(detail_, &DetailPlot::brushEdited, this, [this](const Brush& brush) {
        if (brush.empty() || !detailContent_) {
            hub_.clearBrush(kSource);
            return;
        }
        // The detail's columns are looked up by name in the hub's table, which may be newer than
        // the analysis the detail shows.
        const TrialTable& analysed = *detailContent_->result->table;
        const TrialTable& current = *hub_.table();
        Brush mapped;
        for (ColumnRange range : brush) {
            const TableColumn& column = analysed.columns()[range.column];
            if (const auto c = current.column(column.kind, column.name)) {
                range.column = *c;
                mapped.push_back(std::move(range));
            }
        }
        hub_.setBrush(kSource, std::move(mapped));
    });

    connect(&service_, &ImportanceService::resultChanged, this, &ImportanceView::resultChanged);
    connect(&service_, &ImportanceService::metricChanged, this, &ImportanceView::followServiceMetric);
    connect(&service_, &ImportanceService::busyChanged, this, [this] {
        updateStale();
        updateStatus();
        updatePlaceholder();
    });
    connect(detailJob_, &LatestJob::busyChanged, this, &ImportanceView::updateStale);
    connect(&hub_, &SelectionHub::tableChanged, this, [this] {
        fillMetrics();
        applyFlags();
        applyBrush();
        applyHover();
        updateStale();
        updatePlaceholder();
    });
    connect(&hub_, &SelectionHub::filterChanged, this, [this](const QString& source) {
        applyBrush();
        if (source != kSource)
            applyFlags();
    });
    connect(&hub_, &SelectionHub::selectionChanged, this, &ImportanceView::applyFlags);
    connect(&hub_, &SelectionHub::hoverChanged, this, &ImportanceView::applyHover);
    connect(&session_, &ProjectSession::loadingChanged, this, &ImportanceView::updatePlaceholder);

    applyColors();
    fillMetrics();
    updateShowAll();
    showResult(service_.result());
}

ImportanceView::~ImportanceView()
{
    if (cancelDetail_)
        cancelDetail_->store(true);
}

void ImportanceView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // A theme change sets the palette and then the application's style sheet, whose repolish puts
    // back the palettes the labels had before: the text colours are applied once both are done.
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) && !colorsPending_) {
        colorsPending_ = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                colorsPending_ = false;
                applyColors();
            },
            Qt::QueuedConnection);
    }
}

void ImportanceView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), PlotColors::of(*this).canvas);
}

void ImportanceView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    const Qt::Orientation wanted = width() < kStackBelowWidth ? Qt::Vertical : Qt::Horizontal;
    if (splitter_->orientation() != wanted) {
        splitter_->setOrientation(wanted);
        userSplit_ = false;  // a split chosen for the other orientation means nothing in this one
        fitSplitter();
    }
}

bool ImportanceView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == splitter_ && event->type() == QEvent::Resize)
        fitSplitter();
    return QWidget::eventFilter(watched, event);
}

void ImportanceView::fitSplitter()
{
    if (userSplit_)
        return;
    // Side by side, the matrix takes what its columns and a readable bar need; stacked, it takes its
    // own height up to 45 % of the dock, and the detail plot the rest (the matrix scrolls beyond).
    const bool wide = splitter_->orientation() == Qt::Horizontal;
    const int extent = wide ? splitter_->width() : splitter_->height();
    if (extent <= 0)
        return;
    int first = 0;
    if (wide) {
        first = std::clamp(extent * 2 / 5, matrix_->minimumSizeHint().width() + 24, 620);
    } else {
        const int natural = matrix_->minimumHeight() + (showAll_->isVisibleTo(this) ? showAll_->sizeHint().height() + 6 : 0);
        first = std::min(natural, extent * 9 / 20);
    }
    first = std::min(first, extent - 220);
    const QSignalBlocker blocker(splitter_);
    splitter_->setSizes({first, extent - first});
}

void ImportanceView::applyColors()
{
    const PlotColors colors = PlotColors::of(*this);
    setTextColor(title_, colors.ink);
    setTextColor(status_, colors.tickText);
    setTextColor(placeholder_, colors.faintText);
    setTextColor(detailTitle_, colors.ink);
    setTextColor(detailCaption_, colors.faintText);
    setTextColor(showAll_, colors.accent);
    setTextColor(clearBrush_, colors.accent);
    for (QLabel* label : findChildren<QLabel*>())
        if (label->property("importanceCaption").toBool())
            setTextColor(label, colors.tickText);
    update();
}

std::optional<TermKey> ImportanceView::currentTerm() const
{
    return term_;
}

bool ImportanceView::chooseTerm(const TermKey& key)
{
    const auto index = matrix_->matrix().find(key);
    if (!index)
        return false;
    if (*index >= matrix_->shownRows() && !showAllRows_) {
        showAllRows_ = true;
        updateShowAll();
    }
    matrix_->setCurrentTerm(*index);
    termActivated(*index);
    return true;
}

bool ImportanceView::detailPending() const
{
    return detailJob_->busy();
}

bool ImportanceView::showsPlaceholder() const
{
    return pages_->currentWidget() == placeholder_;
}

QString ImportanceView::placeholderText() const
{
    return placeholder_->text();
}

QString ImportanceView::statusText() const
{
    return status_->fullText();
}

QString ImportanceView::detailTitleText() const
{
    return detailTitle_->text();
}

void ImportanceView::updateShowAll()
{
    const std::size_t terms = matrix_->matrix().terms.size();
    matrix_->setShownRows(showAllRows_ ? terms : kTopRows);
    showAll_->setVisible(terms > kTopRows);
    showAll_->setText(showAllRows_ ? tr("Show the top %1").arg(kTopRows) : tr("Show all %1 terms").arg(terms));
    fitSplitter();
}

} // namespace tendril::app::importance
