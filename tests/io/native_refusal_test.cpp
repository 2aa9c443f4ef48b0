// Every refusal of the tendril/1 reader, each read from a real file and checked for the exact message:
// the file, the line:column or JSON path, and what was expected.
#include "tendril/io/native_format.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace tendril {
namespace {

using testing::refusal;
using testing::TempDir;

// A valid file around one study whose trials are given; the space is declared when given.
std::string studyFile(std::string_view trials, std::string_view space = {})
{
    std::string text = "{\n \"format\": \"tendril/1\",\n \"studies\": [{\n  \"name\": \"x\",\n"
                       "  \"objective\": {\"metric\": \"acc\", \"direction\": \"maximize\"},\n";
    if (!space.empty())
        text += "  \"space\": " + std::string(space) + ",\n";
    text += "  \"trials\": " + std::string(trials) + "\n }]\n}\n";
    return text;
}

constexpr std::string_view kSpace = R"([{"name": "lr", "type": "float", "low": 1e-5, "high": 0.1, "log": true},
   {"name": "layers", "type": "int", "low": 2, "high": 8},
   {"name": "act", "type": "categorical", "choices": ["relu", "tanh"]}])";

class NativeRefusal : public ::testing::Test {
protected:
    // The message of reading text from the file runs.json; path() is that file's path.
    std::string refusalOf(std::string_view text)
    {
        dir_.write("runs.json", text);
        return refusal([&] { readNativeFile(file_); });
    }
    const std::string& path() const { return file_; }

    TempDir dir_;
    const std::string file_ = dir_.file("runs.json");
};

TEST_F(NativeRefusal, TruncatedFile)
{
    const std::string whole = studyFile(R"([
   {"id": "a", "state": "complete", "params": {}},
   {"id": "b", "state": "complete", "params": {}})");
    const std::string cut = whole.substr(0, whole.find("{\"id\": \"b\""));
    EXPECT_EQ(refusalOf(cut), path() + ":8:4: unexpected end of file inside array (studies[0].trials)");
    EXPECT_EQ(refusalOf(whole.substr(0, whole.find("complete") + 3)),
              path() + ":7:29: unexpected end of file inside a string (studies[0].trials[0].state)");
}

TEST_F(NativeRefusal, SyntaxErrorNamesLineAndColumn)
{
    EXPECT_EQ(refusalOf(studyFile(R"([
   {"id": "a" "state": "complete", "params": {}}])")),
              path() + ":7:15: expected ',' or '}' after object member, got '\"'");
}

TEST_F(NativeRefusal, WrongFormat)
{
    EXPECT_EQ(refusalOf(R"({"format": "tendril/2", "studies": []})"),
              path() + ": format: expected \"tendril/1\", got \"tendril/2\"");
    EXPECT_EQ(refusalOf(R"({"format": 1, "studies": []})"), path() + ": format: expected \"tendril/1\", got 1");
}

TEST_F(NativeRefusal, WrongFormatAfterStudiesIsReportedBeforeTheirContent)
{
    EXPECT_EQ(refusalOf(R"({"studies": [{"title": "other tool"}], "format": "optuna/3"})"),
              path() + ": format: expected \"tendril/1\", got \"optuna/3\"");
}

TEST_F(NativeRefusal, MissingFormat)
{
    EXPECT_EQ(refusalOf(R"({"studies": []})"),
              path() + ": missing required field \"format\" (a tendril/1 file has \"format\": \"tendril/1\")");
}

TEST_F(NativeRefusal, MissingStudies)
{
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1"})"), path() + ": missing required field \"studies\"");
}

TEST_F(NativeRefusal, TopLevelIsNotAnObject)
{
    EXPECT_EQ(refusalOf("[1, 2]"), path() + ": expected a JSON object with \"format\": \"tendril/1\", got an array");
}

TEST_F(NativeRefusal, UnknownState)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {}},
                                      {"id": "b", "state": "done", "params": {}}])")),
              path() + ": studies[0].trials[1].state: expected one of complete, pruned, failed, running, queued, "
                       "skipped, got \"done\"");
}

TEST_F(NativeRefusal, DuplicateTrialIds)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "t1", "state": "complete", "params": {}},
                                      {"id": "t2", "state": "complete", "params": {}},
                                      {"state": "complete", "params": {}, "id": "t1"}])")),
              path() + ": studies[0].trials[2].id: duplicate trial id \"t1\" (also the id of studies[0].trials[0])");
    // An integer id and the same id as text are the same trial.
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": 5, "state": "complete", "params": {}},
                                      {"id": "5", "state": "complete", "params": {}}])")),
              path() + ": studies[0].trials[1].id: duplicate trial id \"5\" (also the id of studies[0].trials[0])");
}

TEST_F(NativeRefusal, BadTrialIds)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": 1.5, "state": "complete", "params": {}}])")),
              path() + ": studies[0].trials[0].id: expected a string or an integer, got 1.5");
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "", "state": "complete", "params": {}}])")),
              path() + ": studies[0].trials[0].id: a trial id must not be empty");
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": ["a"], "state": "complete", "params": {}}])")),
              path() + ": studies[0].trials[0].id: expected a string or an integer, got an array");
}

