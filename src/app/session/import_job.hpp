// Importing run files into the project, off the GUI thread.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

namespace tendril::app {

struct ImportOutcome {
    QStringList files;        // what was asked for
    QStringList storedNames;  // the names the studies were stored under, in file order
    QString error;            // one line naming the file and what is wrong; empty on success
    bool ok() const { return error.isEmpty(); }
};

// Reads every file first, then adds all their studies in one transaction, so either every file
// lands or the project is left exactly as it was. It opens its own connection to the project, which
// makes it safe to run on any thread while the GUI keeps reading.
ImportOutcome importIntoProject(const QString& projectPath, const QStringList& files);

// Runs importIntoProject on the thread pool; one import at a time.
class ImportJob : public QObject {
    Q_OBJECT

public:
    explicit ImportJob(QObject* parent = nullptr);
    ~ImportJob() override;

    bool isRunning() const { return watcher_.isRunning(); }
    // False (and nothing starts) while another import is running.
    bool start(const QString& projectPath, const QStringList& files);

signals:
    void started(const QStringList& files);
    void finished(const tendril::app::ImportOutcome& outcome);

private:
    QFutureWatcher<ImportOutcome> watcher_;
};

} // namespace tendril::app
