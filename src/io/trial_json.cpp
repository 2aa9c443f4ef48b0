#include "tendril/io/trial_json.hpp"

#include "embedded_json.hpp"

#include <charconv>
#include <cmath>

namespace tendril {

namespace {

// Bounds and steps of int parameters are whole numbers; they are written without a fraction.
void writeWhole(JsonWriter& w, double d)
{
    if (std::floor(d) == d && std::fabs(d) < 9.0e15)
        w.value(static_cast<std::int64_t>(d));
    else
        w.value(d);
}

} // namespace

void writeParamJson(JsonWriter& w, const Param& p)
{
    w.beginInlineObject();
    w.key("name").value(p.name);
    w.key("type").value(toString(p.type));
    if (p.isNumeric()) {
        if (p.type == ParamType::Int) {
            writeWhole(w.key("low"), p.low);
            writeWhole(w.key("high"), p.high);
        } else {
            w.key("low").value(p.low);
            w.key("high").value(p.high);
        }
        if (p.log)
            w.key("log").value(true);
        if (p.step) {
            if (p.type == ParamType::Int)
                writeWhole(w.key("step"), *p.step);
            else
                w.key("step").value(*p.step);
        }
    } else {
        w.key("choices").beginInlineArray();
        for (const Value& c : p.choices)
            writeValueJson(w, c);
        w.endArray();
    }
    w.endObject();
}

void writeValueJson(JsonWriter& w, const Value& v)
{
    switch (v.kind()) {
    case Value::Kind::Null: w.null(); break;
    case Value::Kind::Bool: w.value(v.asBool()); break;
    case Value::Kind::Int: w.value(v.asInt()); break;
    case Value::Kind::String: w.value(v.asString()); break;
    case Value::Kind::Real: {
        const double d = v.asReal();
        if (!std::isfinite(d)) {
            w.value(d);
            break;
        }
        // A real that happens to be whole keeps a fraction so that it reads back as a real, not an int.
        char buf[40];
        char* end = std::to_chars(buf, buf + sizeof buf - 2, d).ptr;
        if (std::string_view(buf, static_cast<std::size_t>(end - buf)).find_first_of(".eE") == std::string_view::npos) {
            *end++ = '.';
            *end++ = '0';
        }
        w.raw(std::string_view(buf, static_cast<std::size_t>(end - buf)));
        break;
    }
    }
}

void writeTrialJson(JsonWriter& w, const Trial& t, bool withCurves)
{
    const auto what = [&t](const char* field) { return std::string(field) + " of trial \"" + t.id + "\""; };
    w.beginObject();
    w.key("id").value(t.id);
    w.key("number").value(t.number);
    w.key("state").value(toString(t.state));
    w.key("params").beginInlineObject();
    for (const auto& [name, v] : t.params)
        if (!v.isNull())  // null means absent; the file has no other way to say it
            writeValueJson(w.key(name), v);
    w.endObject();
    if (!t.metrics.empty()) {
        w.key("metrics").beginInlineObject();
        for (const auto& [name, v] : t.metrics)
            w.key(name).value(v);
        w.endObject();
    }
    if (withCurves && !t.curves.empty()) {
        w.key("curves").beginObject();
        for (const auto& [name, c] : t.curves) {
            // One line per curve: a point per line would double the size of a file of curves.
            w.key(name).beginInlineArray();
            for (std::size_t i = 0; i < c.size(); ++i) {
                w.beginInlineArray().value(c.steps[i]).value(c.values[i]);
                if (c.hasSeconds() && !std::isnan(c.seconds[i]))
                    w.value(c.seconds[i]);
                w.endArray();
            }
            w.endArray();
        }
        w.endObject();
    }
    if (t.iteration)
        w.key("iteration").value(*t.iteration);
    if (!t.parent.empty())
        w.key("parent").value(t.parent);
    if (t.startStep)
        w.key("start_step").value(*t.startStep);
    if (t.bracket)
        w.key("bracket").value(*t.bracket);
    if (t.rung)
        w.key("rung").value(*t.rung);
    if (t.budget)
        w.key("budget").value(*t.budget);
    if (!t.started.empty())
        w.key("started").value(t.started);
    if (!t.finished.empty())
        w.key("finished").value(t.finished);
    if (!t.error.empty())
        w.key("error").value(t.error);
    if (!t.artifactsJson.empty())
        io_detail::writeEmbeddedJson(w.key("artifacts"), t.artifactsJson, true, what("artifacts"));
    if (!t.userAttrsJson.empty())
        io_detail::writeEmbeddedJson(w.key("user_attrs"), t.userAttrsJson, true, what("user_attrs"));
    w.endObject();
}

} // namespace tendril
