#include "session/import_job.hpp"

#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <QtConcurrent/QtConcurrentRun>

namespace tendril::app {

ImportOutcome importIntoProject(const QString& projectPath, const QStringList& files)
{
    ImportOutcome outcome;
    outcome.files = files;
    try {
        std::vector<Study> studies;
        for (const QString& file : files) {
            const std::string path = file.toStdString();
            std::vector<Study> read = readStudies(path, detectFormat(path));
            studies.insert(studies.end(), std::make_move_iterator(read.begin()),
                           std::make_move_iterator(read.end()));
        }
        if (studies.empty()) {
            outcome.error = QStringLiteral("%1: holds no studies").arg(files.join(QStringLiteral(", ")));
            return outcome;
        }
        Project project(projectPath.toStdString(), OpenMode::ReadWrite);
        for (const std::string& name : project.addStudies(studies, NameConflict::Suffix))
            outcome.storedNames << QString::fromStdString(name);
    } catch (const std::exception& e) {
        // FormatError and StoreError already name the file and the place; anything else is rare
        // enough (out of memory, a filesystem fault) that its own text is the best we have.
        outcome.error = QString::fromStdString(e.what());
        outcome.storedNames.clear();
    }
    return outcome;
}

ImportJob::ImportJob(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<ImportOutcome>::finished, this,
            [this] { emit finished(watcher_.result()); });
}

ImportJob::~ImportJob()
{
    // The worker holds its own connection and copies of its arguments; waiting only keeps it from
    // outliving the application's thread pool.
    watcher_.waitForFinished();
}

bool ImportJob::start(const QString& projectPath, const QStringList& files)
{
    if (watcher_.isRunning())
        return false;
    watcher_.setFuture(QtConcurrent::run(importIntoProject, projectPath, files));
    emit started(files);
    return true;
}

} // namespace tendril::app
