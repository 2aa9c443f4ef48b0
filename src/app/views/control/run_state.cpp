#include "views/control/run_state.hpp"

#include "runner/trial_launch.hpp"
#include "style/state_style.hpp"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLockFile>
#include <QSysInfo>

#include <algorithm>
#include <cerrno>
#include <signal.h>

namespace tendril::app {

namespace {

bool interruptedTrial(const Trial& t)
{
    return t.state == TrialState::Failed && t.error.rfind("interrupted", 0) == 0;
}

// When the trial last changed: its end, else its start. ISO-8601 UTC times compare as text.
const std::string& lastChange(const Trial& t)
{
    return t.finished.empty() ? t.started : t.finished;
}

} // namespace

QString runStatusLabel(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return QStringLiteral("Running");
    case RunStatus::RunningElsewhere: return QStringLiteral("Running elsewhere");
    case RunStatus::Interrupted: return QStringLiteral("Interrupted");
    case RunStatus::Finished: return QStringLiteral("Finished");
    case RunStatus::NoTrials: return QStringLiteral("No trials");
    }
    return {};
}

QColor runStatusColor(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
    case RunStatus::RunningElsewhere: return stateColor(TrialState::Running);
    case RunStatus::Interrupted: return QColor(0xe0, 0x9b, 0x1a);
    case RunStatus::Finished: return stateColor(TrialState::Complete);
    case RunStatus::NoTrials: break;
    }
    return QColor(0xb8, 0xbe, 0xc9);
}

RunStatus recordedRunStatus(const Study& study)
{
    if (study.trials.empty())
        return RunStatus::NoTrials;
    std::string latestInterruption;
    std::string latestOther;
    for (const Trial& t : study.trials) {
        if (t.state == TrialState::Running || t.state == TrialState::Queued)
            return RunStatus::Interrupted;
        std::string& latest = interruptedTrial(t) ? latestInterruption : latestOther;
        latest = std::max(latest, lastChange(t));
    }
    const bool anyInterrupted = std::any_of(study.trials.begin(), study.trials.end(), interruptedTrial);
    return anyInterrupted && latestInterruption >= latestOther ? RunStatus::Interrupted : RunStatus::Finished;
}

std::optional<qint64> otherRunnerPid(const QString& projectPath, const QString& study)
{
    const auto lockPath = runner::defaultRunsDir(projectPath.toStdString(), study.toStdString()) / "runner.lock";
    const QString path = QString::fromStdString(lockPath.string());
    if (!QFileInfo::exists(path))
        return std::nullopt;
    // Reading the owner does not take the lock, so a live runner is never disturbed.
    QLockFile lock(path);
    qint64 pid = 0;
    QString host;
    QString app;
    if (!lock.getLockInfo(&pid, &host, &app) || pid <= 0 || pid == QCoreApplication::applicationPid())
        return std::nullopt;
    if (!host.isEmpty() && host != QSysInfo::machineHostName())
        return std::nullopt;
    const bool alive = ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
    return alive ? std::optional<qint64>(pid) : std::nullopt;
}

} // namespace tendril::app
