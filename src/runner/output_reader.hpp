// What a trial prints, turned into reports and log lines (trial-protocol.md, "Reporting"): standard
// output is split into lines, each a report or log text; standard error is log text, and its last
// lines are kept for the error of a failed trial. Limits keep one misbehaving script from filling
// the memory or the project: lines longer than the report limit are cut (and kept as log text),
// kept log lines are cut at the log line limit on a character boundary, and a run keeps at most
// maxLogLines log lines (reports are never dropped).
#pragma once

#include "tendril/io/trial_output.hpp"
#include "tendril/store/study_recorder.hpp"

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace tendril::runner {

struct OutputLimits {
    std::size_t maxReportBytes = std::size_t{16} << 20;  // the longest line read as a report
    std::size_t maxLogLineBytes = std::size_t{64} << 10; // kept log lines are cut here
    std::size_t maxLogLines = 20000;                     // per run
    std::size_t tailLines = 20;                          // stderr lines kept for the error text
    std::size_t tailBytes = 4096;
};

class OutputSink {
public:
    virtual ~OutputSink() = default;
    virtual void onStep(const StepReport& report) = 0;
    virtual void onFinal(const FinalReport& report) = 0;
    virtual void onArtifact(const ArtifactReport& report) = 0;
    virtual void onLog(TrialLogLine line) = 0;
};

class OutputReader {
public:
    explicit OutputReader(OutputSink& sink, OutputLimits limits = {});

    void feedStdout(const char* data, std::size_t size);
    void feedStderr(const char* data, std::size_t size);
    // The process is gone: a last line without a line break is still a line.
    void finish();

    // The last lines of standard error, oldest first, joined by '\n'; "" when it printed nothing.
    std::string stderrTail() const;
    std::size_t droppedLogLines() const { return dropped_; }
    std::size_t malformedReports() const { return malformed_; }
    std::size_t reportLines() const { return reports_; }

private:
    void stdoutLine(std::string_view line, bool truncated);
    void stderrLine(std::string_view line, bool truncated);
    void keepLog(LogStream stream, std::string_view text, bool truncated, bool malformed);
    void keepTail(std::string_view text);

    OutputSink& sink_;
    OutputLimits limits_;
    LineSplitter stdout_;
    LineSplitter stderr_;
    std::deque<std::string> tail_;
    std::size_t tailBytes_ = 0;
    std::size_t logLines_ = 0;
    std::size_t dropped_ = 0;
    std::size_t malformed_ = 0;
    std::size_t reports_ = 0;
};

// text cut to at most maxBytes without splitting a UTF-8 sequence (text must be valid UTF-8).
std::string_view cutUtf8(std::string_view text, std::size_t maxBytes);

} // namespace tendril::runner
