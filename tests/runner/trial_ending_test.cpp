// How a trial ends (trial-protocol.md, "Ending"), with real scripts: crashes, signals, hangs, noise.
#include "runner_fixture.hpp"

#include "tendril/io/trial_output.hpp"

#include <algorithm>

namespace tendril::testing {
namespace {

using runner::FinishReason;

std::size_t countStream(const std::vector<TrialLogLine>& log, LogStream stream)
{
    return static_cast<std::size_t>(
        std::count_if(log.begin(), log.end(), [&](const TrialLogLine& l) { return l.stream == stream; }));
}

bool logHas(const std::vector<TrialLogLine>& log, LogStream stream, const std::string& text)
{
    return std::any_of(log.begin(), log.end(), [&](const TrialLogLine& l) {
        return l.stream == stream && l.text.find(text) != std::string::npos;
    });
}

class TrialEnding : public RunnerTest {};

TEST_F(TrialEnding, NonZeroExitFailsWithTheCodeAndTheEndOfStderr)
{
    const RunRecord r = run(studyJson("s", {kShell, scriptPath("crash_exit.sh")}));
    EXPECT_EQ(r.reason, FinishReason::BudgetSpent);
    const Study s = load("s");
    ASSERT_EQ(s.trials.size(), 1u);
    const Trial& t = s.trials[0];
    EXPECT_EQ(t.state, TrialState::Failed);
    EXPECT_EQ(t.error, "exit code 3: loading data\nValueError: bad learning rate");
    // What it reported before failing is kept; a failed run's final metrics are only explicit ones.
    ASSERT_NE(t.curve("score"), nullptr);
    EXPECT_EQ(t.curve("score")->values, std::vector<double>{0.25});
    EXPECT_TRUE(t.metrics.empty());
    EXPECT_FALSE(t.finished.empty());
    const auto log = this->log("s", t.id);
    EXPECT_TRUE(logHas(log, LogStream::Stderr, "ValueError: bad learning rate"));
    EXPECT_TRUE(logHas(log, LogStream::Runner, "exit code 3"));
    ASSERT_EQ(r.outcomes.size(), 1u);
    EXPECT_EQ(r.outcomes[0].state, TrialState::Failed);
    EXPECT_EQ(r.outcomes[0].error, t.error);
}

TEST_F(TrialEnding, ASignalFailsTheTrialNamingTheSignal)
{
    run(studyJson("s", {kShell, scriptPath("crash_signal.sh")}));
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Failed);
    EXPECT_EQ(t.error, "killed by signal 11 (SIGSEGV): about to crash");
}

TEST_F(TrialEnding, OtherTrialsGoOnAfterAFailure)
{
    nlohmann::json j = studyJson("s", {kPython, scriptPath("trainer.py")});
    j["space"] = {categoricalParam("mode", {"ok", "bad", "fine"})};
    j["algorithm"] = {{"name", "grid"}};
    j["budget"] = {{"max_trials", 3}};
    j["env"] = {{"TRAINER_FAIL_IF", "mode=bad"}};
    const RunRecord r = run(j);
    EXPECT_EQ(r.reason, FinishReason::BudgetSpent);
    const Study s = load("s");
    ASSERT_EQ(s.trials.size(), 3u);
    EXPECT_EQ(s.trials[0].state, TrialState::Complete);
    EXPECT_EQ(s.trials[1].state, TrialState::Failed);
    EXPECT_EQ(s.trials[1].error, "exit code 4: trainer: refusing mode=bad");
    EXPECT_EQ(s.trials[2].state, TrialState::Complete);
    EXPECT_EQ(r.progress.complete, 2);
    EXPECT_EQ(r.progress.failed, 1);
}

TEST_F(TrialEnding, AHangingTrialIsKilledAfterItsTimeout)
{
    nlohmann::json j = studyJson("s", {kShell, scriptPath("hang.sh")});
    j["trial_timeout_seconds"] = 0.5;
    run(j);
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Failed);
    EXPECT_EQ(t.error, "timed out after 0.5 s: still working");
    EXPECT_EQ(t.curve("score")->size(), 1u);
}

TEST_F(TrialEnding, ATrialIgnoringSigtermIsKilledAfterTheGracePeriod)
{
    nlohmann::json j = studyJson("s", {kShell, scriptPath("hang.sh")});
    j["trial_timeout_seconds"] = 0.3;
    j["kill_grace_seconds"] = 0.2;
    j["env"] = {{"IGNORE_TERM", "1"}};
    run(j);
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Failed);
    EXPECT_EQ(t.error, "timed out after 0.3 s: still working");
    EXPECT_TRUE(logHas(log("s", t.id), LogStream::Runner, "killed by signal 9 (SIGKILL)"));
}

TEST_F(TrialEnding, AProgramThatCannotStartFailsTheTrial)
{
    // It exists and is executable, so the configuration passes; exec fails on the interpreter.
    const std::string script = dir.file("train.py");
    writeFile(script, "#!/nonexistent/interpreter\nprint('never')\n");
    std::filesystem::permissions(script, std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
    const RunRecord r = run(studyJson("s", {script}));
    EXPECT_EQ(r.reason, FinishReason::BudgetSpent);
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Failed);
    EXPECT_EQ(t.error.rfind("cannot start " + script + ": ", 0), 0u) << t.error;
}

