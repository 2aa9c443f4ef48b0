#include "views/overview/overview_header.hpp"

#include "plot/flow_layout.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "views/overview/overview_text.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace tendril::app::overview {

namespace {

// Always shown, even at zero: "0 failed" is news too. Queued and skipped only when there are any.
bool alwaysShown(TrialState state)
{
    return state == TrialState::Running || state == TrialState::Complete || state == TrialState::Pruned
        || state == TrialState::Failed;
}

// The order of the state tiles: what is happening first, then how it ended.
constexpr TrialState kTileOrder[] = {TrialState::Running, TrialState::Queued, TrialState::Complete,
                                     TrialState::Pruned, TrialState::Failed, TrialState::Skipped};

QString tileHtml(const PlotColors& colors, const QString& caption, const QString& value, const QString& detail = {})
{
    const QString muted = colors.tickText.name();
    QString html = QStringLiteral("<div style='color:%1; font-size:9pt'>%2</div>"
                                  "<div style='color:%3; font-size:16pt; font-weight:600'>%4</div>")
                       .arg(muted, caption, colors.ink.name(), value);
    if (!detail.isEmpty())
        html += QStringLiteral("<div style='color:%1; font-size:9pt'>%2</div>").arg(muted, detail);
    return html;
}

} // namespace

OverviewHeader::OverviewHeader(QWidget* parent)
    : QWidget(parent), legend_(new QWidget(this)), legendLayout_(new plot::FlowLayout(legend_, 16, 2)),
      clearBrushes_(new QToolButton(this))
{
    setObjectName(QStringLiteral("overviewHeader"));

    // One entry a study, whole on its line: many studies take more lines, not a wider view.
    legend_->setObjectName(QStringLiteral("overviewLegend"));
    legendLayout_->setContentsMargins(0, 0, 0, 0);

    hint_ = new QLabel(tr("Drag across a histogram to filter · click a bar to select · Esc clears"), this);
    hint_->setToolTip(tr("Dragging across a histogram keeps the trials in that range in every other view; drag the "
                         "range to move it or its edges to resize it; double-click or Esc clears it. Clicking a bar "
                         "selects its trials."));
    hint_->setObjectName(QStringLiteral("overviewHint"));
    hint_->setWordWrap(true);
    hint_->setAlignment(Qt::AlignCenter);
    hint_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    hint_->setMinimumWidth(160);
    hint_->setMaximumWidth(460);

    clearBrushes_->setObjectName(QStringLiteral("overviewClearBrushes"));
    clearBrushes_->setText(tr("Clear brushes"));
    clearBrushes_->setToolTip(tr("Remove the ranges brushed on these histograms"));
    clearBrushes_->setAutoRaise(true);
    clearBrushes_->hide();
    connect(clearBrushes_, &QToolButton::clicked, this, &OverviewHeader::clearBrushesRequested);

    auto* top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(legend_, 1);
    top->addWidget(clearBrushes_, 0, Qt::AlignTop);

    // The tiles wrap onto further lines in a narrow dock; the best value keeps to the right.
    auto* tiles = new plot::FlowLayout(20, 8);
    experiments_ = new QLabel(this);
    experiments_->setObjectName(QStringLiteral("overviewExperiments"));
    tiles->addWidget(experiments_);
    for (const TrialState state : kTileOrder) {
        auto* tile = new QLabel(this);
        tile->setObjectName(QStringLiteral("overviewState%1").arg(stateLabel(state)));
        states_[static_cast<std::size_t>(state)] = tile;
        tiles->addWidget(tile);
    }
    visible_ = new QLabel(this);
    visible_->setObjectName(QStringLiteral("overviewVisible"));
    tiles->addWidget(visible_);
    tiles->addWidget(hint_);
    best_ = new QLabel(this);
    best_->setObjectName(QStringLiteral("overviewBest"));
    best_->setAlignment(Qt::AlignRight | Qt::AlignTop);
    best_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tiles->addWidget(best_);
    for (QLabel* tile : findChildren<QLabel*>())
        if (tile != hint_)
            tile->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addLayout(tiles);

    applyColors();
}

void OverviewHeader::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    hint_->setVisible(width() >= kHintMinWidth);
}

void OverviewHeader::paintEvent(QPaintEvent*)
{
    const PlotColors colors = PlotColors::of(*this);
    QPainter painter(this);
    painter.fillRect(rect(), colors.canvas);
    painter.fillRect(QRect(0, height() - 1, width(), 1), colors.cardBorder);
}

