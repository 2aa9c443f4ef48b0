// What a trial run is started with: its argument list, its environment and its folders. Qt-free and
// free of side effects apart from the folder functions, so every rule of trial-protocol.md's
// "Launch" section is tested without starting a process.
//
// Folders of a study's runs (runsDir = <project>.runs/<study>/ unless given):
//   <runsDir>/<trial>/run-<k>/checkpoint   TENDRIL_CHECKPOINT_DIR: empty when run k starts
//   <runsDir>/<trial>/run-<k>/restore      a copy of a running donor's checkpoint (PBT exploit)
//   <runsDir>/<trial>/output               TENDRIL_OUTPUT_DIR, shared by all runs of the trial
#pragma once

#include "tendril/io/study_config.hpp"
#include "tendril/search/algorithm.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tendril::runner {

using EnvironmentList = std::vector<std::pair<std::string, std::string>>;

// A hyperparameter value as one argument: booleans true/false, ints as ints (also a whole real
// given to an int parameter), floats in shortest round-trip form, strings verbatim.
std::string formatArgument(const Param* param, const Value& value);
// Everything after the program: the configuration's fixed arguments, `--<name> <value>` for each
// parameter in the order of the space, then `resource_arg <budget>` when the configuration names
// one and the request carries a budget.
std::vector<std::string> trialArguments(const StudyConfig& config, const search::TrialRequest& request);

// A study or trial name as one folder name: letters, digits, '.', '-' and '_' as they are, every
// other byte as %XX, so different names never share a folder.
std::string folderName(std::string_view name);
// <project>.runs/<study>/
std::filesystem::path defaultRunsDir(const std::string& projectPath, const std::string& study);

struct RunFolders {
    int run = 1;  // k of run-<k>: one more than the highest run folder the trial has
    std::filesystem::path trialDir;
    std::filesystem::path runDir;
    std::filesystem::path checkpointDir;  // created empty
    std::filesystem::path outputDir;      // created when missing
};

// Creates the folders of the trial's next run. Throws std::filesystem::filesystem_error.
RunFolders createRunFolders(const std::filesystem::path& runsDir, const std::string& trialId);

struct CheckpointSource {
    int run = 0;
    std::filesystem::path dir;
};
// The checkpoint folder of the trial's latest run that saved one (a non-empty folder); nullopt
// when no run saved anything, and the run just starts over.
std::optional<CheckpointSource> latestCheckpoint(const std::filesystem::path& runsDir, const std::string& trialId);
// Copies a checkpoint folder (recursively) to target, which must not exist yet. Throws
// std::filesystem::filesystem_error.
void copyCheckpoint(const std::filesystem::path& from, const std::filesystem::path& target);

struct LaunchEnvironment {
    std::string study;
    std::string trialId;
    std::optional<double> budget;
    std::filesystem::path checkpointDir;
    std::filesystem::path restoreFrom;  // empty: TENDRIL_RESTORE_FROM is not set
    std::filesystem::path outputDir;
};

// The trial's whole environment: inherited, minus any TENDRIL_* variable of the protocol (a runner
// started from inside a trial must not leak its own), plus the configuration's env, plus
// PYTHONUNBUFFERED=1 unless either sets it (Python buffers a pipe, and reports must arrive as they
// are printed), plus the protocol's variables.
EnvironmentList trialEnvironment(const EnvironmentList& inherited, const StudyConfig& config,
                                 const LaunchEnvironment& launch);
// The runner's own environment.
EnvironmentList currentEnvironment();

} // namespace tendril::runner