TEST_F(NativeRefusal, DuplicateStudyNames)
{
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1", "studies": [
      {"name": "a", "objective": {"metric": "m", "direction": "maximize"}, "trials": []},
      {"name": "b", "objective": {"metric": "m", "direction": "maximize"}, "trials": []},
      {"name": "a", "objective": {"metric": "m", "direction": "maximize"}, "trials": []}]})"),
              path() + ": studies[2].name: duplicate study name \"a\" (also the name of studies[0])");
}

TEST_F(NativeRefusal, ParamNotInTheDeclaredSpace)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"lr": 0.01}},
                                      {"id": "b", "state": "complete", "params": {"lr": 0.01, "foo": 1}}])",
                                  kSpace)),
              path() + ": studies[0].trials[1].params.foo: not in the declared space of study \"x\"");
}

TEST_F(NativeRefusal, ParamOutsideItsRange)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"lr": 0.01}},
                                      {"id": "b", "state": "complete", "params": {}},
                                      {"id": "c", "state": "complete", "params": {}},
                                      {"id": "d", "state": "complete", "params": {"lr": 2}}])",
                                  kSpace)),
              path() + ": studies[0].trials[3].params.lr: value 2 is outside [1e-05, 0.1]");
}

TEST_F(NativeRefusal, ParamNotAmongTheChoices)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"act": "sigmoid"}}])", kSpace)),
              path() + ": studies[0].trials[0].params.act: value sigmoid is not one of the choices (relu, tanh)");
}

TEST_F(NativeRefusal, MessagesStayOnOneLine)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"act": "re\nlu"}}])", kSpace)),
              path() + ": studies[0].trials[0].params.act: value re\\nlu is not one of the choices (relu, tanh)");
}

TEST_F(NativeRefusal, NonIntegerForAnIntParam)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"layers": 2.5}}])", kSpace)),
              path() + ": studies[0].trials[0].params.layers: expected a whole number, got 2.5");
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"layers": "four"}}])", kSpace)),
              path() + ": studies[0].trials[0].params.layers: expected a number for int parameter, got \"four\"");
}

TEST_F(NativeRefusal, SpaceDeclaredAfterTheTrialsStillApplies)
{
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1", "studies": [{"name": "late",
      "objective": {"metric": "m", "direction": "maximize"},
      "trials": [{"id": "a", "state": "complete", "params": {"weird name": 1}}],
      "space": [{"name": "lr", "type": "float", "low": 0, "high": 1}]}]})"),
              path() + ": studies[0].trials[0].params[\"weird name\"]: not in the declared space of study \"late\"");
}

TEST_F(NativeRefusal, ParamValueOfTheWrongKind)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"lr": [0.1]}}])")),
              path() + ": studies[0].trials[0].params.lr: expected a number, boolean or string, got an array");
}

TEST_F(NativeRefusal, NonNumericMetric)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {}, "metrics": {"acc": "abc"}}])")),
              path() + ": studies[0].trials[0].metrics.acc: expected a number, got \"abc\"");
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {}, "metrics": {"acc": true}}])")),
              path() + ": studies[0].trials[0].metrics.acc: expected a number, got true");
}

TEST_F(NativeRefusal, BadCurvePoints)
{
    const auto withCurve = [](std::string_view curve) {
        return studyFile(std::string(R"([{"id": "a", "state": "complete", "params": {}, "curves": {"loss": )") +
                         std::string(curve) + "}}]");
    };
    EXPECT_EQ(refusalOf(withCurve("[[0, 1], [1]]")),
              path() + ": studies[0].trials[0].curves.loss[1]: expected [step, value] or [step, value, seconds], "
                       "got 1 element");
    EXPECT_EQ(refusalOf(withCurve("[[0, 1, 2, 3, 4]]")),
              path() + ": studies[0].trials[0].curves.loss[0]: expected [step, value] or [step, value, seconds], "
                       "got 5 elements");
    EXPECT_EQ(refusalOf(withCurve("[[]]")),
              path() + ": studies[0].trials[0].curves.loss[0]: expected [step, value] or [step, value, seconds], "
                       "got 0 elements");
    EXPECT_EQ(refusalOf(withCurve("[0.5, 0.6]")),
              path() + ": studies[0].trials[0].curves.loss[0]: expected [step, value] or [step, value, seconds], "
                       "got 0.5");
    EXPECT_EQ(refusalOf(withCurve("[[\"a\", 1]]")),
              path() + ": studies[0].trials[0].curves.loss[0][0]: expected a number, got \"a\"");
    EXPECT_EQ(refusalOf(withCurve("{\"0\": 1}")),
              path() + ": studies[0].trials[0].curves.loss: expected an array, got an object");
}

TEST_F(NativeRefusal, EmptyFile)
{
    EXPECT_EQ(refusalOf(""), path() + ": file is empty");
}

