// Reading and writing the tendril/1 interchange format (docs/format.md).
#pragma once

#include "tendril/core/study.hpp"

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tendril {



// A refused input. what() is one line naming the file, the line and column or JSON path, and what
// was expected: `runs.json: studies[0].trials[17].state: expected one of ..., got "done"`.
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct NativeDocument {
    std::string projectName;  // "" when the file has no project object
    std::vector<Study> studies;
};

// Reads a whole file. displayName (default: the path as given) is used in error messages.
NativeDocument readNativeFile(const std::string& path);
NativeDocument readNativeText(std::string_view text, const std::string& displayName);

// Writes the document; the file version goes through a temporary file and a rename, so a failed
// write never leaves a half-written file.
void writeNative(std::ostream& out, const NativeDocument& doc);
void writeNativeFile(const std::string& path, const NativeDocument& doc);

enum class InputFormat { Native };
// Names accepted by --format (besides "auto").
std::vector<std::string> inputFormatNames();
// Picks the format of a file from its content; throws FormatError naming the file otherwise.
InputFormat detectFormat(const std::string& path);
std::vector<Study> readStudies(const std::string& path, InputFormat format);

} // namespace tendril
