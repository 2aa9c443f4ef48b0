// Interrupting a study (Ctrl-C, kill -9 of the runner, the time budget) and resuming it: nothing
// finished runs again, and the interrupted trials continue.
#include "runner_fixture.hpp"

#include <dirent.h>

#include <filesystem>
#include <map>

namespace tendril::testing {
namespace {

namespace fs = std::filesystem;

// A study of slow trials (0.25 s per epoch, 4 epochs) whose interrupted trials ASHA continues.
nlohmann::json slowStudy(const std::string& name, int maxTrials)
{
    nlohmann::json j = studyJson(name, {kPython, scriptPath("trainer.py")});
    j["algorithm"] = {{"name", "asha"}, {"config", {{"min_resource", 1}, {"reduction_factor", 2}}}};
    j["budget"] = {{"max_trials", maxTrials}, {"max_resource", 4}};
    j["resource_arg"] = "--epochs";
    j["workers"] = 2;
    j["seed"] = 3;
    j["env"] = {{"TRAINER_SLEEP", "0.25"}};
    return j;
}

bool isEnded(const Trial& t) { return t.state == TrialState::Complete || t.state == TrialState::Pruned; }

// Processes whose environment names a checkpoint folder under `folder`: trials still alive.
int trialProcessesUnder(const std::string& folder)
{
    int count = 0;
    DIR* proc = ::opendir("/proc");
    if (!proc)
        return 0;
    while (const dirent* entry = ::readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        const std::string environ = readFile(std::string("/proc/") + entry->d_name + "/environ");
        if (environ.find("TENDRIL_CHECKPOINT_DIR=" + folder) != std::string::npos)
            ++count;
    }
    ::closedir(proc);
    return count;
}

class Resume : public RunnerTest {
protected:
    // Waits until `ended` trials have ended and another one is running and has reported.
    bool waitForProgress(const std::string& study, int ended)
    {
        return waitUntil([&] {
            const std::optional<Study> s = tryLoad(study);
            if (!s)
                return false;
            int done = 0;
            bool reporting = false;
            for (const Trial& t : s->trials) {
                done += isEnded(t) ? 1 : 0;
                reporting = reporting || (t.state == TrialState::Running && t.curve("score"));
            }
            return done >= ended && reporting;
        });
    }

    std::map<std::string, int> launchCounts(const Study& s) const
    {
        std::map<std::string, int> counts;
        for (const Trial& t : s.trials)
            counts[t.id] = launchCount(s.name, t.id);
        return counts;
    }

