#include "views/control/study_run_controller.hpp"

#include "runner/study_runner.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

namespace tendril::app {

namespace {

constexpr int kKillAfterMs = 2000;  // after SIGKILL, what the processes need to be reaped

} // namespace

StudyRunController& StudyRunController::of(ProjectSession& session)
{
    if (auto* existing = session.findChild<StudyRunController*>(QString(), Qt::FindDirectChildrenOnly))
        return *existing;
    return *new StudyRunController(session);
}

StudyRunController::StudyRunController(ProjectSession& session) : QObject(&session), session_(session)
{
    setObjectName(QStringLiteral("studyRunController"));
}

StudyRunController::~StudyRunController()
{
    // Disconnected first: a runner going away must not reach the slots of a half-destroyed controller.
    for (const QPointer<runner::StudyRunner>& r : std::as_const(runners_)) {
        if (!r)
            continue;
        r->disconnect(this);
        delete r.data();
    }
}

void StudyRunController::start(const StudyConfig& config)
{
    runner::RunOptions options;
    options.projectPath = session_.path().toStdString();
    options.config = config;
    if (!config.workdir.empty() && QDir::isRelativePath(qstr(config.workdir)))
        options.config->workdir =
            QDir(QFileInfo(session_.path()).absolutePath()).absoluteFilePath(qstr(config.workdir)).toStdString();
    options.configName = config.name;
    launch(options);
}

void StudyRunController::resume(const QString& study)
{
    runner::RunOptions options;
    options.projectPath = session_.path().toStdString();
    options.resumeStudy = study.toStdString();
    options.configName = study.toStdString();
    launch(options);
}

void StudyRunController::launch(const runner::RunOptions& options)
{
    const QString requested = qstr(options.resumeStudy.empty() ? options.config->name : options.resumeStudy);
    if (isRunning(requested))
        throw runner::RunError("study \"" + requested.toStdString() + "\" is already running in this window");
    auto* run = new runner::StudyRunner(options, this);  // throws RunError before anything runs
    const QString name = qstr(run->studyName());
    runners_.insert(name, run);
    endings_.remove(name);
    connect(run, &runner::StudyRunner::progressChanged, this,
            [this, name](const runner::RunProgress& p) { emit progressChanged(name, p); });
    connect(run, &runner::StudyRunner::trialEnded, this, [this, name](const runner::TrialOutcome& outcome) {
        emit trialEnded(name, outcome);
        session_.checkForChanges();
    });
    connect(run, &runner::StudyRunner::finished, this,
            [this, name, run](runner::FinishReason reason, const QString& message) {
                runners_.remove(name);
                endings_.insert(name, RunEnding{reason, message});
                run->deleteLater();  // from a slot of its own signal: deleteLater only
                session_.checkForChanges();
                if (reason == runner::FinishReason::Error)
                    emit runFailed(name, message);
                emit runFinished(name, reason, message);
            });
    run->start();
    session_.checkForChanges();  // the study (new, or with its unfinished trials marked) is in the file
    emit runStarted(name);
}

void StudyRunController::stop(const QString& study)
{
    if (runner::StudyRunner* r = runners_.value(study))
        r->stop();
}

void StudyRunController::stopAll()
{
    for (const QPointer<runner::StudyRunner>& r : std::as_const(runners_))
        if (r)
            r->stop();
}

bool StudyRunController::isRunning(const QString& study) const
{
    return runners_.contains(study);
}

QStringList StudyRunController::runningStudies() const
{
    QStringList names = runners_.keys();
    names.sort();
    return names;
}

std::optional<runner::RunProgress> StudyRunController::progress(const QString& study) const
{
    const runner::StudyRunner* r = runners_.value(study);
    if (!r)
        return std::nullopt;
    return r->currentProgress();
}

std::optional<RunEnding> StudyRunController::lastEnding(const QString& study) const
{
    const auto it = endings_.constFind(study);
    if (it == endings_.constEnd())
        return std::nullopt;
    return *it;
}

bool StudyRunController::stopAllAndWait(int timeoutMs)
{
    if (runners_.isEmpty())
        return true;
    stopAll();
    auto waitForAll = [this](int ms) {
        const QDeadlineTimer deadline(ms);
        while (!runners_.isEmpty() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
        return runners_.isEmpty();
    };
    if (waitForAll(timeoutMs))
        return true;
    for (const QPointer<runner::StudyRunner>& r : std::as_const(runners_))
        if (r)
            r->kill();
    return waitForAll(kKillAfterMs);
}

bool StudyRunController::confirmStopBeforeClosing(QWidget* parent)
{
    const QStringList running = runningStudies();
    if (running.isEmpty())
        return true;
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(tr("Studies are running"));
    box.setText(running.size() == 1 ? tr("Study \"%1\" is still running.").arg(running.first())
                                    : tr("%1 studies are still running: %2.").arg(running.size()).arg(running.join(QStringLiteral(", "))));
    box.setInformativeText(tr("Stop them and close? Their running trials are recorded as interrupted, and "
                              "Resume in the control panel continues them later."));
    QPushButton* stop = box.addButton(tr("Stop and close"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(stop);
    box.exec();
    if (box.clickedButton() != stop)
        return false;
    // The grace period between SIGTERM and SIGKILL is the longest a clean stop takes.
    double graceSeconds = 0.0;
    for (const QPointer<runner::StudyRunner>& r : std::as_const(runners_))
        if (r)
            graceSeconds = std::max(graceSeconds, r->config().killGraceSeconds);
    stopAllAndWait(static_cast<int>(graceSeconds * 1000.0) + 1000);
    return true;
}

} // namespace tendril::app
