#include "views/trials/trials_view.hpp"

#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"
#include "views/trials/trials_model.hpp"
#include "views/trials/trials_sort_proxy.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <functional>

namespace tendril::app {

namespace {

// Column widths come from the first rows only: a study of 100,000 trials must not be measured
// cell by cell every time it is shown.
constexpr int kRowsMeasured = 400;
constexpr int kMaxColumnWidth = 260;

// Calls apply whenever the watched widget's palette changes (a theme switch): the labels' style
// sheets and rich text carry the palette's colours.
class PaletteFollower : public QObject {
public:
    PaletteFollower(QWidget* watched, std::function<void()> apply) : QObject(watched), apply_(std::move(apply))
    {
        watched->installEventFilter(this);
    }

    bool eventFilter(QObject* /*watched*/, QEvent* event) override
    {
        if (event->type() == QEvent::PaletteChange)
            apply_();
        return false;
    }

private:
    std::function<void()> apply_;
};

QLabel* makeLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    return label;
}

} // namespace

TrialsView::TrialsView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      model_(new TrialsModel(this)),
      proxy_(new TrialsSortProxy(this)),
      pages_(new QStackedWidget(this)),
      placeholder_(new QLabel(this)),
      title_(makeLabel(QStringLiteral("trialsTitle"), this)),
      subtitle_(makeLabel(QStringLiteral("trialsSubtitle"), this)),
      best_(makeLabel(QStringLiteral("trialsBest"), this)),
      table_(new QTableView(this))
{
    setObjectName(QStringLiteral("trialsView"));
    proxy_->setSourceModel(model_);

    table_->setObjectName(QStringLiteral("trialsTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(TrialsModel::NumberColumn, Qt::AscendingOrder);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    table_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 10);
    QHeaderView* header = table_->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setResizeContentsPrecision(kRowsMeasured);
    header->setMaximumSectionSize(kMaxColumnWidth);
    QFont headerFont = header->font();
    headerFont.setWeight(QFont::DemiBold);
    header->setFont(headerFont);

    placeholder_->setObjectName(QStringLiteral("trialsPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    best_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* summary = new QWidget(this);
    summary->setObjectName(QStringLiteral("trialsSummary"));
    summary->setAttribute(Qt::WA_StyledBackground);
    auto* summaryLayout = new QGridLayout(summary);
    summaryLayout->setContentsMargins(16, 12, 16, 12);
    summaryLayout->setHorizontalSpacing(24);
    summaryLayout->setVerticalSpacing(4);
    summaryLayout->addWidget(title_, 0, 0);
    summaryLayout->addWidget(subtitle_, 1, 0);
    summaryLayout->addWidget(best_, 0, 1, 2, 1);
    summaryLayout->setColumnStretch(0, 1);

    auto* studyPage = new QWidget(this);
    auto* studyLayout = new QVBoxLayout(studyPage);
    studyLayout->setContentsMargins(0, 0, 0, 0);
    studyLayout->setSpacing(0);
    studyLayout->addWidget(summary);
    studyLayout->addWidget(table_, 1);

    pages_->addWidget(placeholder_);
    pages_->addWidget(studyPage);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);

    const auto applyColors = [this, summary] {
        const PlotColors colors = PlotColors::of(*this);
        placeholder_->setStyleSheet(QStringLiteral("color: %1; font-size: 11pt;").arg(colors.faintText.name()));
        title_->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 600; color: %1;").arg(colors.ink.name()));
        subtitle_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.tickText.name()));
        best_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.ink.name()));
        summary->setStyleSheet(QStringLiteral("#trialsSummary { background: %1; border-bottom: 1px solid %2; }")
                                   .arg(colors.canvas.name(), colors.cardBorder.name()));
        if (model_->study())
            showSummary(*model_->study());
    };
    applyColors();
    new PaletteFollower(this, applyColors);

    connect(&session_, &ProjectSession::selectionChanged, this, [this] {
        failure_.clear();
        studyChanged();
    });
    connect(&session_, &ProjectSession::shownStudiesLoaded, this, [this] {
        failure_.clear();
        studyChanged();
    });
    connect(&session_, &ProjectSession::loadFailed, this, [this](const QString& message) {
        failure_ = message;
        studyChanged();
    });
    studyChanged();
}

void TrialsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_)
        showCurrentStudy();
}

void TrialsView::studyChanged()
{
    stale_ = true;
    if (isVisible()) {
        showCurrentStudy();
        return;
    }
    // Out of sight, the old table is not worth keeping alive (it holds a whole study) until shown.
    if (model_->study())
        model_->setStudy(nullptr);
}

void TrialsView::showCurrentStudy()
{
    stale_ = false;
    const QString name = session_.currentStudyName();
    // The hub's table holds the shown studies in order once the session has read them; until
    // then (or when reading failed) the view says so instead of reading the study itself.
    std::shared_ptr<const Study> study;
    const std::shared_ptr<const TrialTable>& table = session_.hub().table();
    if (!name.isEmpty() && table && table->studyCount() > 0 && table->study(0).name == name.toStdString())
        study = std::shared_ptr<const Study>(table, &table->study(0));
    if (study && study == model_->study())
        return;
    model_->setStudy(study);
    if (!study) {
        if (name.isEmpty())
            placeholder_->setText(tr("Select a study on the left to see its trials."));
        else if (!failure_.isEmpty())
            placeholder_->setText(tr("The trials of %1 could not be read:\n%2").arg(name, failure_));
        else
            placeholder_->setText(tr("Reading the trials of %1…").arg(name));
        pages_->setCurrentWidget(placeholder_);
        return;
    }
    showSummary(*study);
    table_->resizeColumnsToContents();
    pages_->setCurrentIndex(1);
}

void TrialsView::showSummary(const Study& study)
{
    title_->setText(qstr(study.name).toHtmlEscaped());

    QStringList parts;
    parts << algorithmLabel(study.algorithm.name);
    parts << tr("objective %1 %2").arg(qstr(study.objective.metric).toHtmlEscaped(),
                                      directionArrow(study.objective.direction));
    if (!study.parent.empty())
        parts << tr("refined from %1").arg(qstr(study.parent).toHtmlEscaped());
    const StateCounts counts = study.stateCounts();
    QStringList states;
    for (const TrialState state : kAllTrialStates) {
        const auto n = counts[static_cast<std::size_t>(state)];
        if (n == 0)
            continue;
        states << QStringLiteral("<span style='color:%1'>●</span> %2 %3")
                      .arg(stateColor(state).name())
                      .arg(n)
                      .arg(stateLabel(state).toLower());
    }
    const auto trialCount = static_cast<qlonglong>(study.trials.size());
    parts << (trialCount == 1 ? tr("1 trial") : tr("%1 trials").arg(trialCount))
                 + (states.isEmpty() ? QString() : QStringLiteral(": ") + states.join(QStringLiteral("&nbsp;&nbsp;")));
    subtitle_->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));

    const QString muted = PlotColors::of(*this).tickText.name();

    if (const Trial* best = study.bestTrial()) {
        const double value = *best->metric(study.objective.metric);
        best_->setText(QStringLiteral("<div style='color:%4'>best %1</div>"
                                      "<div style='font-size:15pt; font-weight:600'>%2</div>"
                                      "<div style='color:%4'>trial %3</div>")
                           .arg(qstr(study.objective.metric).toHtmlEscaped(), formatCompact(value),
                                qstr(best->id).toHtmlEscaped(), muted));
        best_->setToolTip(formatExact(value));
    } else {
        best_->setText(QStringLiteral("<span style='color:%1'>%2</span>").arg(muted, tr("no complete trial yet")));
        best_->setToolTip({});
    }
}

} // namespace tendril::app
