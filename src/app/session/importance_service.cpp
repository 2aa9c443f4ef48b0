#include "session/importance_service.hpp"

#include "session/latest_job.hpp"
#include "session/project_session.hpp"

#include <QThread>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app {

namespace {

// Long enough that a brush being dragged is analysed when it rests, short enough to feel live.
constexpr int kDefaultDelayMs = 250;

} // namespace

Study importanceStudy(const TrialTable& table, const std::vector<char>& visible, const std::string& metric)
{
    Study merged;
    merged.name = "visible trials";
    if (table.studyCount() == 0)
        return merged;
    const Study& first = table.study(0);
    merged.objective = first.objective;
    merged.metrics = first.metrics;
    for (std::size_t s = 0; s < table.studyCount(); ++s)
        for (const Param& p : table.study(s).space.params)
            if (!merged.space.find(p.name))
                merged.space.params.push_back(p);
    const auto metricColumn = table.metricColumn(metric);
    merged.trials.reserve(table.rows());
    for (std::size_t row = 0; row < table.rows(); ++row) {
        if (row >= visible.size() || !visible[row])
            continue;
        const Trial& source = table.trial(row);
        Trial t;
        t.id = std::to_string(table.key(row));
        t.number = static_cast<std::int64_t>(merged.trials.size());
        t.state = source.state;
        t.params = source.params;
        if (metricColumn) {
            const double v = table.columns()[*metricColumn].values[row];
            if (!std::isnan(v))
                t.setMetric(metric, v);
        }
        merged.trials.push_back(std::move(t));
    }
    return merged;
}

bool sameImportanceInput(const TrialTable& a, const TrialTable& b, const std::vector<char>& visible,
                         const std::string& metric)
{
    if (&a == &b)
        return true;
    if (a.rows() != b.rows() || a.studyCount() != b.studyCount())
        return false;
    for (std::size_t s = 0; s < a.studyCount(); ++s)
        if (!(a.study(s).space == b.study(s).space))
            return false;
    if (a.studyCount() > 0
        && (!(a.study(0).objective == b.study(0).objective) || a.study(0).metrics != b.study(0).metrics))
        return false;
    // The metric comes from the table's column: a metric reported only along curves is filled in
    // once the curves are read, so its values must be compared, not assumed.
    const auto columnA = a.metricColumn(metric);
    const auto columnB = b.metricColumn(metric);
    const auto metricValue = [](const TrialTable& table, const std::optional<std::size_t>& column, std::size_t row) {
        return column ? table.columns()[*column].values[row] : std::numeric_limits<double>::quiet_NaN();
    };
    for (std::size_t row = 0; row < a.rows(); ++row) {
        if (a.key(row) != b.key(row))
            return false;
        if (row >= visible.size() || !visible[row])
            continue;
        if (!sameNumber(metricValue(a, columnA, row), metricValue(b, columnB, row)))
            return false;
        const Trial& ta = a.trial(row);
        const Trial& tb = b.trial(row);
        if (ta.state != tb.state || ta.params != tb.params)
            return false;
    }
    return true;
}

int ImportanceService::fitThreads()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

ImportanceService& ImportanceService::of(ProjectSession& session)
{
    if (auto* existing = session.findChild<ImportanceService*>(QString(), Qt::FindDirectChildrenOnly))
        return *existing;
    return *new ImportanceService(session);
}

ImportanceService::ImportanceService(ProjectSession& session)
    : QObject(&session), session_(session), job_(new LatestJob(this))
{
    setObjectName(QStringLiteral("importanceService"));
    delay_.setSingleShot(true);
    delay_.setInterval(kDefaultDelayMs);
    connect(&delay_, &QTimer::timeout, this, &ImportanceService::start);
    SelectionHub& hub = session.hub();
    connect(&hub, &SelectionHub::tableChanged, this, &ImportanceService::tableChanged);
    connect(&hub, &SelectionHub::filterChanged, this, &ImportanceService::schedule);
    connect(job_, &LatestJob::busyChanged, this, &ImportanceService::updateBusy);
    schedule();
}

ImportanceService::~ImportanceService()
{
    if (cancelRunning_)
        cancelRunning_->store(true);
}

bool ImportanceService::busy() const
{
    return delay_.isActive() || job_->busy();
}

