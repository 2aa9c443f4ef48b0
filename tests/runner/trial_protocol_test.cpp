// What a trial is started with (trial-protocol.md, "Launch"): its environment and folders,
// checkpoints carried from run to run, and the algorithm stopping a trial early.
#include "runner_fixture.hpp"

#include <cstdlib>
#include <filesystem>

namespace tendril::testing {
namespace {

namespace fs = std::filesystem;
using runner::FinishReason;

nlohmann::json trainerStudy(const std::string& name)
{
    nlohmann::json j = studyJson(name, {kPython, scriptPath("trainer.py")});
    j["space"] = {floatParam("x", 0.0, 1.0), floatParam("y", 0.0, 1.0)};
    j["seed"] = 7;
    return j;
}

std::vector<std::string> argvOf(const nlohmann::json& launch)
{
    return launch.at("argv").get<std::vector<std::string>>();
}

class TrialProtocol : public RunnerTest {};

TEST_F(TrialProtocol, EnvironmentAndFoldersOfATrial)
{
    nlohmann::json j = trainerStudy("env-study");
    j["budget"] = {{"max_trials", 1}, {"max_resource", 3}};
    j["resource_arg"] = "--epochs";
    j["env"] = {{"STUDY_SETTING", "on"}};
    j["workdir"] = dir.path().string();
    // Left over from a runner that was itself started by a trial: must not reach this trial.
    ::setenv("TENDRIL_RESTORE_FROM", "/leaked", 1);
    const RunRecord r = run(j);
    ::unsetenv("TENDRIL_RESTORE_FROM");
    EXPECT_EQ(r.reason, FinishReason::BudgetSpent);

    const nlohmann::json launch = launchInfo("env-study", "t0", 1);
    ASSERT_FALSE(launch.is_null());
    const nlohmann::json& env = launch["env"];
    EXPECT_EQ(env["TENDRIL_STUDY"], "env-study");
    EXPECT_EQ(env["TENDRIL_TRIAL_ID"], "t0");
    EXPECT_EQ(env["TENDRIL_BUDGET"], "3");
    EXPECT_EQ(env["TENDRIL_CHECKPOINT_DIR"], runsDir("env-study") + "/t0/run-1/checkpoint");
    EXPECT_EQ(env["TENDRIL_OUTPUT_DIR"], runsDir("env-study") + "/t0/output");
    EXPECT_EQ(env["PYTHONUNBUFFERED"], "1");
    EXPECT_EQ(env["STUDY_SETTING"], "on");
    EXPECT_FALSE(env.contains("TENDRIL_RESTORE_FROM"));
    EXPECT_TRUE(launch["checkpoint_files"].empty());
    EXPECT_EQ(launch["cwd"], dir.path().string());
    const std::vector<std::string> argv = argvOf(launch);
    ASSERT_EQ(argv.size(), 6u);
    EXPECT_EQ(argv[0], "--x");
    EXPECT_EQ(argv[2], "--y");
    EXPECT_EQ(argv[4], "--epochs");
    EXPECT_EQ(argv[5], "3");

    const Trial t = load("env-study").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Complete);
    EXPECT_EQ(t.budget, 3.0);
    EXPECT_EQ(t.curve("score")->steps, (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(t.metric("model_size_mb"), 1.5);
    EXPECT_TRUE(t.curve("score")->hasSeconds());
}

TEST_F(TrialProtocol, HyperbandPromotionsContinueFromTheirOwnCheckpoint)
{
    nlohmann::json j = trainerStudy("hb");
    j["algorithm"] = {{"name", "hyperband"}, {"config", {{"eta", 3}, {"min_resource", 1}, {"max_resource", 9}}}};
    j["budget"] = {{"max_trials", 9}, {"max_resource", 9}};
    j["resource_arg"] = "--epochs";
    const RunRecord r = run(j);
    EXPECT_EQ(r.reason, FinishReason::BudgetSpent) << r.message;

    const Study s = load("hb");
    ASSERT_EQ(s.trials.size(), 9u);
    int promoted = 0;
    for (const Trial& t : s.trials) {
        const int rung = static_cast<int>(t.rung.value_or(0));
        // Never repeated: one launch per stage it reached.
        EXPECT_EQ(launchCount("hb", t.id), rung + 1) << t.id;
        // Its curve extends over its runs, each step once.
        std::vector<double> steps;
        for (int step = 1; step <= static_cast<int>(t.budget.value_or(0)); ++step)
            steps.push_back(step);
        EXPECT_EQ(t.curve("score")->steps, steps) << t.id;
        for (int run = 2; run <= rung + 1; ++run) {
            ++promoted;
            const nlohmann::json launch = launchInfo("hb", t.id, run);
            const std::string previous = runsDir("hb") + "/" + t.id + "/run-" + std::to_string(run - 1) + "/checkpoint";
            EXPECT_EQ(launch["env"]["TENDRIL_RESTORE_FROM"], previous);
            EXPECT_EQ(launch["env"]["TENDRIL_CHECKPOINT_DIR"],
                      runsDir("hb") + "/" + t.id + "/run-" + std::to_string(run) + "/checkpoint");
            EXPECT_TRUE(launch["checkpoint_files"].empty()) << "each run gets a fresh checkpoint folder";
            EXPECT_EQ(launch["restored_epoch"], run == 2 ? 1 : 3);
        }
        if (rung == 2)
            EXPECT_EQ(t.state, TrialState::Complete);
        else
            EXPECT_EQ(t.state, TrialState::Pruned) << "stopped at its rung";
    }
    EXPECT_EQ(promoted, 3 + 1);
    const auto stoppedAtRung = std::count_if(r.outcomes.begin(), r.outcomes.end(),
                                             [](const runner::TrialOutcome& o) { return o.stoppedAtRung; });
    EXPECT_EQ(stoppedAtRung, 8);
}

TEST_F(TrialProtocol, APromotionWithoutCheckpointStartsOver)
{
    nlohmann::json j = trainerStudy("hb");
    j["algorithm"] = {{"name", "hyperband"}, {"config", {{"eta", 3}, {"min_resource", 1}, {"max_resource", 3}}}};
    j["budget"] = {{"max_trials", 3}, {"max_resource", 3}};
    j["resource_arg"] = "--epochs";
    j["env"] = {{"TRAINER_NO_CHECKPOINT", "1"}};
    run(j);
    const Study s = load("hb");
    const auto promoted = std::find_if(s.trials.begin(), s.trials.end(), [](const Trial& t) { return t.rung == 1; });
    ASSERT_NE(promoted, s.trials.end());
    const nlohmann::json launch = launchInfo("hb", promoted->id, 2);
    EXPECT_FALSE(launch["env"].contains("TENDRIL_RESTORE_FROM"));
    EXPECT_TRUE(launch["restored_epoch"].is_null());
    // Run 2 trained from epoch 1 again: its steps follow the first run's.
    EXPECT_EQ(promoted->curve("score")->steps, (std::vector<double>{1, 1, 2, 3}));
    const auto log = this->log("hb", promoted->id);
    EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const TrialLogLine& l) {
        return l.stream == LogStream::Runner && l.text.find("no checkpoint of " + promoted->id + " to restore") != std::string::npos;
    }));
}

