// Everything a run needs, checked before anything runs: the configuration (with its seed chosen),
// the algorithm built from it, the program found, the project opened, the study created or its
// unfinished trials marked interrupted and reloaded, and the study's runs folder locked so that no
// second runner works on the same study.
#pragma once

#include "run_types.hpp"

#include "tendril/search/algorithm.hpp"
#include "tendril/store/project.hpp"
#include "tendril/store/study_recorder.hpp"

#include <QLockFile>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tendril::runner {

struct PreparedRun {
    StudyConfig config;      // seed filled in, workers overridden
    std::string configName;  // starts messages about the configuration
    std::string program;     // command[0] as an absolute path
    std::filesystem::path runsDir;
    std::unique_ptr<Project> project;
    std::unique_ptr<StudyRecorder> recorder;
    std::unique_ptr<search::SearchAlgorithm> algorithm;
    std::unique_ptr<QLockFile> lock;
    Study study;             // as loaded (with curves) after the unfinished trials were marked
    bool resumed = false;
    std::vector<std::string> interrupted;  // trials a resume found unfinished, now failed "interrupted"
};

// Throws RunError with a one-line message naming the file, study or field at fault; nothing is
// written to the project then (a project file this call created is removed again).
PreparedRun prepareRun(const RunOptions& options);

// The current time, ISO-8601 UTC with milliseconds.
std::string utcNow();

// The error a trial failed with when the runner stopped it or found it unfinished; a resumed study
// continues such trials (search::wasInterrupted).
inline constexpr const char* kInterrupted = "interrupted";

} // namespace tendril::runner
