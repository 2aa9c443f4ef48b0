// Finding the program of a study configuration before anything runs, the way exec would find it:
// a name with a slash is a path (from the trial's working folder), a bare name is searched in PATH.
#include "tendril/io/study_config.hpp"

#include "native_reader_parts.hpp"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <sys/stat.h>
#include <unistd.h>

namespace tendril {

namespace {

namespace fs = std::filesystem;

enum class Candidate { Missing, Folder, NotExecutable, Runnable };

Candidate inspect(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return Candidate::Missing;
    if (S_ISDIR(st.st_mode))
        return Candidate::Folder;
    if (!S_ISREG(st.st_mode) || ::access(path.c_str(), X_OK) != 0)
        return Candidate::NotExecutable;
    return Candidate::Runnable;
}

// The search path exec uses: PATH, or the system's default when it is not set.
std::string searchPath()
{
    if (const char* path = std::getenv("PATH"))
        return path;
    const std::size_t size = ::confstr(_CS_PATH, nullptr, 0);
    if (size <= 1)
        return "/bin:/usr/bin";
    std::string fallback(size, '\0');
    ::confstr(_CS_PATH, fallback.data(), size);
    fallback.resize(size - 1);
    return fallback;
}

[[noreturn]] void failField(const std::string& configName, std::string_view field, const std::string& message)
{
    throw FormatError(configName + ": " + std::string(field) + ": " + message);
}

} // namespace

std::string resolveCommand(const StudyConfig& config, const std::string& configName)
{
    if (config.command.empty() || config.command[0].empty())
        failField(configName, "command", "must be a non-empty list of strings");

    std::error_code ec;
    if (!fs::exists(config.workdir, ec))
        failField(configName, "workdir", "no such folder: " + config.workdir);
    if (!fs::is_directory(config.workdir, ec))
        failField(configName, "workdir", "not a folder: " + config.workdir);

    const std::string& program = config.command[0];
    if (program.find('/') != std::string::npos) {
        const std::string path = (fs::path(config.workdir) / program).lexically_normal().string();
        switch (inspect(path)) {
        case Candidate::Runnable: return path;
        case Candidate::Missing: failField(configName, "command[0]", "no such file: " + path);
        case Candidate::Folder: failField(configName, "command[0]", "is a folder, not a program: " + path);
        case Candidate::NotExecutable:
            failField(configName, "command[0]", "not an executable file (chmod +x?): " + path);
        }
    }

    const std::string dirs = searchPath();
    std::string notExecutable;  // a match without execute permission, to name in the message
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t stop = dirs.find(':', start);
        if (stop == std::string::npos)
            stop = dirs.size();
        // An empty entry means the current folder, which for a trial is its working folder.
        // A relative entry is relative to the folder the trial runs in.
        const fs::path dir = stop == start ? fs::path(config.workdir) : fs::path(dirs.substr(start, stop - start));
        const std::string path = (dir.is_relative() ? fs::path(config.workdir) / dir / program : dir / program)
                                     .lexically_normal()
                                     .string();
        const Candidate found = inspect(path);
        if (found == Candidate::Runnable)
            return path;
        if (found == Candidate::NotExecutable && notExecutable.empty())
            notExecutable = path;
        start = stop + 1;
    }
    std::string message = native_detail::quoted(program) + " was not found in PATH (" + dirs + ")";
    if (!notExecutable.empty())
        message += "; " + notExecutable + " exists but is not an executable file";
    failField(configName, "command[0]", message);
}

void checkCommandExists(const StudyConfig& config, const std::string& configName)
{
    resolveCommand(config, configName);
}

} // namespace tendril
