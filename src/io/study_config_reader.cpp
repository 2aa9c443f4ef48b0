// Reading a study configuration: the same pull parser and the same objective, space, algorithm and
// budget readers as tendril/1, but strict. A configuration is written by hand, so a field the
// reader does not know is refused rather than ignored: "wrokers" must not quietly mean one worker.
#include "tendril/io/study_config.hpp"

#include "file_io.hpp"
#include "native_reader_parts.hpp"

#include <charconv>
#include <climits>
#include <cmath>
#include <filesystem>

namespace tendril {

using namespace native_detail;

namespace {

constexpr std::string_view kConfigFields =
    "name, command, workdir, objective, metrics, space, algorithm, budget, resource_arg, workers, "
    "trial_timeout_seconds, kill_grace_seconds, env, seed, parent";

// The JSON path of a field of the configuration object at base ("" at the top of a file).
std::string fieldPath(const std::string& base, std::string_view field)
{
    std::string path = base;
    appendJsonPathKey(path, field);
    return path;
}

// Arguments, variables and paths end up in exec() and the environment as C strings, where a NUL
// byte would silently cut them short.
void refuseNulCharacter(const JsonReader& in, std::string_view text)
{
    if (text.find('\0') != std::string_view::npos)
        in.failAtPath("must not contain a NUL character (\\u0000)");
}

std::string readPlainString(JsonReader& in)
{
    std::string s(in.readString());
    refuseNulCharacter(in, s);
    return s;
}

std::string readOptionalPlainString(JsonReader& in)
{
    if (in.skipNull())
        return {};
    return readPlainString(in);
}

void readCommand(JsonReader& in, std::vector<std::string>& command)
{
    constexpr const char* kShape = "must be a non-empty list of strings";
    if (in.peek() != JsonReader::Kind::Array)
        in.failAtPath(kShape);
    in.beginArray();
    while (in.nextElement()) {
        command.push_back(readPlainString(in));
        if (command.size() == 1 && command[0].empty())
            in.failAtPath("the program must not be empty");
    }
    if (command.empty())
        in.failAtPath(kShape);
}

double readPositiveSeconds(JsonReader& in)
{
    const double seconds = in.readNumber();
    if (!(seconds > 0) || !std::isfinite(seconds))
        in.failAtPath("must be a positive number of seconds, got " + formatDouble(seconds));
    return seconds;
}

int readWorkers(JsonReader& in)
{
    const std::int64_t workers = in.readInteger();
    if (workers < 1 || workers > INT_MAX)
        in.failAtPath("must be a whole number from 1 to " + std::to_string(INT_MAX) + ", got " +
                      std::to_string(workers));
    return static_cast<int>(workers);
}

// Seeds span the whole unsigned 64-bit range, beyond what readInteger reads, so the token's digits
// are converted here.
std::uint64_t readSeed(JsonReader& in)
{
    const std::string expected = "a whole number from 0 to " + std::to_string(UINT64_MAX);
    if (in.peek() != JsonReader::Kind::Number)
        in.failExpected(expected);
    const std::string_view text = in.readNumberText();
    std::uint64_t seed = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size())
        in.failAtPath("expected " + expected + ", got " + std::string(text));
    return seed;
}

void readEnv(JsonReader& in, std::vector<std::pair<std::string, std::string>>& env)
{
    in.beginObject();
    while (in.nextKey()) {
        const std::string_view name = in.key();
        if (name.empty())
            in.failAtPath("a variable name must not be empty");
        if (name.find('=') != std::string_view::npos)
            in.failAtPath("a variable name cannot contain '='");
        refuseNulCharacter(in, name);
        for (const auto& [seen, value] : env)
            if (seen == name)
                in.failAtPath("the variable is given twice");
        std::string key(name);
        if (in.peek() != JsonReader::Kind::String)
            in.failExpected("a string");
        env.emplace_back(std::move(key), readPlainString(in));
    }
}

void checkBudget(const JsonReader& in, const Budget& budget, const std::string& budgetPath)
{
    if (budget.maxTrials && *budget.maxTrials < 1)
        in.failAtPath(fieldPath(budgetPath, "max_trials"),
                      "must be at least 1, got " + std::to_string(*budget.maxTrials));
    if (budget.maxResource && (!(*budget.maxResource > 0) || !std::isfinite(*budget.maxResource)))
        in.failAtPath(fieldPath(budgetPath, "max_resource"),
                      "must be a positive number, got " + formatDouble(*budget.maxResource));
    if (budget.maxSeconds && (!(*budget.maxSeconds > 0) || !std::isfinite(*budget.maxSeconds)))
        in.failAtPath(fieldPath(budgetPath, "max_seconds"),
                      "must be a positive number of seconds, got " + formatDouble(*budget.maxSeconds));
}

// A metric listed twice, or listed besides the objective, would leave its preferred direction
// ambiguous.
void checkMetricNames(const JsonReader& in, const StudyConfig& c, const std::string& base)
{
    for (std::size_t i = 0; i < c.metrics.size(); ++i) {
        const std::string where = fieldPath(base, "metrics") + "[" + std::to_string(i) + "].name";
        const std::string& name = c.metrics[i].name;
        if (name == c.objective.metric)
            in.failAtPath(where, native_detail::quoted(name) + " is the objective metric; it is listed in objective only");
        for (std::size_t j = 0; j < i; ++j)
            if (c.metrics[j].name == name)
                in.failAtPath(where, "metric " + native_detail::quoted(name) + " is listed twice (also at metrics[" +
                                         std::to_string(j) + "])");
    }
}

// Lexically normal and without a trailing separator, so that a folder has one spelling and a
// configuration written out reads back equal.
std::string absoluteFolder(const std::string& dir, const std::string& baseDir)
{
    namespace fs = std::filesystem;
    fs::path base = baseDir.empty() ? fs::current_path() : fs::path(baseDir);
    if (base.is_relative())
        base = fs::current_path() / base;
    fs::path p = fs::path(dir).is_absolute() ? fs::path(dir) : base / dir;
    p = p.lexically_normal();
    if (!p.has_filename() && p != p.root_path())
        p = p.parent_path();
    return p.string();
}

// Reads the configuration object the reader is at; paths in messages are relative to it.
StudyConfig readConfigObject(JsonReader& in, const std::string& baseDir)
{
    enum {
        kName, kCommand, kWorkdir, kObjective, kMetrics, kSpace, kAlgorithm, kBudget, kResourceArg, kWorkers,
        kTrialTimeout, kKillGrace, kEnv, kSeed, kParent
    };
    const std::string base = in.path();
    if (in.peek() != JsonReader::Kind::Object)
        in.failExpected("a JSON object (a study configuration)");
    StudyConfig c;
    SeenFields seen;
    in.beginObject();
    while (in.nextKey()) {
        const std::string_view k = in.key();
        if (k == "name") {
            seen.mark(in, kName);
            c.name = readNonEmptyString(in);
        } else if (k == "command") {
            seen.mark(in, kCommand);
            readCommand(in, c.command);
        } else if (k == "workdir") {
            seen.mark(in, kWorkdir);
            c.workdir = readOptionalPlainString(in);
        } else if (k == "objective") {
            seen.mark(in, kObjective);
            readObjective(in, c.objective, UnknownFields::Refuse);
        } else if (k == "metrics") {
            seen.mark(in, kMetrics);
            if (!in.skipNull())
                readMetricSpecs(in, c.metrics, UnknownFields::Refuse);
        } else if (k == "space") {
            seen.mark(in, kSpace);
            readSpace(in, c.space, UnknownFields::Refuse);
            if (c.space.empty())
                in.failAtPath("must list at least one parameter");
        } else if (k == "algorithm") {
            seen.mark(in, kAlgorithm);
            readAlgorithm(in, c.algorithm, UnknownFields::Refuse);
            if (c.algorithm.name.empty())
                in.failAtPath(fieldPath(in.path(), "name"),
                              "must name the search algorithm (grid, random, tpe, gp, hyperband, bohb, asha, pbt, ...)");
        } else if (k == "budget") {
            seen.mark(in, kBudget);
            if (!in.skipNull()) {
                readBudget(in, c.budget, UnknownFields::Refuse);
                checkBudget(in, c.budget, in.path());
            }
        } else if (k == "resource_arg") {
            seen.mark(in, kResourceArg);
            c.resourceArg = readOptionalPlainString(in);
        } else if (k == "workers") {
            seen.mark(in, kWorkers);
            c.workers = readWorkers(in);
        } else if (k == "trial_timeout_seconds") {
            seen.mark(in, kTrialTimeout);
            if (!in.skipNull())
                c.trialTimeoutSeconds = readPositiveSeconds(in);
        } else if (k == "kill_grace_seconds") {
            seen.mark(in, kKillGrace);
            if (!in.skipNull())
                c.killGraceSeconds = readPositiveSeconds(in);
        } else if (k == "env") {
            seen.mark(in, kEnv);
            if (!in.skipNull())
                readEnv(in, c.env);
        } else if (k == "seed") {
            seen.mark(in, kSeed);
            if (!in.skipNull())
                c.seed = readSeed(in);
        } else if (k == "parent") {
            seen.mark(in, kParent);
            c.parent = readOptionalString(in);
        } else {
            handleUnknownField(in, UnknownFields::Refuse, kConfigFields);
        }
    }
    if (!seen.has(kName))
        failMissing(in, "name");
    if (!seen.has(kCommand))
        failMissing(in, "command");
    if (!seen.has(kObjective))
        failMissing(in, "objective");
    if (!seen.has(kSpace))
        failMissing(in, "space");
    if (!seen.has(kAlgorithm))
        failMissing(in, "algorithm");
    checkMetricNames(in, c, base);
    c.workdir = absoluteFolder(c.workdir.empty() ? "." : c.workdir, baseDir);
    return c;
}

} // namespace

