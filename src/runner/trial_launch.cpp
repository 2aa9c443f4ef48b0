#include "trial_launch.hpp"

#include "run_types.hpp"


#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <system_error>

extern char** environ;

namespace tendril::runner {

namespace fs = std::filesystem;

namespace {

constexpr const char* kProtocolVariables[] = {"TENDRIL_STUDY",          "TENDRIL_TRIAL_ID",
                                              "TENDRIL_BUDGET",         "TENDRIL_CHECKPOINT_DIR",
                                              "TENDRIL_RESTORE_FROM",   "TENDRIL_OUTPUT_DIR"};

bool isProtocolVariable(const std::string& name)
{
    return std::any_of(std::begin(kProtocolVariables), std::end(kProtocolVariables),
                       [&](const char* v) { return name == v; });
}

void setVariable(EnvironmentList& env, const std::string& name, const std::string& value)
{
    for (auto& [n, v] : env) {
        if (n == name) {
            v = value;
            return;
        }
    }
    env.emplace_back(name, value);
}

bool hasVariable(const EnvironmentList& env, const std::string& name)
{
    return std::any_of(env.begin(), env.end(), [&](const auto& entry) { return entry.first == name; });
}

// The run number of a folder named run-<k>, or 0.
int runNumber(const fs::path& dir)
{
    const std::string name = dir.filename().string();
    if (name.rfind("run-", 0) != 0 || name.size() == 4)
        return 0;
    int k = 0;
    for (std::size_t i = 4; i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9' || k > 100000000)
            return 0;
        k = k * 10 + (name[i] - '0');
    }
    return k;
}

} // namespace

std::string formatArgument(const Param* param, const Value& value)
{
    if (param && param->type == ParamType::Int && value.isReal() && std::isfinite(value.asReal()) &&
        value.asReal() == std::nearbyint(value.asReal()))
        return std::to_string(static_cast<long long>(value.asReal()));
    // Value::toString gives true/false, whole ints, shortest round-trip reals and strings as they are.
    return value.toString();
}

std::vector<std::string> trialArguments(const StudyConfig& config, const search::TrialRequest& request)
{
    std::vector<std::string> args(config.command.begin() + (config.command.empty() ? 0 : 1), config.command.end());
    // The request lists its values in the order of the space already; follow the space anyway so
    // the order never depends on the algorithm.
    std::vector<bool> used(request.params.size(), false);
    auto append = [&](const std::string& name, const Value& value) {
        args.push_back("--" + name);
        args.push_back(formatArgument(config.space.find(name), value));
    };
    for (const Param& p : config.space.params) {
        for (std::size_t i = 0; i < request.params.size(); ++i) {
            if (!used[i] && request.params[i].first == p.name) {
                used[i] = true;
                append(p.name, request.params[i].second);
                break;
            }
        }
    }
    for (std::size_t i = 0; i < request.params.size(); ++i)
        if (!used[i])
            append(request.params[i].first, request.params[i].second);
    if (!config.resourceArg.empty() && request.budget) {
        args.push_back(config.resourceArg);
        args.push_back(formatDouble(*request.budget));
    }
    return args;
}

std::string folderName(std::string_view name)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                           (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.';
        if (plain) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    // "." and ".." are folders of their own; a name that is only dots gets them encoded.
    if (!out.empty() && out.find_first_not_of('.') == std::string::npos) {
        std::string encoded;
        for (std::size_t i = 0; i < out.size(); ++i)
            encoded += "%2E";
        return encoded;
    }
    return out.empty() ? std::string("%00") : out;
}

fs::path defaultRunsDir(const std::string& projectPath, const std::string& study)
{
    return fs::path(projectPath + ".runs") / folderName(study);
}

RunFolders createRunFolders(const fs::path& runsDir, const std::string& trialId)
{
    RunFolders folders;
    folders.trialDir = runsDir / folderName(trialId);
    fs::create_directories(folders.trialDir);
    int highest = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(folders.trialDir))
        if (entry.is_directory())
            highest = std::max(highest, runNumber(entry.path()));
    folders.run = highest + 1;
    folders.runDir = folders.trialDir / ("run-" + std::to_string(folders.run));
    folders.checkpointDir = folders.runDir / "checkpoint";
    folders.outputDir = folders.trialDir / "output";
    // A fresh run number means a folder nobody wrote into: the checkpoint folder starts empty.
    fs::create_directories(folders.checkpointDir);
    fs::create_directories(folders.outputDir);
    return folders;
}

std::optional<CheckpointSource> latestCheckpoint(const fs::path& runsDir, const std::string& trialId)
{
    const fs::path trialDir = runsDir / folderName(trialId);
    std::error_code ec;
    if (!fs::is_directory(trialDir, ec))
        return std::nullopt;
    std::optional<CheckpointSource> latest;
    for (const fs::directory_entry& entry : fs::directory_iterator(trialDir, ec)) {
        const int run = runNumber(entry.path());
        if (run == 0 || (latest && run < latest->run))
            continue;
        const fs::path checkpoint = entry.path() / "checkpoint";
        if (fs::is_directory(checkpoint, ec) && !fs::is_empty(checkpoint, ec))
            latest = CheckpointSource{run, checkpoint};
    }
    return latest;
}

void copyCheckpoint(const fs::path& from, const fs::path& target)
{
    fs::create_directories(target.parent_path());
    fs::copy(from, target, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

EnvironmentList trialEnvironment(const EnvironmentList& inherited, const StudyConfig& config,
                                 const LaunchEnvironment& launch)
{
    EnvironmentList env;
    env.reserve(inherited.size() + config.env.size() + 8);
    for (const auto& entry : inherited)
        if (!isProtocolVariable(entry.first))
            env.push_back(entry);
    for (const auto& [name, value] : config.env)
        setVariable(env, name, value);
    if (!hasVariable(env, "PYTHONUNBUFFERED"))
        env.emplace_back("PYTHONUNBUFFERED", "1");
    setVariable(env, "TENDRIL_STUDY", launch.study);
    setVariable(env, "TENDRIL_TRIAL_ID", launch.trialId);
    if (launch.budget)
        setVariable(env, "TENDRIL_BUDGET", formatDouble(*launch.budget));
    setVariable(env, "TENDRIL_CHECKPOINT_DIR", launch.checkpointDir.string());
    if (!launch.restoreFrom.empty())
        setVariable(env, "TENDRIL_RESTORE_FROM", launch.restoreFrom.string());
    setVariable(env, "TENDRIL_OUTPUT_DIR", launch.outputDir.string());
    return env;
}

EnvironmentList currentEnvironment()
{
    EnvironmentList env;
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const std::size_t eq = text.find('=');
        if (eq == std::string::npos || eq == 0)
            continue;
        env.emplace_back(text.substr(0, eq), text.substr(eq + 1));
    }
    return env;
}

} // namespace tendril::runner
