// Reading the lines a trial script prints: reports, log text, and lines that try to be reports.
#include "tendril/io/trial_output.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tendril {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

template <class T>
T as(const OutputLine& line)
{
    const T* value = std::get_if<T>(&line);
    if (!value) {
        ADD_FAILURE() << "the line was read as alternative " << line.index();
        return T{};
    }
    return *value;
}

LogText malformed(std::string_view line)
{
    const LogText log = as<LogText>(parseOutputLine(line));
    EXPECT_TRUE(log.malformedReport) << line;
    return log;
}

std::string problemOf(std::string_view line)
{
    return malformed(line).problem;
}

TEST(TrialOutput, StepReport)
{
    const StepReport r = as<StepReport>(parseOutputLine(R"({"step": 3, "val_acc": 0.81, "loss": 0.42})"));
    EXPECT_EQ(r.step, 3.0);
    EXPECT_EQ(r.values, (MetricValues{{"val_acc", 0.81}, {"loss", 0.42}}));

    // Metrics keep the order of the line, wherever "step" stands; integers are numbers too.
    const StepReport later = as<StepReport>(parseOutputLine(R"(  	{"loss": 1, "step": 2.5, "acc": -0.0, "n": 1e3})"));
    EXPECT_EQ(later.step, 2.5);
    EXPECT_EQ(later.values, (MetricValues{{"loss", 1.0}, {"acc", 0.0}, {"n", 1000.0}}));

    EXPECT_TRUE(as<StepReport>(parseOutputLine(R"({"step": 0})")).values.empty());
}

TEST(TrialOutput, NonFiniteNumbersAsPythonPrintsThem)
{
    const StepReport r = as<StepReport>(parseOutputLine(R"({"step": 1, "a": NaN, "b": Infinity, "c": -Infinity})"));
    ASSERT_EQ(r.values.size(), 3u);
    EXPECT_TRUE(std::isnan(r.values[0].second));
    EXPECT_EQ(r.values[1].second, kInf);
    EXPECT_EQ(r.values[2].second, -kInf);
    // Underflow is a number Python itself reads as zero; overflow is not something Python prints.
    EXPECT_EQ(as<StepReport>(parseOutputLine(R"({"step": 1, "tiny": 1e-400})")).values[0].second, 0.0);
    EXPECT_EQ(problemOf(R"({"step": 1, "big": 1e999})"), "big: the number 1e999 is out of range");
    EXPECT_EQ(problemOf(R"({"step": 1, "a": nan})"), "column 18: invalid literal 'nan'");
    EXPECT_EQ(problemOf(R"({"step": 1, "a": -NaN})"), "column 18: invalid literal '-NaN'");
}

TEST(TrialOutput, OtherFieldsAreIgnored)
{
    const StepReport r = as<StepReport>(parseOutputLine(
        R"({"step": 4, "phase": "train", "ok": true, "none": null, "acc": 0.5, "hist": [1, 2], "cfg": {"lr": 0.1}, "s": "NaN"})"));
    EXPECT_EQ(r.values, (MetricValues{{"acc", 0.5}}));
}

TEST(TrialOutput, FinalReport)
{
    const FinalReport r = as<FinalReport>(parseOutputLine(R"({"final": true, "val_acc": 0.83, "model_size_mb": 3.1})"));
    EXPECT_EQ(r.values, (MetricValues{{"val_acc", 0.83}, {"model_size_mb", 3.1}}));
    // A step next to it is ignored, even one that is not a number.
    EXPECT_EQ(as<FinalReport>(parseOutputLine(R"({"step": 9, "final": true, "acc": 1})")).values, (MetricValues{{"acc", 1.0}}));
    EXPECT_EQ(as<FinalReport>(parseOutputLine(R"({"step": "end", "acc": 1, "final": true})")).values,
              (MetricValues{{"acc", 1.0}}));
    // "final": false is no final report.
    EXPECT_EQ(as<StepReport>(parseOutputLine(R"({"final": false, "step": 2, "acc": 1})")).step, 2.0);
    EXPECT_EQ(problemOf(R"({"final": false, "acc": 1})"), "a report needs \"step\", \"final\": true or \"artifact\"");
    EXPECT_EQ(problemOf(R"({"final": 1, "acc": 1})"), "final: expected true or false, got 1");
}

TEST(TrialOutput, ArtifactReport)
{
    const ArtifactReport r = as<ArtifactReport>(parseOutputLine(
        R"({"artifact": "confusion_matrix", "labels": ["0", "1"], "matrix": [[50, 2], [3, 45]], "note": {"x": [[], [NaN]]}})"));
    EXPECT_EQ(r.name, "confusion_matrix");
    EXPECT_EQ(r.json, R"({"labels":["0","1"],"matrix":[[50,2],[3,45]],"note":{"x":[[],["NaN"]]}})");

    // "artifact" may come last, and it wins over step and final.
    const ArtifactReport late = as<ArtifactReport>(parseOutputLine(R"({"step": 3, "final": true, "png": "a.png", "artifact": "sample"})"));
    EXPECT_EQ(late.name, "sample");
    EXPECT_EQ(late.json, R"({"step":3,"final":true,"png":"a.png"})");

    EXPECT_EQ(as<ArtifactReport>(parseOutputLine(R"({"artifact": "empty"})")).json, "{}");
    EXPECT_EQ(problemOf(R"({"artifact": 3, "x": 1})"), "artifact: expected the artifact's name as a string, got 3");
    EXPECT_EQ(problemOf(R"({"artifact": ""})"), "artifact: the artifact's name must not be empty");
    EXPECT_EQ(problemOf(R"({"artifact": "a", "artifact": "b"})"), "artifact: the field is given twice");
    EXPECT_EQ(problemOf(R"({"artifact": "a", "m": [1, 2})"), "column 29: expected ',' or ']' after array element, got '}'");
}

