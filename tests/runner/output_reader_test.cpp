// Reading what a trial prints, fed in chunks as a pipe delivers it.
#include "output_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tendril::testing {
namespace {

using runner::OutputLimits;
using runner::OutputReader;

struct CollectingSink : runner::OutputSink {
    std::vector<StepReport> steps;
    std::vector<FinalReport> finals;
    std::vector<ArtifactReport> artifacts;
    std::vector<TrialLogLine> logs;
    void onStep(const StepReport& r) override { steps.push_back(r); }
    void onFinal(const FinalReport& r) override { finals.push_back(r); }
    void onArtifact(const ArtifactReport& r) override { artifacts.push_back(r); }
    void onLog(TrialLogLine line) override { logs.push_back(std::move(line)); }
};

bool isValidUtf8(const std::string& s) { return validUtf8(s) == s; }

// Feeds text in chunks of `chunk` bytes.
void feedStdout(OutputReader& reader, const std::string& text, std::size_t chunk)
{
    for (std::size_t i = 0; i < text.size(); i += chunk)
        reader.feedStdout(text.data() + i, std::min(chunk, text.size() - i));
}

TEST(OutputReader, ReportsAndLogTextWhateverTheChunks)
{
    const std::string text = "epoch 1\n{\"step\": 1, \"acc\": 0.5}\n{\"final\": true, \"acc\": 0.6}\n"
                             "{\"artifact\": \"cm\", \"matrix\": [[1]]}\n{\"step\": 2, \"acc\": }\nlast";
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, text.size()}) {
        CollectingSink sink;
        OutputReader reader(sink);
        feedStdout(reader, text, chunk);
        reader.finish();
        ASSERT_EQ(sink.steps.size(), 1u) << chunk;
        EXPECT_EQ(sink.steps[0].step, 1.0);
        ASSERT_EQ(sink.finals.size(), 1u);
        ASSERT_EQ(sink.artifacts.size(), 1u);
        EXPECT_EQ(sink.artifacts[0].name, "cm");
        ASSERT_EQ(sink.logs.size(), 3u);
        EXPECT_EQ(sink.logs[0].text, "epoch 1");
        EXPECT_FALSE(sink.logs[0].malformedReport);
        EXPECT_EQ(sink.logs[1].text, "{\"step\": 2, \"acc\": }");
        EXPECT_TRUE(sink.logs[1].malformedReport);
        EXPECT_EQ(sink.logs[2].text, "last");
        EXPECT_EQ(reader.malformedReports(), 1u);
        EXPECT_EQ(reader.reportLines(), 3u);
    }
}

TEST(OutputReader, LongLinesAreCutAndNeverReports)
{
    OutputLimits limits;
    limits.maxReportBytes = 1000;
    limits.maxLogLineBytes = 100;
    CollectingSink sink;
    OutputReader reader(sink, limits);
    const std::string longReport = "{\"step\": 5, \"acc\": 0.5, \"pad\": \"" + std::string(2000, 'p') + "\"}\n";
    const std::string longLog = std::string(500, 'l') + "\n";
    feedStdout(reader, longReport + longLog + "{\"step\": 6, \"acc\": 0.6}\n", 64);
    reader.finish();
    ASSERT_EQ(sink.steps.size(), 1u);
    EXPECT_EQ(sink.steps[0].step, 6.0);
    ASSERT_EQ(sink.logs.size(), 2u);
    EXPECT_EQ(sink.logs[0].text, longReport.substr(0, 100) + " [line cut]");
    EXPECT_EQ(sink.logs[1].text, std::string(100, 'l') + " [line cut]");
}

TEST(OutputReader, CutsLogLinesOnCharacterBoundaries)
{
    OutputLimits limits;
    limits.maxLogLineBytes = 10;
    CollectingSink sink;
    OutputReader reader(sink, limits);
    // "é" is two bytes; the tenth byte would split the fifth one.
    const std::string line = "ééééééé\n";
    reader.feedStdout(line.data(), line.size());
    ASSERT_EQ(sink.logs.size(), 1u);
    EXPECT_EQ(sink.logs[0].text, "ééééé [line cut]");
    EXPECT_TRUE(isValidUtf8(sink.logs[0].text));
}

TEST(OutputReader, BytesThatAreNotUtf8BecomeReplacementCharacters)
{
    CollectingSink sink;
    OutputReader reader(sink);
    const std::string out = "caf\xc3\xa9 \xff end\n";
    const std::string err = "err \xfe\n";
    reader.feedStdout(out.data(), out.size());
    reader.feedStderr(err.data(), err.size());
    ASSERT_EQ(sink.logs.size(), 2u);
    EXPECT_EQ(sink.logs[0].text, "caf\xc3\xa9 \xef\xbf\xbd end");
    EXPECT_EQ(sink.logs[1].stream, LogStream::Stderr);
    EXPECT_EQ(sink.logs[1].text, "err \xef\xbf\xbd");
    EXPECT_EQ(reader.stderrTail(), "err \xef\xbf\xbd");
}

TEST(OutputReader, KeepsAtMostMaxLogLinesButEveryReport)
{
    OutputLimits limits;
    limits.maxLogLines = 10;
    CollectingSink sink;
    OutputReader reader(sink, limits);
    std::string text;
    for (int i = 0; i < 30; ++i)
        text += "log " + std::to_string(i) + "\n{\"step\": " + std::to_string(i) + ", \"acc\": 1}\n";
    feedStdout(reader, text, 4096);
    const std::string err = "e1\ne2\n";
    reader.feedStderr(err.data(), err.size());
    reader.finish();
    EXPECT_EQ(sink.steps.size(), 30u);
    ASSERT_EQ(sink.logs.size(), 10u);
    EXPECT_EQ(sink.logs.back().text, "log 9");
    EXPECT_EQ(reader.droppedLogLines(), 22u);
    // The stderr tail is kept for the error text even when the log is full.
    EXPECT_EQ(reader.stderrTail(), "e1\ne2");
}

TEST(OutputReader, StderrTailKeepsTheLastLinesWithinItsBudget)
{
    OutputLimits limits;
    limits.tailLines = 3;
    limits.tailBytes = 20;
    CollectingSink sink;
    OutputReader reader(sink, limits);
    const std::string err = "one\ntwo\nthree\nfour\n";
    reader.feedStderr(err.data(), err.size());
    EXPECT_EQ(reader.stderrTail(), "two\nthree\nfour");
    const std::string longer = "0123456789abcdef\n";
    reader.feedStderr(longer.data(), longer.size());
    EXPECT_EQ(reader.stderrTail(), "four\n0123456789abcdef");
    const std::string huge = std::string(50, 'h') + "\n";
    reader.feedStderr(huge.data(), huge.size());
    EXPECT_EQ(reader.stderrTail(), std::string(20, 'h'));
}

} // namespace
} // namespace tendril::testing
