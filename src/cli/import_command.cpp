// tendril-cli import: every input is read and checked first, then all studies are stored in one
// transaction, so a refused file or a name clash leaves the project exactly as it was.
#include "cli_common.hpp"
#include "commands.hpp"

#include "tendril/io/json_writer.hpp"
#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <filesystem>
#include <iostream>

namespace tendril::cli {

namespace {

InputFormat formatFromOption(const std::string& name)
{
    const std::vector<std::string> names = inputFormatNames();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return static_cast<InputFormat>(i);
    std::string list = "auto";
    for (const std::string& n : names)
        list += ", " + n;
    throw UsageError("option --format: unknown format \"" + name + "\" (expected one of " + list + ")");
}

// Removes a project file this command created, with its WAL side files, after a failure.
void removeCreatedProject(const std::string& path)
{
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
}

} // namespace

int runImport(const ParsedArgs& args)
{
    const std::string projectPath = args.value("project");
    const std::string formatName = args.value("format", "auto");
    std::optional<InputFormat> forced;
    if (formatName != "auto")
        forced = formatFromOption(formatName);

    std::vector<Study> studies;
    std::vector<std::string> sources;
    for (const std::string& path : args.positionals()) {
        const InputFormat format = forced ? *forced : detectFormat(path);
        std::vector<Study> read = readStudies(path, format);
        for (Study& s : read) {
            studies.push_back(std::move(s));
            sources.push_back(path);
        }
    }

    NameConflict conflict = NameConflict::Suffix;
    if (args.has("study")) {
        if (studies.size() != 1)
            throw CommandError("--study names one study, but the input holds " + std::to_string(studies.size()) +
                               " studies");
        studies.front().name = args.value("study");
        conflict = NameConflict::Fail;
    }

    const bool existed = std::filesystem::exists(projectPath);
    std::vector<std::string> names;
    try {
        Project project(projectPath, OpenMode::CreateIfMissing);
        names = project.addStudies(studies, conflict);
    } catch (...) {
        if (!existed)
            removeCreatedProject(projectPath);
        throw;
    }

    if (args.has("json")) {
        std::string out;
        JsonWriter w(out, 2);
        w.beginArray();
        for (std::size_t i = 0; i < studies.size(); ++i) {
            w.beginObject();
            w.key("name").value(names[i]);
            w.key("source").value(sources[i]);
            w.key("trials").value(static_cast<std::int64_t>(studies[i].trials.size()));
            w.key("states");
            writeStateCounts(w, studies[i].stateCounts());
            w.endObject();
        }
        w.endArray();
        std::cout << out << "\n";
        return 0;
    }
    for (std::size_t i = 0; i < studies.size(); ++i)
        std::cout << names[i] << "\t" << studies[i].trials.size() << " trials\t"
                  << stateSummary(studies[i].stateCounts()) << "\n";
    return 0;
}

} // namespace tendril::cli
