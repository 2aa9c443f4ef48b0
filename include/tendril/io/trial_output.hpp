// What a trial script prints (trial-protocol.md, "Reporting"; docs/runner.md, "What a trial
// prints"): its standard output cut into lines, and each line read as a report or as log text.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tendril {

// Cuts a byte stream, fed in chunks of any size, into lines. A line is delivered without its "\n"
// and without one "\r" before it. Memory stays bounded by maxLineBytes whatever a script prints:
// a longer line is delivered once, as its first maxLineBytes bytes flagged truncated, and the rest
// of it is skipped up to the next newline without being kept.
//
// The handler is given per call, onLine(std::string_view line, bool truncated), and the view is
// valid during that call only. If it throws, the rest of the chunk is dropped and the splitter goes
// on with the next chunk as if this one had ended after the line being delivered.
class LineSplitter {
public:
    // maxLineBytes must be at least 1 (std::invalid_argument otherwise).
    explicit LineSplitter(std::size_t maxLineBytes);

    // Delivers every line that the bytes complete.
    template <class OnLine>
    void feed(std::string_view bytes, OnLine&& onLine)
    {
        feedLines(bytes, HandlerRef(onLine));
    }
    template <class OnLine>
    void feed(const char* data, std::size_t size, OnLine&& onLine)
    {
        feedLines(std::string_view(data, size), HandlerRef(onLine));
    }
    // The end of the stream: delivers a last line that had no newline, and starts afresh.
    template <class OnLine>
    void finish(OnLine&& onLine)
    {
        finishLines(HandlerRef(onLine));
    }

    std::size_t maxLineBytes() const { return max_; }
    // Bytes of an unfinished line held until its end arrives (at most maxLineBytes).
    std::size_t heldBytes() const { return size_; }
    // Memory held for them; it grows with the longest partial line seen, up to maxLineBytes.
    std::size_t bufferCapacity() const { return capacity_; }

private:
    // A non-owning reference to the caller's handler: no std::function to build for every chunk.
    class HandlerRef {
    public:
        template <class F>
        explicit HandlerRef(F& f)
            : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
              call_([](void* object, std::string_view line, bool truncated) {
                  (*static_cast<F*>(object))(line, truncated);
              })
        {
        }
        void operator()(std::string_view line, bool truncated) const { call_(object_, line, truncated); }

    private:
        void* object_;
        void (*call_)(void*, std::string_view, bool);
    };

    void feedLines(std::string_view bytes, const HandlerRef& onLine);
    void finishLines(const HandlerRef& onLine);
    // The rest of a line up to its newline, and bytes of a line whose newline has not come yet.
    void takeLine(const char* begin, const char* end, const HandlerRef& onLine);
    void takePartial(const char* begin, const char* end, const HandlerRef& onLine);
    void append(const char* begin, std::size_t n);
    void deliverHeld(bool truncated, const HandlerRef& onLine);

    std::size_t max_;
    std::unique_ptr<char[]> buffer_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
    // maxLineBytes bytes are held and one more byte, a "\r", followed: the line is not too long if
    // the newline comes next. The "\r" is remembered here rather than held.
    bool carriageReturnAtLimit_ = false;
    bool skippingRest_ = false;  // the current line was delivered truncated
};

// Metric name and value, in the order of the line.
using MetricValues = std::vector<std::pair<std::string, double>>;

// `{"step": 3, "val_acc": 0.81, "loss": 0.42}`
struct StepReport {
    double step = 0.0;
    MetricValues values;
};

// `{"final": true, "val_acc": 0.83}`
struct FinalReport {
    MetricValues values;
};

// `{"artifact": "confusion_matrix", "labels": [...], "matrix": [[...]]}`
struct ArtifactReport {
    std::string name;
    std::string json;  // the object without its "artifact" member, compact; NaN as the string "NaN"
};

// Any other line, kept with the trial. The text is valid UTF-8 (see validUtf8).
struct LogText {
    std::string text;
    bool malformedReport = false;  // the line starts with '{' but is not a report
    std::string problem;           // why not, when malformedReport: `column 12: expected ...`
};

using OutputLine = std::variant<StepReport, FinalReport, ArtifactReport, LogText>;

// Reads one line as a trial script prints it. A line whose first character other than spaces and
// tabs is '{' must be one JSON object (bare NaN, Infinity and -Infinity allowed, as Python prints
// them) with "step" (a finite number), "final": true, or "artifact" (a non-empty string);
// anything else starting with '{' is malformed log text: invalid JSON, a number out of the range
// of a double (1e999), a member given twice. In a step or final report every other numeric member
// is a metric; strings, booleans, null, objects and arrays are ignored. "final": true wins over a
// "step" next to it; "artifact" wins over both.
OutputLine parseOutputLine(std::string_view line);

// The text with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD, so that
// log text from any script can go into the store and into JSON.
std::string validUtf8(std::string_view text);

} // namespace tendril
