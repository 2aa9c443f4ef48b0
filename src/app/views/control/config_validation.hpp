// Checking a study configuration the way the runner will, before anything runs, and turning each
// refusal into the field it names so the dialog can put the message there.
#pragma once

#include "tendril/io/study_config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tendril::app {

struct ConfigIssue {
    // The field at fault as error messages spell it: "space[2].low", "space.lr",
    // "algorithm.config.eta", "command[0]", "budget.max_trials"; "" when the message names none.
    std::string path;
    std::string message;  // one line, starting with the path when there is one

    friend bool operator==(const ConfigIssue&, const ConfigIssue&) = default;
};

// The name configuration messages start with while the dialog checks its form.
inline constexpr std::string_view kDialogConfigName = "study";

// Reads "<configName>: <path>: <reason>" (the prefix is optional) into its path and message.
ConfigIssue issueFromMessage(std::string_view message, std::string_view configName);

// Checks config as `tendril-cli run --config` would, in order: the configuration itself
// (parseStudyConfig of studyConfigJson), a name no study of the project has (takenNames), the
// algorithm and its configuration (search::makeAlgorithm), and the program (checkCommandExists).
// Relative paths are against baseDir. On success *normalized holds the configuration as the
// runner will read it (workdir absolute) and nullopt is returned.
std::optional<ConfigIssue> checkStudyConfig(const StudyConfig& config, const std::vector<std::string>& takenNames,
                                            const std::string& baseDir, StudyConfig* normalized);

} // namespace tendril::app
