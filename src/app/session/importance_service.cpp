#include "session/importance_service.hpp"

#include "session/latest_job.hpp"
#include "session/project_session.hpp"

#include <cmath>

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
    connect(&hub, &SelectionHub::tableChanged, this, [this] {
        result_.reset();  // it describes trials that may be gone
        emit resultChanged();
        schedule();
    });
    connect(&hub, &SelectionHub::filterChanged, this, &ImportanceService::schedule);
    connect(job_, &LatestJob::busyChanged, this, [this] {
        const bool now = busy();
        if (now != busy_)
            emit busyChanged(busy_ = now);
    });
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
    schedule();
}

void ImportanceService::schedule()
{
    delay_.start();
    if (!busy_)
        emit busyChanged(busy_ = true);
}

void ImportanceService::start()
{
    if (cancelRunning_)
        cancelRunning_->store(true);  // its input is stale; the engine stops between trees
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    cancelRunning_ = cancel;

    const SelectionHub& hub = session_.hub();
    auto table = hub.table();
    std::vector<char> visible = hub.visible();
    QString metric = metric_;
    if (metric.isEmpty() && table->objective())
        metric = QString::fromStdString(table->objective()->metric);
    const int trees = trees_;
    error_.clear();
    job_->run(
        [table, visible = std::move(visible), metric, cancel, trees]() {
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
            engine::Control control;
            control.cancel = cancel.get();
            if (!study.trials.empty() && !metric.isEmpty())
                result->report = engine::analyzeImportance(study, options, control);
            else
                result->report.note = study.trials.empty() ? "no trial is visible" : "the shown studies have no objective";
            return std::shared_ptr<const ImportanceResult>(std::move(result));
        },
        [this](std::shared_ptr<const ImportanceResult> result) {
            result_ = std::move(result);
            emit resultChanged();
        },
        [this, cancel](const QString& message) {
            if (cancel->load())
                return;  // superseded
            error_ = message;
            result_.reset();
            emit resultChanged();
        });
}

} // namespace tendril::app
