// Reading the lines a trial script prints. Report lines go through the library's pull parser
// straight into metric values, with no document tree; a line that looks like a report and is not
// one becomes log text with the parser's reason, and never stops the trial.
#include "tendril/io/trial_output.hpp"

#include "tendril/io/json_reader.hpp"
#include "tendril/io/json_writer.hpp"
#include "utf8.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace tendril {

namespace {

// The reader's name; it is cut off the messages again (see shortProblem).
constexpr std::string_view kReaderName = "report";

// A number as Python's json module prints it: finite, NaN or an infinity written as such. A token
// beyond the range of a double (1e999) is refused; it would otherwise read as an infinity the
// script never reported.
double readReportNumber(JsonReader& in)
{
    const std::string_view text = in.readNumberText();
    if (text == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity")
        return std::numeric_limits<double>::infinity();
    if (text == "-Infinity")
        return -std::numeric_limits<double>::infinity();
    double d = 0.0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), d);
    if (res.ec == std::errc::result_out_of_range) {
        const std::string copy(text);
        d = std::strtod(copy.c_str(), nullptr);
        if (std::isinf(d))
            in.failAtPath("the number " + copy + " is out of range");
        // Underflow reads as zero or a subnormal, as Python itself would read it.
    }
    return d;
}

// Consumes the value and describes it, for a "step" that is not a number.
std::string describeAndSkip(JsonReader& in)
{
    const JsonReader::Kind kind = in.peek();
    if (kind == JsonReader::Kind::Object || kind == JsonReader::Kind::Array) {
        in.skipValue();
        return kind == JsonReader::Kind::Object ? "an object" : "an array";
    }
    return in.describeNext();
}

void addMetric(JsonReader& in, MetricValues& values, std::string_view name)
{
    for (const auto& [seen, value] : values)
        if (seen == name)
            in.failAtPath("the metric is given twice");
    std::string key(name);
    const double v = readReportNumber(in);
    values.emplace_back(std::move(key), v);
}

ArtifactReport readArtifact(std::string_view text)
{
    JsonReader in(text, std::string(kReaderName));
    ArtifactReport artifact;
    bool named = false;
    JsonWriter w(artifact.json, 0);
    w.beginObject();
    in.beginObject();
    while (in.nextKey()) {
        if (in.key() != "artifact") {
            w.key(in.key());
            in.copyValue(w);
            continue;
        }
        if (named)
            in.failAtPath("the field is given twice");
        if (in.peek() != JsonReader::Kind::String)
            in.failExpected("the artifact's name as a string");
        artifact.name = in.readString();
        if (artifact.name.empty())
            in.failAtPath("the artifact's name must not be empty");
        named = true;
    }
    in.expectEnd();
    w.endObject();
    return artifact;
}

// Reads a line that starts with '{'; refuses anything that is not a report with a FormatError.
OutputLine readReport(std::string_view text)
{
    JsonReader in(text, std::string(kReaderName));
    MetricValues values;
    values.reserve(8);  // one allocation for the usual handful of metrics
    double step = 0.0;
    bool hasStep = false, isFinal = false, hasFinal = false;
    std::string stepProblem;  // reported only when the line turns out not to be final
    in.beginObject();
    while (in.nextKey()) {
        const std::string_view key = in.key();
        if (key == "artifact")  // rare: read the line again as a whole object
            return readArtifact(text);
        if (key == "step") {
            if (hasStep)
                in.failAtPath("the field is given twice");
            hasStep = true;
            if (in.peek() != JsonReader::Kind::Number) {
                stepProblem = "expected a number, got " + describeAndSkip(in);
                continue;
            }
            step = readReportNumber(in);
            if (!std::isfinite(step))
                stepProblem = "must be a finite number, got " + formatDouble(step);
        } else if (key == "final") {
            if (hasFinal)
                in.failAtPath("the field is given twice");
            hasFinal = true;
            if (in.peek() != JsonReader::Kind::Bool)
                in.failExpected("true or false");
            isFinal = in.readBool();
        } else if (in.peek() == JsonReader::Kind::Number) {
            addMetric(in, values, key);
        } else {
            in.skipValue();
        }
    }
    in.expectEnd();
    if (isFinal)
        return FinalReport{std::move(values)};
    if (!stepProblem.empty())
        in.failAtPath("step", stepProblem);
    if (!hasStep)
        in.failAtPath("", "a report needs \"step\", \"final\": true or \"artifact\"");
    return StepReport{step, std::move(values)};
}

// The reader's message without its name: `report:1:12: expected ...` becomes `column 12:
// expected ...` (a line has one line), `report: step: ...` becomes `step: ...`.
std::string shortProblem(std::string_view message)
{
    if (message.substr(0, kReaderName.size()) == kReaderName)
        message.remove_prefix(kReaderName.size());
    if (message.substr(0, 3) == ":1:")
        return "column " + std::string(message.substr(3));
    if (message.substr(0, 2) == ": ")
        message.remove_prefix(2);
    return std::string(message);
}

} // namespace

OutputLine parseOutputLine(std::string_view line)
{
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || line[start] != '{')
        return LogText{validUtf8(line), false, {}};
    try {
        return readReport(line.substr(start));
    } catch (const FormatError& e) {
        return LogText{validUtf8(line), true, shortProblem(e.what())};
    }
}

std::string validUtf8(std::string_view text)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = bytes + text.size();
    std::string out;
    std::size_t copied = 0;  // bytes of text already in out
    std::size_t i = 0;
    while (i < text.size()) {
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        if (const std::size_t len = utf8::sequenceLength(bytes + i, end)) {
            i += len;
            continue;
        }
        if (out.empty())
            out.reserve(text.size() + 16);
        out.append(text.data() + copied, i - copied);
        out += "\xEF\xBF\xBD";
        copied = ++i;
    }
    if (copied == 0)
        return std::string(text);
    out.append(text.data() + copied, text.size() - copied);
    return out;
}

} // namespace tendril