TEST_F(NativeRefusal, Directory)
{
    const std::string folder = dir_.file("exports");
    std::filesystem::create_directory(folder);
    EXPECT_EQ(refusal([&] { readNativeFile(folder); }), folder + ": is a directory, expected a tendril/1 JSON file");
}

TEST_F(NativeRefusal, MissingFile)
{
    const std::string missing = dir_.file("nothing.json");
    EXPECT_EQ(refusal([&] { readNativeFile(missing); }), missing + ": no such file");
}

TEST_F(NativeRefusal, UnreadableFileGivesTheSystemsReason)
{
    const std::string plain = dir_.write("plain.json", "{}");
    const std::string inside = plain + "/runs.json";
    EXPECT_EQ(refusal([&] { readNativeFile(inside); }), inside + ": Not a directory");
    if (::geteuid() != 0) {  // root reads whatever the permissions say
        std::filesystem::permissions(plain, std::filesystem::perms::none);
        EXPECT_EQ(refusal([&] { readNativeFile(plain); }), plain + ": Permission denied");
    }
}

TEST_F(NativeRefusal, NotUtf8)
{
    EXPECT_EQ(refusalOf("{\"format\": \"tendril/1\",\n \"studies\": [{\"name\": \"caf\xE9\"}]}"),
              path() + ":2:27: invalid UTF-8 byte 0xE9 (the file must be UTF-8 encoded)");
    // UTF-16 is not UTF-8 either.
    EXPECT_EQ(refusalOf(std::string("\xFF\xFE{\0\"\0", 6)), path() + ":1:1: invalid UTF-8 byte 0xFF (the file must be UTF-8 encoded)");
}

TEST_F(NativeRefusal, MissingRequiredFields)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"state": "complete", "params": {}}])")),
              path() + ": studies[0].trials[0]: missing required field \"id\"");
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "params": {}}])")),
              path() + ": studies[0].trials[0]: missing required field \"state\"");
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete"}])")),
              path() + ": studies[0].trials[0]: missing required field \"params\"");
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1", "studies": [{"objective": {"metric": "m", "direction": "maximize"}, "trials": []}]})"),
              path() + ": studies[0]: missing required field \"name\"");
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1", "studies": [{"name": "s", "trials": []}]})"),
              path() + ": studies[0]: missing required field \"objective\"");
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1", "studies": [{"name": "s", "objective": {"metric": "m", "direction": "maximize"}}]})"),
              path() + ": studies[0]: missing required field \"trials\"");
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1", "studies": [{"name": "s", "objective": {"metric": "m"}, "trials": []}]})"),
              path() + ": studies[0].objective: missing required field \"direction\"");
}

TEST_F(NativeRefusal, FieldGivenTwice)
{
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "state": "failed", "params": {}}])")),
              path() + ": studies[0].trials[0].state: the field is given twice");
    EXPECT_EQ(refusalOf(studyFile(R"([{"id": "a", "state": "complete", "params": {"lr": 1, "lr": 2}}])")),
              path() + ": studies[0].trials[0].params.lr: the parameter is given twice");
}

TEST_F(NativeRefusal, BadSpaceDeclarations)
{
    EXPECT_EQ(refusalOf(studyFile("[]", R"([{"name": "lr", "type": "float", "low": 5, "high": 1}])")),
              path() + ": studies[0].space[0].low: parameter \"lr\": low 5 is above high 1");
    EXPECT_EQ(refusalOf(studyFile("[]", R"([{"name": "lr", "type": "double", "low": 0, "high": 1}])")),
              path() + ": studies[0].space[0].type: expected one of float, int, categorical, got \"double\"");
    EXPECT_EQ(refusalOf(studyFile("[]", R"([{"name": "n", "type": "int", "low": 1}])")),
              path() + ": studies[0].space[0]: missing required field \"high\" of int parameter \"n\"");
    EXPECT_EQ(refusalOf(studyFile("[]", R"([{"name": "c", "type": "categorical"}])")),
              path() + ": studies[0].space[0]: missing required field \"choices\" of categorical parameter \"c\"");
    EXPECT_EQ(refusalOf(studyFile("[]", R"([{"name": "a", "type": "float", "low": 0, "high": 1},
                                            {"name": "a", "type": "int", "low": 0, "high": 1}])")),
              path() + ": studies[0].space[1]: parameter \"a\" is declared twice (also at studies[0].space[0])");
}

TEST_F(NativeRefusal, BadDirection)
{
    EXPECT_EQ(refusalOf(R"({"format": "tendril/1", "studies": [{"name": "s", "objective": {"metric": "m", "direction": "max"}, "trials": []}]})"),
              path() + ": studies[0].objective.direction: expected one of maximize, minimize, got \"max\"");
}

TEST_F(NativeRefusal, TrailingContent)
{
    EXPECT_EQ(refusalOf("{\"format\": \"tendril/1\", \"studies\": []}\n{}"),
              path() + ":2:1: expected the end of the file after the JSON document, got '{'");
}

} // namespace
} // namespace tendril