StudyConfig parseStudyConfig(std::string_view text, const std::string& name, const std::string& baseDir)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw FormatError(name + ": file is empty, expected a study configuration (a JSON object)");
    JsonReader in(text, name);
    StudyConfig config = readConfigObject(in, baseDir);
    in.expectEnd();
    return config;
}

StudyConfig readStudyConfig(const std::string& path)
{
    const io_detail::FileBytes text = io_detail::readFileBytes(path);
    const std::filesystem::path folder = std::filesystem::absolute(path).parent_path();
    return parseStudyConfig(text.view(), path, folder.string());
}

std::optional<StudyConfig> storedStudyConfig(const Study& study)
{
    if (study.userAttrsJson.empty())
        return std::nullopt;
    // The attributes are read inside a wrapper object so that every message, the reader's own
    // included, names the full path: `user_attrs.run_config.workers: ...`.
    const std::string wrapped = "{\"user_attrs\":" + study.userAttrsJson + "}";
    JsonReader in(wrapped, "study " + native_detail::quoted(study.name));
    in.beginObject();
    while (in.nextKey()) {
        if (in.peek() != JsonReader::Kind::Object)
            in.failExpected("an object");
        in.beginObject();
        while (in.nextKey()) {
            if (in.key() != "run_config") {
                in.skipValue();
                continue;
            }
            if (in.skipNull())
                return std::nullopt;
            // The stored workdir is absolute already; the base only matters for a hand-edited one.
            return readConfigObject(in, std::string());
        }
    }
    return std::nullopt;
}

} // namespace tendril
