#include "views/selected/selected_view.hpp"

#include "plot/flow_layout.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "views/selected/selected_model.hpp"
#include "views/selected/selected_rows.hpp"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tendril::app {

using namespace selected;

namespace {

constexpr int kMaxColumnWidth = 240;

QPushButton* makeButton(const QString& text, const QString& tooltip, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setToolTip(tooltip);
    button->setAutoDefault(false);
    return button;
}

} // namespace

SelectedView::SelectedView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      model_(new SelectedTrialsModel(this)),
      title_(new QLabel(tr("Selected experiments"), this)),
      subtitle_(new QLabel(this)),
      notice_(new QWidget(this)),
      noticeText_(new QLabel(notice_)),
      selectSuggested_(makeButton(tr("Select these"), tr("Make the suggested trials the selection in every view"),
                                  notice_)),
      copy_(makeButton(tr("Copy as CSV"),
                       tr("Copy the highlighted rows (every row when none is highlighted) as CSV, with every digit "
                          "(Ctrl+C)"),
                       this)),
      remove_(makeButton(tr("Remove from selection"), tr("Take the highlighted trials out of the selection (Delete)"),
                         this)),
      clear_(makeButton(tr("Clear selection"), tr("Select nothing, in every view"), this)),
      copyAction_(new QAction(tr("Copy as CSV"), this)),
      removeAction_(new QAction(tr("Remove from selection"), this)),
      pages_(new QStackedWidget(this)),
      placeholder_(new QLabel(this)),
      table_(new QTableView(this))
{
    setObjectName(QStringLiteral("selectedView"));
    // The table's canvas all around it, in either theme.
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    subtitle_->setObjectName(QStringLiteral("selectedSubtitle"));
    subtitle_->setTextFormat(Qt::RichText);
    // A long summary takes another line rather than a wider view.
    subtitle_->setWordWrap(true);

    notice_->setObjectName(QStringLiteral("selectedNotice"));
    notice_->setAttribute(Qt::WA_StyledBackground);
    noticeText_->setObjectName(QStringLiteral("selectedNoticeText"));
    noticeText_->setWordWrap(true);
    noticeText_->setTextFormat(Qt::RichText);
    auto* noticeLayout = new QHBoxLayout(notice_);
    noticeLayout->setContentsMargins(10, 6, 6, 6);
    noticeLayout->addWidget(noticeText_, 1);
    noticeLayout->addWidget(selectSuggested_);

    table_->setObjectName(QStringLiteral("selectedTable"));
    table_->setModel(model_);
    table_->setSortingEnabled(true);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    table_->setMouseTracking(true);
    table_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 10);
    table_->viewport()->installEventFilter(this);
    QHeaderView* header = table_->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setMaximumSectionSize(kMaxColumnWidth);
    QFont headerFont = header->font();
    headerFont.setWeight(QFont::DemiBold);
    header->setFont(headerFont);

    placeholder_->setObjectName(QStringLiteral("selectedPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    pages_->addWidget(placeholder_);
    pages_->addWidget(table_);

    copyAction_->setShortcut(QKeySequence::Copy);
    removeAction_->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    for (QAction* action : {copyAction_, removeAction_}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }

    // The titles claim the rest of their line.
    auto* titles = new QWidget(this);
    titles->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    title_->setParent(titles);
    subtitle_->setParent(titles);
    auto* titleLayout = new QVBoxLayout(titles);
    titleLayout->setContentsMargins(0, 0, 0, 0);
    titleLayout->setSpacing(2);
    titleLayout->addWidget(title_);
    titleLayout->addWidget(subtitle_);
    // The buttons stay together: beside the titles when there is room, on a line of their own
    // under them when not, and wrapping among themselves only in the narrowest dock.
    auto* buttons = new QWidget(this);
    auto* buttonLayout = new plot::FlowLayout(buttons, 8, 6);
    buttonLayout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton* b : {copy_, remove_, clear_}) {
        b->setParent(buttons);
        buttonLayout->addWidget(b);
    }
    auto* head = new plot::FlowLayout(12, 8);
    head->addWidget(titles);
    head->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(8);
    layout->addLayout(head);
    layout->addWidget(notice_);
    layout->addWidget(pages_, 1);

    connect(copy_, &QPushButton::clicked, this, &SelectedView::copyAsCsv);
    connect(copyAction_, &QAction::triggered, this, &SelectedView::copyAsCsv);
    connect(remove_, &QPushButton::clicked, this, &SelectedView::removeHighlightedFromSelection);
    connect(removeAction_, &QAction::triggered, this, &SelectedView::removeHighlightedFromSelection);
    connect(clear_, &QPushButton::clicked, this, [this] { session_.hub().clearSelection(); });
    connect(selectSuggested_, &QPushButton::clicked, this, &SelectedView::selectSuggestions);
    connect(table_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (!index.isValid())
            return;
        const TrialKey key = model_->keyAt(index.row());
        session_.hub().setSelection({key});
        emit openModelAnalysis(key);
    });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SelectedView::updateActions);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &SelectedView::updateActions);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &SelectedView::updateActions);
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        table_->horizontalHeader()->setSortIndicator(model_->sortColumn(), model_->sortOrder());
        table_->resizeColumnsToContents();
        updateActions();
    });

    SelectionHub& hub = session_.hub();
    connect(&hub, &SelectionHub::tableChanged, this, &SelectedView::refresh);
    connect(&hub, &SelectionHub::selectionChanged, this, &SelectedView::refresh);
    connect(&hub, &SelectionHub::filterChanged, this, [this] {
        // Suggestions respect every view's brushes; a shown selection does not depend on them.
        if (suggesting_)
            refresh();
    });
    connect(&session_, &ProjectSession::loadingChanged, this, &SelectedView::updateHeader);
    connect(&hub, &SelectionHub::hoverChanged, this, [this] {
        const auto hovered = session_.hub().hovered();
        if (!hovered || model_->rowOf(*hovered) < 0)
            hoverIsMine_ = false;
        model_->setHoveredKey(hovered);
    });
    applyColors();
    refresh();
}