void OverviewHeader::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The tiles' rich text carries its colours inline: a new palette means writing it again.
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void OverviewHeader::applyColors()
{
    const PlotColors colors = PlotColors::of(*this);
    hint_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.faintText.name()));
    clearBrushes_->setStyleSheet(
        QStringLiteral("QToolButton { color: %1; font-weight: 600; padding: 2px 6px; }").arg(colors.accent.name()));
    // In place: the application is walking its widgets while it delivers a palette change.
    writeLegend();
    setSummary(summary_, bestTrial_, bestStudy_);
}

void OverviewHeader::setStudies(const QStringList& names)
{
    studies_ = names;
    while (QLayoutItem* item = legendLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        auto* entry = new QLabel(legend_);
        entry->setTextFormat(Qt::RichText);
        legendLayout_->addWidget(entry);
    }
    writeLegend();
    legend_->setAccessibleName(names.join(QStringLiteral(", ")));
}

void OverviewHeader::writeLegend()
{
    const QString style = QStringLiteral("color: %1; font-size: 11pt;").arg(PlotColors::of(*this).ink.name());
    for (int i = 0; i < legendLayout_->count() && i < studies_.size(); ++i) {
        auto* entry = qobject_cast<QLabel*>(legendLayout_->itemAt(i)->widget());
        entry->setText(QStringLiteral("<span style='color:%1; font-size:14pt'>■</span>&nbsp;<b>%2</b>")
                           .arg(studyColor(static_cast<std::size_t>(i)).name(), studies_[i].toHtmlEscaped()));
        entry->setStyleSheet(style);
    }
}

void OverviewHeader::setSummary(const OverviewSummary& summary, const QString& bestTrial, const QString& bestStudy)
{
    summary_ = summary;
    bestTrial_ = bestTrial;
    bestStudy_ = bestStudy;
    const PlotColors colors = PlotColors::of(*this);
    const auto total = static_cast<std::int64_t>(summary.trials);
    experiments_->setText(tileHtml(colors, tr("Experiments"), formatCount(total)));
    experiments_->setAccessibleName(tr("Experiments: %1").arg(formatCount(total)));

    for (const TrialState state : kAllTrialStates) {
        QLabel* tile = states_[static_cast<std::size_t>(state)];
        const std::int64_t n = summary.inState(state);
        const QString caption = QStringLiteral("<span style='color:%1'>●</span> %2")
                                    .arg(stateColor(state).name(), stateLabel(state));
        tile->setText(tileHtml(colors, caption, formatCount(n)));
        tile->setAccessibleName(QStringLiteral("%1: %2").arg(stateLabel(state), formatCount(n)));
        tile->setVisible(alwaysShown(state) || n > 0);
    }

    const auto visible = static_cast<std::int64_t>(summary.visible);
    visible_->setText(tileHtml(colors, tr("Visible"), formatCount(visible), tr("of %1").arg(formatCount(total))));
    visible_->setAccessibleName(tr("%1 of %2 visible").arg(formatCount(visible), formatCount(total)));
    visible_->setToolTip(tr("Trials that pass the brushes of every view, of all the trials shown"));

    const QString metric = qstr(summary.objective).toHtmlEscaped();
    const QString caption = summary.objective.empty()
        ? tr("Best objective")
        : tr("Best %1 %2").arg(metric, directionArrow(summary.direction));
    if (summary.best) {
        const QString detail = tr("trial %1 · %2").arg(bestTrial.toHtmlEscaped(), bestStudy.toHtmlEscaped());
        best_->setText(tileHtml(colors, caption, formatCompact(summary.best->value), detail));
        best_->setAccessibleName(tr("Best %1: %2, trial %3 of %4")
                                     .arg(qstr(summary.objective), formatCompact(summary.best->value), bestTrial, bestStudy));
        best_->setToolTip(formatExact(summary.best->value));
    } else {
        best_->setText(tileHtml(colors, caption, QStringLiteral("—"), tr("no complete trial yet")));
        best_->setAccessibleName(tr("Best %1: none yet").arg(qstr(summary.objective)));
        best_->setToolTip({});
    }
}

void OverviewHeader::setBrushCount(int count)
{
    clearBrushes_->setVisible(count > 0);
    clearBrushes_->setText(count > 1 ? tr("Clear %1 brushes").arg(count) : tr("Clear brush"));
}

QString OverviewHeader::experimentsText() const
{
    return experiments_->accessibleName();
}

QString OverviewHeader::stateText(TrialState state) const
{
    return states_[static_cast<std::size_t>(state)]->accessibleName();
}

QString OverviewHeader::visibleText() const
{
    return visible_->accessibleName();
}

QString OverviewHeader::bestText() const
{
    return best_->accessibleName();
}

} // namespace tendril::app::overview
