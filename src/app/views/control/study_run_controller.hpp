// The studies this window runs: one StudyRunner per running study, all in the GUI thread (the
// runner drives its trial processes through Qt's notifications and never blocks the event loop for
// long). One controller per open project session, owned by the session, so runs outlive the panel
// that started them and every part of the window sees the same runs.
//
// Starting checks the whole setup first (the runner throws RunError with one line naming the field,
// study or file) and writes nothing when it is refused. Stopping ends the running trials the way
// Ctrl-C does in tendril-cli: they are recorded failed "interrupted" and Resume continues them.
#pragma once

#include "runner/run_types.hpp"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

namespace tendril::runner {
class StudyRunner;
}

namespace tendril::app {

class ProjectSession;

// How the last run of a study in this window ended.
struct RunEnding {
    runner::FinishReason reason = runner::FinishReason::BudgetSpent;
    QString message;
};

class StudyRunController : public QObject {
    Q_OBJECT

public:
    // The session's controller, created on first use as a child of the session.
    static StudyRunController& of(ProjectSession& session);

    explicit StudyRunController(ProjectSession& session);
    // Runners still running are destroyed with their trials killed; the project then still holds
    // those trials as running, and a later Resume marks them interrupted and continues them.
    ~StudyRunController() override;

    // Starts a new study from a configuration (relative paths in it are against the project's
    // folder). Throws runner::RunError when the setup is refused; nothing is written then.
    void start(const StudyConfig& config);
    // Continues an interrupted study with the configuration stored with it. Throws RunError.
    void resume(const QString& study);
    // Ends the run: no new trials, running ones get SIGTERM (SIGKILL after the grace period) and
    // are recorded interrupted. runFinished follows once they are gone.
    void stop(const QString& study);
    void stopAll();

    bool isRunning(const QString& study) const;
    QStringList runningStudies() const;
    std::optional<runner::RunProgress> progress(const QString& study) const;
    // How the last run of this study in this window ended; nullopt when none ended here.
    std::optional<RunEnding> lastEnding(const QString& study) const;

    // Stops every run and waits for them to end, SIGKILLing what is left after timeoutMs. True when
    // all ended.
    bool stopAllAndWait(int timeoutMs);
    // Before the window closes: when studies are running, asks whether to stop them; on yes stops
    // them and waits. False when the user chose to keep them running (the close should not go on).
    bool confirmStopBeforeClosing(QWidget* parent);

signals:
    void runStarted(const QString& study);
    void progressChanged(const QString& study, const tendril::runner::RunProgress& progress);
    void trialEnded(const QString& study, const tendril::runner::TrialOutcome& outcome);
    void runFinished(const QString& study, tendril::runner::FinishReason reason, const QString& message);
    // Something other than starting went wrong in a run (the project could not be written, the
    // algorithm refused a result); message is the runner's one line.
    void runFailed(const QString& study, const QString& message);

private:
    void launch(const runner::RunOptions& options);

    ProjectSession& session_;
    QHash<QString, QPointer<runner::StudyRunner>> runners_;
    QHash<QString, RunEnding> endings_;
};

} // namespace tendril::app