void SelectedView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void SelectedView::applyColors()
{
    const PlotColors colors = PlotColors::of(*this);
    title_->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: 600; color: %1;").arg(colors.ink.name()));
    subtitle_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.tickText.name()));
    // The suggestion notice: a panel tinted with the accent, as the selection it offers.
    notice_->setStyleSheet(QStringLiteral("#selectedNotice { background: %1; border: 1px solid %2; border-radius: 4px; }")
                               .arg(mixColors(colors.canvas, colors.accent, colors.dark ? 0.14 : 0.06).name(),
                                    mixColors(colors.canvas, colors.accent, colors.dark ? 0.35 : 0.17).name()));
    noticeText_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.ink.name()));
    placeholder_->setStyleSheet(QStringLiteral("color: %1; font-size: 11pt;").arg(colors.faintText.name()));
}

void SelectedView::refresh()
{
    const SelectionHub& hub = session_.hub();
    const bool wasEmpty = model_->rowCount() == 0;
    suggesting_ = hub.selection().empty();
    if (suggesting_) {
        model_->setContent(hub.table(), suggestedTrials(*hub.table(), hub.visible(), kSuggestionCount));
    } else {
        model_->setContent(hub.table(), std::vector<TrialKey>(hub.selection().begin(), hub.selection().end()));
    }
    model_->setHoveredKey(hub.hovered());
    if (wasEmpty && model_->rowCount() > 0)
        table_->resizeColumnsToContents();
    updateHeader();
    updateActions();
}

