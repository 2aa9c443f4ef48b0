#include "session/recent_projects.hpp"

#include <QFileInfo>
#include <QSettings>

namespace tendril::app {

namespace {
const QString kKey = QStringLiteral("recentProjects");

void store(const QStringList& paths)
{
    QSettings().setValue(kKey, paths);
}
} // namespace

QStringList RecentProjects::list()
{
    return QSettings().value(kKey).toStringList();
}

void RecentProjects::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = list();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    store(paths.mid(0, kMaxEntries));
}

void RecentProjects::remove(const QString& path)
{
    QStringList paths = list();
    if (paths.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store(paths);
}

void RecentProjects::clear()
{
    store({});
}

} // namespace tendril::app
