// Writing tendril/1 and reading it back: nothing is lost, and files are replaced safely.
#include "tendril/io/native_format.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

namespace tendril {
namespace {

using testing::readText;
using testing::TempDir;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<std::string> filesIn(const std::filesystem::path& folder)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// A document that uses every field tendril/1 has, with the awkward values in each.
NativeDocument richDocument()
{
    NativeDocument doc;
    doc.projectName = "cifar \"experiments\"";

    Study pbt;
    pbt.name = "pbt-1";
    pbt.objective = {"val_acc", Direction::Maximize};
    pbt.metrics = {{"model_size_mb", Direction::Minimize}, {"loss", Direction::Minimize}};
    pbt.space.params = {
        Param::floatRange("lr", 1e-5, 0.1, true),
        Param::floatRange("dropout", 0.0, 0.5, false, 0.05),
        Param::intRange("layers", 20, 110, false, 18),
        Param::intRange("batch", 16, 512, true),
        Param::categorical("activation", {"relu", "tanh"}),
        Param::categorical("mixed", {Value("auto"), Value(3), Value(0.5), Value(true), Value(2.0)}),
    };
    pbt.algorithm = {"pbt", R"({"population":8,"quantile":0.25,"mutations":{"lr":[0.8,1.2]}})"};
    pbt.budget.maxTrials = 100;
    pbt.budget.maxResource = 81;
    pbt.budget.resource = "epoch";
    pbt.budget.maxSeconds = 3600.5;
    pbt.parent = "pbt-0";
    pbt.command = {"python3", "train.py", "--data", "/tmp/a b"};
    pbt.created = "2026-11-20T09:00:00Z";
    pbt.notes = {{"weight decay under 1e-4 is where the good runs are", "2026-11-20T10:00:00Z", "t1",
                  R"({"view":"parallel","brushes":[{"axis":"lr","range":[0.001,0.01]}],"hidden":[]})"},
                 {"study-wide note\nwith two lines", "2026-11-21T08:00:00Z", "", ""}};
    pbt.userAttrsJson = R"({"owner":"ana","seed":42,"nested":{"x":[1,2.5,"NaN"]}})";

    Trial t1;
    t1.id = "t1";
    t1.number = 0;
    t1.state = TrialState::Complete;
    t1.params = {{"lr", 0.01}, {"dropout", 0.25}, {"layers", 56}, {"batch", 64}, {"activation", "tanh"},
                 {"mixed", 2.0}};
    t1.metrics = {{"val_acc", 0.9132}, {"model_size_mb", 12.0}, {"loss", kNaN}};
    Curve& acc = t1.curveFor("val_acc");
    acc.append(0, 0.1);
    acc.append(1, kNaN);
    acc.append(2, 0.7);
    Curve& loss = t1.curveFor("loss");
    loss.append(0, 2.3, 1.5);
    loss.append(1, kInf);          // no time for this point
    loss.append(2.5, -kInf, 30.25);
    t1.iteration = 3;
    t1.startStep = 10;
    t1.bracket = 1;
    t1.rung = 2;
    t1.budget = 27;
    t1.started = "2026-11-20T09:10:00Z";
    t1.finished = "2026-11-20T09:20:00Z";
    t1.artifactsJson = R"({"confusion_matrix":{"labels":["0","1"],"matrix":[[50,2],[3,45]]}})";
    t1.userAttrsJson = R"({"gpu":"a100","score":"Infinity"})";

    Trial t2;
    t2.id = "t2 ünïcode";
    t2.number = 1;
    t2.state = TrialState::Pruned;
    t2.params = {{"lr", 1e-5}, {"layers", 110}, {"activation", "relu"}, {"mixed", true}};
    t2.metrics = {{"val_acc", -kInf}};
    t2.parent = "t1";
    t2.startStep = 2.5;
    t2.iteration = 4;

    Trial t3;
    t3.id = "t3";
    t3.number = 7;
    t3.state = TrialState::Failed;
    t3.params = {{"mixed", "auto"}, {"batch", 512}};
    t3.error = "exit code 137\nlast line of stderr: \"killed\"";

    pbt.trials = {t1, t2, t3};
    for (const TrialState s : {TrialState::Running, TrialState::Queued, TrialState::Skipped}) {
        Trial t;
        t.id = "s" + std::to_string(pbt.trials.size());
        t.number = static_cast<std::int64_t>(pbt.trials.size());
        t.state = s;
        t.params = {{"mixed", 3}};
        pbt.trials.push_back(t);
    }

    Study empty;
    empty.name = "empty";
    empty.objective = {"loss", Direction::Minimize};
    doc.studies = {pbt, empty};
    return doc;
}

TEST(NativeRoundTrip, ReadingWhatWasWrittenGivesTheSameDocument)
{
    TempDir dir;
    const NativeDocument doc = richDocument();
    const std::string path = dir.file("runs.json");
    writeNativeFile(path, doc);
    const NativeDocument back = readNativeFile(path);
    EXPECT_EQ(back.projectName, doc.projectName);
    ASSERT_EQ(back.studies.size(), doc.studies.size());
    for (std::size_t i = 0; i < doc.studies.size(); ++i) {
        EXPECT_EQ(back.studies[i].space, doc.studies[i].space) << doc.studies[i].name;
        EXPECT_EQ(back.studies[i].trials, doc.studies[i].trials) << doc.studies[i].name;
        EXPECT_EQ(back.studies[i], doc.studies[i]) << doc.studies[i].name;
    }
}

TEST(NativeRoundTrip, KeepsTheKindOfEveryValue)
{
    TempDir dir;
    const std::string path = dir.file("runs.json");
    writeNativeFile(path, richDocument());
    const Study back = readNativeFile(path).studies[0];
    const std::vector<Value>& choices = back.space.find("mixed")->choices;
    ASSERT_EQ(choices.size(), 5u);
    EXPECT_TRUE(choices[0].isString());
    EXPECT_TRUE(choices[1].isInt());
    EXPECT_TRUE(choices[2].isReal());
    EXPECT_TRUE(choices[3].isBool());
    EXPECT_TRUE(choices[4].isReal());  // 2.0 is written as 2.0, not 2
    EXPECT_TRUE(back.trials[0].param("mixed")->isReal());
    EXPECT_TRUE(back.trials[0].param("layers")->isInt());
    EXPECT_TRUE(back.trials[0].param("dropout")->isReal());
}

TEST(NativeRoundTrip, WritingAgainGivesTheSameBytes)
{
    TempDir dir;
    writeNativeFile(dir.file("a.json"), richDocument());
    writeNativeFile(dir.file("b.json"), readNativeFile(dir.file("a.json")));
    EXPECT_EQ(readText(dir.file("a.json")), readText(dir.file("b.json")));
}

TEST(NativeRoundTrip, StreamAndFileWritersAgree)
{
    TempDir dir;
    writeNativeFile(dir.file("a.json"), richDocument());
    std::ostringstream out;
    writeNative(out, richDocument());
    EXPECT_EQ(out.str(), readText(dir.file("a.json")));
}

TEST(NativeRoundTrip, WritesStrictJsonWithNonFiniteNumbersAsStrings)
{
    std::ostringstream out;
    writeNative(out, richDocument());
    const std::string text = out.str();
    ASSERT_TRUE(nlohmann::json::accept(text)) << "other tools must be able to read the file";
    const auto json = nlohmann::json::parse(text);
    EXPECT_EQ(json["format"], "tendril/1");
    const auto& t1 = json["studies"][0]["trials"][0];
    EXPECT_EQ(t1["metrics"]["loss"], "NaN");
    EXPECT_EQ(t1["curves"]["loss"], nlohmann::json::parse(R"([[0, 2.3, 1.5], [1, "Infinity"], [2.5, "-Infinity", 30.25]])"));
    EXPECT_EQ(t1["curves"]["val_acc"], nlohmann::json::parse(R"([[0, 0.1], [1, "NaN"], [2, 0.7]])"));
    EXPECT_EQ(json["studies"][0]["space"][0], nlohmann::json::parse(R"({"name": "lr", "type": "float", "low": 1e-05, "high": 0.1, "log": true})"));
    EXPECT_EQ(json["studies"][0]["space"][2], nlohmann::json::parse(R"({"name": "layers", "type": "int", "low": 20, "high": 110, "step": 18})"));
    // The empty study: only what it has, with its (empty) space written out.
    EXPECT_EQ(json["studies"][1], nlohmann::json::parse(R"({"name": "empty", "objective": {"metric": "loss", "direction": "minimize"}, "space": [], "trials": []})"));
}

TEST(NativeRoundTrip, OmitsAbsentOptionalFieldsAndKeepsCurvePointsOnOneLine)
{
    NativeDocument doc;
    Study s;
    s.name = "s";
    s.objective = {"m", Direction::Maximize};
    s.space.params = {Param::intRange("n", 1, 3)};
    Trial t;
    t.id = "a";
    t.params = {{"n", 2}};
    t.curveFor("m").append(1, 0.5);
    t.curveFor("m").append(2, 0.75);
    s.trials = {t};
    doc.studies = {s};
    std::ostringstream out;
    writeNative(out, doc);
    EXPECT_EQ(out.str(), R"({
 "format": "tendril/1",
 "studies": [
  {
   "name": "s",
   "objective": {"metric": "m", "direction": "maximize"},
   "space": [
    {"name": "n", "type": "int", "low": 1, "high": 3}
   ],
   "trials": [
    {
     "id": "a",
     "number": 0,
     "state": "complete",
     "params": {"n": 2},
     "curves": {
      "m": [[1, 0.5], [2, 0.75]]
     }
    }
   ]
  }
 ]
}
)");
}

TEST(NativeRoundTrip, AnInferredSpaceIsWrittenExplicitly)
{
    TempDir dir;
    const std::string in = dir.write("in.json", R"({"format": "tendril/1", "studies": [{"name": "s",
      "objective": {"metric": "m", "direction": "maximize"},
      "trials": [{"id": "1", "state": "complete", "params": {"n": 4, "x": 0.5, "c": "a"}},
                 {"id": "2", "state": "complete", "params": {"n": 9, "x": 2, "c": 1}}]}]})");
    const NativeDocument first = readNativeFile(in);
    ASSERT_TRUE(first.studies[0].spaceInferred);
    writeNativeFile(dir.file("out.json"), first);
    const auto json = nlohmann::json::parse(readText(dir.file("out.json")));
    EXPECT_EQ(json["studies"][0]["space"], nlohmann::json::parse(R"([
      {"name": "n", "type": "int", "low": 4, "high": 9},
      {"name": "x", "type": "float", "low": 0.5, "high": 2},
      {"name": "c", "type": "categorical", "choices": ["a", 1]}])"));
    Study back = readNativeFile(dir.file("out.json")).studies[0];
    EXPECT_FALSE(back.spaceInferred);  // the file now declares it
    back.spaceInferred = true;
    EXPECT_EQ(back, first.studies[0]);
}