void SelectedView::updateHeader()
{
    const SelectionHub& hub = session_.hub();
    const TrialTable& table = *hub.table();
    const int rows = model_->rowCount();
    const Objective* objective = table.objective();
    const QString metric = objective ? qstr(objective->metric).toHtmlEscaped() : QString();

    if (suggesting_) {
        subtitle_->setText(tr("Nothing selected"));
        if (rows > 0)
            noticeText_->setText(
                (rows == 1 ? tr("No trials are selected. Here is the best complete trial by %1 as a suggestion").arg(metric)
                           : tr("No trials are selected. Here are the %1 best complete trials by %2 as suggestions")
                                 .arg(QString::number(rows), metric))
                + tr("; select trials in the trade-off plot or any other view to compare them here."));
        notice_->setVisible(rows > 0);
        if (session_.loading() && table.rows() == 0)
            placeholder_->setText(tr("Loading the shown studies…"));
        else if (table.studyCount() == 0)
            placeholder_->setText(tr("Show a study to compare its trials here"));
        else
            placeholder_->setText(tr("Select trials in the trade-off plot or any other view to compare them here"));
    } else {
        QStringList parts;
        std::set<std::size_t> studies;
        for (const TrialKey key : model_->keys())
            studies.insert(table.studyOf(*table.rowOf(key)));
        const QString trials = rows == 1 ? tr("1 trial") : tr("%1 trials").arg(rows);
        parts << (studies.size() == 1 ? tr("%1 from 1 study").arg(trials)
                                      : tr("%1 from %2 studies").arg(trials).arg(studies.size()));
        // The best of the selection, where the eye goes first.
        if (const auto column = table.objectiveColumn()) {
            const std::vector<double>& values = table.columns()[*column].values;
            std::optional<std::size_t> best;
            for (const TrialKey key : model_->keys()) {
                const std::size_t r = *table.rowOf(key);
                if (std::isfinite(values[r]) && (!best || isBetter(objective->direction, values[r], values[*best])))
                    best = r;
            }
            if (best)
                parts << tr("best %1 <b>%2</b> (%3)")
                             .arg(metric, formatCompact(values[*best]), qstr(table.trial(*best).id).toHtmlEscaped());
        }
        subtitle_->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
        notice_->setVisible(false);
    }
    pages_->setCurrentWidget(rows > 0 ? static_cast<QWidget*>(table_) : placeholder_);
}

void SelectedView::updateActions()
{
    const bool hasRows = model_->rowCount() > 0;
    const bool canRemove = !suggesting_ && !highlightedRows().empty();
    copy_->setEnabled(hasRows);
    copyAction_->setEnabled(hasRows);
    remove_->setEnabled(canRemove);
    removeAction_->setEnabled(canRemove);
    clear_->setEnabled(!suggesting_);
    selectSuggested_->setEnabled(suggesting_ && hasRows);
}

std::vector<int> SelectedView::highlightedRows() const
{
    std::vector<int> rows;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        rows.push_back(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void SelectedView::copyAsCsv()
{
    // Rows in the order shown; the model sorts itself, so its order is the screen's.
    QApplication::clipboard()->setText(model_->toCsv(highlightedRows()));
}

void SelectedView::removeHighlightedFromSelection()
{
    if (suggesting_)
        return;
    std::set<TrialKey> next = session_.hub().selection();
    for (const int row : highlightedRows())
        next.erase(model_->keyAt(row));
    session_.hub().setSelection(std::move(next));
}

void SelectedView::selectSuggestions()
{
    if (!suggesting_)
        return;
    session_.hub().setSelection(std::set<TrialKey>(model_->keys().begin(), model_->keys().end()));
}

bool SelectedView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == table_->viewport()) {
        if (event->type() == QEvent::MouseMove)
            hoverRowAt(static_cast<QMouseEvent*>(event)->position().toPoint());
        else if (event->type() == QEvent::Leave && hoverIsMine_) {
            hoverIsMine_ = false;
            session_.hub().setHovered(std::nullopt);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SelectedView::hoverRowAt(QPoint viewportPos)
{
    const QModelIndex index = table_->indexAt(viewportPos);
    if (!index.isValid()) {
        if (hoverIsMine_) {
            hoverIsMine_ = false;
            session_.hub().setHovered(std::nullopt);
        }
        return;
    }
    hoverIsMine_ = true;
    session_.hub().setHovered(model_->keyAt(index.row()));
}

} // namespace tendril::app
