// Reading study configurations from real files, writing them back, and the study record a run of
// one keeps.
#include "tendril/io/study_config.hpp"

#include "tendril/io/native_format.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace tendril {
namespace {

namespace fs = std::filesystem;
using testing::refusal;
using testing::TempDir;

// The example of trial-protocol.md, with its space filled in.
constexpr std::string_view kSpecExample = R"({
  "name": "digits-mlp-hb",
  "command": ["python3", "train.py", "--data", "digits"],
  "workdir": ".",
  "objective": {"metric": "val_acc", "direction": "maximize"},
  "space": [
    {"name": "lr",         "type": "float",       "low": 1e-5, "high": 0.1, "log": true},
    {"name": "layers",     "type": "int",         "low": 20,   "high": 110, "step": 18},
    {"name": "activation", "type": "categorical", "choices": ["relu", "tanh", "gelu"]}
  ],
  "algorithm": {"name": "hyperband", "config": {"eta": 3, "min_resource": 1, "max_resource": 27}},
  "budget": {"max_trials": 200, "max_resource": 27, "resource": "epoch", "max_seconds": 3600},
  "resource_arg": "--epochs",
  "workers": 2,
  "trial_timeout_seconds": 600,
  "env": {"OMP_NUM_THREADS": "1"}
}
)";

TEST(StudyConfig, ReadsTheExampleOfTheProtocol)
{
    TempDir dir;
    const StudyConfig c = readStudyConfig(dir.write("study.json", kSpecExample));

    EXPECT_EQ(c.name, "digits-mlp-hb");
    EXPECT_EQ(c.command, (std::vector<std::string>{"python3", "train.py", "--data", "digits"}));
    EXPECT_EQ(c.workdir, dir.path().string());
    EXPECT_EQ(c.objective, (Objective{"val_acc", Direction::Maximize}));
    EXPECT_TRUE(c.metrics.empty());
    ASSERT_EQ(c.space.size(), 3u);
    EXPECT_EQ(c.space.params[0], Param::floatRange("lr", 1e-5, 0.1, true));
    EXPECT_EQ(c.space.params[1], Param::intRange("layers", 20, 110, false, 18));
    EXPECT_EQ(c.space.params[2], Param::categorical("activation", {"relu", "tanh", "gelu"}));
    EXPECT_EQ(c.algorithm.name, "hyperband");
    EXPECT_EQ(c.algorithm.configJson, R"({"eta":3,"min_resource":1,"max_resource":27})");
    EXPECT_EQ(c.budget.maxTrials, 200);
    EXPECT_EQ(c.budget.maxResource, 27.0);
    EXPECT_EQ(c.budget.resource, "epoch");
    EXPECT_EQ(c.budget.maxSeconds, 3600.0);
    EXPECT_EQ(c.resourceArg, "--epochs");
    EXPECT_EQ(c.workers, 2);
    EXPECT_EQ(c.trialTimeoutSeconds, 600.0);
    EXPECT_EQ(c.env, (std::vector<std::pair<std::string, std::string>>{{"OMP_NUM_THREADS", "1"}}));
    // Defaults of the fields the example leaves out.
    EXPECT_EQ(c.killGraceSeconds, 5.0);
    EXPECT_FALSE(c.seed.has_value());
    EXPECT_EQ(c.parent, "");
}

