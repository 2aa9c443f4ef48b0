// tendril-cli export: studies to a tendril/1 file that import reads back to the same studies, or to
// a CSV table. The file appears whole or not at all (the writers go through a temporary file).
#include "cli_common.hpp"
#include "commands.hpp"

#include "tendril/io/csv_format.hpp"
#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <filesystem>
#include <iostream>

namespace tendril::cli {

int runExport(const ParsedArgs& args)
{
    const std::string out = args.value("out");
    std::string format = args.value("format");
    if (format.empty())
        format = std::filesystem::path(out).extension() == ".csv" ? "csv" : "native";
    if (format != "native" && format != "csv")
        throw UsageError("option --format: expected native or csv, got \"" + format + "\"");

    const Project project(args.value("project"), OpenMode::ReadOnly);
    std::vector<std::string> names = args.values("study");
    if (names.empty())
        names = project.studyNames();
    for (const std::string& name : names)
        requireStudy(project, name);

    LoadOptions options;
    options.curves = format == "native";
    options.notes = format == "native";
    NativeDocument doc;
    doc.projectName = std::filesystem::path(project.path()).stem().string();
    std::size_t trials = 0;
    for (const std::string& name : names) {
        doc.studies.push_back(project.loadStudy(name, options));
        trials += doc.studies.back().trials.size();
    }

    if (format == "native")
        writeNativeFile(out, doc);
    else
        writeCsvFile(out, doc.studies);
    std::cout << "exported " << doc.studies.size() << (doc.studies.size() == 1 ? " study" : " studies") << " ("
              << trials << " trials) to " << out << "\n";
    return 0;
}

} // namespace tendril::cli
