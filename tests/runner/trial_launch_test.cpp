// The launch rules of trial-protocol.md without starting a process: argument list, environment,
// folders and checkpoint lookup.
#include "runner_fixture.hpp"

#include "run_types.hpp"
#include "trial_launch.hpp"

#include <filesystem>

namespace tendril::testing {
namespace {

namespace fs = std::filesystem;
using runner::EnvironmentList;

StudyConfig launchConfig()
{
    StudyConfig c;
    c.name = "s";
    c.command = {"python3", "train.py", "--data", "digits"};
    c.workdir = "/work";
    c.space.params = {Param::floatRange("lr", 1e-5, 1.0, true), Param::intRange("layers", 1, 8),
                      Param::categorical("act", {"relu", "tanh"}), Param::categorical("bn", {true, false})};
    c.resourceArg = "--epochs";
    return c;
}

std::string envValue(const EnvironmentList& env, const std::string& name)
{
    for (const auto& [n, v] : env)
        if (n == name)
            return v;
    return "<unset>";
}

TEST(TrialLaunch, ArgumentsFollowTheSpaceThenTheResource)
{
    search::TrialRequest request;
    // Given out of order, and an int parameter as a whole real: the space decides both.
    request.params = {{"act", Value("tanh")}, {"bn", Value(false)}, {"lr", Value(0.1)}, {"layers", Value(3.0)}};
    request.budget = 9.0;
    const std::vector<std::string> args = runner::trialArguments(launchConfig(), request);
    const std::vector<std::string> expected = {"train.py", "--data", "digits", "--lr", "0.1", "--layers", "3",
                                               "--act",    "tanh",   "--bn",   "false", "--epochs", "9"};
    EXPECT_EQ(args, expected);
}

TEST(TrialLaunch, FloatsInShortestRoundTripForm)
{
    const Param p = Param::floatRange("lr", 0.0, 1.0);
    EXPECT_EQ(runner::formatArgument(&p, Value(0.1)), "0.1");
    EXPECT_EQ(runner::formatArgument(&p, Value(1e-5)), "1e-05");
    EXPECT_EQ(runner::formatArgument(&p, Value(0.30000000000000004)), "0.30000000000000004");
    EXPECT_EQ(runner::formatArgument(&p, Value(2.0)), "2");
    const Param i = Param::intRange("n", 0, 10);
    EXPECT_EQ(runner::formatArgument(&i, Value(std::int64_t{7})), "7");
    EXPECT_EQ(runner::formatArgument(nullptr, Value(true)), "true");
    EXPECT_EQ(runner::formatArgument(nullptr, Value("a b")), "a b");
}

TEST(TrialLaunch, NoResourceArgumentWithoutBudgetOrResourceArg)
{
    StudyConfig c = launchConfig();
    search::TrialRequest request;
    request.params = {{"lr", Value(0.5)}};
    EXPECT_EQ(runner::trialArguments(c, request).back(), "0.5");
    request.budget = 3.0;
    c.resourceArg.clear();
    EXPECT_EQ(runner::trialArguments(c, request).back(), "0.5");
}

TEST(TrialLaunch, EnvironmentLayersInheritedConfigAndProtocol)
{
    StudyConfig c = launchConfig();
    c.env = {{"OMP_NUM_THREADS", "1"}, {"HOME", "/elsewhere"}};
    const EnvironmentList inherited = {{"HOME", "/root"},
                                       {"PATH", "/usr/bin"},
                                       {"TENDRIL_RESTORE_FROM", "/leaked"},
                                       {"TENDRIL_BUDGET", "99"}};
    runner::LaunchEnvironment launch{"study", "t3", std::nullopt, "/runs/t3/run-1/checkpoint", {}, "/runs/t3/output"};
    const EnvironmentList env = runner::trialEnvironment(inherited, c, launch);
    EXPECT_EQ(envValue(env, "PATH"), "/usr/bin");
    EXPECT_EQ(envValue(env, "HOME"), "/elsewhere");
    EXPECT_EQ(envValue(env, "OMP_NUM_THREADS"), "1");
    EXPECT_EQ(envValue(env, "PYTHONUNBUFFERED"), "1");
    EXPECT_EQ(envValue(env, "TENDRIL_STUDY"), "study");
    EXPECT_EQ(envValue(env, "TENDRIL_TRIAL_ID"), "t3");
    EXPECT_EQ(envValue(env, "TENDRIL_CHECKPOINT_DIR"), "/runs/t3/run-1/checkpoint");
    EXPECT_EQ(envValue(env, "TENDRIL_OUTPUT_DIR"), "/runs/t3/output");
    // A runner started from inside a trial must not pass its own protocol variables on.
    EXPECT_EQ(envValue(env, "TENDRIL_RESTORE_FROM"), "<unset>");
    EXPECT_EQ(envValue(env, "TENDRIL_BUDGET"), "<unset>");

    launch.budget = 2.5;
    launch.restoreFrom = "/runs/t1/run-2/checkpoint";
    c.env.emplace_back("PYTHONUNBUFFERED", "0");
    const EnvironmentList second = runner::trialEnvironment(inherited, c, launch);
    EXPECT_EQ(envValue(second, "TENDRIL_BUDGET"), "2.5");
    EXPECT_EQ(envValue(second, "TENDRIL_RESTORE_FROM"), "/runs/t1/run-2/checkpoint");
    EXPECT_EQ(envValue(second, "PYTHONUNBUFFERED"), "0");
}

TEST(TrialLaunch, FolderNamesNeverCollide)
{
    EXPECT_EQ(runner::folderName("t12"), "t12");
    EXPECT_EQ(runner::folderName("cifar-10_v2.1"), "cifar-10_v2.1");
    EXPECT_EQ(runner::folderName("a/b"), "a%2Fb");
    EXPECT_EQ(runner::folderName("a b"), "a%20b");
    EXPECT_NE(runner::folderName("a/b"), runner::folderName("a_b"));
    EXPECT_EQ(runner::folderName(".."), "%2E%2E");
    EXPECT_EQ(runner::folderName(""), "%00");
    EXPECT_EQ(runner::folderName("%"), "%25");
}

TEST(TrialLaunch, RunFoldersCountUpAndStartEmpty)
{
    TempDir dir;
    const runner::RunFolders first = runner::createRunFolders(dir.path(), "t0");
    EXPECT_EQ(first.run, 1);
    EXPECT_TRUE(fs::is_directory(first.checkpointDir));
    EXPECT_TRUE(fs::is_empty(first.checkpointDir));
    EXPECT_EQ(first.outputDir, dir.path() / "t0" / "output");
    writeFile((first.outputDir / "plot.png").string(), "png");
    writeFile((first.checkpointDir / "model.pt").string(), "weights");

    const runner::RunFolders second = runner::createRunFolders(dir.path(), "t0");
    EXPECT_EQ(second.run, 2);
    EXPECT_EQ(second.checkpointDir, dir.path() / "t0" / "run-2" / "checkpoint");
    EXPECT_TRUE(fs::is_empty(second.checkpointDir));
    // The output folder is the trial's, kept across its runs.
    EXPECT_TRUE(fs::exists(second.outputDir / "plot.png"));
}

TEST(TrialLaunch, LatestCheckpointIsTheNewestNonEmptyOne)
{
    TempDir dir;
    EXPECT_FALSE(runner::latestCheckpoint(dir.path(), "t0"));
    const runner::RunFolders one = runner::createRunFolders(dir.path(), "t0");
    EXPECT_FALSE(runner::latestCheckpoint(dir.path(), "t0")) << "an empty checkpoint folder is no checkpoint";
    writeFile((one.checkpointDir / "state.json").string(), "{}");
    for (int k = 2; k <= 10; ++k)
        runner::createRunFolders(dir.path(), "t0");
    writeFile((dir.path() / "t0" / "run-9" / "checkpoint" / "state.json").string(), "{}");
    const auto latest = runner::latestCheckpoint(dir.path(), "t0");
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->run, 9);  // run 10 saved nothing; numeric, not lexical, order
    EXPECT_EQ(latest->dir, dir.path() / "t0" / "run-9" / "checkpoint");
}

TEST(TrialLaunch, CheckpointCopyIsIndependent)
{
    TempDir dir;
    const fs::path from = dir.path() / "donor";
    fs::create_directories(from / "sub");
    writeFile((from / "state.json").string(), "epoch 3");
    writeFile((from / "sub" / "weights.bin").string(), std::string(100000, 'w'));
    const fs::path copy = dir.path() / "child" / "run-1" / "restore";
    runner::copyCheckpoint(from, copy);
    writeFile((from / "state.json").string(), "epoch 4");
    EXPECT_EQ(readFile((copy / "state.json").string()), "epoch 3");
    EXPECT_EQ(readFile((copy / "sub" / "weights.bin").string()).size(), 100000u);
}

TEST(TrialLaunch, ProgramsAreFoundLikeExecFindsThem)
{
    TempDir dir;
    StudyConfig c = launchConfig();
    c.workdir = dir.path().string();
    c.command = {"sh"};
    EXPECT_EQ(fs::path(resolveCommand(c, "study.json")).filename(), "sh");
    EXPECT_TRUE(fs::path(resolveCommand(c, "study.json")).is_absolute());

    writeFile(dir.file("train.sh"), "#!/bin/sh\n");
    c.command = {"./train.sh"};
    EXPECT_THROW(resolveCommand(c, "study.json"), FormatError) << "not executable";
    fs::permissions(dir.file("train.sh"), fs::perms::owner_exec, fs::perm_options::add);
    EXPECT_EQ(resolveCommand(c, "study.json"), dir.file("train.sh"));

    c.command = {"no-such-program-anywhere"};
    try {
        resolveCommand(c, "study.json");
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("study.json: command[0]: \"no-such-program-anywhere\" was not found in PATH (", 0), 0u)
            << e.what();
    }
}

} // namespace
} // namespace tendril::testing
