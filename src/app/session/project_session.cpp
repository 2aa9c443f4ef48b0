#include "session/project_session.hpp"

#include "session/latest_job.hpp"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFileInfo>

#include <algorithm>

namespace tendril::app {

namespace {

constexpr int kDefaultWatchMs = 1000;

// What the loader returns: the shown studies in order and their table.
struct LoadedStudies {
    std::vector<std::pair<QString, std::shared_ptr<const Study>>> studies;
    std::shared_ptr<const TrialTable> table;
};

} // namespace

ProjectSession::ProjectSession(const QString& path, OpenMode mode, QObject* parent)
    : QObject(parent), project_(path.toStdString(), mode), summaries_(project_.studies()),
      hub_(new SelectionHub(this)), loader_(new LatestJob(this)), curveLoader_(new LatestJob(this)),
      dataVersion_(project_.dataVersion())
{
    // Starting is told at once; ending is queued: between the two steps the first job is done before
    // the second starts, and the views should not see "not loading" for that moment.
    const auto follow = [this](bool busy) {
        if (busy)
            updateLoading();
        else
            QMetaObject::invokeMethod(this, &ProjectSession::updateLoading, Qt::QueuedConnection);
    };
    connect(loader_, &LatestJob::busyChanged, this, follow);
    connect(curveLoader_, &LatestJob::busyChanged, this, follow);
    connect(&watch_, &QTimer::timeout, this, &ProjectSession::checkForChanges);
    setWatchInterval(kDefaultWatchMs);
}

ProjectSession::~ProjectSession() = default;

QString ProjectSession::path() const
{
    return QString::fromStdString(project_.path());
}

QString ProjectSession::displayName() const
{
    return QFileInfo(path()).completeBaseName();
}

const StudySummary* ProjectSession::summary(const QString& name) const
{
    const std::string key = name.toStdString();
    for (const StudySummary& s : summaries_)
        if (s.name == key)
            return &s;
    return nullptr;
}

QStringList ProjectSession::studyNames() const
{
    QStringList names;
    names.reserve(static_cast<qsizetype>(summaries_.size()));
    for (const StudySummary& s : summaries_)
        names << QString::fromStdString(s.name);
    return names;
}

qint64 ProjectSession::trialCount() const
{
    qint64 total = 0;
    for (const StudySummary& s : summaries_)
        total += s.trials;
    return total;
}

std::shared_ptr<const Study> ProjectSession::study(const QString& name, QString* error)
{
    if (auto it = loaded_.find(name); it != loaded_.end())
        return it->second;
    if (!hasStudy(name)) {
        if (error)
            *error = QStringLiteral("%1: no study named \"%2\"").arg(path(), name);
        return nullptr;
    }
    try {
        auto study = std::make_shared<const Study>(project_.loadStudy(name.toStdString()));
        loaded_.emplace(name, study);
        return study;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return nullptr;
    }
}

void ProjectSession::setSelectedStudies(const QStringList& names)
{
    QStringList known;
    for (const QString& name : names)
        if (hasStudy(name) && !known.contains(name))
            known << name;
    if (known == selected_)
        return;
    selected_ = known;
    emit selectionChanged(selected_);
    loadShownStudies();
}

bool ProjectSession::loading() const
{
    return loading_ || loader_->busy() || curveLoader_->busy();
}

bool ProjectSession::curvesLoading() const
{
    return curveLoader_->busy();
}

void ProjectSession::updateLoading()
{
    const bool now = loader_->busy() || curveLoader_->busy();
    if (now == loading_)
        return;
    loading_ = now;
    emit loadingChanged(now);
}

bool ProjectSession::waitUntilLoaded(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (loading()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void ProjectSession::setWatchInterval(int ms)
{
    if (ms <= 0) {
        watch_.stop();
        return;
    }
    watch_.start(ms);
}

void ProjectSession::checkForChanges()
{
    std::int64_t version = 0;
    try {
        version = project_.dataVersion();
    } catch (const std::exception&) {
        return;  // the file went away; the next user action reports it
    }
    if (version == dataVersion_)
        return;
    dataVersion_ = version;
    reload();
}

namespace {

// Reads the wanted studies with a connection of its own (the worker's); studies already loaded and
// unchanged are handed over as they are. Without curves, a study is read in a fraction of the time.
LoadedStudies readStudies(const std::string& file, std::vector<std::pair<QString, std::shared_ptr<const Study>>> wanted,
                          const std::vector<std::int64_t>& ids, bool curves)
{
    std::unique_ptr<Project> reader;
    LoadedStudies out;
    std::vector<ShownStudy> shown;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        auto& [name, study] = wanted[i];
        if (!study) {
            if (!reader)
                reader = std::make_unique<Project>(file, OpenMode::ReadOnly);
            LoadOptions options;
            options.curves = curves;
            study = std::make_shared<const Study>(reader->loadStudy(name.toStdString(), options));
        }
        shown.push_back({ids[i], study});
        out.studies.emplace_back(name, study);
    }
    out.table = std::make_shared<const TrialTable>(std::move(shown));
    return out;
}

} // namespace

void ProjectSession::loadShownStudies()
{
    // Studies the views have never shown come in two steps, trials first and curves after, so a
    // large project paints at once. A study already on screen (reloaded because it grows) is read
    // with its curves in one step: dropping its curves for a moment would make the curves flicker
    // on every refresh of a running study.
    curveLoader_->cancel();
    std::vector<std::pair<QString, std::shared_ptr<const Study>>> wanted;
    std::vector<std::int64_t> ids;
    bool newToViews = false;
    const TrialTable& onScreen = *hub_->table();
    for (const QString& name : selected_) {
        const auto it = loaded_.find(name);
        wanted.emplace_back(name, it == loaded_.end() ? nullptr : it->second);
        const std::int64_t id = summary(name)->id;
        ids.push_back(id);
        if (it == loaded_.end()) {
            bool shown = false;
            for (std::size_t s = 0; s < onScreen.studyCount(); ++s)
                shown = shown || onScreen.study(s).name == name.toStdString();
            newToViews = newToViews || !shown;
        }
    }
    const std::string file = project_.path();
    const bool curves = !newToViews;
    loader_->run([file, wanted, ids, curves]() { return readStudies(file, wanted, ids, curves); },
                 [this, curves](LoadedStudies loaded) {
                     if (curves)
                         for (auto& [name, study] : loaded.studies)
                             loaded_[name] = study;
                     else
                         loadShownCurves();  // first, so the views see curvesLoading() with this table
                     hub_->setTable(std::move(loaded.table));
                     emit shownStudiesLoaded();
                 },
                 [this](const QString& message) { emit loadFailed(message); });
}

void ProjectSession::loadShownCurves()
{
    std::vector<std::pair<QString, std::shared_ptr<const Study>>> wanted;
    std::vector<std::int64_t> ids;
    for (const QString& name : selected_) {
        const auto it = loaded_.find(name);
        wanted.emplace_back(name, it == loaded_.end() ? nullptr : it->second);
        ids.push_back(summary(name)->id);
    }
    const std::string file = project_.path();
    curveLoader_->run([file, wanted = std::move(wanted), ids = std::move(ids)]() {
                          return readStudies(file, wanted, ids, true);
                      },
                      [this](LoadedStudies loaded) {
                          for (auto& [name, study] : loaded.studies)
                              loaded_[name] = study;
                          hub_->setTable(std::move(loaded.table));
                          emit shownStudiesLoaded();
                      },
                      [this](const QString& message) { emit loadFailed(message); });
}

namespace {

// Whether a study may have changed between two listings: a different row (re-imported under the
// same name), other counts, or another best trial.
bool sameContent(const StudySummary& a, const StudySummary& b)
{
    const bool sameBest = a.best.has_value() == b.best.has_value()
        && (!a.best || (a.best->trial == b.best->trial && sameNumber(a.best->value, b.best->value)));
    return a.id == b.id && a.trials == b.trials && a.states == b.states && sameBest;
}

// A study with running trials grows curves without changing its counts.
bool mayBeGrowing(const StudySummary& s)
{
    return s.states[static_cast<std::size_t>(TrialState::Running)] > 0;
}

} // namespace

void ProjectSession::reload()
{
    std::vector<StudySummary> fresh = project_.studies();
    for (auto it = loaded_.begin(); it != loaded_.end();) {
        const std::string key = it->first.toStdString();
        const auto match = std::find_if(fresh.begin(), fresh.end(),
                                        [&](const StudySummary& s) { return s.name == key; });
        const StudySummary* before = summary(it->first);
        const bool stale = match == fresh.end() || !before || !sameContent(*before, *match) || mayBeGrowing(*before)
            || mayBeGrowing(*match);
        it = stale ? loaded_.erase(it) : std::next(it);
    }
    summaries_ = std::move(fresh);
    emit studiesChanged();
    QStringList still;
    for (const QString& name : selected_)
        if (hasStudy(name))
            still << name;
    if (still != selected_) {
        selected_ = still;
        emit selectionChanged(selected_);
    }
    const bool shownStale = std::any_of(selected_.begin(), selected_.end(),
                                        [this](const QString& name) { return !loaded_.count(name); });
    if (shownStale || hub_->table()->studyCount() != static_cast<std::size_t>(selected_.size()))
        loadShownStudies();
}

} // namespace tendril::app