TEST_F(TrialProtocol, PbtChildrenLoadACopyOfTheirRunningDonorsCheckpoint)
{
    nlohmann::json j = trainerStudy("pbt");
    j["algorithm"] = {{"name", "pbt"},
                      {"config", {{"population_size", 4}, {"perturbation_interval", 2}, {"quantile_fraction", 0.25}}}};
    j["budget"] = {{"max_trials", 8}, {"max_resource", 8}};
    j["resource_arg"] = "--epochs";
    j["workers"] = 4;
    j["env"] = {{"TRAINER_SLEEP", "0.15"}};
    const RunRecord r = run(j);
    EXPECT_NE(r.reason, FinishReason::Error) << r.message;

    const Study s = load("pbt");
    int copies = 0;
    int children = 0;
    for (const Trial& t : s.trials) {
        EXPECT_NE(t.state, TrialState::Failed) << t.id << ": " << t.error;
        if (t.parent.empty())
            continue;
        ++children;
        EXPECT_TRUE(s.findTrial(t.parent)) << t.parent;
        EXPECT_TRUE(t.startStep) << t.id;
        const nlohmann::json launch = launchInfo("pbt", t.id, 1);
        ASSERT_TRUE(launch["env"].contains("TENDRIL_RESTORE_FROM")) << t.id;
        const std::string restore = launch["env"]["TENDRIL_RESTORE_FROM"];
        EXPECT_GE(launch["restored_epoch"].get<int>(), 1);
        if (restore == runsDir("pbt") + "/" + t.id + "/run-1/restore") {
            ++copies;
            EXPECT_TRUE(fs::exists(restore + "/state.json"));
        } else {
            // The donor had ended: its own folder is read, nobody writes it any more.
            EXPECT_EQ(restore, runsDir("pbt") + "/" + t.parent + "/run-1/checkpoint");
        }
    }
    EXPECT_GE(children, 1);
    EXPECT_GE(copies, 1);
    // Each child replaced a member that was stopped and recorded pruned.
    EXPECT_EQ(r.progress.pruned, children);
}

TEST_F(TrialProtocol, PrunedTrialsKeepWhatTheyReportedSoFar)
{
    nlohmann::json j = trainerStudy("asha");
    j["algorithm"] = {{"name", "asha"}, {"config", {{"min_resource", 1}, {"reduction_factor", 3}}}};
    j["budget"] = {{"max_trials", 9}, {"max_resource", 9}};
    j["resource_arg"] = "--epochs";
    j["env"] = {{"TRAINER_SLEEP", "0.05"}};
    const RunRecord r = run(j);
    EXPECT_EQ(r.reason, FinishReason::BudgetSpent);

    int pruned = 0;
    const Study s = load("asha");
    for (const Trial& t : s.trials) {
        ASSERT_NE(t.state, TrialState::Failed) << t.error;
        const Curve& score = *t.curve("score");
        if (t.state == TrialState::Complete) {
            EXPECT_EQ(score.steps.back(), 9.0);
            continue;
        }
        ++pruned;
        EXPECT_GE(score.size(), 1u);
        // No final report came: the last intermediate values are its final metrics.
        EXPECT_EQ(t.metric("score"), score.values.back());
        EXPECT_EQ(t.metric("loss"), t.curve("loss")->values.back());
        const auto log = this->log("asha", t.id);
        EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const TrialLogLine& l) {
            return l.stream == LogStream::Runner && l.text.rfind("stopped by the algorithm at step", 0) == 0;
        }));
    }
    EXPECT_GT(pruned, 0);
    EXPECT_EQ(r.progress.pruned, pruned);
}

} // namespace
} // namespace tendril::testing
