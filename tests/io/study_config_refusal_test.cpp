// Every refusal of a study configuration, checked for the exact message: the file, the line and
// column or the field, and what was expected. Also the program lookup against real files.
#include "tendril/io/study_config.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

namespace tendril {
namespace {

namespace fs = std::filesystem;
using testing::refusal;
using testing::TempDir;

// A valid configuration as an ordered list of fields whose raw JSON values a test replaces.
class ConfigText {
public:
    ConfigText()
        : fields_{{"name", R"("s")"},
                  {"command", R"(["python3", "train.py"])"},
                  {"objective", R"({"metric": "acc", "direction": "maximize"})"},
                  {"space", R"([{"name": "lr", "type": "float", "low": 0.001, "high": 0.1, "log": true},
            {"name": "act", "type": "categorical", "choices": ["relu", "tanh"]}])"},
                  {"algorithm", R"({"name": "random"})"}}
    {
    }
    ConfigText& set(const std::string& key, const std::string& raw)
    {
        for (auto& [k, v] : fields_)
            if (k == key) {
                v = raw;
                return *this;
            }
        fields_.emplace_back(key, raw);
        return *this;
    }
    ConfigText& erase(const std::string& key)
    {
        std::erase_if(fields_, [&](const auto& f) { return f.first == key; });
        return *this;
    }
    std::string text() const
    {
        std::string out = "{\n";
        for (std::size_t i = 0; i < fields_.size(); ++i)
            out += "  \"" + fields_[i].first + "\": " + fields_[i].second + (i + 1 < fields_.size() ? ",\n" : "\n");
        return out + "}\n";
    }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

std::string refusalOf(const std::string& text)
{
    return refusal([&] { parseStudyConfig(text, "study.json", "/base"); });
}

std::string refusalWith(const std::string& key, const std::string& raw)
{
    return refusalOf(ConfigText().set(key, raw).text());
}

TEST(StudyConfigRefusal, TheBaseConfigurationIsValid)
{
    EXPECT_NO_THROW(parseStudyConfig(ConfigText().text(), "study.json", "/base"));
}

TEST(StudyConfigRefusal, SyntaxErrorsNameLineAndColumn)
{
    EXPECT_EQ(refusalOf("{\n  \"name\": \"s\",\n  \"workers\" 2\n}"),
              "study.json:3:13: expected ':' after member name, got '2'");
    EXPECT_EQ(refusalOf("{\"name\": \"s\",}"), "study.json:1:14: expected a member name in double quotes after ',', got '}'");
    EXPECT_EQ(refusalOf(ConfigText().text() + "{}"),
              "study.json:9:1: expected the end of the file after the JSON document, got '{'");
    EXPECT_EQ(refusalOf(""), "study.json: file is empty, expected a study configuration (a JSON object)");
    EXPECT_EQ(refusalOf("[1]"), "study.json: expected a JSON object (a study configuration), got an array");
}

TEST(StudyConfigRefusal, RefusalOfAFileNamesThePath)
{
    TempDir dir;
    const std::string path = dir.write("study.json", ConfigText().set("workers", "0").text());
    EXPECT_EQ(refusal([&] { readStudyConfig(path); }),
              path + ": workers: must be a whole number from 1 to 2147483647, got 0");
    EXPECT_EQ(refusal([&] { readStudyConfig(dir.file("none.json")); }), dir.file("none.json") + ": no such file");
}

TEST(StudyConfigRefusal, UnknownFieldsAreNamed)
{
    EXPECT_EQ(refusalWith("wrokers", "2"),
              "study.json: wrokers: unknown field; expected one of name, command, workdir, objective, metrics, space, "
              "algorithm, budget, resource_arg, workers, trial_timeout_seconds, kill_grace_seconds, env, seed, parent");
    EXPECT_EQ(refusalWith("objective", R"({"metric": "acc", "direction": "maximize", "goal": 1})"),
              "study.json: objective.goal: unknown field; expected one of metric, direction");
    EXPECT_EQ(refusalWith("budget", R"({"max_trails": 10})"),
              "study.json: budget.max_trails: unknown field; expected one of max_trials, max_resource, resource, max_seconds");
    EXPECT_EQ(refusalWith("space", R"([{"name": "lr", "type": "float", "low": 0, "hihg": 1}])"),
              "study.json: space[0].hihg: unknown field; expected one of name, type, low, high, log, step, choices");
    EXPECT_EQ(refusalWith("algorithm", R"({"name": "tpe", "cfg": {}})"),
              "study.json: algorithm.cfg: unknown field; expected one of name, config");
    EXPECT_EQ(refusalWith("metrics", R"([{"name": "loss", "dir": "minimize"}])"),
              "study.json: metrics[0].dir: unknown field; expected one of name, direction");
}

TEST(StudyConfigRefusal, FieldsGivenTwice)
{
    EXPECT_EQ(refusalOf(ConfigText().set("workers", "2").text().replace(1, 0, "\"workers\": 3,")),
              "study.json: workers: the field is given twice");
    EXPECT_EQ(refusalWith("budget", R"({"max_trials": 1, "max_trials": 2})"),
              "study.json: budget.max_trials: the field is given twice");
}

TEST(StudyConfigRefusal, MissingRequiredFields)
{
    for (const char* field : {"name", "command", "objective", "space", "algorithm"})
        EXPECT_EQ(refusalOf(ConfigText().erase(field).text()),
                  std::string("study.json: missing required field \"") + field + "\"");
    EXPECT_EQ(refusalWith("objective", R"({"metric": "acc"})"), "study.json: objective: missing required field \"direction\"");
    EXPECT_EQ(refusalWith("algorithm", "{}"),
              "study.json: algorithm.name: must name the search algorithm (grid, random, tpe, gp, hyperband, bohb, asha, pbt, ...)");
}

TEST(StudyConfigRefusal, Name)
{
    EXPECT_EQ(refusalWith("name", R"("")"), "study.json: name: must not be empty");
    EXPECT_EQ(refusalWith("name", "3"), "study.json: name: expected a string, got 3");
}

TEST(StudyConfigRefusal, Command)
{
    EXPECT_EQ(refusalWith("command", R"("python3 train.py")"), "study.json: command: must be a non-empty list of strings");
    EXPECT_EQ(refusalWith("command", "[]"), "study.json: command: must be a non-empty list of strings");
    EXPECT_EQ(refusalWith("command", "null"), "study.json: command: must be a non-empty list of strings");
    EXPECT_EQ(refusalWith("command", R"(["python3", 3])"), "study.json: command[1]: expected a string, got 3");
    EXPECT_EQ(refusalWith("command", R"(["", "x"])"), "study.json: command[0]: the program must not be empty");
    EXPECT_EQ(refusalWith("command", R"(["python3", "a\u0000b"])"),
              "study.json: command[1]: must not contain a NUL character (\\u0000)");
}

TEST(StudyConfigRefusal, Objective)
{
    EXPECT_EQ(refusalWith("objective", R"({"metric": "", "direction": "maximize"})"),
              "study.json: objective.metric: must not be empty");
    EXPECT_EQ(refusalWith("objective", R"({"metric": "acc", "direction": "up"})"),
              "study.json: objective.direction: expected one of maximize, minimize, got \"up\"");
    EXPECT_EQ(refusalWith("objective", R"("acc")"), "study.json: objective: expected an object, got \"acc\"");
}

TEST(StudyConfigRefusal, Metrics)
{
    EXPECT_EQ(refusalWith("metrics", R"([{"name": "acc", "direction": "maximize"}])"),
              "study.json: metrics[0].name: \"acc\" is the objective metric; it is listed in objective only");
    EXPECT_EQ(refusalWith("metrics", R"([{"name": "size", "direction": "minimize"}, {"name": "size", "direction": "maximize"}])"),
              "study.json: metrics[1].name: metric \"size\" is listed twice (also at metrics[0])");
    EXPECT_EQ(refusalWith("metrics", R"([{"name": "size"}])"), "study.json: metrics[0]: missing required field \"direction\"");
}

TEST(StudyConfigRefusal, Space)
{
    EXPECT_EQ(refusalWith("space", "[]"), "study.json: space: must list at least one parameter");
    EXPECT_EQ(refusalWith("space", "null"), "study.json: space: expected an array, got null");
    EXPECT_EQ(refusalWith("space", R"([{"name": "x", "type": "double", "low": 0, "high": 1}])"),
              "study.json: space[0].type: expected one of float, int, categorical, got \"double\"");
    EXPECT_EQ(refusalWith("space", R"([{"name": "x", "type": "float", "low": 0, "high": 1},
                                       {"name": "lr", "type": "float", "low": 5, "high": 1}])"),
              "study.json: space[1].low: parameter \"lr\": low 5 is above high 1");
    EXPECT_EQ(refusalWith("space", R"([{"name": "lr", "type": "float", "low": 0, "high": 1, "log": true}])"),
              "study.json: space[0].low: parameter \"lr\": a log-scaled range needs low > 0, got 0");
    EXPECT_EQ(refusalWith("space", R"([{"name": "lr", "type": "float", "low": 0, "high": Infinity}])"),
              "study.json: space[0].high: parameter \"lr\": low and high must be finite numbers");
    EXPECT_EQ(refusalWith("space", R"([{"name": "n", "type": "int", "low": 1, "high": 2.5}])"),
              "study.json: space[0].high: parameter \"n\": an int range needs whole-number bounds");
    EXPECT_EQ(refusalWith("space", R"([{"name": "n", "type": "int", "low": 1, "high": 9, "step": 0}])"),
              "study.json: space[0].step: parameter \"n\": step must be a positive number");
    EXPECT_EQ(refusalWith("space", R"([{"name": "c", "type": "categorical", "choices": []}])"),
              "study.json: space[0].choices: parameter \"c\": categorical parameter has no choices");
    EXPECT_EQ(refusalWith("space", R"([{"name": "c", "type": "categorical", "choices": ["a", "a"]}])"),
              "study.json: space[0].choices: parameter \"c\": choice a appears twice");
    EXPECT_EQ(refusalWith("space", R"([{"name": "n", "type": "int", "low": 1}])"),
              "study.json: space[0]: missing required field \"high\" of int parameter \"n\"");
    EXPECT_EQ(refusalWith("space", R"([{"name": "a", "type": "int", "low": 0, "high": 1},
                                       {"name": "a", "type": "int", "low": 0, "high": 1}])"),
              "study.json: space[1]: parameter \"a\" is declared twice (also at space[0])");
}

