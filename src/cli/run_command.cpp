// tendril-cli run: runs a study with the trial runner and prints its progress.
#include "commands.hpp"
#include "run_progress.hpp"
#include "signal_pipe.hpp"

#include "runner/study_runner.hpp"
#include "tendril/io/study_config.hpp"

#include <QCoreApplication>

#include <csignal>

#include <filesystem>
#include <iostream>

namespace tendril::cli {

namespace {

runner::RunOptions optionsFrom(const ParsedArgs& args)
{
    runner::RunOptions options;
    options.projectPath = args.value("project");
    options.resumeStudy = args.value("resume");
    if (args.has("resume") && options.resumeStudy.empty())
        throw UsageError("option --resume expects the name of a study");
    if (!args.has("config") && options.resumeStudy.empty())
        throw UsageError("option --config is required (or --resume NAME to continue a study with the configuration "
                         "it was started with)");
    if (args.has("workers")) {
        const long long workers = parseIntOption("workers", args.value("workers"));
        if (workers < 1 || workers > 1024)
            throw UsageError("option --workers expects 1 to 1024 trials at once, got " + args.value("workers"));
        options.workers = static_cast<int>(workers);
    }
    if (args.has("config")) {
        const std::string path = args.value("config");
        options.config = readStudyConfig(path);
        options.configName = path;
    }
    return options;
}

std::string resumeCommand(const ParsedArgs& args, const std::string& study)
{
    std::string command = "tendril-cli run --project " + args.value("project");
    if (args.has("config"))
        command += " --config " + args.value("config");
    return command + " --resume " + study;
}

} // namespace

int runRun(const ParsedArgs& args)
{
    const runner::RunOptions options = optionsFrom(args);

    static int argc = 1;
    static char name[] = "tendril-cli";
    static char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    runner::StudyRunner studyRunner(options);
    const std::string study = studyRunner.studyName();
    const std::string metric = studyRunner.config().objective.metric;
    std::cout << (studyRunner.resumed() ? "resuming" : "running") << " study \"" << study << "\" ("
              << studyRunner.config().algorithm.name << ", " << studyRunner.config().workers
              << (studyRunner.config().workers == 1 ? " worker" : " workers") << ") in " << options.projectPath
              << "; trial folders in " << studyRunner.runsDir() << "\n";
    if (studyRunner.interruptedOnResume() > 0)
        std::cout << studyRunner.interruptedOnResume()
                  << " trials left running by an earlier runner were marked failed \"interrupted\"\n";
    std::cout << std::flush;

    int interrupts = 0;
    int stopSignal = 0;
    SignalPipe signalPipe([&](int signal) {
        if (++interrupts == 1) {
            stopSignal = signal;
            const std::int64_t running = studyRunner.currentProgress().running;
            std::cerr << "stopping " << running << (running == 1 ? " running trial" : " running trials")
                      << " (press Ctrl-C again to kill at once)" << std::endl;
            studyRunner.stop("interrupted");
        } else {
            studyRunner.kill();
        }
    });

    std::string lastError;
    QObject::connect(&studyRunner, &runner::StudyRunner::trialEnded, [&](const runner::TrialOutcome& outcome) {
        if (!outcome.error.empty())
            lastError = outcome.trialId + ": " + outcome.error;
        std::cout << progressLine(outcome, studyRunner.currentProgress(), metric) << '\n' << std::flush;
    });

    runner::FinishReason reason = runner::FinishReason::Error;
    std::string message;
    QObject::connect(&studyRunner, &runner::StudyRunner::finished,
                     [&](runner::FinishReason r, const QString& m) {
                         reason = r;
                         message = m.toStdString();
                         app.quit();
                     });
    studyRunner.start();
    app.exec();

    const runner::RunProgress progress = studyRunner.currentProgress();
    std::cout << summaryLine(study, progress, metric) << "; " << message << '\n' << std::flush;
    switch (reason) {
    case runner::FinishReason::Stopped:
        std::cerr << "interrupted: the study can be resumed with: " << resumeCommand(args, study) << std::endl;
        return 128 + (stopSignal ? stopSignal : SIGINT);
    case runner::FinishReason::TimeBudget:
        std::cout << "the study can be resumed with: " << resumeCommand(args, study) << '\n';
        return 0;
    case runner::FinishReason::Error: throw CommandError(message);
    case runner::FinishReason::BudgetSpent:
    case runner::FinishReason::SearchFinished: break;
    }
    // A script that cannot run at all fails every trial; that must not look like success to CI.
    if (progress.failed > 0 && progress.complete == 0 && progress.pruned == 0)
        throw CommandError("every trial of study \"" + study + "\" failed (" + std::to_string(progress.failed) +
                           ")" + (lastError.empty() ? "" : "; last error: " + lastError.substr(0, lastError.find('\n'))));
    return 0;
}

} // namespace tendril::cli
