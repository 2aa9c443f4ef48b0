// The study configuration: what `tendril-cli run --config` reads and the control panel writes
// (trial-protocol.md, "Study configuration"; extensions in docs/runner.md).
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/io/format_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tendril {

struct StudyConfig {
    std::string name;
    std::vector<std::string> command;  // the program and its fixed arguments
    std::string workdir;               // absolute once read (relative paths are against the file's folder)
    Objective objective;
    std::vector<MetricSpec> metrics;   // other metrics with their preferred direction (optional)
    SearchSpace space;
    Algorithm algorithm;               // name and configuration object text
    Budget budget;
    std::string resourceArg;           // e.g. "--epochs"; "" when the resource is not passed
    int workers = 1;
    std::optional<double> trialTimeoutSeconds;
    double killGraceSeconds = 5.0;     // SIGTERM to SIGKILL
    std::vector<std::pair<std::string, std::string>> env;  // in the order given
    std::optional<std::uint64_t> seed; // the algorithm's random stream; chosen and stored when absent
    std::string parent;                // the study this one refines, "" for none

    friend bool operator==(const StudyConfig&, const StudyConfig&) = default;
};

// Reads and validates a configuration. name (a file name) starts every message; syntax errors give
// its line and column (`study.json:3:7: ...`), everything else the field
// (`study.json: space[2].low: parameter "lr": low 5 is above high 3`). Refuses malformed JSON,
// unknown or duplicate fields at any depth, a missing name, command, objective, space or algorithm
// name, an empty space, a parameter of no known type or with an empty range, a metric listed twice
// or besides the objective, non-positive workers, timeouts or budget limits, env values that are
// not strings, and NUL characters in arguments, paths and variables. The algorithm's name and
// configuration are checked by the search library when the runner builds it (makeAlgorithm),
// because io does not depend on search. Relative workdir is taken against baseDir ("" for the
// current folder). The file system is not consulted; see checkCommandExists.
StudyConfig parseStudyConfig(std::string_view text, const std::string& name, const std::string& baseDir);
// Reads the file at path; relative workdir is against the file's folder.
StudyConfig readStudyConfig(const std::string& path);

// Refuses a command whose program cannot be found: a program with a slash is looked up against
// workdir, one without in PATH (the system's default path when PATH is unset; an empty entry is
// workdir); either must be an executable file. Throws FormatError naming `command[0]`, or
// `workdir` when that folder does not exist.
void checkCommandExists(const StudyConfig& config, const std::string& configName);
// The same lookup, returning the program's absolute path: what the runner launches, so that the
// program checked is the program run.
std::string resolveCommand(const StudyConfig& config, const std::string& configName);

// The configuration as JSON text (pretty, tendril field names, every field, null where unset),
// readable by parseStudyConfig: parseStudyConfig(studyConfigJson(c), ...) == c for any c that
// parseStudyConfig returned. Throws std::invalid_argument when algorithm.configJson is not a JSON
// object.
std::string studyConfigJson(const StudyConfig& config);

// The study a run of this configuration records: name, objective, metrics, space, algorithm,
// budget, command, parent, created now, and the whole configuration kept in user attrs under
// "run_config" so that a resume needs no configuration file.
Study studyForConfig(const StudyConfig& config, const std::string& created);
// The configuration a study was run with, from its user attrs; nullopt when it has none. A broken
// one throws FormatError naming the study and the path (`user_attrs.run_config.workers: ...`).
std::optional<StudyConfig> storedStudyConfig(const Study& study);

} // namespace tendril
