#include "session/project_session.hpp"

#include <QFileInfo>

#include <algorithm>

namespace tendril::app {

ProjectSession::ProjectSession(const QString& path, OpenMode mode, QObject* parent)
    : QObject(parent), project_(path.toStdString(), mode), summaries_(project_.studies())
{
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

} // namespace

void ProjectSession::reload()
{
    std::vector<StudySummary> fresh = project_.studies();
    for (auto it = loaded_.begin(); it != loaded_.end();) {
        const std::string key = it->first.toStdString();
        const auto match = std::find_if(fresh.begin(), fresh.end(),
                                        [&](const StudySummary& s) { return s.name == key; });
        const StudySummary* before = summary(it->first);
        const bool stale = match == fresh.end() || !before || !sameContent(*before, *match);
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
}

} // namespace tendril::app
