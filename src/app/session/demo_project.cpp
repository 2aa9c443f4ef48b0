#include "session/demo_project.hpp"

#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <stdexcept>

namespace tendril::app {

namespace {

const char* const kBundledDemo = ":/demo/demo.json";

void removeProjectFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

QString defaultDemoProjectPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo.tendril"));
}

void ensureDemoProject(const QString& path)
{
    if (QFileInfo::exists(path))
        return;
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        throw std::runtime_error(folder.toStdString() + ": cannot create the folder for the demo project");

    QFile bundled(QString::fromLatin1(kBundledDemo));
    if (!bundled.open(QIODevice::ReadOnly))
        throw std::runtime_error(std::string(kBundledDemo) + ": the demo data is missing from this build");
    const QByteArray text = bundled.readAll();
    NativeDocument document = readNativeText(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                                             "demo.json");

    const QString building = path + QStringLiteral(".creating");
    removeProjectFiles(building);
    try {
        Project project(building.toStdString(), OpenMode::CreateIfMissing);
        project.addStudies(document.studies, NameConflict::Fail);
    } catch (...) {
        removeProjectFiles(building);
        throw;
    }
    // Closing the last connection folds the write-ahead log into the file, so the file alone is the
    // whole project; a leftover shared-memory index belongs to the temporary name only.
    QFile::remove(building + QStringLiteral("-shm"));
    if (QFileInfo::exists(building + QStringLiteral("-wal")))
        QFile::rename(building + QStringLiteral("-wal"), path + QStringLiteral("-wal"));
    if (!QFile::rename(building, path)) {
        removeProjectFiles(building);
        if (!QFileInfo::exists(path))  // another instance may have won the race; that is fine
            throw std::runtime_error(path.toStdString() + ": cannot create the demo project here");
    }
}

} // namespace tendril::app
