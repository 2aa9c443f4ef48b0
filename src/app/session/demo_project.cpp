#include "session/demo_project.hpp"

#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cstring>
#include <stdexcept>

namespace tendril::app {

namespace {

const char* const kBundledDemo = ":/demo/demo.json";
// The demo's studies were run in the source tree's example folders; the app carries those
// examples and writes them beside the demo project, where the studies' stored configurations then
// point, so Refine and Resume run the same script on any machine.
const char* const kSourceExamples = "resources/examples/";
const char* const kBundledExamples = ":/examples";
const char* const kExamplesFolder = "examples";

void removeProjectFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

// Copies the bundled example scripts into folder/examples (leaving files already there alone).
void extractExamples(const QString& folder)
{
    QDirIterator it(QString::fromLatin1(kBundledExamples), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = source.mid(static_cast<qsizetype>(std::strlen(kBundledExamples)) + 1);
        const QString target = QDir(folder).filePath(QLatin1String(kExamplesFolder) + QLatin1Char('/') + relative);
        if (QFileInfo::exists(target))
            continue;
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(source, target))
            throw std::runtime_error(target.toStdString() + ": cannot write the demo's example script");
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
}

// Points a study's stored run configuration at the extracted examples: "resources/examples/digits"
// becomes folder/examples/digits. Absolute, because a stored relative folder is read against the
// current folder of whoever resumes the study (tendril-cli run --resume from a shell).
void relocateWorkdir(Study& study, const QString& folder)
{
    if (study.userAttrsJson.empty())
        return;
    QJsonObject attrs = QJsonDocument::fromJson(QByteArray::fromStdString(study.userAttrsJson)).object();
    QJsonObject config = attrs.value(QLatin1String("run_config")).toObject();
    const QString workdir = config.value(QLatin1String("workdir")).toString();
    if (!workdir.startsWith(QLatin1String(kSourceExamples)))
        return;
    const QString relative = workdir.mid(static_cast<qsizetype>(std::strlen(kSourceExamples)));
    config.insert(QLatin1String("workdir"),
                  QDir(folder).filePath(QLatin1String(kExamplesFolder) + QLatin1Char('/') + relative));
    attrs.insert(QLatin1String("run_config"), config);
    study.userAttrsJson = QJsonDocument(attrs).toJson(QJsonDocument::Compact).toStdString();
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

    for (Study& study : document.studies)
        relocateWorkdir(study, folder);
    extractExamples(folder);

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
