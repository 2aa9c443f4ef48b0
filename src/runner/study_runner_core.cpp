#include "study_runner_core.hpp"

#include "hyperband_schedule.hpp"

#include <algorithm>
#include <climits>
#include <system_error>

namespace tendril::runner {

namespace fs = std::filesystem;

namespace {

int timerMilliseconds(double seconds)
{
    return static_cast<int>(std::clamp(seconds * 1000.0, 0.0, static_cast<double>(INT_MAX)));
}

std::string plural(std::int64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

StudyRunnerCore::StudyRunnerCore(StudyRunner& owner, PreparedRun prepared)
    : owner_(owner),
      run_(std::move(prepared)),
      rungStops_(dynamic_cast<search::RungStops*>(run_.algorithm.get())),
      tally_(run_.config.objective, run_.config.budget.maxTrials),
      inherited_(currentEnvironment())
{
    tally_.restore(run_.study);
    recording_ = std::make_unique<RunRecording>(*run_.recorder, [this](const std::string& error) {
        fail("cannot write to " + run_.project->path() + ": " + error);
    });
    for (QTimer* timer : {&fillTimer_, &reapTimer_, &timeBudget_})
        timer->setSingleShot(true);
    fillTimer_.setInterval(0);
    reapTimer_.setInterval(0);
    QObject::connect(&fillTimer_, &QTimer::timeout, [this] { fill(); });
    QObject::connect(&reapTimer_, &QTimer::timeout, [this] { retired_.clear(); });
    QObject::connect(&timeBudget_, &QTimer::timeout, [this] {
        const double seconds = *run_.config.budget.maxSeconds;
        stop(FinishReason::TimeBudget, std::string(kInterrupted) + ": time budget",
             "budget.max_seconds (" + formatDouble(seconds) + " s) reached");
    });
}

StudyRunnerCore::~StudyRunnerCore()
{
    // Killed runs are not recorded (their processes go with them); the next resume marks them
    // interrupted. What was read is kept.
    active_.clear();
    retired_.clear();
    if (phase_ != Phase::Finished && recording_)
        recording_->flush();
}

RunProgress StudyRunnerCore::progress() const
{
    RunProgress p = tally_.progress();
    p.running = static_cast<std::int64_t>(active_.size());
    p.launched = launched_;
    if (phase_ != Phase::Ready) {
        const auto until = phase_ == Phase::Finished ? finishedAt_ : std::chrono::steady_clock::now();
        p.elapsedSeconds = std::chrono::duration<double>(until - started_).count();
    }
    return p;
}

void StudyRunnerCore::start()
{
    if (phase_ != Phase::Ready)
        return;
    phase_ = Phase::Running;
    started_ = std::chrono::steady_clock::now();
    if (run_.config.budget.maxSeconds)
        timeBudget_.start(timerMilliseconds(*run_.config.budget.maxSeconds));
    // A resume can end trials at their rung (restore decided it); record that first.
    recordRungStops();
    fillTimer_.start();
}

void StudyRunnerCore::fill()
{
    if (phase_ != Phase::Running) {
        finishWhenIdle();
        return;
    }
    const auto workers = static_cast<std::size_t>(std::max(1, run_.config.workers));
    while (active_.size() < workers && phase_ == Phase::Running) {
        std::optional<search::TrialRequest> request;
        try {
            if (run_.algorithm->finished())
                break;
            request = run_.algorithm->ask();
        } catch (const std::exception& e) {
            fail(std::string("the search algorithm failed: ") + e.what());
            return;
        }
        if (!request)
            break;
        launch(std::move(*request));
    }
    finishWhenIdle();
}

fs::path StudyRunnerCore::restoreSource(const search::TrialRequest& request, const RunFolders& folders)
{
    if (request.restoreFrom.empty())
        return {};
    const std::optional<CheckpointSource> source = latestCheckpoint(run_.runsDir, request.restoreFrom);
    if (!source)
        return {};
    // A donor still running may rewrite its checkpoint while this run loads it (a PBT exploit):
    // this run gets a copy of its own. A checkpoint of an ended run is never written again.
    const bool written = std::any_of(active_.begin(), active_.end(), [&](const std::unique_ptr<TrialRun>& r) {
        return r->trialId() == request.restoreFrom && r->runNumber() == source->run;
    });
    if (!written)
        return source->dir;
    const fs::path copy = folders.runDir / "restore";
    copyCheckpoint(source->dir, copy);
    return copy;
}

void StudyRunnerCore::launch(search::TrialRequest request)
{
    const std::string id = request.trialId;
    RunFolders folders;
    fs::path restore;
    try {
        folders = createRunFolders(run_.runsDir, id);
        restore = restoreSource(request, folders);
    } catch (const std::exception& e) {
        fail("cannot prepare the folders of trial " + id + " in " + run_.runsDir.string() + ": " + e.what());
        return;
    }

    const bool continuation = tally_.has(id);
    TrialStartRecord start;
    start.continuation = continuation;
    Trial& t = start.trial;
    t.id = id;
    t.number = continuation ? tally_.trial(id).number : tally_.add(id).number;
    t.state = TrialState::Running;
    t.params = request.params;
    t.iteration = request.iteration;
    t.parent = request.parent;
    t.startStep = request.startStep;
    t.bracket = request.bracket;
    t.rung = request.rung;
    t.budget = request.budget;
    t.started = utcNow();
    if (continuation)
        tally_.started(id);
    recording_->start(std::move(start));

    TrialRunSetup setup;
    setup.study = run_.config.name;
    setup.objectiveMetric = run_.config.objective.metric;
    setup.process.program = run_.program;
    setup.process.arguments = trialArguments(run_.config, request);
    LaunchEnvironment env{run_.config.name, id, request.budget, folders.checkpointDir, restore, folders.outputDir};
    setup.process.environment = trialEnvironment(inherited_, run_.config, env);
    setup.process.workdir = run_.config.workdir;
    setup.process.timeoutSeconds = run_.config.trialTimeoutSeconds;
    setup.process.graceSeconds = run_.config.killGraceSeconds;
    if (continuation) {
        const TrialMemory& memory = tally_.trial(id);
        setup.lastValues = memory.lastValues;
        setup.artifacts = memory.artifacts;
    }
    setup.folders = std::move(folders);
    setup.restoreFrom = std::move(restore);
    setup.request = std::move(request);

    active_.push_back(std::make_unique<TrialRun>(std::move(setup), *this));
    TrialRun& trialRun = *active_.back();
    ++launched_;
    trialRun.start();
    emit owner_.trialStarted(QString::fromStdString(id), trialRun.runNumber());
    emitProgress();
}

search::Verdict StudyRunnerCore::objectiveReported(TrialRun& run, double step, double value)
{
    if (phase_ != Phase::Running && phase_ != Phase::Stopping)
        return search::Verdict::Continue;
    try {
        return run_.algorithm->report(run.trialId(), step, value);
    } catch (const std::exception& e) {
        fail(std::string("the search algorithm failed: ") + e.what());
        return search::Verdict::Continue;
    }
}

void StudyRunnerCore::runEnded(TrialRun& run)
{
    const RunResult& result = run.result();
    const std::string id = run.trialId();
    TrialEndRecord end;
    end.trialId = id;
    end.state = result.state;
    end.metrics = result.metrics;
    end.error = result.error;
    end.finished = utcNow();
    if (!result.artifacts.empty())
        end.artifactsJson = artifactsJson(result.artifacts);
    const std::string finished = end.finished;
    recording_->end(std::move(end));

    TrialMemory& memory = tally_.trial(id);
    memory.lastValues = run.lastValues();
    memory.artifacts = result.artifacts;
    tally_.ended(id, result.state, result.metrics, finished);

    // Interrupted runs are not told: the study stops, and a resume continues them.
    if (!result.interrupted && phase_ != Phase::Finished) {
        try {
            run_.algorithm->tell(id, result.state, result.objective);
        } catch (const std::exception& e) {
            fail(std::string("the search algorithm failed: ") + e.what());
        }
    }

    TrialOutcome outcome;
    outcome.trialId = id;
    outcome.run = run.runNumber();
    outcome.state = result.state;
    outcome.value = result.objective;
    outcome.error = result.error;

    const auto it = std::find_if(active_.begin(), active_.end(),
                                 [&](const std::unique_ptr<TrialRun>& r) { return r.get() == &run; });
    if (it != active_.end()) {
        retired_.push_back(std::move(*it));
        active_.erase(it);
        reapTimer_.start();
    }

    emit owner_.trialEnded(outcome);
    if (!result.interrupted)
        recordRungStops();
    emitProgress();
    // Not from here: this is inside the ended process's own signal handler.
    if (phase_ == Phase::Running || phase_ == Phase::Stopping)
        fillTimer_.start();
}

void StudyRunnerCore::recordRungStops()
{
    if (!rungStops_ || phase_ == Phase::Finished)
        return;
    for (const std::string& id : rungStops_->takeStoppedAtRung()) {
        if (!tally_.has(id))
            continue;
        TrialMemory& memory = tally_.trial(id);
        TrialEndRecord end;
        end.trialId = id;
        end.state = TrialState::Pruned;
        end.metrics = memory.finalMetrics;
        end.finished = memory.finished;
        recording_->end(std::move(end));
        TrialLogLine line;
        line.stream = LogStream::Runner;
        line.text = "stopped at its rung: not among the configurations the algorithm promotes";
        recording_->log(id, std::move(line));
        tally_.stoppedAtRung(id);

        TrialOutcome outcome;
        outcome.trialId = id;
        outcome.state = TrialState::Pruned;
        outcome.value = findMetric(memory.finalMetrics, run_.config.objective.metric);
        outcome.stoppedAtRung = true;
        emit owner_.trialEnded(outcome);
    }
}

void StudyRunnerCore::stop(FinishReason reason, const std::string& trialError, const std::string& message)
{
    if (phase_ == Phase::Finished || phase_ == Phase::Stopping)
        return;
    if (phase_ == Phase::Ready)
        started_ = std::chrono::steady_clock::now();
    phase_ = Phase::Stopping;
    stopReason_ = reason;
    const std::int64_t running = static_cast<std::int64_t>(active_.size());
    stopMessage_ = message;
    if (running > 0)
        stopMessage_ += "; " + plural(running, "running trial", "running trials") + " stopped";
    timeBudget_.stop();
    for (const std::unique_ptr<TrialRun>& r : active_)
        r->interrupt(trialError);
    fillTimer_.start();
}

void StudyRunnerCore::kill()
{
    stop(FinishReason::Stopped, kInterrupted, kInterrupted);
    for (const std::unique_ptr<TrialRun>& r : active_)
        r->kill();
}

void StudyRunnerCore::fail(const std::string& message)
{
    if (phase_ == Phase::Finished || stopReason_ == FinishReason::Error)
        return;
    if (phase_ == Phase::Stopping) {
        // Already stopping: the error is the reason now, and the runs go at once.
        stopReason_ = FinishReason::Error;
        stopMessage_ = message;
    } else {
        stop(FinishReason::Error, kInterrupted, message);
        stopMessage_ = message;
    }
    for (const std::unique_ptr<TrialRun>& r : active_)
        r->kill();
}

void StudyRunnerCore::finishWhenIdle()
{
    if (!active_.empty())
        return;
    if (phase_ == Phase::Stopping) {
        finish(stopReason_, stopMessage_);
        return;
    }
    if (phase_ != Phase::Running)
        return;
    const std::optional<std::int64_t> maxTrials = run_.config.budget.maxTrials;
    if (maxTrials && tally_.trialCount() >= *maxTrials)
        finish(FinishReason::BudgetSpent, "budget.max_trials (" + std::to_string(*maxTrials) + ") reached");
    else
        finish(FinishReason::SearchFinished, "the " + run_.config.algorithm.name + " search has nothing more to run");
}

void StudyRunnerCore::finish(FinishReason reason, std::string message)
{
    if (phase_ == Phase::Finished)
        return;
    // Written before the phase changes, so a failed write still ends as an error.
    if (!recording_->flush() && reason != FinishReason::Error) {
        reason = FinishReason::Error;
        message = "cannot write to " + run_.project->path() + ": " + recording_->error();
    }
    phase_ = Phase::Finished;
    finishedAt_ = std::chrono::steady_clock::now();
    fillTimer_.stop();
    timeBudget_.stop();
    if (run_.lock)
        run_.lock->unlock();
    emitProgress();
    emit owner_.finished(reason, QString::fromStdString(message));
}

void StudyRunnerCore::emitProgress()
{
    emit owner_.progressChanged(progress());
}

} // namespace tendril::runner
