// Choosing a reader for an input file by its content.
#include "tendril/io/native_format.hpp"

#include "file_io.hpp"
#include "tendril/io/json_reader.hpp"

#include <stdexcept>

namespace tendril {

namespace {

// Enough for the opening of any tendril/1 file: writers put "format" first.
constexpr std::size_t kSniffBytes = 64 * 1024;

enum class Verdict { Native, Other, Undecided };

// A JSON object with a top-level "format" member is a tendril/1 file, whatever the value: the reader
// then names a wrong value precisely instead of a vague "not recognised".
Verdict sniff(std::string_view text, bool complete)
{
    try {
        JsonReader in(text, "");
        if (in.peek() != JsonReader::Kind::Object)
            return Verdict::Other;
        in.beginObject();
        while (in.nextKey()) {
            if (in.key() == "format")
                return Verdict::Native;
            in.skipValue();
        }
        return Verdict::Other;
    } catch (const FormatError&) {
        // In a prefix the error may only be where the prefix was cut off.
        return complete ? Verdict::Other : Verdict::Undecided;
    }
}

} // namespace

std::vector<std::string> inputFormatNames()
{
    return {"native"};
}

InputFormat detectFormat(const std::string& path)
{
    const io_detail::FileBytes head = io_detail::readFileBytes(path, kSniffBytes);
    if (head.size() == 0)
        throw FormatError(path + ": file is empty");
    Verdict verdict = sniff(head.view(), head.size() < kSniffBytes);
    if (verdict == Verdict::Undecided)
        verdict = sniff(io_detail::readFileBytes(path).view(), true);
    if (verdict == Verdict::Native)
        return InputFormat::Native;
    throw FormatError(path + ": not a recognised input format (expected a tendril/1 JSON file)");
}

std::vector<Study> readStudies(const std::string& path, InputFormat format)
{
    switch (format) {
    case InputFormat::Native: return readNativeFile(path).studies;
    }
    throw std::invalid_argument("readStudies: unknown input format");
}

} // namespace tendril
