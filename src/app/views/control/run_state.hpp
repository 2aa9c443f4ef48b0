// Where a study stands as a run: running now (in this window or another process), interrupted and
// resumable, finished, or without trials. Read from what the project records, so a study stopped in
// an earlier session, or by a runner that died, shows as interrupted.
#pragma once

#include "tendril/core/study.hpp"

#include <QColor>
#include <QString>

#include <optional>

namespace tendril::app {

enum class RunStatus {
    Running,           // a runner of this window runs it
    RunningElsewhere,  // another live process holds the study's runner lock
    Interrupted,       // its last run was stopped or died: Resume continues it
    Finished,          // every run it had ended on its own
    NoTrials,
};

QString runStatusLabel(RunStatus status);
// The colour of the status's dot, in the trial states' colour language.
QColor runStatusColor(RunStatus status);

// From the trials alone (curves are not needed). A study is interrupted when trials are still
// recorded running (their runner is gone) or when what happened last was an interruption: a trial
// failed "interrupted..." that ended no earlier than any other trial. A resumed study that went
// on to finish has later trials, so it reads as finished again.
RunStatus recordedRunStatus(const Study& study);

// The process id of a live runner of another process on this host that holds the study's lock
// (<project>.runs/<study>/runner.lock), nullopt when none does.
std::optional<qint64> otherRunnerPid(const QString& projectPath, const QString& study);

} // namespace tendril::app
