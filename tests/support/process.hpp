// Runs a program as a real subprocess for tests and collects its exit code and output.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace tendril::testing {

struct ProcessResult {
    int exitCode = -1;  // -1 when it did not exit normally
    std::string out;
    std::string err;
};

// Runs program with args (no shell), stdin from /dev/null; extraEnv entries are "NAME=value".
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::vector<std::string>& extraEnv = {});

// The folder with the built programs, and the source tree (for fixtures and resources).
std::string binDir();
std::string sourceDir();

// A fresh temporary folder, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& content);

} // namespace tendril::testing
