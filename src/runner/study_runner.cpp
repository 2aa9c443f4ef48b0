#include "study_runner.hpp"

#include "study_runner_core.hpp"

namespace tendril::runner {

StudyRunner::StudyRunner(const RunOptions& options, QObject* parent)
    : QObject(parent), core_(std::make_unique<StudyRunnerCore>(*this, prepareRun(options)))
{
    qRegisterMetaType<tendril::runner::TrialOutcome>();
    qRegisterMetaType<tendril::runner::RunProgress>();
    qRegisterMetaType<tendril::runner::FinishReason>();
}

StudyRunner::~StudyRunner() = default;

const StudyConfig& StudyRunner::config() const { return core_->prepared().config; }
const std::string& StudyRunner::studyName() const { return core_->prepared().config.name; }
std::string StudyRunner::runsDir() const { return core_->prepared().runsDir.string(); }
bool StudyRunner::resumed() const { return core_->prepared().resumed; }
std::int64_t StudyRunner::interruptedOnResume() const
{
    return static_cast<std::int64_t>(core_->prepared().interrupted.size());
}
RunProgress StudyRunner::currentProgress() const { return core_->progress(); }
bool StudyRunner::isRunning() const { return core_->running(); }

void StudyRunner::start() { core_->start(); }

void StudyRunner::stop(const std::string& reason)
{
    core_->stop(FinishReason::Stopped, reason, "stopped (" + reason + ")");
}

void StudyRunner::kill() { core_->kill(); }

} // namespace tendril::runner