TEST(StudyConfigRefusal, Algorithm)
{
    EXPECT_EQ(refusalWith("algorithm", R"({"name": ""})"),
              "study.json: algorithm.name: must name the search algorithm (grid, random, tpe, gp, hyperband, bohb, asha, pbt, ...)");
    EXPECT_EQ(refusalWith("algorithm", R"({"name": 3})"), "study.json: algorithm.name: expected a string, got 3");
    EXPECT_EQ(refusalWith("algorithm", R"({"name": "tpe", "config": [1, 2]})"),
              "study.json: algorithm.config: expected an object, got an array");
    EXPECT_EQ(refusalWith("algorithm", R"({"name": "tpe", "config": "eta=3"})"),
              "study.json: algorithm.config: expected an object, got \"eta=3\"");
}

TEST(StudyConfigRefusal, Budget)
{
    EXPECT_EQ(refusalWith("budget", R"({"max_trials": 0})"), "study.json: budget.max_trials: must be at least 1, got 0");
    EXPECT_EQ(refusalWith("budget", R"({"max_trials": 2.5})"), "study.json: budget.max_trials: expected a whole number, got 2.5");
    EXPECT_EQ(refusalWith("budget", R"({"max_resource": 0})"), "study.json: budget.max_resource: must be a positive number, got 0");
    EXPECT_EQ(refusalWith("budget", R"({"max_seconds": -1})"),
              "study.json: budget.max_seconds: must be a positive number of seconds, got -1");
    EXPECT_EQ(refusalWith("budget", R"({"max_seconds": NaN})"),
              "study.json: budget.max_seconds: must be a positive number of seconds, got NaN");
}

