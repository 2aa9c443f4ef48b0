// The trial runner's own cost on this machine: 1,000 trials of a program that exits at once (two at
// a time) against the same 1,000 process starts without the runner, and the rate at which report
// lines reach the project file from one fast-printing trial. Prints a Markdown table
// (docs/performance.md keeps the numbers).
//
// usage: tendril_runner_bench [WORK_DIR] [TRIALS] [LINES]
#include "runner/study_runner.hpp"
#include "tendril/io/study_config.hpp"
#include "tendril/store/project.hpp"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProcess>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace tendril;
namespace fs = std::filesystem;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

struct Measured {
    double wall = 0;
    double cpu = 0;  // of this process only (children excluded)
};

template <class F>
Measured measure(F&& work)
{
    const double cpu = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    work();
    Measured m;
    m.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.cpu = cpuSeconds() - cpu;
    return m;
}

// The baseline: the same process starts, two at a time, with QProcess alone.
void bareProcesses(int count)
{
    QEventLoop loop;
    int started = 0, finished = 0;
    std::vector<std::unique_ptr<QProcess>> running;
    std::function<void()> launch = [&] {
        auto process = std::make_unique<QProcess>();
        QProcess* p = process.get();
        QObject::connect(p, &QProcess::finished, [&, p] {
            ++finished;
            p->deleteLater();
            for (auto& r : running)
                if (r.get() == p)
                    r.release();
            if (started < count)
                launch();
            else if (finished == count)
                loop.quit();
        });
        p->setStandardInputFile(QProcess::nullDevice());
        p->start("/bin/true", {"--x", "0.5"});
        ++started;
        running.push_back(std::move(process));
    };
    launch();
    launch();
    loop.exec();
}

runner::FinishReason runStudy(const runner::RunOptions& options)
{
    runner::StudyRunner studyRunner(options);
    runner::FinishReason reason = runner::FinishReason::Error;
    QEventLoop loop;
    QObject::connect(&studyRunner, &runner::StudyRunner::finished, [&](runner::FinishReason r, const QString& m) {
        reason = r;
        if (r == runner::FinishReason::Error)
            std::cerr << "run failed: " << m.toStdString() << "\n";
        loop.quit();
    });
    studyRunner.start();
    loop.exec();
    return reason;
}

runner::RunOptions studyOptions(const fs::path& work, const std::string& name, std::vector<std::string> command,
                                int trials)
{
    const std::string json = R"({"name": ")" + name + R"(", "command": ["placeholder"],
        "objective": {"metric": "score", "direction": "maximize"},
        "space": [{"name": "x", "type": "float", "low": 0, "high": 1}],
        "algorithm": {"name": "random"}, "budget": {"max_trials": )" +
                             std::to_string(trials) + R"(}, "workers": 2, "seed": 1})";
    runner::RunOptions o;
    o.projectPath = (work / "bench.tendril").string();
    o.config = parseStudyConfig(json, "bench.json", work.string());
    o.config->command = std::move(command);
    o.configName = "bench.json";
    return o;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const fs::path work = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "tendril-runner-bench";
    const int trials = argc > 2 ? std::stoi(argv[2]) : 1000;
    const long lines = argc > 3 ? std::stol(argv[3]) : 100000;
    fs::remove_all(work / "bench.tendril");
    fs::remove_all(work / "bench.tendril.runs");
    fs::create_directories(work);

    const Measured bare = measure([&] { bareProcesses(trials); });
    const Measured runner = measure([&] {
        if (runStudy(studyOptions(work, "true", {"/bin/true"}, trials)) != runner::FinishReason::BudgetSpent)
            std::exit(1);
    });
    const std::size_t recorded = Project((work / "bench.tendril").string(), OpenMode::ReadOnly).loadStudy("true").trials.size();

    // A file of report lines, printed by cat as fast as a pipe takes them: the runner is the
    // bottleneck, not the script.
    const fs::path reportFile = work / "reports.txt";
    {
        std::ofstream out(reportFile);
        char buf[96];
        for (long i = 0; i < lines; ++i) {
            std::snprintf(buf, sizeof buf, "{\"step\": %ld, \"score\": %.17g}\n", i, 0.5 + 1e-7 * static_cast<double>(i));
            out << buf;
        }
    }
    // The appended --x VALUE become positional parameters of sh, which the command ignores.
    const Measured ingest = measure([&] {
        if (runStudy(studyOptions(work, "lines", {"/bin/sh", "-c", "exec cat \"$0\"", reportFile.string()}, 1)) !=
            runner::FinishReason::BudgetSpent)
            std::exit(1);
    });
    const Study linesStudy = Project((work / "bench.tendril").string(), OpenMode::ReadOnly).loadStudy("lines");
    const std::size_t points = linesStudy.trials.at(0).curve("score") ? linesStudy.trials[0].curve("score")->size() : 0;

    const double perTrialWall = (runner.wall - bare.wall) / trials * 1000.0;
    const double perTrialCpu = (runner.cpu - bare.cpu) / trials * 1000.0;
    std::printf("## Trial runner (%d trials of /bin/true, 2 workers; %ld report lines)\n\n", trials, lines);
    std::printf("| measurement | result | target |\n|---|---|---|\n");
    std::printf("| QProcess alone, start and finish, 2 at a time | %.2f s (%.0f processes/s) | |\n", bare.wall,
                trials / bare.wall);
    std::printf("| runner, whole study (%zu trials recorded) | %.2f s (%.0f trials/s) | |\n", recorded, runner.wall,
                trials / runner.wall);
    std::printf("| runner overhead per trial beyond the process start | %.2f ms wall, %.2f ms CPU | < 10 ms |\n",
                perTrialWall, perTrialCpu);
    std::printf("| report lines stored from one trial (%zu points in the file) | %.2f s (%.0f lines/s) | >= 100,000 "
                "lines/s |\n",
                points, ingest.wall, static_cast<double>(points) / ingest.wall);
    fs::remove_all(work / "bench.tendril.runs");
    return recorded == static_cast<std::size_t>(trials) && points == static_cast<std::size_t>(lines) ? 0 : 1;
}
