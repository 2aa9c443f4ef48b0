#include "views/trials/trials_view.hpp"

#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/state_style.hpp"
#include "views/trials/trials_model.hpp"
#include "views/trials/trials_sort_proxy.hpp"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tendril::app {

namespace {

// Column widths come from the first rows only: a study of 100,000 trials must not be measured
// cell by cell every time it is shown.
constexpr int kRowsMeasured = 400;
constexpr int kMaxColumnWidth = 260;

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
    placeholder_->setText(tr("Select a study on the left to see its trials."));
    placeholder_->setStyleSheet(QStringLiteral("color: #8a94a6; font-size: 11pt;"));

    title_->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 600; color: #1d2330;"));
    subtitle_->setStyleSheet(QStringLiteral("color: #5b6373;"));
    best_->setStyleSheet(QStringLiteral("color: #1d2330;"));
    best_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* summary = new QWidget(this);
    summary->setObjectName(QStringLiteral("trialsSummary"));
    summary->setAttribute(Qt::WA_StyledBackground);
    summary->setStyleSheet(QStringLiteral("#trialsSummary { background: white; border-bottom: 1px solid #e1e4ea; }"));
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

    connect(&session_, &ProjectSession::selectionChanged, this, &TrialsView::showCurrentStudy);
    connect(&session_, &ProjectSession::studiesChanged, this, &TrialsView::showCurrentStudy);
    showCurrentStudy();
}

void TrialsView::showCurrentStudy()
{
    const QString name = session_.currentStudyName();
    std::shared_ptr<const Study> study;
    if (!name.isEmpty()) {
        QString error;
        study = session_.study(name, &error);
        if (!study)
            emit loadFailed(error);
    }
    if (study == model_->study())
        return;
    model_->setStudy(study);
    if (!study) {
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

    if (const Trial* best = study.bestTrial()) {
        const double value = *best->metric(study.objective.metric);
        best_->setText(QStringLiteral("<div style='color:#5b6373'>best %1</div>"
                                      "<div style='font-size:15pt; font-weight:600'>%2</div>"
                                      "<div style='color:#5b6373'>trial %3</div>")
                           .arg(qstr(study.objective.metric).toHtmlEscaped(), formatCompact(value),
                                qstr(best->id).toHtmlEscaped()));
        best_->setToolTip(formatExact(value));
    } else {
        best_->setText(QStringLiteral("<span style='color:#5b6373'>%1</span>").arg(tr("no complete trial yet")));
        best_->setToolTip({});
    }
}

} // namespace tendril::app
