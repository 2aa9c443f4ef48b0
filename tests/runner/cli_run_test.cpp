// tendril-cli run as scripts use it: options, refusals, progress, and the exit codes.
#include "runner_fixture.hpp"

#include "tendril/io/study_config.hpp"

#include <filesystem>

namespace tendril::testing {
namespace {

namespace fs = std::filesystem;

// The one `error: ...` line of a failed command.
std::string errorLine(const ProcessResult& r)
{
    EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
    return r.err.substr(7, r.err.find('\n') - 7);
}

class CliRun : public RunnerTest {};

TEST_F(CliRun, HelpNamesEveryOption)
{
    const ProcessResult r = cli({"run", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    for (const char* option : {"--project", "--config", "--workers", "--resume"})
        EXPECT_NE(r.out.find(option), std::string::npos) << option;
    EXPECT_NE(cli({"--help"}).out.find("run"), std::string::npos);
}

TEST_F(CliRun, UsageErrorsExitTwo)
{
    const std::string config = writeConfig(studyJson("s", {kShell, scriptPath("silent.sh")}));
    const ProcessResult noConfig = cli({"run", "--project", project()});
    EXPECT_EQ(noConfig.exitCode, 2);
    EXPECT_NE(errorLine(noConfig).find("--config is required"), std::string::npos);
    EXPECT_EQ(cli({"run", "--config", config}).exitCode, 2);
    const ProcessResult workers = cli({"run", "--project", project(), "--config", config, "--workers", "0"});
    EXPECT_EQ(workers.exitCode, 2);
    EXPECT_EQ(errorLine(workers), "option --workers expects 1 to 1024 trials at once, got 0");
    EXPECT_FALSE(fs::exists(project()));
}

TEST_F(CliRun, RunsAStudyPrintingOneLinePerTrialAndASummary)
{
    nlohmann::json j = studyJson("s", {kPython, scriptPath("trainer.py")});
    j["budget"] = {{"max_trials", 3}};
    j["workers"] = 2;
    const ProcessResult r = cli({"run", "--project", project(), "--config", writeConfig(j)});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.rfind("running study \"s\" (random, 2 workers) in " + project(), 0), 0u) << r.out;
    for (const char* counter : {"[1/3] t", "[2/3] t", "[3/3] t"})
        EXPECT_NE(r.out.find(counter), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" complete score="), std::string::npos);
    EXPECT_NE(r.out.find("study \"s\": 3 trials (complete 3) in "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("budget.max_trials (3) reached"), std::string::npos);
    // The configuration had no seed: one was drawn and stored, so a resume proposes the same.
    const std::optional<StudyConfig> stored = storedStudyConfig(load("s"));
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->seed);
    EXPECT_EQ(stored->workers, 2);
    // --workers overrides the configuration.
    j["name"] = "one";
    const ProcessResult one = cli({"run", "--project", project(), "--config", writeConfig(j), "--workers", "1"});
    EXPECT_NE(one.out.find("(random, 1 worker)"), std::string::npos) << one.out;
}

TEST_F(CliRun, ConfigurationErrorsNameTheFieldAndWriteNothing)
{
    struct Case {
        const char* what;
        std::function<void(nlohmann::json&)> change;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"unknown algorithm", [](nlohmann::json& j) { j["algorithm"]["name"] = "annealing"; }, "algorithm.name: unknown algorithm \"annealing\""},
        {"bad algorithm option", [](nlohmann::json& j) { j["algorithm"] = {{"name", "hyperband"}, {"config", {{"eta", 1}, {"max_resource", 9}}}}; }, "algorithm.config.eta"},
        {"unknown parameter type", [](nlohmann::json& j) { j["space"][0]["type"] = "complex"; }, "space[0].type"},
        {"empty range", [](nlohmann::json& j) { j["space"][0]["low"] = 5; j["space"][0]["high"] = 1; }, "space[0]"},
        {"missing objective", [](nlohmann::json& j) { j.erase("objective"); }, "missing required field \"objective\""},
        {"missing program", [](nlohmann::json& j) { j["command"] = {"no-such-trainer-program"}; }, "command[0]"},
    };
    const std::string path = dir.file("study.json");
    for (const Case& c : cases) {
        nlohmann::json j = studyJson("s", {kShell, scriptPath("silent.sh")});
        c.change(j);
        writeConfig(j);
        const ProcessResult r = cli({"run", "--project", project(), "--config", path});
        EXPECT_EQ(r.exitCode, 1) << c.what;
        EXPECT_EQ(errorLine(r).rfind(path + ": " + c.field, 0), 0u) << c.what << ": " << r.err;
        EXPECT_FALSE(fs::exists(project())) << c.what;
    }
}

TEST_F(CliRun, AnExistingStudyIsOnlyContinuedWithResume)
{
    const std::string config = writeConfig(studyJson("s", {kShell, scriptPath("silent.sh")}));
    ASSERT_EQ(cli({"run", "--project", project(), "--config", config}).exitCode, 0);
    const ProcessResult again = cli({"run", "--project", project(), "--config", config});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_EQ(errorLine(again), "study \"s\" already exists in " + project() + "; use --resume s to continue it");

    const ProcessResult missing = cli({"run", "--project", project(), "--resume", "other"});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_EQ(errorLine(missing), "study \"other\" not found in " + project() + " (studies: s); nothing to resume");

    nlohmann::json changed = studyJson("s", {kShell, scriptPath("silent.sh")});
    changed["space"] = {floatParam("x", 0.0, 2.0)};
    const ProcessResult otherSpace =
        cli({"run", "--project", project(), "--config", writeConfig(changed, "changed.json"), "--resume", "s"});
    EXPECT_EQ(otherSpace.exitCode, 1);
    EXPECT_EQ(errorLine(otherSpace).rfind(dir.file("changed.json") + ": space: differs from the space of study \"s\"", 0), 0u)
        << otherSpace.err;
}

TEST_F(CliRun, EveryTrialFailingIsAnError)
{
    nlohmann::json j = studyJson("s", {kShell, scriptPath("crash_exit.sh")});
    j["budget"] = {{"max_trials", 2}};
    const ProcessResult r = cli({"run", "--project", project(), "--config", writeConfig(j)});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(errorLine(r).rfind("every trial of study \"s\" failed (2); last error: t", 0), 0u) << r.err;
    EXPECT_NE(r.out.find("failed: exit code 3: loading data"), std::string::npos) << r.out;
}

TEST_F(CliRun, ASecondRunnerOnTheSameStudyIsRefused)
{
    nlohmann::json j = studyJson("s", {kShell, scriptPath("hang.sh")});
    BackgroundProcess first(binDir() + "/tendril-cli", {"run", "--project", project(), "--config", writeConfig(j)});
    ASSERT_TRUE(waitUntil([&] { return fs::exists(runsDir("s") + "/t0/run-1"); })) << first.err();

    const ProcessResult second = cli({"run", "--project", project(), "--resume", "s"});
    EXPECT_EQ(second.exitCode, 1);
    EXPECT_EQ(errorLine(second).rfind("study \"s\" is already being run by another runner (pid " +
                                          std::to_string(first.pid()),
                                      0),
              0u)
        << second.err;
    // The refused runner changed nothing: the trial is still running.
    EXPECT_EQ(load("s").trials.at(0).state, TrialState::Running);

    first.signal(SIGINT);
    EXPECT_EQ(first.wait(), 130) << first.err();
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Failed);
    EXPECT_EQ(t.error, "interrupted");
}

TEST_F(CliRun, ASecondCtrlCKillsTrialsThatIgnoreSigterm)
{
    nlohmann::json j = studyJson("s", {kShell, scriptPath("hang.sh")});
    j["kill_grace_seconds"] = 3600;
    j["env"] = {{"IGNORE_TERM", "1"}};
    BackgroundProcess runner(binDir() + "/tendril-cli", {"run", "--project", project(), "--config", writeConfig(j)});
    ASSERT_TRUE(waitUntil([&] {
        const std::optional<Study> s = tryLoad("s");
        return s && !s->trials.empty() && s->trials[0].curve("score");
    })) << runner.err();
    runner.signal(SIGINT);
    ASSERT_TRUE(waitUntil([&] { return runner.err().find("stopping 1 running trial") != std::string::npos; }));
    runner.signal(SIGINT);
    EXPECT_EQ(runner.wait(), 130);
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Failed);
    EXPECT_EQ(t.error, "interrupted");
    EXPECT_EQ(t.curve("score")->size(), 1u);
    EXPECT_NE(runner.err().find("tendril-cli run --project " + project()), std::string::npos);
}

} // namespace
} // namespace tendril::testing