TEST(TrialOutput, MalformedReportsAreLogText)
{
    const LogText log = malformed(R"({"step": 1, "acc": 0.5,})");
    EXPECT_EQ(log.text, R"({"step": 1, "acc": 0.5,})");
    EXPECT_EQ(log.problem, "column 24: expected a member name in double quotes after ',', got '}'");

    EXPECT_EQ(problemOf("{'step': 1, 'acc': 0.5}"), "column 2: expected a member name in double quotes or '}', got '''");
    EXPECT_EQ(problemOf(R"({"step": 1, "acc": 0.5)"), "column 23: unexpected end of file inside the top-level object");
    EXPECT_EQ(problemOf(R"({"step": 1} trailing)"), "column 13: expected the end of the file after the JSON document, got 't'");
    EXPECT_EQ(problemOf(R"({"step": "3", "acc": 1})"), "step: expected a number, got \"3\"");
    EXPECT_EQ(problemOf(R"({"step": [3]})"), "step: expected a number, got an array");
    EXPECT_EQ(problemOf(R"({"step": NaN})"), "step: must be a finite number, got NaN");
    EXPECT_EQ(problemOf(R"({"step": 1, "step": 2})"), "step: the field is given twice");
    EXPECT_EQ(problemOf(R"({"step": 1, "acc": 1, "acc": 2})"), "acc: the metric is given twice");
    EXPECT_EQ(problemOf("{}"), "a report needs \"step\", \"final\": true or \"artifact\"");
    EXPECT_EQ(problemOf(R"({"acc": 0.5})"), "a report needs \"step\", \"final\": true or \"artifact\"");
    EXPECT_EQ(problemOf("{"), "column 2: unexpected end of file inside the top-level object");
    EXPECT_EQ(problemOf("{epoch 3} done"), "column 2: expected a member name in double quotes or '}', got 'e'");
}

TEST(TrialOutput, PlainLogText)
{
    for (const std::string_view line : {"epoch 3: loss 0.42", "", "   ", "[1, 2, 3]", "x {\"step\": 1}", "\"{\""}) {
        const LogText log = as<LogText>(parseOutputLine(line));
        EXPECT_EQ(log.text, line);
        EXPECT_FALSE(log.malformedReport) << line;
        EXPECT_EQ(log.problem, "");
    }
}

TEST(TrialOutput, LogTextIsMadeValidUtf8)
{
    const LogText log = as<LogText>(parseOutputLine("caf\xE9 \xC3\xA9t\xC3\xA9 \xFF"));
    EXPECT_EQ(log.text, "caf\xEF\xBF\xBD \xC3\xA9t\xC3\xA9 \xEF\xBF\xBD");
    EXPECT_FALSE(log.malformedReport);

    const LogText report = malformed("{\"step\": 1, \"n\xE9\": 2}");
    EXPECT_EQ(report.text, "{\"step\": 1, \"n\xEF\xBF\xBD\": 2}");
    EXPECT_EQ(report.problem, "column 15: invalid UTF-8 byte 0xE9 (the file must be UTF-8 encoded)");

    // Non-ASCII text that is valid stays as it is, in reports too.
    const StepReport r = as<StepReport>(parseOutputLine("{\"step\": 1, \"pr\xC3\xA9\x63ision\": 0.5}"));
    EXPECT_EQ(r.values[0].first, "pr\xC3\xA9\x63ision");
}

TEST(TrialOutput, ValidUtf8ReplacesEachBadByte)
{
    EXPECT_EQ(validUtf8(""), "");
    EXPECT_EQ(validUtf8("plain ascii"), "plain ascii");
    EXPECT_EQ(validUtf8("\xE2\x82\xAC \xF0\x9F\x8C\xB1"), "\xE2\x82\xAC \xF0\x9F\x8C\xB1");  // € and a 4-byte emoji
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(validUtf8("\xC0\xAF"), fffd + fffd);                         // overlong '/'
    EXPECT_EQ(validUtf8("\xED\xA0\x80"), fffd + fffd + fffd);              // a surrogate
    EXPECT_EQ(validUtf8("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);   // above U+10FFFF
    EXPECT_EQ(validUtf8("ab\xE2\x82"), "ab" + fffd + fffd);                // cut short at the end
    EXPECT_EQ(validUtf8("\x80x"), fffd + "x");                             // a lone continuation byte
    EXPECT_EQ(validUtf8(std::string_view("a\0b", 3)), std::string("a\0b", 3));
}

} // namespace
} // namespace tendril