TEST_F(TrialEnding, ExitZeroWithoutReportsIsCompleteWithoutMetrics)
{
    const RunRecord r = run(studyJson("s", {kShell, scriptPath("silent.sh")}));
    EXPECT_EQ(r.reason, FinishReason::BudgetSpent);
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Complete);
    EXPECT_TRUE(t.metrics.empty());
    EXPECT_TRUE(t.curves.empty());
    EXPECT_TRUE(t.error.empty());
    ASSERT_EQ(r.outcomes.size(), 1u);
    EXPECT_FALSE(r.outcomes[0].value);
    EXPECT_TRUE(r.progress.bestTrial.empty());
}

TEST_F(TrialEnding, GarbageHugeLinesAndBadBytesNeitherStopNorCorruptTheTrial)
{
    run(studyJson("s", {kPython, scriptPath("noisy_output.py")}));
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Complete);
    // The 20 MB line that started like a report (step 9) is over the report limit: log text.
    const Curve* score = t.curve("score");
    ASSERT_NE(score, nullptr);
    // The malformed step 2 is log text; the valid step 2 after it is the report.
    ASSERT_EQ(score->steps, (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(score->values[1], 0.2);
    EXPECT_TRUE(std::isnan(score->values[2]));
    ASSERT_NE(t.curve("loss"), nullptr);
    EXPECT_TRUE(std::isinf(t.curve("loss")->values[0]));
    EXPECT_EQ(t.metric("score"), 0.3);
    EXPECT_EQ(t.metric("loss"), std::nullopt) << "a final report replaces the fallback entirely";

    const auto log = this->log("s", t.id);
    for (const TrialLogLine& line : log)
        EXPECT_EQ(validUtf8(line.text), line.text);
    const auto malformed = std::count_if(log.begin(), log.end(), [](const TrialLogLine& l) { return l.malformedReport; });
    EXPECT_EQ(malformed, 1);
    EXPECT_TRUE(logHas(log, LogStream::Stdout, "caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd bad bytes \xef\xbf\xbd"));
    EXPECT_TRUE(logHas(log, LogStream::Stderr, "stderr \xef\xbf\xbd bytes"));
    EXPECT_TRUE(logHas(log, LogStream::Stdout, "last line without a newline"));
    std::size_t cut = 0;
    for (const TrialLogLine& line : log) {
        if (line.text.size() > 1000) {
            ++cut;
            EXPECT_LE(line.text.size(), (64u << 10) + 20u);
            EXPECT_NE(line.text.find("[line cut]"), std::string::npos);
        }
    }
    EXPECT_EQ(cut, 2u) << "the 5 MB and the 20 MB lines";
}

TEST_F(TrialEnding, LogsAreCappedPerRunWithOneLineSayingSo)
{
    nlohmann::json j = studyJson("s", {kPython, scriptPath("many_lines.py")});
    j["env"] = {{"REPORT_LINES", "25000"}};
    run(j);
    const Trial t = load("s").trials.at(0);
    EXPECT_EQ(t.state, TrialState::Complete);
    EXPECT_EQ(t.curve("score")->size(), 25000u) << "reports are never dropped";
    const auto log = this->log("s", t.id);
    EXPECT_EQ(countStream(log, LogStream::Stdout), 20000u);
    EXPECT_TRUE(logHas(log, LogStream::Runner, "5000 log lines not kept (at most 20000 per run)"));
}

TEST_F(TrialEnding, ParameterValuesArriveVerbatimWithoutAShell)
{
    const std::vector<std::string> values = {"two words", "it's \"quoted\"", "$(touch pwned)", "`touch pwned2`",
                                             "--not-an-option", "semi;colon && echo x", "ünïcödé", "*"};
    nlohmann::json j = studyJson("s", {kPython, scriptPath("argv_dump.py")});
    j["space"] = {categoricalParam("value", values)};
    j["algorithm"] = {{"name", "grid"}};
    j["budget"] = {{"max_trials", values.size()}};
    j["workdir"] = dir.path().string();
    run(j);
    const Study s = load("s");
    ASSERT_EQ(s.trials.size(), values.size());
    for (const Trial& t : s.trials) {
        EXPECT_EQ(t.state, TrialState::Complete) << t.error;
        const std::string expected = "--value" + std::string(1, '\0') + t.param("value")->asString() + '\0';
        EXPECT_EQ(readFile(runsDir("s") + "/" + t.id + "/output/argv"), expected);
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("pwned")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("pwned2")));
    EXPECT_FALSE(std::filesystem::exists("pwned"));
}

TEST_F(TrialEnding, ArtifactsReportedAndOutputFilesAreRecorded)
{
    const std::string script = dir.file("artifacts.sh");
    writeFile(script, "echo '{\"artifact\": \"confusion_matrix\", \"labels\": [\"a\", \"b\"], \"matrix\": [[5, 1], [0, 4]]}'\n"
                      "mkdir -p \"$TENDRIL_OUTPUT_DIR/plots\"\n"
                      "echo png > \"$TENDRIL_OUTPUT_DIR/plots/curve.png\"\n"
                      "echo '{\"step\": 1, \"score\": 0.5}'\n");
    run(studyJson("s", {kShell, script}));
    const Trial t = load("s").trials.at(0);
    const nlohmann::json artifacts = nlohmann::json::parse(t.artifactsJson);
    EXPECT_EQ(artifacts["confusion_matrix"]["matrix"], nlohmann::json::parse("[[5, 1], [0, 4]]"));
    EXPECT_EQ(artifacts["confusion_matrix"]["labels"], nlohmann::json::parse(R"(["a", "b"])"));
    EXPECT_EQ(artifacts["output_dir"]["path"], runsDir("s") + "/t0/output");
    EXPECT_EQ(artifacts["output_dir"]["files"], nlohmann::json::parse(R"(["plots/curve.png"])"));
}

} // namespace
} // namespace tendril::testing
