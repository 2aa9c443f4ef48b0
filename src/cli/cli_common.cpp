#include "cli_common.hpp"

#include "cli_args.hpp"

#include "tendril/io/json_writer.hpp"

namespace tendril::cli {

void requireStudy(const Project& project, const std::string& name)
{
    if (project.hasStudy(name))
        return;
    std::string known;
    for (const std::string& n : project.studyNames())
        known += (known.empty() ? "" : ", ") + n;
    throw CommandError("study \"" + name + "\" not found in " + project.path() +
                       (known.empty() ? " (the project has no studies)" : " (studies: " + known + ")"));
}

std::string stateSummary(const StateCounts& counts)
{
    std::string out;
    for (TrialState s : kAllTrialStates) {
        const auto n = counts[static_cast<std::size_t>(s)];
        if (n == 0)
            continue;
        out += (out.empty() ? "" : ", ") + std::string(toString(s)) + " " + std::to_string(n);
    }
    return out.empty() ? "no trials" : out;
}

void writeStateCounts(JsonWriter& w, const StateCounts& counts)
{
    w.beginObject();
    for (TrialState s : kAllTrialStates)
        w.key(toString(s)).value(static_cast<std::int64_t>(counts[static_cast<std::size_t>(s)]));
    w.endObject();
}

} // namespace tendril::cli
