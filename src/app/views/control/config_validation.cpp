#include "views/control/config_validation.hpp"

#include "tendril/io/format_error.hpp"
#include "tendril/search/algorithm.hpp"

#include <algorithm>
#include <array>

namespace tendril::app {

namespace {

// The top-level fields of a configuration: a message path starts with one of them.
constexpr std::array<std::string_view, 15> kFields = {
    "name", "command", "workdir", "objective", "metrics", "space", "algorithm", "budget", "resource_arg",
    "workers", "trial_timeout_seconds", "kill_grace_seconds", "env", "seed", "parent"};

bool startsWithField(std::string_view path)
{
    return std::any_of(kFields.begin(), kFields.end(), [&](std::string_view field) {
        return path.substr(0, field.size()) == field
            && (path.size() == field.size() || path[field.size()] == '.' || path[field.size()] == '[');
    });
}

std::string quoted(const std::string& text)
{
    return "\"" + text + "\"";
}

} // namespace

ConfigIssue issueFromMessage(std::string_view message, std::string_view configName)
{
    std::string_view rest = message;
    const std::string prefix = std::string(configName) + ": ";
    if (!configName.empty() && rest.substr(0, prefix.size()) == prefix)
        rest.remove_prefix(prefix.size());
    const std::size_t colon = rest.find(": ");
    if (colon != std::string_view::npos && startsWithField(rest.substr(0, colon)))
        return {std::string(rest.substr(0, colon)), std::string(rest)};
    return {"", std::string(rest)};
}

std::optional<ConfigIssue> checkStudyConfig(const StudyConfig& config, const std::vector<std::string>& takenNames,
                                            const std::string& baseDir, StudyConfig* normalized)
{
    const std::string name(kDialogConfigName);
    StudyConfig read;
    try {
        read = parseStudyConfig(studyConfigJson(config), name, baseDir);
    } catch (const FormatError& e) {
        return issueFromMessage(e.what(), name);
    } catch (const std::invalid_argument& e) {  // the algorithm configuration is not an object
        return ConfigIssue{"algorithm.config", std::string("algorithm.config: ") + e.what()};
    }
    if (std::find(takenNames.begin(), takenNames.end(), read.name) != takenNames.end())
        return ConfigIssue{"name", "name: the project already has a study named " + quoted(read.name) +
                                       "; choose another name"};
    try {
        search::AlgorithmSetup setup;
        setup.space = read.space;
        setup.objective = read.objective;
        setup.name = read.algorithm.name;
        setup.configJson = read.algorithm.configJson;
        setup.budget = read.budget;
        setup.seed = read.seed.value_or(0);
        search::makeAlgorithm(setup);
    } catch (const search::ConfigError& e) {
        return issueFromMessage(e.what(), name);
    }
    try {
        checkCommandExists(read, name);
    } catch (const FormatError& e) {
        return issueFromMessage(e.what(), name);
    }
    if (normalized)
        *normalized = std::move(read);
    return std::nullopt;
}

} // namespace tendril::app
