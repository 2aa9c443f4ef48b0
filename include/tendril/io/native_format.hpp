// Reading and writing the tendril/1 interchange format (docs/format.md).
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/io/format_error.hpp"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tendril {

struct NativeDocument {
    std::string projectName;  // "" when the file has no project object
    std::vector<Study> studies;
};

// Reads a whole file. displayName (default: the path as given) is used in error messages. Any
// refusal throws FormatError and yields nothing of the file. When a study declares no space, it is
// inferred from the trials (Study::spaceInferred).
NativeDocument readNativeFile(const std::string& path);
NativeDocument readNativeText(std::string_view text, const std::string& displayName);

// Writes the document; the file version goes through a temporary file and a rename, so a failed
// write never leaves a half-written file. The space is always written out, so an inferred space
// reads back as a declared one. I/O failures throw std::runtime_error naming the path; JSON text
// in the model that is not valid JSON (an artifacts or user_attrs object) throws
// std::invalid_argument naming the trial or study.
void writeNative(std::ostream& out, const NativeDocument& doc);
void writeNativeFile(const std::string& path, const NativeDocument& doc);

enum class InputFormat { Native };
// Names accepted by --format (besides "auto").
std::vector<std::string> inputFormatNames();
// Picks the format of a file from its content; throws FormatError naming the file otherwise.
InputFormat detectFormat(const std::string& path);
std::vector<Study> readStudies(const std::string& path, InputFormat format);

} // namespace tendril
