// tendril-cli studies and trials: read-only listings, as text tables or as JSON for scripts.
#include "cli_common.hpp"
#include "commands.hpp"
#include "text_table.hpp"

#include "tendril/io/json_writer.hpp"
#include "tendril/io/trial_json.hpp"
#include "tendril/store/project.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace tendril::cli {

namespace {
constexpr std::size_t kFlushBytes = 1 << 20;
} // namespace

int runStudies(const ParsedArgs& args)
{
    const Project project(args.value("project"), OpenMode::ReadOnly);
    const std::vector<StudySummary> studies = project.studies();

    if (args.has("json")) {
        std::string out;
        JsonWriter w(out, 2);
        w.beginArray();
        for (const StudySummary& s : studies) {
            w.beginObject();
            w.key("name").value(s.name);
            w.key("algorithm");
            if (s.algorithm.empty())
                w.null();
            else
                w.value(s.algorithm);
            w.key("objective").beginObject();
            w.key("metric").value(s.objective.metric);
            w.key("direction").value(toString(s.objective.direction));
            w.endObject();
            w.key("trials").value(s.trials);
            w.key("states");
            writeStateCounts(w, s.states);
            w.key("best");
            if (s.best) {
                w.beginObject().key("trial").value(s.best->trial).key("value").value(s.best->value).endObject();
            } else {
                w.null();
            }
            // Additions to the contract: where the study came from.
            w.key("parent");
            if (s.parent.empty())
                w.null();
            else
                w.value(s.parent);
            w.key("created");
            if (s.created.empty())
                w.null();
            else
                w.value(s.created);
            w.endObject();
        }
        w.endArray();
        std::cout << out << "\n";
        return 0;
    }

    if (studies.empty()) {
        std::cout << "no studies in " << project.path() << "\n";
        return 0;
    }
    TextTable table({"study", "algorithm", "objective", "trials", "states", "best", "best trial"},
                    {false, false, false, true, false, true, false});
    for (const StudySummary& s : studies)
        table.addRow({s.name, s.algorithm.empty() ? "-" : s.algorithm,
                      s.objective.metric + (s.objective.direction == Direction::Maximize ? " (max)" : " (min)"),
                      std::to_string(s.trials), stateSummary(s.states),
                      s.best ? displayNumber(s.best->value) : "-", s.best ? s.best->trial : "-"});
    table.print(std::cout);
    return 0;
}

int runTrials(const ParsedArgs& args)
{
    const Project project(args.value("project"), OpenMode::ReadOnly);
    const std::string name = args.value("study");
    LoadOptions options;
    options.curves = false;
    options.notes = false;
    if (args.has("state")) {
        const std::string text = args.value("state");
        options.state = parseTrialState(text);
        if (!options.state)
            throw UsageError("option --state: expected one of " + std::string(trialStateList()) + ", got \"" +
                             text + "\"");
    }
    requireStudy(project, name);

    if (args.has("json")) {
        // One trial per line: valid JSON that is still easy to grep and diff. Read and written a
        // page at a time, in chunks, so that memory stays the same whatever the size of the study.
        std::string out = "[";
        out.reserve(kFlushBytes + 64 * 1024);
        bool first = true;
        const auto writePage = [&](const Study&, std::vector<Trial>& page) {
            for (const Trial& t : page) {
                out += first ? "\n" : ",\n";
                first = false;
                JsonWriter w(out, 0);
                writeTrialJson(w, t, false);
                if (out.size() >= kFlushBytes) {
                    std::fwrite(out.data(), 1, out.size(), stdout);
                    out.clear();
                }
            }
        };
        project.forEachTrialPage(name, options, Project::kTrialPageSize, writePage);
        out += first ? "]\n" : "\n]\n";
        std::fwrite(out.data(), 1, out.size(), stdout);
        if (std::fflush(stdout) != 0)
            throw CommandError("cannot write the listing to standard output");
        return 0;
    }

    const Study study = project.loadStudy(name, options);
    std::vector<std::string> header = {"id", "number", "state"};
    std::vector<bool> right = {false, true, false};
    for (const Param& p : study.space.params) {
        header.push_back(p.name);
        right.push_back(p.isNumeric());
    }
    std::vector<std::string> metricNames = {study.objective.metric};
    for (const MetricSpec& m : study.metrics)
        if (m.name != study.objective.metric)
            metricNames.push_back(m.name);
    for (const Trial& t : study.trials)
        for (const auto& [m, v] : t.metrics)
            if (std::find(metricNames.begin(), metricNames.end(), m) == metricNames.end())
                metricNames.push_back(m);
    for (const std::string& m : metricNames) {
        header.push_back(m);
        right.push_back(true);
    }
    TextTable table(header, right);
    for (const Trial& t : study.trials) {
        std::vector<std::string> row = {t.id, std::to_string(t.number), std::string(toString(t.state))};
        for (const Param& p : study.space.params) {
            const Value* v = t.param(p.name);
            row.push_back(v ? v->toString() : "-");
        }
        for (const std::string& m : metricNames) {
            const auto v = t.metric(m);
            row.push_back(v ? displayNumber(*v) : "-");
        }
        table.addRow(std::move(row));
    }
    table.print(std::cout);
    return 0;
}

} // namespace tendril::cli