TEST(NativeRoundTrip, ReplacesAnExistingFileAndLeavesNoTemporaryFile)
{
    TempDir dir;
    const std::string path = dir.write("runs.json", "old content");
    writeNativeFile(path, richDocument());
    EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"runs.json"});
    EXPECT_EQ(readNativeFile(path).studies.size(), 2u);
}

TEST(NativeRoundTrip, AFailedWriteLeavesTheOldFileAndNoTemporaryFile)
{
    TempDir dir;
    const std::string path = dir.write("runs.json", "old content");
    NativeDocument doc = richDocument();
    doc.studies[0].trials[2].artifactsJson = "{\"broken\": ";
    try {
        writeNativeFile(path, doc);
        ADD_FAILURE() << "a malformed artifacts text must not be written";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot write artifacts of trial \"t3\":1:12: unexpected end of file inside the top-level object");
    }
    EXPECT_EQ(readText(path), "old content");
    EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"runs.json"});
}

TEST(NativeRoundTrip, AWriteIntoAMissingFolderNamesThePath)
{
    TempDir dir;
    const std::string path = dir.file("no/such/folder/runs.json");
    try {
        writeNativeFile(path, richDocument());
        ADD_FAILURE() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), path + ": cannot create a file in " + dir.file("no/such/folder") +
                                             ": No such file or directory");
    }
}

} // namespace
} // namespace tendril