TEST(StudyConfigRefusal, WorkersAndTimeouts)
{
    EXPECT_EQ(refusalWith("workers", "0"), "study.json: workers: must be a whole number from 1 to 2147483647, got 0");
    EXPECT_EQ(refusalWith("workers", "-2"), "study.json: workers: must be a whole number from 1 to 2147483647, got -2");
    EXPECT_EQ(refusalWith("workers", "4294967296"),
              "study.json: workers: must be a whole number from 1 to 2147483647, got 4294967296");
    EXPECT_EQ(refusalWith("workers", "1.5"), "study.json: workers: expected a whole number, got 1.5");
    EXPECT_EQ(refusalWith("workers", R"("2")"), "study.json: workers: expected a whole number, got \"2\"");
    EXPECT_EQ(refusalWith("trial_timeout_seconds", "0"),
              "study.json: trial_timeout_seconds: must be a positive number of seconds, got 0");
    EXPECT_EQ(refusalWith("trial_timeout_seconds", "-Infinity"),
              "study.json: trial_timeout_seconds: must be a positive number of seconds, got -Infinity");
    EXPECT_EQ(refusalWith("trial_timeout_seconds", "Infinity"),
              "study.json: trial_timeout_seconds: must be a positive number of seconds, got Infinity");
    EXPECT_EQ(refusalWith("kill_grace_seconds", "0"),
              "study.json: kill_grace_seconds: must be a positive number of seconds, got 0");
    EXPECT_EQ(refusalWith("kill_grace_seconds", R"("5s")"), "study.json: kill_grace_seconds: expected a number, got \"5s\"");
}

TEST(StudyConfigRefusal, Environment)
{
    EXPECT_EQ(refusalWith("env", R"({"OMP_NUM_THREADS": 1})"), "study.json: env.OMP_NUM_THREADS: expected a string, got 1");
    EXPECT_EQ(refusalWith("env", R"({"A": null})"), "study.json: env.A: expected a string, got null");
    EXPECT_EQ(refusalWith("env", R"({"A": "1", "A": "2"})"), "study.json: env.A: the variable is given twice");
    EXPECT_EQ(refusalWith("env", R"({"A=B": "1"})"), "study.json: env[\"A=B\"]: a variable name cannot contain '='");
    EXPECT_EQ(refusalWith("env", R"({"": "1"})"), "study.json: env[\"\"]: a variable name must not be empty");
    EXPECT_EQ(refusalWith("env", R"({"A": "x\u0000y"})"), "study.json: env.A: must not contain a NUL character (\\u0000)");
    EXPECT_EQ(refusalWith("env", R"(["A=1"])"), "study.json: env: expected an object, got an array");
}

