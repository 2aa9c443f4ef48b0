#include "output_reader.hpp"

#include <type_traits>
#include <variant>

namespace tendril::runner {

std::string_view cutUtf8(std::string_view text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return text;
    std::size_t end = maxBytes;
    // Back up over continuation bytes (10xxxxxx) to the start of the cut sequence.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

OutputReader::OutputReader(OutputSink& sink, OutputLimits limits)
    : sink_(sink), limits_(limits), stdout_(limits.maxReportBytes), stderr_(limits.maxLogLineBytes)
{
}

void OutputReader::feedStdout(const char* data, std::size_t size)
{
    stdout_.feed(data, size, [this](std::string_view line, bool truncated) { stdoutLine(line, truncated); });
}

void OutputReader::feedStderr(const char* data, std::size_t size)
{
    stderr_.feed(data, size, [this](std::string_view line, bool truncated) { stderrLine(line, truncated); });
}

void OutputReader::finish()
{
    stdout_.finish([this](std::string_view line, bool truncated) { stdoutLine(line, truncated); });
    stderr_.finish([this](std::string_view line, bool truncated) { stderrLine(line, truncated); });
}

void OutputReader::stdoutLine(std::string_view line, bool truncated)
{
    // A line cut at the report limit is not a complete JSON object, whatever it started as.
    if (truncated) {
        keepLog(LogStream::Stdout, line, true, false);
        return;
    }
    std::visit(
        [&](const auto& parsed) {
            using T = std::decay_t<decltype(parsed)>;
            if constexpr (std::is_same_v<T, StepReport>) {
                ++reports_;
                sink_.onStep(parsed);
            } else if constexpr (std::is_same_v<T, FinalReport>) {
                ++reports_;
                sink_.onFinal(parsed);
            } else if constexpr (std::is_same_v<T, ArtifactReport>) {
                ++reports_;
                sink_.onArtifact(parsed);
            } else {
                if (parsed.malformedReport)
                    ++malformed_;
                keepLog(LogStream::Stdout, line, false, parsed.malformedReport);
            }
        },
        parseOutputLine(line));
}

void OutputReader::stderrLine(std::string_view line, bool truncated)
{
    const std::string text = validUtf8(line);
    keepTail(text);
    keepLog(LogStream::Stderr, text, truncated, false);
}

void OutputReader::keepLog(LogStream stream, std::string_view text, bool truncated, bool malformed)
{
    if (logLines_ >= limits_.maxLogLines) {
        ++dropped_;
        return;
    }
    ++logLines_;
    TrialLogLine line;
    line.stream = stream;
    line.malformedReport = malformed;
    line.text = validUtf8(cutUtf8(text, limits_.maxLogLineBytes));
    // validUtf8 may have grown the text (a replacement character per bad byte).
    line.text.resize(cutUtf8(line.text, limits_.maxLogLineBytes).size());
    if (truncated || text.size() > limits_.maxLogLineBytes)
        line.text += " [line cut]";
    sink_.onLog(std::move(line));
}

void OutputReader::keepTail(std::string_view text)
{
    std::string kept(cutUtf8(text, limits_.tailBytes));
    tailBytes_ += kept.size();
    tail_.push_back(std::move(kept));
    while (tail_.size() > 1 && (tail_.size() > limits_.tailLines || tailBytes_ > limits_.tailBytes)) {
        tailBytes_ -= tail_.front().size();
        tail_.pop_front();
    }
}

std::string OutputReader::stderrTail() const
{
    std::string out;
    for (const std::string& line : tail_) {
        if (!out.empty())
            out += '\n';
        out += line;
    }
    return out;
}

} // namespace tendril::runner
