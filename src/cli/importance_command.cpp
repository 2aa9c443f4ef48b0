// tendril-cli importance: fANOVA importance of a study's hyperparameters, from the project file.
#include "cli_common.hpp"
#include "commands.hpp"
#include "text_table.hpp"

#include "tendril/engine/importance.hpp"
#include "tendril/io/json_writer.hpp"
#include "tendril/store/project.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace tendril::cli {

namespace {

engine::ImportanceOptions optionsFrom(const ParsedArgs& args)
{
    engine::ImportanceOptions o;
    o.metric = args.value("metric");
    if (args.has("trees")) {
        const long long trees = parseIntOption("trees", args.value("trees"));
        if (trees < 1 || trees > 100000)
            throw UsageError("option --trees expects a number of trees from 1 to 100000, got " + args.value("trees"));
        o.forest.trees = static_cast<int>(trees);
    }
    if (args.has("seed")) {
        const long long seed = parseIntOption("seed", args.value("seed"));
        if (seed < 0)
            throw UsageError("option --seed expects a non-negative whole number, got " + args.value("seed"));
        o.forest.seed = static_cast<std::uint64_t>(seed);
    }
    if (args.has("threads")) {
        const long long threads = parseIntOption("threads", args.value("threads"));
        if (threads < 0 || threads > 256)
            throw UsageError("option --threads expects 0 (all cores) to 256, got " + args.value("threads"));
        o.forest.threads = static_cast<int>(threads);
    }
    if (args.has("quantile")) {
        const double q = parseDoubleOption("quantile", args.value("quantile"));
        if (!(q > 0.0 && q < 1.0))
            throw UsageError("option --quantile expects a fraction strictly between 0 and 1, got " +
                             args.value("quantile"));
        o.quantile = q;
    }
    const std::string scale = args.value("scale", "sampling");
    if (scale == "sampling")
        o.scale = engine::ImportanceScale::Sampling;
    else if (scale == "raw")
        o.scale = engine::ImportanceScale::Raw;
    else
        throw UsageError("option --scale: expected sampling or raw, got \"" + scale + "\"");
    if (args.has("state")) {
        o.states.clear();
        for (const std::string& text : args.values("state")) {
            const auto state = parseTrialState(text);
            if (!state)
                throw UsageError("option --state: expected one of " + std::string(trialStateList()) + ", got \"" +
                                 text + "\"");
            o.states.push_back(*state);
        }
    }
    o.pairs = args.has("pairs");
    return o;
}

void writeJson(const engine::ImportanceReport& r, const engine::ImportanceOptions& o)
{
    std::string out;
    JsonWriter w(out, 2);
    w.beginObject();
    w.key("method").value("fanova");
    w.key("metric").value(r.metric);
    w.key("direction").value(toString(r.direction));
    w.key("trials_used").value(static_cast<std::int64_t>(r.trialsUsed));
    w.key("trees").value(static_cast<std::int64_t>(r.trees));
    w.key("seed").value(static_cast<std::int64_t>(r.seed));
    w.key("seconds").value(r.seconds);
    w.key("params").beginArray();
    for (const auto& p : r.params) {
        w.beginInlineObject();
        w.key("name").value(p.name).key("importance").value(p.importance).key("std").value(p.std);
        w.endObject();
    }
    w.endArray();
    if (o.pairs) {
        w.key("pairs").beginArray();
        for (const auto& p : r.pairs) {
            w.beginInlineObject();
            w.key("params").beginInlineArray().value(p.first).value(p.second).endArray();
            w.key("importance").value(p.importance).key("std").value(p.std);
            w.endObject();
        }
        w.endArray();
    }
    // Additions to the contract: how the numbers were obtained and what was left out.
    w.key("scale").value(toString(r.scale));
    w.key("quantile");
    if (o.quantile)
        w.value(*o.quantile);
    else
        w.null();
    w.key("cutoff");
    if (r.cutoff)
        w.value(*r.cutoff);
    else
        w.null();
    w.key("trees_used").value(static_cast<std::int64_t>(r.treesUsed));
    w.key("excluded").beginInlineObject();
    w.key("not_finite").value(static_cast<std::int64_t>(r.trialsNotFinite));
    w.key("missing_metric").value(static_cast<std::int64_t>(r.trialsMissingMetric));
    w.key("missing_params").value(static_cast<std::int64_t>(r.trialsMissingParams));
    w.endObject();
    w.key("dropped_params").beginInlineArray();
    for (const std::string& p : r.droppedParams)
        w.value(p);
    w.endArray();
    w.key("note");
    if (r.note.empty())
        w.null();
    else
        w.value(r.note);
    w.endObject();
    std::cout << out << "\n";
}

std::string bar(double fraction)
{
    const int width = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 30));
    std::string s;
    for (int i = 0; i < width; ++i)
        s += "\u2588";
    return s;
}

std::string percent(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
    return buf;
}

void writeText(const engine::ImportanceReport& r, const std::string& study)
{
    std::cout << "fANOVA importance of " << r.metric << " (" << toString(r.direction) << ") in " << study << ": "
              << r.trialsUsed << " trials, " << r.trees << " trees, " << toString(r.scale) << " scale";
    if (r.cutoff)
        std::cout << ", best-quantile cutoff " << displayNumber(*r.cutoff);
    std::cout << "\n";
    if (!r.note.empty())
        std::cout << "note: " << r.note << "\n";
    if (!r.droppedParams.empty()) {
        std::cout << "not analysed (in under half of the trials):";
        for (const std::string& p : r.droppedParams)
            std::cout << " " << p;
        std::cout << "\n";
    }
    std::cout << "\n";
    TextTable singles({"parameter", "importance", "± std", ""}, {false, true, true, false});
    for (const auto& p : r.params)
        singles.addRow({p.name, percent(p.importance), percent(p.std), bar(p.importance)});
    singles.print(std::cout);
    if (!r.pairs.empty()) {
        std::cout << "\n";
        TextTable pairs({"interaction", "importance", "± std", ""}, {false, true, true, false});
        for (const auto& p : r.pairs)
            pairs.addRow({p.first + " × " + p.second, percent(p.importance), percent(p.std), bar(p.importance)});
        pairs.print(std::cout);
    }
    std::cout << "\n(fractions of the forest's variance, not renormalised; computed in " << displayNumber(r.seconds)
              << " s)\n";
}

} // namespace

int runImportance(const ParsedArgs& args)
{
    const engine::ImportanceOptions options = optionsFrom(args);
    const Project project(args.value("project"), OpenMode::ReadOnly);
    const std::string name = args.value("study");
    requireStudy(project, name);
    LoadOptions load;
    load.curves = false;
    load.notes = false;
    const Study study = project.loadStudy(name, load);
    engine::ImportanceReport report;
    try {
        report = engine::analyzeImportance(study, options);
    } catch (const std::invalid_argument& e) {
        throw CommandError(e.what());
    }
    if (args.has("json"))
        writeJson(report, options);
    else
        writeText(report, name);
    return 0;
}

} // namespace tendril::cli
