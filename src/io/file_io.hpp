// Whole-file reading for the readers and crash-safe replacement of files for the writers.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace tendril::io_detail {

// The bytes of a file, in a buffer that is never zero-filled first: input files can be hundreds of
// megabytes, and clearing memory that the read overwrites anyway costs as much as the read.
class FileBytes {
public:
    std::string_view view() const { return {data_.get(), size_}; }
    std::size_t size() const { return size_; }

private:
    friend FileBytes readFileBytes(const std::string&, std::size_t);
    struct Free {
        void operator()(char* p) const;
    };
    std::unique_ptr<char, Free> data_;
    std::size_t size_ = 0;
};

// At most maxBytes from the start of the file (all of it by default). Throws FormatError:
// "x.json: no such file", "x: is a directory, expected a tendril/1 JSON file", or the system's reason
// ("x.json: Permission denied").
FileBytes readFileBytes(const std::string& path, std::size_t maxBytes = std::size_t(-1));

// Receives the output piece by piece.
using ChunkSink = std::function<void(std::string_view)>;

// Writes a file through a temporary file in the same folder and a rename, so readers see the old
// file or the complete new one and a failure leaves no half-written file. produce gets a sink to
// write to. Throws std::runtime_error naming the path when the file cannot be written; exceptions
// from produce remove the temporary file and pass through.
void replaceFileAtomically(const std::string& path, const std::function<void(const ChunkSink&)>& produce);

} // namespace tendril::io_detail
