#include "runner_fixture.hpp"

#include "tendril/io/study_config.hpp"
#include "tendril/store/project.hpp"

#include <QEventLoop>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tendril::testing {

namespace fs = std::filesystem;

std::string scriptPath(const std::string& name) { return sourceDir() + "/tests/runner/scripts/" + name; }

nlohmann::json studyJson(const std::string& name, const std::vector<std::string>& command)
{
    return {{"name", name},
            {"command", command},
            {"objective", {{"metric", "score"}, {"direction", "maximize"}}},
            {"space", nlohmann::json::array({floatParam("x", 0.0, 1.0)})},
            {"algorithm", {{"name", "random"}}},
            {"budget", {{"max_trials", 1}}},
            {"workers", 1}};
}

nlohmann::json floatParam(const std::string& name, double low, double high, bool log)
{
    nlohmann::json p = {{"name", name}, {"type", "float"}, {"low", low}, {"high", high}};
    if (log)
        p["log"] = true;
    return p;
}

nlohmann::json intParam(const std::string& name, std::int64_t low, std::int64_t high)
{
    return {{"name", name}, {"type", "int"}, {"low", low}, {"high", high}};
}

nlohmann::json categoricalParam(const std::string& name, const nlohmann::json& choices)
{
    return {{"name", name}, {"type", "categorical"}, {"choices", choices}};
}

bool waitUntil(const std::function<bool()>& cond, double maxSeconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(maxSeconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (cond())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return cond();
}

StudyConfig RunnerTest::config(const nlohmann::json& json) const
{
    return parseStudyConfig(json.dump(), "study.json", dir.path().string());
}

std::string RunnerTest::writeConfig(const nlohmann::json& json, const std::string& name) const
{
    const std::string path = dir.file(name);
    writeFile(path, json.dump(2));
    return path;
}

runner::RunOptions RunnerTest::options(const nlohmann::json& json) const
{
    runner::RunOptions o;
    o.projectPath = project();
    o.config = config(json);
    o.configName = "study.json";
    return o;
}

RunRecord RunnerTest::run(const nlohmann::json& json, const std::function<void(runner::StudyRunner&)>& onStarted)
{
    return run(options(json), onStarted);
}

RunRecord RunnerTest::run(const runner::RunOptions& options, const std::function<void(runner::StudyRunner&)>& onStarted)
{
    runner::StudyRunner studyRunner(options);
    RunRecord record;
    QEventLoop loop;
    QObject::connect(&studyRunner, &runner::StudyRunner::trialStarted,
                     [&](const QString& id, int) { record.started.push_back(id.toStdString()); });
    QObject::connect(&studyRunner, &runner::StudyRunner::trialEnded,
                     [&](const runner::TrialOutcome& outcome) { record.outcomes.push_back(outcome); });
    QObject::connect(&studyRunner, &runner::StudyRunner::finished, [&](runner::FinishReason reason, const QString& m) {
        record.reason = reason;
        record.message = m.toStdString();
        loop.quit();
    });
    studyRunner.start();
    if (onStarted)
        onStarted(studyRunner);
    loop.exec();
    record.progress = studyRunner.currentProgress();
    return record;
}

Study RunnerTest::load(const std::string& study) const
{
    return Project(project(), OpenMode::ReadOnly).loadStudy(study);
}

std::optional<Study> RunnerTest::tryLoad(const std::string& study) const
{
    if (!fs::exists(project()))
        return std::nullopt;
    try {
        return load(study);
    } catch (const StoreError&) {
        return std::nullopt;
    }
}

std::vector<TrialLogLine> RunnerTest::log(const std::string& study, const std::string& trial) const
{
    return trialLog(Project(project(), OpenMode::ReadOnly), study, trial);
}

nlohmann::json RunnerTest::launchInfo(const std::string& study, const std::string& trial, int n) const
{
    const std::string path = runsDir(study) + "/" + trial + "/output/launch-" + std::to_string(n) + ".json";
    if (!fs::exists(path))
        return nullptr;
    return nlohmann::json::parse(readFile(path));
}

int RunnerTest::launchCount(const std::string& study, const std::string& trial) const
{
    int n = 0;
    while (fs::exists(runsDir(study) + "/" + trial + "/output/launch-" + std::to_string(n + 1) + ".json"))
        ++n;
    return n;
}

ProcessResult RunnerTest::cli(const std::vector<std::string>& args) const
{
    return runProcess(binDir() + "/tendril-cli", args);
}

BackgroundProcess::BackgroundProcess(const std::string& program, const std::vector<std::string>& args)
{
    const std::string outPath = io_.file("stdout"), errPath = io_.file("stderr");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> store = {program};
    store.insert(store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : store)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start " + program);
    pid_ = pid;
}

BackgroundProcess::~BackgroundProcess()
{
    if (!reaped_) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status_, 0);
    }
}

void BackgroundProcess::signal(int signal) const { ::kill(pid_, signal); }

int BackgroundProcess::wait()
{
    if (!reaped_) {
        ::waitpid(pid_, &status_, 0);
        reaped_ = true;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
}

} // namespace tendril::testing
