// Import and listing speed on this machine: tendril/1 parsing against nlohmann's DOM parser, the
// whole `tendril-cli import` as a subprocess (wall time and peak memory), and the listing commands on
// a 100,000-trial project. Prints a Markdown table (docs/performance.md keeps the numbers).
//
// usage: tendril_io_bench BIN_DIR [WORK_DIR]
#include "synthetic_runs.hpp"

#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <stdexcept>

extern char** environ;

using namespace tendril;
namespace fs = std::filesystem;

namespace {

struct Measured {
    double seconds = 0;
    double peakMiB = 0;
};

// Runs a program with stdout to /dev/null; returns its wall time and peak resident memory.
// Linux carries the peak memory of the spawning process into a spawned child's accounting, so the
// benchmark (which holds large data) measures through a small copy of itself (--measure).
Measured spawnAndWait(const std::vector<std::string>& argvIn)
{
    std::vector<std::string> args = argvIn;
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + args[0]);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    const auto end = std::chrono::steady_clock::now();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(args[0] + " " + args[1] + " failed");
    return {std::chrono::duration<double>(end - start).count(), usage.ru_maxrss / 1024.0};
}

std::string selfPath;

Measured runTimed(const std::vector<std::string>& command)
{
    std::vector<std::string> args = {selfPath, "--measure"};
    args.insert(args.end(), command.begin(), command.end());
    const std::string report = (fs::temp_directory_path() / "tendril-bench-measure.txt").string();
    args.insert(args.begin() + 2, report);
    spawnAndWait(args);
    Measured m;
    std::ifstream in(report);
    in >> m.seconds >> m.peakMiB;
    return m;
}

// The --measure mode: runs the command and writes "seconds peak_MiB" to the report file.
int measureMain(int argc, char** argv)
{
    const std::string report = argv[2];
    const std::vector<std::string> command(argv + 3, argv + argc);
    const Measured m = spawnAndWait(command);
    std::ofstream(report) << m.seconds << " " << m.peakMiB << "\n";
    return 0;
}

double timeBest(int repeats, const std::function<void()>& body)
{
    double best = 1e300;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        body();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void removeProject(const fs::path& p)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(p.string() + suffix);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 3 && std::string(argv[1]) == "--measure")
        return measureMain(argc, argv);
    selfPath = fs::canonical("/proc/self/exe").string();
    if (argc < 2) {
        std::cerr << "usage: tendril_io_bench BIN_DIR [WORK_DIR]\n";
        return 2;
    }
    const std::string cli = std::string(argv[1]) + "/tendril-cli";
    const fs::path work = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "tendril-io-bench";
    fs::create_directories(work);

    std::printf("| measurement | result |\n|---|---|\n");

    // 1. The 10,000 trials x 100 steps x 2 curves export.
    const fs::path exportFile = work / "runs-10k.json";
    {
        NativeDocument doc;
        doc.studies.push_back(bench::makeSyntheticStudy("synthetic-10k", {10000, 100, 2, 1}));
        writeNativeFile(exportFile.string(), doc);
    }
    const double mb = static_cast<double>(fs::file_size(exportFile)) / 1e6;
    std::printf("| export file (10,000 trials x 100 steps x 2 curves) | %.1f MB |\n", mb);

    const std::string text = slurp(exportFile.string());
    const double domSeconds = timeBest(3, [&] { (void)nlohmann::json::parse(text).size(); });
    std::printf("| nlohmann DOM parse (reference) | %.2f s (%.0f MB/s) |\n", domSeconds, mb / domSeconds);
    const double readSeconds = timeBest(3, [&] { readNativeText(text, "runs-10k.json"); });
    std::printf("| tendril/1 reader, in memory | %.2f s (%.0f MB/s) |\n", readSeconds, mb / readSeconds);

    Measured import{1e300, 0};
    for (int i = 0; i < 3; ++i) {
        const fs::path project = work / "import.tendril";
        removeProject(project);
        const Measured m = runTimed({cli, "import", exportFile.string(), "--project", project.string()});
        if (m.seconds < import.seconds)
            import = m;
    }
    std::printf("| `tendril-cli import` of it (best of 3) | %.2f s, peak %.0f MiB |\n", import.seconds, import.peakMiB);

    // 2. Listing a 100,000-trial project.
    const fs::path big = work / "big.tendril";
    removeProject(big);
    {
        Project project(big.string(), OpenMode::CreateIfMissing);
        project.addStudies({bench::makeSyntheticStudy("synthetic-100k", {100000, 10, 2, 2})});
    }
    Measured studies{1e300, 0}, trials{1e300, 0};
    for (int i = 0; i < 3; ++i) {
        const Measured s = runTimed({cli, "studies", "--project", big.string(), "--json"});
        const Measured t = runTimed({cli, "trials", "--project", big.string(), "--study", "synthetic-100k", "--json"});
        if (s.seconds < studies.seconds)
            studies = s;
        if (t.seconds < trials.seconds)
            trials = t;
    }
    std::printf("| `studies --json`, 100,000-trial project | %.3f s, peak %.0f MiB |\n", studies.seconds, studies.peakMiB);
    std::printf("| `trials --json`, 100,000-trial study | %.3f s, peak %.0f MiB |\n", trials.seconds, trials.peakMiB);
    return 0;
}