TEST(StudyConfig, ReadsTheExtensions)
{
    const StudyConfig c = parseStudyConfig(R"({
      "name": "refined", "command": ["./run"], "objective": {"metric": "loss", "direction": "minimize"},
      "space": [{"name": "x", "type": "float", "low": 0, "high": 1}],
      "algorithm": {"name": "random"},
      "metrics": [{"name": "model_size_mb", "direction": "minimize"}, {"name": "acc", "direction": "maximize"}],
      "kill_grace_seconds": 0.5, "seed": 18446744073709551615, "parent": "first try",
      "trial_timeout_seconds": null, "budget": null, "env": null
    })", "study.json", "/base");
    EXPECT_EQ(c.metrics, (std::vector<MetricSpec>{{"model_size_mb", Direction::Minimize}, {"acc", Direction::Maximize}}));
    EXPECT_EQ(c.killGraceSeconds, 0.5);
    EXPECT_EQ(c.seed, 18446744073709551615ull);
    EXPECT_EQ(c.parent, "first try");
    EXPECT_EQ(c.algorithm.configJson, "");
    EXPECT_FALSE(c.trialTimeoutSeconds.has_value());
    EXPECT_TRUE(c.budget.empty());
    EXPECT_TRUE(c.env.empty());
    EXPECT_EQ(c.workers, 1);
    EXPECT_EQ(c.workdir, "/base");
}

std::string withWorkdir(std::string_view workdir)
{
    return R"({"name": "s", "command": ["p"], "objective": {"metric": "m", "direction": "maximize"},
              "space": [{"name": "x", "type": "int", "low": 0, "high": 3}], "algorithm": {"name": "grid"},
              "workdir": )" + nlohmann::json(std::string(workdir)).dump() + "}";
}

TEST(StudyConfig, WorkdirIsMadeAbsoluteAgainstTheBaseFolder)
{
    const auto workdirOf = [](std::string_view workdir, const std::string& base) {
        return parseStudyConfig(withWorkdir(workdir), "study.json", base).workdir;
    };
    EXPECT_EQ(workdirOf(".", "/home/u/exp"), "/home/u/exp");
    EXPECT_EQ(workdirOf("", "/home/u/exp"), "/home/u/exp");
    EXPECT_EQ(workdirOf("scripts", "/home/u/exp"), "/home/u/exp/scripts");
    EXPECT_EQ(workdirOf("scripts/", "/home/u/exp/"), "/home/u/exp/scripts");
    EXPECT_EQ(workdirOf("../data/./runs", "/home/u/exp"), "/home/u/data/runs");
    EXPECT_EQ(workdirOf("/opt/runs/", "/home/u/exp"), "/opt/runs");
    EXPECT_EQ(workdirOf("/", "/home/u/exp"), "/");
    EXPECT_EQ(workdirOf("runs", ""), (fs::current_path() / "runs").string());
    EXPECT_EQ(workdirOf("runs", "rel"), (fs::current_path() / "rel" / "runs").string());
}

TEST(StudyConfig, ReadingAFileResolvesWorkdirAgainstItsFolder)
{
    TempDir dir;
    fs::create_directories(dir.path() / "configs");
    const std::string file = dir.write("configs/study.json", withWorkdir("../scripts"));
    EXPECT_EQ(readStudyConfig(file).workdir, (dir.path() / "scripts").string());
    // A relative path to the file gives the same folder.
    const std::string relative = fs::relative(file, fs::current_path()).string();
    ASSERT_TRUE(fs::path(relative).is_relative());
    EXPECT_EQ(readStudyConfig(relative).workdir, (dir.path() / "scripts").string());
}

// A configuration with every field set, and values that are easy to get wrong on the way back.
constexpr std::string_view kRichConfig = R"({
  "name": "réseau \"ü\" 🌱",
  "command": ["python3", "train.py", "--note", "a b;c $HOME 'q'", "--empty", ""],
  "workdir": "/srv/exp",
  "objective": {"metric": "val_acc", "direction": "maximize"},
  "metrics": [{"name": "model_size_mb", "direction": "minimize"}],
  "space": [
    {"name": "lr", "type": "float", "low": 1e-05, "high": 0.1, "log": true},
    {"name": "momentum", "type": "float", "low": 0.1, "high": 0.30000000000000004, "step": 0.05},
    {"name": "layers", "type": "int", "low": 20, "high": 110, "step": 18},
    {"name": "choice", "type": "categorical", "choices": ["relu", 3, 2.5, true, "ünï"]}
  ],
  "algorithm": {"name": "pbt", "config": {"population": 8, "perturb": [0.8, 1.2], "nested": {"a": null}}},
  "budget": {"max_trials": 500, "max_resource": 81.5, "resource": "epoch", "max_seconds": 7200.25},
  "resource_arg": "--epochs",
  "workers": 3,
  "trial_timeout_seconds": 0.1,
  "kill_grace_seconds": 2.5,
  "env": {"ZED": "last", "ALPHA": "ä", "MID": "x=y", "EMPTY": ""},
  "seed": 18446744073709551615,
  "parent": "pbt-0"
})";