TEST(StudyConfigRefusal, Seed)
{
    const std::string expected = "expected a whole number from 0 to 18446744073709551615, got ";
    EXPECT_EQ(refusalWith("seed", "-1"), "study.json: seed: " + expected + "-1");
    EXPECT_EQ(refusalWith("seed", "1.5"), "study.json: seed: " + expected + "1.5");
    EXPECT_EQ(refusalWith("seed", "18446744073709551616"), "study.json: seed: " + expected + "18446744073709551616");
    EXPECT_EQ(refusalWith("seed", R"("7")"), "study.json: seed: " + expected + "\"7\"");
}

TEST(StudyConfigRefusal, OtherTextFields)
{
    EXPECT_EQ(refusalWith("workdir", "3"), "study.json: workdir: expected a string, got 3");
    EXPECT_EQ(refusalWith("resource_arg", "true"), "study.json: resource_arg: expected a string, got true");
    EXPECT_EQ(refusalWith("parent", "[]"), "study.json: parent: expected a string, got an array");
}

// Sets an environment variable for the life of the object and puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name)
    {
        if (const char* old = std::getenv(name))
            old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

class CommandLookup : public ::testing::Test {
protected:
    void SetUp() override
    {
        fs::create_directories(dir_.path() / "bin");
        fs::create_directories(dir_.path() / "folder");
        writeFile("train.sh", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
        writeFile("data.txt", fs::perms::owner_read | fs::perms::owner_write);
        writeFile("bin/tendril-tool", fs::perms::owner_all);
        writeFile("bin/tendril-plain", fs::perms::owner_read | fs::perms::owner_write);
        config_.workdir = dir_.path().string();
    }
    void writeFile(const std::string& name, fs::perms perms)
    {
        dir_.write(name, "#!/bin/sh\nexit 0\n");
        fs::permissions(dir_.file(name), perms);
    }
    std::string refusalFor(const std::string& program)
    {
        config_.command = {program, "--flag"};
        return refusal([&] { checkCommandExists(config_, "study.json"); });
    }
    void accepts(const std::string& program)
    {
        config_.command = {program};
        EXPECT_NO_THROW(checkCommandExists(config_, "study.json")) << program;
    }

    TempDir dir_;
    StudyConfig config_;
};

TEST_F(CommandLookup, ProgramWithASlashIsFoundFromTheWorkdir)
{
    accepts("./train.sh");
    accepts(dir_.file("train.sh"));
    accepts("bin/tendril-tool");
    accepts("./folder/../train.sh");
    EXPECT_EQ(refusalFor("./data.txt"),
              "study.json: command[0]: not an executable file (chmod +x?): " + dir_.file("data.txt"));
    EXPECT_EQ(refusalFor("./missing.sh"), "study.json: command[0]: no such file: " + dir_.file("missing.sh"));
    EXPECT_EQ(refusalFor("./folder"), "study.json: command[0]: is a folder, not a program: " + dir_.file("folder"));
}

TEST_F(CommandLookup, ProgramWithoutASlashIsSearchedInPath)
{
    const std::string bin = dir_.file("bin");
    const std::string path = "/nonexistent-tendril-dir:" + bin;
    const ScopedEnv env("PATH", path);
    accepts("tendril-tool");
    // train.sh is in the workdir but not in PATH: exec would not find it either.
    EXPECT_EQ(refusalFor("train.sh"), "study.json: command[0]: \"train.sh\" was not found in PATH (" + path + ")");
    EXPECT_EQ(refusalFor("tendril-plain"), "study.json: command[0]: \"tendril-plain\" was not found in PATH (" + path +
                                               "); " + bin + "/tendril-plain exists but is not an executable file");
}

TEST_F(CommandLookup, EmptyPathEntryMeansTheWorkdir)
{
    const ScopedEnv env("PATH", "/nonexistent-tendril-dir::");
    accepts("train.sh");
}

TEST_F(CommandLookup, MissingWorkdirIsNamed)
{
    config_.workdir = dir_.file("gone");
    EXPECT_EQ(refusalFor("./train.sh"), "study.json: workdir: no such folder: " + dir_.file("gone"));
    config_.workdir = dir_.file("data.txt");
    EXPECT_EQ(refusalFor("./train.sh"), "study.json: workdir: not a folder: " + dir_.file("data.txt"));
}

} // namespace
} // namespace tendril
