// Writing a study configuration, and the study record a run of it keeps. Every field is written,
// null where it is unset, so a file written here shows every setting there is to change.
#include "tendril/io/study_config.hpp"

#include "embedded_json.hpp"
#include "tendril/io/json_writer.hpp"
#include "tendril/io/trial_json.hpp"

#include <charconv>

namespace tendril {

namespace {

void optionalString(JsonWriter& w, const std::string& s)
{
    if (s.empty())
        w.null();
    else
        w.value(s);
}

template <class Number>
void optionalNumber(JsonWriter& w, const std::optional<Number>& n)
{
    if (n)
        w.value(*n);
    else
        w.null();
}

void writeStudyConfig(JsonWriter& w, const StudyConfig& c)
{
    w.beginObject();
    w.key("name").value(c.name);
    w.key("command").beginInlineArray();
    for (const std::string& arg : c.command)
        w.value(arg);
    w.endArray();
    w.key("workdir").value(c.workdir);
    w.key("objective").beginInlineObject();
    w.key("metric").value(c.objective.metric);
    w.key("direction").value(toString(c.objective.direction));
    w.endObject();
    w.key("metrics").beginArray();
    for (const MetricSpec& m : c.metrics) {
        w.beginInlineObject();
        w.key("name").value(m.name);
        w.key("direction").value(toString(m.direction));
        w.endObject();
    }
    w.endArray();
    w.key("space").beginArray();
    for (const Param& p : c.space.params)
        writeParamJson(w, p);
    w.endArray();
    w.key("algorithm").beginInlineObject();
    w.key("name").value(c.algorithm.name);
    w.key("config");
    if (c.algorithm.configJson.empty())
        w.null();
    else
        io_detail::writeEmbeddedJson(w, c.algorithm.configJson, true, "the algorithm config of study \"" + c.name + "\"");
    w.endObject();
    w.key("budget").beginInlineObject();
    optionalNumber(w.key("max_trials"), c.budget.maxTrials);
    optionalNumber(w.key("max_resource"), c.budget.maxResource);
    optionalString(w.key("resource"), c.budget.resource);
    optionalNumber(w.key("max_seconds"), c.budget.maxSeconds);
    w.endObject();
    optionalString(w.key("resource_arg"), c.resourceArg);
    w.key("workers").value(c.workers);
    optionalNumber(w.key("trial_timeout_seconds"), c.trialTimeoutSeconds);
    w.key("kill_grace_seconds").value(c.killGraceSeconds);
    w.key("env").beginObject();
    for (const auto& [name, value] : c.env)
        w.key(name).value(value);
    w.endObject();
    w.key("seed");
    if (c.seed) {
        // JsonWriter writes signed integers; seeds use all 64 bits.
        char buf[24];
        const auto res = std::to_chars(buf, buf + sizeof buf, *c.seed);
        w.raw(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
    } else {
        w.null();
    }
    optionalString(w.key("parent"), c.parent);
    w.endObject();
}

} // namespace

std::string studyConfigJson(const StudyConfig& config)
{
    std::string out;
    JsonWriter w(out, 2);
    writeStudyConfig(w, config);
    out += '\n';
    return out;
}

Study studyForConfig(const StudyConfig& config, const std::string& created)
{
    Study s;
    s.name = config.name;
    s.objective = config.objective;
    s.metrics = config.metrics;
    s.space = config.space;
    s.algorithm = config.algorithm;
    s.budget = config.budget;
    s.parent = config.parent;
    s.command = config.command;
    s.created = created;
    JsonWriter w(s.userAttrsJson, 0);
    w.beginObject().key("run_config");
    writeStudyConfig(w, config);
    w.endObject();
    return s;
}

} // namespace tendril