TEST(StudyConfig, WrittenConfigurationReadsBackEqual)
{
    const StudyConfig c = parseStudyConfig(kRichConfig, "study.json", "/");
    const std::string text = studyConfigJson(c);
    EXPECT_EQ(parseStudyConfig(text, "written.json", "/elsewhere"), c) << text;

    // Shortest round-trip numbers, no NaN, env in the order given, text as UTF-8.
    EXPECT_NE(text.find("0.30000000000000004"), std::string::npos) << text;
    EXPECT_NE(text.find("\"trial_timeout_seconds\": 0.1,"), std::string::npos) << text;
    EXPECT_NE(text.find("1e-05"), std::string::npos) << text;
    EXPECT_NE(text.find("18446744073709551615"), std::string::npos) << text;
    EXPECT_EQ(text.find("NaN"), std::string::npos) << text;
    EXPECT_NE(text.find("réseau \\\"ü\\\" 🌱"), std::string::npos) << text;
    EXPECT_LT(text.find("ZED"), text.find("ALPHA"));
    EXPECT_LT(text.find("ALPHA"), text.find("MID"));

    // Standard JSON that other tools can read, with every field present.
    const nlohmann::json parsed = nlohmann::json::parse(text);
    for (const char* field : {"name", "command", "workdir", "objective", "metrics", "space", "algorithm", "budget",
                              "resource_arg", "workers", "trial_timeout_seconds", "kill_grace_seconds", "env",
                              "seed", "parent"})
        EXPECT_TRUE(parsed.contains(field)) << field;
    EXPECT_EQ(parsed["algorithm"]["config"]["perturb"][1], 1.2);
}

TEST(StudyConfig, MinimalConfigurationReadsBackEqual)
{
    const StudyConfig c = parseStudyConfig(withWorkdir("/w"), "study.json", "/");
    const std::string text = studyConfigJson(c);
    EXPECT_EQ(parseStudyConfig(text, "written.json", "/"), c) << text;
    const nlohmann::json parsed = nlohmann::json::parse(text);
    EXPECT_TRUE(parsed["seed"].is_null());
    EXPECT_TRUE(parsed["trial_timeout_seconds"].is_null());
    EXPECT_TRUE(parsed["algorithm"]["config"].is_null());
    EXPECT_TRUE(parsed["budget"]["max_trials"].is_null());
}

TEST(StudyConfig, ConfigurationBuiltInCodeReadsBackEqual)
{
    StudyConfig c;
    c.name = "built";
    c.command = {"/usr/bin/env", "python3", "-c", "print('{\"final\": true}')"};
    c.workdir = "/tmp";
    c.objective = {"loss", Direction::Minimize};
    c.space.params = {Param::floatRange("wd", 0, 1.0 / 3.0), Param::intRange("n", -5, 5),
                      Param::categorical("flag", {true, false})};
    c.algorithm = {"tpe", R"({"n_startup":10})"};
    c.budget.maxTrials = 7;
    c.workers = 4;
    c.trialTimeoutSeconds = 1e-3;
    c.killGraceSeconds = 123456.789;
    c.env = {{"B", "2"}, {"A", "1"}};
    c.seed = 0;
    EXPECT_EQ(parseStudyConfig(studyConfigJson(c), "c.json", "/"), c) << studyConfigJson(c);
}

