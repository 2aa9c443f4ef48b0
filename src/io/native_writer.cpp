// The tendril/1 writer: streams the document in pieces, indented for structure but with small
// records (params, metrics, a whole curve) on one line each so that large files stay compact.
#include "tendril/io/native_format.hpp"

#include "embedded_json.hpp"
#include "file_io.hpp"
#include "tendril/io/json_writer.hpp"
#include "tendril/io/trial_json.hpp"

#include <ostream>
#include <stdexcept>

namespace tendril {

namespace {

constexpr int kIndent = 1;
// Pieces handed to the sink: large enough to make writes cheap, small enough to bound memory.
constexpr std::size_t kFlushBytes = std::size_t(1) << 20;

bool anyTrialHasParams(const Study& s)
{
    for (const Trial& t : s.trials)
        for (const auto& [name, v] : t.params)
            if (!v.isNull())
                return true;
    return false;
}

void writeStudyHeader(JsonWriter& w, const Study& s)
{
    const std::string about = "study \"" + s.name + "\"";
    w.key("name").value(s.name);
    w.key("objective").beginInlineObject();
    w.key("metric").value(s.objective.metric);
    w.key("direction").value(toString(s.objective.direction));
    w.endObject();
    if (!s.metrics.empty()) {
        w.key("metrics").beginArray();
        for (const MetricSpec& m : s.metrics) {
            w.beginInlineObject();
            w.key("name").value(m.name);
            w.key("direction").value(toString(m.direction));
            w.endObject();
        }
        w.endArray();
    }
    // An empty space with parameters in the trials would be refused on reading (every parameter
    // outside the declared space); leaving it out lets the reader infer it instead.
    if (!s.space.empty() || !anyTrialHasParams(s)) {
        w.key("space").beginArray();
        for (const Param& p : s.space.params)
            writeParamJson(w, p);
        w.endArray();
    }
    if (!s.algorithm.name.empty() || !s.algorithm.configJson.empty()) {
        w.key("algorithm").beginInlineObject();
        if (!s.algorithm.name.empty())
            w.key("name").value(s.algorithm.name);
        if (!s.algorithm.configJson.empty())
            io_detail::writeEmbeddedJson(w.key("config"), s.algorithm.configJson, true,
                                         "algorithm config of " + about);
        w.endObject();
    }
    if (!s.budget.empty()) {
        w.key("budget").beginInlineObject();
        if (s.budget.maxTrials)
            w.key("max_trials").value(*s.budget.maxTrials);
        if (s.budget.maxResource)
            w.key("max_resource").value(*s.budget.maxResource);
        if (!s.budget.resource.empty())
            w.key("resource").value(s.budget.resource);
        if (s.budget.maxSeconds)
            w.key("max_seconds").value(*s.budget.maxSeconds);
        w.endObject();
    }
    if (!s.parent.empty())
        w.key("parent").value(s.parent);
    if (!s.command.empty()) {
        w.key("command").beginInlineArray();
        for (const std::string& arg : s.command)
            w.value(arg);
        w.endArray();
    }
    if (!s.created.empty())
        w.key("created").value(s.created);
    if (!s.notes.empty()) {
        w.key("notes").beginArray();
        for (const Note& n : s.notes) {
            w.beginInlineObject();
            w.key("text").value(n.text);
            if (!n.created.empty())
                w.key("created").value(n.created);
            if (!n.trial.empty())
                w.key("trial").value(n.trial);
            if (!n.viewStateJson.empty())
                io_detail::writeEmbeddedJson(w.key("view_state"), n.viewStateJson, false, "view_state of a note of " + about);
            w.endObject();
        }
        w.endArray();
    }
    if (!s.userAttrsJson.empty())
        io_detail::writeEmbeddedJson(w.key("user_attrs"), s.userAttrsJson, true, "user_attrs of " + about);
}

void writeDocument(const NativeDocument& doc, const io_detail::ChunkSink& sink)
{
    std::string buf;
    buf.reserve(kFlushBytes + kFlushBytes / 4);
    JsonWriter w(buf, kIndent);
    w.beginObject();
    w.key("format").value("tendril/1");
    if (!doc.projectName.empty()) {
        w.key("project").beginInlineObject();
        w.key("name").value(doc.projectName);
        w.endObject();
    }
    w.key("studies").beginArray();
    for (const Study& s : doc.studies) {
        w.beginObject();
        writeStudyHeader(w, s);
        w.key("trials").beginArray();
        for (const Trial& t : s.trials) {
            writeTrialJson(w, t, true);
            if (buf.size() >= kFlushBytes) {
                sink(buf);
                buf.clear();
            }
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
    w.endObject();
    buf += '\n';
    sink(buf);
}

} // namespace

void writeNative(std::ostream& out, const NativeDocument& doc)
{
    writeDocument(doc, [&out](std::string_view chunk) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        if (!out)
            throw std::runtime_error("cannot write the tendril/1 document: the output stream failed");
    });
}

void writeNativeFile(const std::string& path, const NativeDocument& doc)
{
    io_detail::replaceFileAtomically(path, [&doc](const io_detail::ChunkSink& sink) { writeDocument(doc, sink); });
}

} // namespace tendril