void ImportanceService::setMetric(const QString& metric)
{
    if (metric == metric_)
        return;
    metric_ = metric;
    emit metricChanged(metric_);
    schedule();
}

void ImportanceService::updateBusy()
{
    const bool now = busy();
    if (now != busy_)
        emit busyChanged(busy_ = now);
}

ImportanceService::FitInput ImportanceService::currentInput() const
{
    const SelectionHub& hub = session_.hub();
    FitInput input;
    input.table = hub.table();
    input.visible = hub.visible();
    input.metric = metric_;
    if (input.metric.isEmpty() && input.table && input.table->objective())
        input.metric = QString::fromStdString(input.table->objective()->metric);
    input.trees = trees_;
    return input;
}

bool ImportanceService::sameAsFitted(const FitInput& input) const
{
    if (!fitted_ || fitFailed_ || !input.table || !fitted_->table)
        return false;
    return fitted_->metric == input.metric && fitted_->trees == input.trees && fitted_->visible == input.visible
        && sameImportanceInput(*fitted_->table, *input.table, input.visible, input.metric.toStdString());
}

void ImportanceService::handOver(const std::shared_ptr<const TrialTable>& table)
{
    fitted_->table = table;
    if (!result_ || result_->table == table)
        return;
    if (resultIsFitted_) {
        auto moved = std::make_shared<ImportanceResult>(*result_);
        moved->table = table;
        result_ = std::move(moved);
    } else {
        // An older analysis shown while the fit runs: it read other rows, which may differ here.
        result_.reset();
    }
    emit resultChanged();
}

void ImportanceService::tableChanged()
{
    // Comparing costs a pass over the rows; refitting costs seconds of both cores.
    const FitInput input = currentInput();
    if (sameAsFitted(input)) {
        handOver(input.table);
        return;
    }
    result_.reset();  // it describes trials that may be gone
    fitted_.reset();
    resultIsFitted_ = false;
    emit resultChanged();
    schedule();
}

void ImportanceService::schedule()
{
    delay_.start();
    updateBusy();
}

void ImportanceService::start()
{
    FitInput input = currentInput();
    if (sameAsFitted(input)) {
        // The brushes moved and came back, or changed only what this analysis does not read.
        handOver(input.table);
        updateBusy();
        return;
    }
    if (cancelRunning_)
        cancelRunning_->store(true);  // its input is stale; the engine stops between trees
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    cancelRunning_ = cancel;

    fitted_ = input;
    fitFailed_ = false;
    resultIsFitted_ = false;
    ++fitsStarted_;
    auto table = input.table;
    std::vector<char> visible = std::move(input.visible);
    const QString metric = input.metric;
    const int trees = trees_;
    const int threads = fitThreads();
    error_.clear();
    job_->run(
        [table, visible = std::move(visible), metric, cancel, trees, threads]() {
            auto result = std::make_shared<ImportanceResult>();
            result->table = table;
            result->visible = visible;
            result->metric = metric;
            const Study study = importanceStudy(*table, visible, metric.toStdString());
            engine::ImportanceOptions options;
            options.metric = metric.toStdString();
            options.pairs = true;
            if (trees > 0)
                options.forest.trees = trees;
            options.forest.threads = threads;
            engine::Control control;
            control.cancel = cancel.get();
            if (!study.trials.empty() && !metric.isEmpty())
                result->report = engine::analyzeImportance(study, options, control);
            else
                result->report.note = study.trials.empty() ? "no trial is visible" : "the shown studies have no objective";
            return std::shared_ptr<const ImportanceResult>(std::move(result));
        },
        [this](std::shared_ptr<const ImportanceResult> result) {
            // A table equal in what was fitted may have come while the fit ran.
            if (fitted_ && result->table != fitted_->table) {
                auto moved = std::make_shared<ImportanceResult>(*result);
                moved->table = fitted_->table;
                result = std::move(moved);
            }
            result_ = std::move(result);
            resultIsFitted_ = fitted_.has_value();
            emit resultChanged();
        },
        [this, cancel](const QString& message) {
            if (cancel->load())
                return;  // superseded
            fitFailed_ = true;
            error_ = message;
            result_.reset();
            emit resultChanged();
        });
}

} // namespace tendril::app