TEST(StudyConfig, StudyRecordKeepsTheConfiguration)
{
    const StudyConfig c = parseStudyConfig(kRichConfig, "study.json", "/");
    const Study s = studyForConfig(c, "2026-11-20T10:00:00Z");
    EXPECT_EQ(s.name, c.name);
    EXPECT_EQ(s.objective, c.objective);
    EXPECT_EQ(s.metrics, c.metrics);
    EXPECT_EQ(s.space, c.space);
    EXPECT_EQ(s.algorithm, c.algorithm);
    EXPECT_EQ(s.budget, c.budget);
    EXPECT_EQ(s.command, c.command);
    EXPECT_EQ(s.parent, "pbt-0");
    EXPECT_EQ(s.created, "2026-11-20T10:00:00Z");
    EXPECT_TRUE(s.trials.empty());
    const nlohmann::json attrs = nlohmann::json::parse(s.userAttrsJson);
    ASSERT_TRUE(attrs.contains("run_config"));
    EXPECT_EQ(attrs["run_config"]["workers"], 3);
    EXPECT_EQ(s.userAttrsJson.find('\n'), std::string::npos);  // kept compact

    EXPECT_EQ(storedStudyConfig(s), c);
}

TEST(StudyConfig, StudyRecordSurvivesATendrilFile)
{
    TempDir dir;
    const StudyConfig c = parseStudyConfig(kRichConfig, "study.json", "/");
    NativeDocument doc;
    doc.studies.push_back(studyForConfig(c, "2026-11-20T10:00:00Z"));
    writeNativeFile(dir.file("runs.json"), doc);
    const NativeDocument back = readNativeFile(dir.file("runs.json"));
    ASSERT_EQ(back.studies.size(), 1u);
    EXPECT_EQ(storedStudyConfig(back.studies[0]), c);
}

TEST(StudyConfig, StudyWithoutConfiguration)
{
    Study s;
    s.name = "imported";
    EXPECT_EQ(storedStudyConfig(s), std::nullopt);
    s.userAttrsJson = R"({"owner": "ana", "tags": ["a"]})";
    EXPECT_EQ(storedStudyConfig(s), std::nullopt);
    s.userAttrsJson = R"({"run_config": null})";
    EXPECT_EQ(storedStudyConfig(s), std::nullopt);
}

TEST(StudyConfig, BrokenStoredConfigurationNamesItsPath)
{
    const StudyConfig c = parseStudyConfig(kRichConfig, "study.json", "/");
    Study s = studyForConfig(c, "");
    s.name = "digits";

    std::string attrs = s.userAttrsJson;
    attrs.replace(attrs.find("\"workers\":3"), 11, "\"workers\":0");
    s.userAttrsJson = R"({"owner": "ana", )" + attrs.substr(1);
    EXPECT_EQ(refusal([&] { storedStudyConfig(s); }),
              "study \"digits\": user_attrs.run_config.workers: must be a whole number from 1 to 2147483647, got 0");

    s.userAttrsJson = R"({"run_config": {"name": "x"}})";
    EXPECT_EQ(refusal([&] { storedStudyConfig(s); }),
              "study \"digits\": user_attrs.run_config: missing required field \"command\"");

    s.userAttrsJson = R"({"run_config": {"name": "x", "space": [{"name": "a", "type": "int", "low": 3, "high": 1}]}})";
    EXPECT_EQ(refusal([&] { storedStudyConfig(s); }),
              "study \"digits\": user_attrs.run_config.space[0].low: parameter \"a\": low 3 is above high 1");

    s.userAttrsJson = R"({"run_config": 7})";
    EXPECT_EQ(refusal([&] { storedStudyConfig(s); }),
              "study \"digits\": user_attrs.run_config: expected a JSON object (a study configuration), got 7");

    s.userAttrsJson = R"({"run_config": {"name": "x",})";
    EXPECT_EQ(refusal([&] { storedStudyConfig(s); }).rfind("study \"digits\":1:", 0), 0u);
}

} // namespace
} // namespace tendril
