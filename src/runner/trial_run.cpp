#include "trial_run.hpp"

#include "tendril/io/json_writer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <system_error>

namespace tendril::runner {

namespace fs = std::filesystem;

namespace {

// The output folder's files listed in the artifacts object: at most this many names.
constexpr std::size_t kMaxListedFiles = 1000;
constexpr const char* kOutputArtifact = "output_dir";

void setArtifact(ArtifactMembers& members, const std::string& name, std::string json)
{
    for (auto& [n, j] : members) {
        if (n == name) {
            j = std::move(json);
            return;
        }
    }
    members.emplace_back(name, std::move(json));
}

std::string shellQuoted(const std::string& arg)
{
    const bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
    });
    if (plain)
        return arg;
    std::string out = "'";
    for (const char c : arg) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string withTail(std::string head, const std::string& tail)
{
    if (!tail.empty())
        head += ": " + tail;
    return head;
}

std::string seconds(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", s);
    return buf;
}

} // namespace

std::string TrialRun::displayCommand(const std::string& program, const std::vector<std::string>& args)
{
    std::string out = shellQuoted(program);
    for (const std::string& a : args)
        out += " " + shellQuoted(a);
    return out;
}

TrialRun::TrialRun(TrialRunSetup setup, TrialRunHost& host)
    : setup_(std::move(setup)),
      host_(host),
      reader_(*this, setup_.limits),
      process_(setup_.process, *this),
      lastValues_(setup_.lastValues),
      artifacts_(setup_.artifacts)
{
}

void TrialRun::runnerLog(std::string text)
{
    TrialLogLine line;
    line.stream = LogStream::Runner;
    line.text = std::move(text);
    host_.recording().log(trialId(), std::move(line));
}

double TrialRun::secondsSinceStart() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void TrialRun::start()
{
    std::string launch = "run " + std::to_string(runNumber());
    if (setup_.request.budget)
        launch += ", budget " + formatDouble(*setup_.request.budget);
    if (!setup_.restoreFrom.empty())
        launch += ", restoring from " + setup_.restoreFrom.string();
    else if (!setup_.request.restoreFrom.empty())
        launch += ", no checkpoint of " + setup_.request.restoreFrom + " to restore: starting over";
    runnerLog(launch + ": " + displayCommand(setup_.process.program, setup_.process.arguments));
    started_ = std::chrono::steady_clock::now();
    process_.start();
}

void TrialRun::prune(double step)
{
    if (ending_ != Ending::None || finished())
        return;
    ending_ = Ending::Pruned;
    prunedAt_ = step;
    runnerLog("stopped by the algorithm at step " + formatDouble(step));
    process_.terminate();
}

void TrialRun::interrupt(const std::string& reason)
{
    if (ending_ != Ending::None || finished())
        return;
    ending_ = Ending::Interrupted;
    interruptReason_ = reason;
    runnerLog("stopping: " + reason);
    process_.terminate();
}

void TrialRun::kill()
{
    if (finished())
        return;
    if (ending_ == Ending::None) {
        ending_ = Ending::Interrupted;
        interruptReason_ = "interrupted";
    }
    process_.kill();
}

void TrialRun::onStdout(const char* data, std::size_t size)
{
    chunkSeconds_ = secondsSinceStart();
    reader_.feedStdout(data, size);
}

void TrialRun::onStderr(const char* data, std::size_t size)
{
    reader_.feedStderr(data, size);
}

void TrialRun::onTimeout()
{
    if (ending_ != Ending::None)
        return;
    ending_ = Ending::TimedOut;
    runnerLog("trial_timeout_seconds (" + formatDouble(*setup_.process.timeoutSeconds) + ") passed: stopping");
    process_.terminate();
}

void TrialRun::onStep(const StepReport& report)
{
    RunRecording& recording = host_.recording();
    for (const auto& [metric, value] : report.values) {
        recording.point(CurvePointRecord{trialId(), metric, report.step, value, chunkSeconds_});
        setMetric(lastValues_, metric, value);
        // Once the run is being ended, what it still prints is recorded but decides nothing.
        if (metric == setup_.objectiveMetric && ending_ == Ending::None &&
            host_.objectiveReported(*this, report.step, value) == search::Verdict::Stop)
            prune(report.step);
    }
}