    // Resumes with the stored configuration and checks that finished trials were left alone and
    // the interrupted ones continued from their checkpoints.
    void resumeAndCheck(const Study& before, const std::vector<std::string>& extraArgs = {})
    {
        const std::map<std::string, int> launchesBefore = launchCounts(before);
        std::vector<std::string> args = {"run", "--project", project(), "--resume", before.name};
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        const ProcessResult resumed = cli(args);
        ASSERT_EQ(resumed.exitCode, 0) << resumed.out << resumed.err;
        EXPECT_NE(resumed.out.find("resuming study \"" + before.name + "\""), std::string::npos) << resumed.out;

        const Study after = load(before.name);
        EXPECT_EQ(after.trials.size(), static_cast<std::size_t>(*after.budget.maxTrials));
        for (const Trial& t : after.trials) {
            EXPECT_TRUE(isEnded(t)) << t.id << " " << toString(t.state) << " " << t.error;
            const Trial* old = before.findTrial(t.id);
            if (!old)
                continue;
            if (isEnded(*old)) {
                EXPECT_EQ(launchCount(before.name, t.id), launchesBefore.at(t.id)) << t.id << " ran again";
                EXPECT_EQ(t.curve("score")->steps, old->curve("score")->steps) << t.id;
                continue;
            }
            EXPECT_EQ(old->state, TrialState::Failed) << t.id;
            EXPECT_EQ(old->error.rfind("interrupted", 0), 0u) << t.id << ": " << old->error;
            // Continued as the same trial, from its own checkpoint when it had saved one.
            ASSERT_EQ(launchCount(before.name, t.id), launchesBefore.at(t.id) + 1) << t.id;
            const nlohmann::json launch = launchInfo(before.name, t.id, launchesBefore.at(t.id) + 1);
            if (launch["env"].contains("TENDRIL_RESTORE_FROM")) {
                EXPECT_GE(launch["restored_epoch"].get<int>(), 1);
                EXPECT_EQ(launch["env"]["TENDRIL_RESTORE_FROM"], runsDir(before.name) + "/" + t.id + "/run-1/checkpoint");
            }
        }
    }
};

TEST_F(Resume, CtrlCInterruptsRunningTrialsAndResumeContinuesThem)
{
    const std::string config = writeConfig(slowStudy("s", 6));
    BackgroundProcess runner(binDir() + "/tendril-cli", {"run", "--project", project(), "--config", config});
    ASSERT_TRUE(waitForProgress("s", 1)) << runner.err();
    runner.signal(SIGINT);
    EXPECT_EQ(runner.wait(), 130) << runner.err();
    EXPECT_NE(runner.err().find("resumed with: tendril-cli run --project " + project() + " --config " + config +
                                " --resume s"),
              std::string::npos)
        << runner.err();

    const Study before = load("s");
    int interrupted = 0;
    for (const Trial& t : before.trials) {
        ASSERT_NE(t.state, TrialState::Running) << t.id;
        if (t.state == TrialState::Failed) {
            EXPECT_EQ(t.error, "interrupted");
            ++interrupted;
        }
    }
    EXPECT_GE(interrupted, 1);
    resumeAndCheck(before);
}

TEST_F(Resume, KillNineLosesNothingAndResumeMarksRunningTrialsInterrupted)
{
    BackgroundProcess runner(binDir() + "/tendril-cli",
                             {"run", "--project", project(), "--config", writeConfig(slowStudy("s", 6))});
    ASSERT_TRUE(waitForProgress("s", 2)) << runner.err();
    runner.signal(SIGKILL);
    EXPECT_EQ(runner.wait(), 128 + SIGKILL);
    // The kernel ends the trials of a runner that was killed.
    EXPECT_TRUE(waitUntil([&] { return trialProcessesUnder(runsDir("s")) == 0; }, 20));

    Study before = load("s");
    int running = 0;
    for (Trial& t : before.trials) {
        if (t.state == TrialState::Running) {
            ++running;
            // As the resume will record them before continuing.
            t.state = TrialState::Failed;
            t.error = "interrupted";
        }
    }
    EXPECT_GE(running, 1);
    resumeAndCheck(before);
}

TEST_F(Resume, TrialsDieWithARunnerThatWasKilled)
{
    // Trials that never end on their own (a shell and its sleep each): only the kernel's
    // parent-death signal ends them.
    nlohmann::json j = studyJson("s", {kShell, scriptPath("hang.sh")});
    j["budget"] = {{"max_trials", 2}};
    j["workers"] = 2;
    BackgroundProcess runner(binDir() + "/tendril-cli", {"run", "--project", project(), "--config", writeConfig(j)});
    ASSERT_TRUE(waitUntil([&] { return trialProcessesUnder(runsDir("s")) >= 2; })) << runner.err();
    runner.signal(SIGKILL);
    runner.wait();
    EXPECT_TRUE(waitUntil([&] { return trialProcessesUnder(runsDir("s")) == 0; }, 20));
}

TEST_F(Resume, TheTimeBudgetInterruptsAndTheStudyCanBeResumed)
{
    nlohmann::json j = slowStudy("s", 4);
    j["budget"]["max_seconds"] = 1.0;
    j["env"]["TRAINER_SLEEP"] = "0.5";
    const ProcessResult r = cli({"run", "--project", project(), "--config", writeConfig(j)});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("; budget.max_seconds (1 s) reached; 2 running trials stopped"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("the study can be resumed with: "), std::string::npos);
    const Study before = load("s");
    int interrupted = 0;
    for (const Trial& t : before.trials) {
        if (t.state == TrialState::Failed) {
            EXPECT_EQ(t.error, "interrupted: time budget");
            ++interrupted;
        }
    }
    EXPECT_EQ(interrupted, 2);
    // max_seconds counts per invocation; a resume may also give more (the budget is not part of
    // the search, so a changed configuration is accepted).
    nlohmann::json more = j;
    more["budget"]["max_seconds"] = 600;
    resumeAndCheck(before, {"--config", writeConfig(more, "more.json")});
}

} // namespace
} // namespace tendril::testing
