// The importance view following the service and the hub: a new analysis rebuilds the matrix and
// asks for the chosen row's detail off the GUI thread; filter, selection and hover changes only
// restyle the trials on the detail plot.
#include "views/importance/importance_view.hpp"

#include "plot/elided_label.hpp"
#include "session/latest_job.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "views/importance/detail_content.hpp"
#include "views/importance/detail_plot.hpp"
#include "views/importance/importance_text.hpp"
#include "views/importance/matrix_plot.hpp"

#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QToolButton>

namespace tendril::app::importance {

namespace {

// An analysis with numbers worth a matrix: the engine found something to rank.
bool hasRanking(const ImportanceResult& result)
{
    return result.report.note.empty() && !result.report.params.empty();
}

} // namespace

void ImportanceView::resultChanged()
{
    if (auto result = service_.result()) {
        showResult(std::move(result));
        return;
    }
    // No result: the service started over on a new table, or failed. Without studies or after a
    // failure there is nothing to keep; otherwise the previous analysis stays, greyed, until the
    // new one arrives, so the view never flashes empty.
    if (hub_.table()->studyCount() == 0 || (!service_.error().isEmpty() && !service_.busy())) {
        showResult(nullptr);
        return;
    }
    updateStale();
    updateStatus();
    updatePlaceholder();
}

void ImportanceView::showResult(std::shared_ptr<const ImportanceResult> result)
{
    shown_ = std::move(result);
    if (!shown_) {
        matrix_->setMatrix({}, {});
        term_.reset();
    } else {
        matrix_->setMatrix(buildMatrix(shown_->report), shown_->metric);
        const ImportanceMatrix& matrix = matrix_->matrix();
        // The chosen row survives a refit when its term is still there; else the most important.
        std::optional<std::size_t> index = term_ ? matrix.find(*term_) : std::nullopt;
        if (!index && !matrix.terms.empty())
            index = 0;
        term_ = index ? std::optional<TermKey>(matrix.terms[*index].key) : std::nullopt;
        matrix_->setCurrentTerm(index);
        const QSignalBlocker blocker(metric_);
        const int at = metric_->findData(shown_->metric);
        if (at >= 0)
            metric_->setCurrentIndex(at);
    }
    updateShowAll();
    requestDetail();
    updateStale();
    updateStatus();
    updatePlaceholder();
}

void ImportanceView::termActivated(std::size_t term)
{
    const ImportanceMatrix& matrix = matrix_->matrix();
    if (term >= matrix.terms.size())
        return;
    term_ = matrix.terms[term].key;
    requestDetail();
}

void ImportanceView::requestDetail()
{
    const ImportanceMatrix& matrix = matrix_->matrix();
    const auto index = term_ ? matrix.find(*term_) : std::nullopt;
    if (!shown_ || !index || !hasRanking(*shown_)) {
        if (cancelDetail_)
            cancelDetail_->store(true);
        detailJob_->cancel();
        detailContent_.reset();
        detail_->setContent(nullptr);
        detail_->setMessage({});
        detailTitle_->clear();
        detailCaption_->clear();
        updateStale();
        return;
    }
    const ImportanceTerm& term = matrix.terms[*index];
    detailTitle_->setText(detailTitle(term));
    detailCaption_->setText(detailCaption(term, shown_->metric, shown_->report));
    if (detailContent_ && detailContent_->result == shown_ && detailContent_->term == term.key && !detailJob_->busy())
        return;
    // A running computation for another row or an older analysis is stopped between trees.
    if (cancelDetail_)
        cancelDetail_->store(true);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    cancelDetail_ = cancel;
    DetailRequest request;
    request.result = shown_;
    request.term = term.key;
    detailJob_->run(
        [request, cancel]() {
            engine::Control control;
            control.cancel = cancel.get();
            return computeDetail(request, control);
        },
        [this](std::shared_ptr<const DetailContent> content) { detailArrived(std::move(content)); },
        [this, cancel](const QString& message) {
            if (cancel->load())
                return;
            detailContent_.reset();
            detail_->setContent(nullptr);
            detail_->setMessage(message);
            updateStale();
        });
    updateStale();
}

void ImportanceView::detailArrived(std::shared_ptr<const DetailContent> content)
{
    detailContent_ = std::move(content);
    detail_->setContent(detailContent_);
    detail_->setMessage(detailContent_->missing);
    applyFlags();
    applyBrush();
    applyHover();
    updateStale();
    emit detailShown();
}

void ImportanceView::fillMetrics()
{
    const TrialTable& table = *hub_.table();
    const QString kept = metric_->currentData().toString();
    const QSignalBlocker blocker(metric_);
    metric_->clear();
    const auto objective = table.objectiveColumn();
    std::vector<std::size_t> columns;
    if (objective)
        columns.push_back(*objective);
    for (std::size_t c = 0; c < table.columns().size(); ++c)
        if (table.columns()[c].kind == TableColumn::Kind::Metric && c != objective)
            columns.push_back(c);
    for (const std::size_t c : columns) {
        const TableColumn& column = table.columns()[c];
        const QString name = qstr(column.name);
        metric_->addItem(column.direction ? name + QLatin1Char(' ') + directionArrow(*column.direction) : name, name);
    }
    QString wanted = service_.metric().isEmpty() ? kept : service_.metric();
    if (wanted.isEmpty() && table.objective())
        wanted = qstr(table.objective()->metric);
    const int at = metric_->findData(wanted);
    metric_->setCurrentIndex(at >= 0 ? at : 0);
    metric_->setEnabled(metric_->count() > 1);
}

void ImportanceView::metricChosen()
{
    const QString name = metric_->currentData().toString();
    const Objective* objective = hub_.table()->objective();
    // The objective is the service's "": the choice then follows the objective of whatever is
    // shown next, as it does in the search-space overview.
    service_.setMetric(objective && name == qstr(objective->metric) ? QString() : name);
}

void ImportanceView::followServiceMetric()
{
    QString wanted = service_.metric();
    if (const Objective* objective = hub_.table()->objective(); wanted.isEmpty() && objective)
        wanted = qstr(objective->metric);
    const int at = metric_->findData(wanted);
    if (at < 0 || at == metric_->currentIndex())
        return;
    const QSignalBlocker blocker(metric_);
    metric_->setCurrentIndex(at);
}

void ImportanceView::applyFlags()
{
    if (!detailContent_ || !detailContent_->result || !detailContent_->result->table)
        return;
    const TrialTable& table = *detailContent_->result->table;
    const TrialTable& current = *hub_.table();
    const std::vector<char>& hubVisible = hub_.visible(kSource);
    std::vector<char> visible;
    if (&current == &table) {
        visible = hubVisible;
    } else {
        // The analysis read an older table (a new one is being analysed): match trials by key.
        visible.assign(table.rows(), 0);
        for (std::size_t row = 0; row < table.rows(); ++row)
            if (const auto now = current.rowOf(table.key(row)); now && *now < hubVisible.size())
                visible[row] = hubVisible[*now];
    }
    std::vector<char> selected(table.rows(), 0);
    for (const TrialKey key : hub_.selection())
        if (const auto row = table.rowOf(key))
            selected[*row] = 1;
    detail_->setTrialFlags(std::move(visible), std::move(selected));
}

void ImportanceView::applyHover()
{
    if (!detailContent_ || !detailContent_->result || !detailContent_->result->table) {
        detail_->setHoveredRow(std::nullopt);
        return;
    }
    const auto hovered = hub_.hovered();
    detail_->setHoveredRow(hovered ? detailContent_->result->table->rowOf(*hovered) : std::nullopt);
}

void ImportanceView::applyBrush()
{
    const auto it = hub_.brushes().find(kSource);
    const Brush own = it == hub_.brushes().end() ? Brush{} : it->second;
    clearBrush_->setVisible(!own.empty());
    if (!detailContent_ || !detailContent_->result || !detailContent_->result->table) {
        detail_->setBrush({});
        return;
    }
    // Hub columns are named in the detail's table, which may be an older one.
    const TrialTable& current = *hub_.table();
    const TrialTable& shown = *detailContent_->result->table;
    Brush mapped;
    for (ColumnRange range : own) {
        if (range.column >= current.columns().size())
            continue;
        const TableColumn& column = current.columns()[range.column];
        if (const auto c = shown.column(column.kind, column.name)) {
            range.column = *c;
            mapped.push_back(std::move(range));
        }
    }
    detail_->setBrush(std::move(mapped));
}

void ImportanceView::updateStale()
{
    const bool refitting = service_.busy() || (shown_ && shown_->table != hub_.table());
    matrix_->setStale(refitting && shown_ != nullptr);
    detail_->setStale(refitting || detailJob_->busy());
}

void ImportanceView::updateStatus()
{
    if (!shown_) {
        status_->setFullText(service_.busy() && hub_.table()->rows() > 0 ? tr("Computing the importance…") : QString());
        status_->setToolTip({});
        return;
    }
    const bool updating = service_.busy() || shown_->table != hub_.table();
    status_->setFullText(importance::statusText(shown_->report, updating));
    status_->setToolTip(statusTooltip(shown_->report));
}

void ImportanceView::updatePlaceholder()
{
    const TrialTable& table = *hub_.table();
    QString text;
    if (table.studyCount() == 0) {
        text = session_.loading() ? tr("Loading the shown studies…") : emptyHeadline();
    } else if (shown_) {
        if (!hasRanking(*shown_)) {
            QString note = qstr(shown_->report.note);
            if (!note.isEmpty())
                note[0] = note[0].toUpper();
            text = emptyText(note);
        }
    } else if (!service_.error().isEmpty() && !service_.busy()) {
        text = emptyText(tr("The analysis failed: %1").arg(service_.error()));
    } else {
        text = table.rows() == 0 && session_.loading() ? tr("Loading the shown studies…")
                                                       : tr("Computing the importance of the hyperparameters…");
    }
    placeholder_->setText(text);
    pages_->setCurrentIndex(text.isEmpty() ? 1 : 0);
}

} // namespace tendril::app::importance
