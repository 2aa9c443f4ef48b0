// Runs a study: asks the search algorithm for trials, runs each as a subprocess (at most `workers`
// at once), feeds the algorithm what they report, and records everything in the project as it
// arrives. The engine of `tendril-cli run` and of the desktop app's control panel; it lives in the
// thread of its event loop and never blocks it for long.
//
// Usage: construct (the whole setup is checked then, and RunError thrown with a one-line message),
// connect the signals, start(), run the event loop until finished(). stop() ends it early: running
// trials get SIGTERM (SIGKILL after kill_grace_seconds) and are recorded failed "interrupted", so a
// later resume continues them. Destroy a runner from a slot of its own signals only with
// deleteLater(). Destroyed while trials run, it kills them without recording their end; the next
// resume marks them interrupted.
#pragma once

#include "run_types.hpp"

#include <QObject>
#include <QString>

#include <memory>

namespace tendril::runner {

class StudyRunnerCore;

class StudyRunner : public QObject {
    Q_OBJECT
public:
    explicit StudyRunner(const RunOptions& options, QObject* parent = nullptr);
    ~StudyRunner() override;

    const StudyConfig& config() const;  // as run: seed chosen, workers overridden
    const std::string& studyName() const;
    std::string runsDir() const;
    bool resumed() const;
    // Trials a resume found unfinished and marked failed "interrupted".
    std::int64_t interruptedOnResume() const;
    RunProgress currentProgress() const;
    bool isRunning() const;

    // Begins launching trials (from the event loop: start() itself returns at once).
    void start();
    // Stops launching; running trials are ended and recorded failed with this reason (it must
    // start with "interrupted" for a resume to continue them). finished() follows once they are
    // gone.
    void stop(const std::string& reason = "interrupted");
    // Like stop(), but SIGKILL at once instead of waiting out the grace period.
    void kill();

signals:
    void trialStarted(const QString& trialId, int run);
    void trialEnded(const tendril::runner::TrialOutcome& outcome);
    void progressChanged(const tendril::runner::RunProgress& progress);
    // Emitted once. Everything read is in the project by then and the study's lock is released.
    void finished(tendril::runner::FinishReason reason, const QString& message);

private:
    friend class StudyRunnerCore;
    std::unique_ptr<StudyRunnerCore> core_;
};

} // namespace tendril::runner

Q_DECLARE_METATYPE(tendril::runner::TrialOutcome)
Q_DECLARE_METATYPE(tendril::runner::RunProgress)
Q_DECLARE_METATYPE(tendril::runner::FinishReason)