void TrialRun::onFinal(const FinalReport& report)
{
    sawFinal_ = true;
    for (const auto& [metric, value] : report.values)
        setMetric(finals_, metric, value);
}

void TrialRun::onArtifact(const ArtifactReport& report)
{
    setArtifact(artifacts_, report.name, report.json);
    host_.recording().artifacts(TrialArtifactsRecord{trialId(), artifactsJson(artifacts_)});
}

void TrialRun::onLog(TrialLogLine line)
{
    host_.recording().log(trialId(), std::move(line));
}

void TrialRun::addOutputListing(ArtifactMembers& artifacts) const
{
    const fs::path& dir = setup_.folders.outputDir;
    std::vector<std::string> files;
    std::size_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        ++total;
        if (files.size() < kMaxListedFiles)
            files.push_back(it->path().lexically_relative(dir).string());
    }
    if (total == 0)
        return;
    std::sort(files.begin(), files.end());
    std::string json;
    JsonWriter w(json);
    w.beginObject().key("path").value(dir.string()).key("files").beginArray();
    for (const std::string& f : files)
        w.value(f);
    w.endArray();
    if (total > files.size())
        w.key("files_not_listed").value(static_cast<std::int64_t>(total - files.size()));
    w.endObject();
    setArtifact(artifacts, kOutputArtifact, std::move(json));
}

RunResult TrialRun::conclude(const ProcessExit& exit)
{
    RunResult r;
    const std::string tail = reader_.stderrTail();
    // Complete and pruned runs fall back on the last intermediate values (trial-protocol.md); a
    // failed or interrupted run keeps only what it explicitly reported as final.
    const MetricValues& reported = sawFinal_ ? finals_ : lastValues_;
    switch (ending_) {
    case Ending::Pruned:
        r.state = TrialState::Pruned;
        r.metrics = reported;
        break;
    case Ending::Interrupted:
        r.state = TrialState::Failed;
        r.error = interruptReason_;
        r.metrics = finals_;
        r.interrupted = true;
        break;
    case Ending::TimedOut:
        r.state = TrialState::Failed;
        r.error = withTail("timed out after " + formatDouble(*setup_.process.timeoutSeconds) + " s", tail);
        r.metrics = finals_;
        break;
    case Ending::None:
        if (exit.kind == ProcessExit::Kind::FailedToStart) {
            r.state = TrialState::Failed;
            r.error = "cannot start " + setup_.process.program + ": " + exit.message;
        } else if (exit.kind == ProcessExit::Kind::Exited && exit.code == 0) {
            r.state = TrialState::Complete;
            r.metrics = reported;
        } else {
            r.state = TrialState::Failed;
            r.error = withTail(exit.kind == ProcessExit::Kind::Exited ? "exit code " + std::to_string(exit.code)
                                                                       : describeSignal(exit.code),
                               tail);
            r.metrics = finals_;
        }
        break;
    }
    r.objective = findMetric(r.metrics, setup_.objectiveMetric);
    r.artifacts = artifacts_;
    addOutputListing(r.artifacts);
    return r;
}

void TrialRun::onExit(const ProcessExit& exit)
{
    reader_.finish();
    if (reader_.droppedLogLines() > 0)
        runnerLog(std::to_string(reader_.droppedLogLines()) + " log lines not kept (at most " +
                  std::to_string(setup_.limits.maxLogLines) + " per run)");
    if (reader_.malformedReports() > 0)
        runnerLog(std::to_string(reader_.malformedReports()) +
                  " lines looked like reports but were not valid JSON (kept as log text)");
    const double elapsed = secondsSinceStart();
    switch (exit.kind) {
    case ProcessExit::Kind::FailedToStart: runnerLog("could not start: " + exit.message); break;
    case ProcessExit::Kind::Exited:
        runnerLog("exit code " + std::to_string(exit.code) + " after " + seconds(elapsed));
        break;
    case ProcessExit::Kind::Signaled: runnerLog(describeSignal(exit.code) + " after " + seconds(elapsed)); break;
    }
    result_ = conclude(exit);
    host_.runEnded(*this);
}

} // namespace tendril::runner
