// Helpers shared by the study and trial halves of the tendril/1 reader and by the study
// configuration reader.
#include "native_reader_parts.hpp"

#include "tendril/io/json_writer.hpp"

#include <cmath>

namespace tendril::native_detail {

std::string quoted(std::string_view s)
{
    std::string out;
    appendJsonString(out, s);
    return out;
}

void SeenFields::mark(JsonReader& in, int bit)
{
    const std::uint64_t mask = std::uint64_t(1) << bit;
    if (bits_ & mask)
        in.failAtPath("the field is given twice");
    bits_ |= mask;
}

void failMissing(const JsonReader& in, std::string_view field)
{
    in.failAtPath("missing required field " + quoted(field));
}

void UserAttrs::put(std::string_view key, std::string json, bool fromExplicit)
{
    for (Member& m : members_) {
        if (m.key != key)
            continue;
        if (fromExplicit || !m.fromExplicit) {
            m.json = std::move(json);
            m.fromExplicit = fromExplicit;
        }
        return;
    }
    members_.push_back(Member{std::string(key), std::move(json), fromExplicit});
}

void UserAttrs::addUnknownField(JsonReader& in)
{
    const std::string key(in.key());
    put(key, in.readCompactJson(), false);
}

void UserAttrs::readExplicitObject(JsonReader& in)
{
    if (in.skipNull())
        return;
    in.beginObject();
    explicitGiven_ = true;
    while (in.nextKey()) {
        const std::string key(in.key());
        put(key, in.readCompactJson(), true);
    }
}

std::string UserAttrs::toJson() const
{
    if (members_.empty() && !explicitGiven_)
        return {};
    std::string out;
    JsonWriter w(out, 0);
    w.beginObject();
    for (const Member& m : members_)
        w.key(m.key).raw(m.json);
    w.endObject();
    return out;
}

std::string readOptionalString(JsonReader& in)
{
    if (in.skipNull())
        return {};
    return std::string(in.readString());
}

std::optional<std::int64_t> readOptionalInteger(JsonReader& in)
{
    if (in.skipNull())
        return std::nullopt;
    return in.readInteger();
}

std::string readTrialRef(JsonReader& in)
{
    const JsonReader::Kind kind = in.peek();
    if (kind == JsonReader::Kind::String)
        return std::string(in.readString());
    if (kind == JsonReader::Kind::Number) {
        // Other tools number their trials; the number's decimal text becomes the id.
        const Value v = in.readScalar();
        if (v.isInt())
            return std::to_string(v.asInt());
        in.failAtPath("expected a string or an integer, got " + v.toString());
    }
    in.failExpected("a string or an integer");
}

void handleUnknownField(JsonReader& in, UnknownFields rule, std::string_view known)
{
    if (rule == UnknownFields::Refuse)
        in.failAtPath("unknown field; expected one of " + std::string(known));
    in.skipValue();
}

std::string readNonEmptyString(JsonReader& in)
{
    std::string s(in.readString());
    if (s.empty())
        in.failAtPath("must not be empty");
    return s;
}

std::string readObjectJson(JsonReader& in)
{
    if (in.skipNull())
        return {};
    if (in.peek() != JsonReader::Kind::Object)
        in.failExpected("an object");
    return in.readCompactJson();
}

Direction readDirection(JsonReader& in)
{
    if (in.peek() != JsonReader::Kind::String)
        in.failExpected("one of maximize, minimize");
    const std::string_view text = in.readString();
    if (const std::optional<Direction> d = parseDirection(text))
        return *d;
    in.failAtPath("expected one of maximize, minimize, got " + quoted(text));
}

void readObjective(JsonReader& in, Objective& objective, UnknownFields rule)
{
    enum { kMetric, kDirection };
    SeenFields seen;
    in.beginObject();
    while (in.nextKey()) {
        if (in.key() == "metric") {
            seen.mark(in, kMetric);
            objective.metric = readNonEmptyString(in);
        } else if (in.key() == "direction") {
            seen.mark(in, kDirection);
            objective.direction = readDirection(in);
        } else {
            handleUnknownField(in, rule, "metric, direction");
        }
    }
    if (!seen.has(kMetric))
        failMissing(in, "metric");
    if (!seen.has(kDirection))
        failMissing(in, "direction");
}

void readMetricSpecs(JsonReader& in, std::vector<MetricSpec>& metrics, UnknownFields rule)
{
    enum { kName, kDirection };
    in.beginArray();
    while (in.nextElement()) {
        MetricSpec& m = metrics.emplace_back();
        SeenFields seen;
        in.beginObject();
        while (in.nextKey()) {
            if (in.key() == "name") {
                seen.mark(in, kName);
                m.name = readNonEmptyString(in);
            } else if (in.key() == "direction") {
                seen.mark(in, kDirection);
                m.direction = readDirection(in);
            } else {
                handleUnknownField(in, rule, "name, direction");
            }
        }
        if (!seen.has(kName))
            failMissing(in, "name");
        if (!seen.has(kDirection))
            failMissing(in, "direction");
    }
}

namespace {

// The field a refusal of Param::validate() is about, so that the message names it. It follows the
// order of the checks in validate(); "" (the whole parameter) for a reason it does not know.
std::string_view fieldAtFault(const Param& p)
{
    if (!p.isNumeric())
        return "choices";
    if (!std::isfinite(p.low))
        return "low";
    if (!std::isfinite(p.high))
        return "high";
    if (p.low > p.high)
        return "low";
    if (p.log && p.low <= 0)
        return "low";
    if (p.type == ParamType::Int && std::floor(p.low) != p.low)
        return "low";
    if (p.type == ParamType::Int && std::floor(p.high) != p.high)
        return "high";
    if (p.step)
        return "step";
    return {};
}

} // namespace

Param readParam(JsonReader& in, UnknownFields rule)
{
    enum { kName, kType, kLow, kHigh, kLog, kStep, kChoices };
    Param p;
    SeenFields seen;
    in.beginObject();
    while (in.nextKey()) {
        const std::string_view k = in.key();
        if (k == "name") {
            seen.mark(in, kName);
            p.name = readNonEmptyString(in);
        } else if (k == "type") {
            seen.mark(in, kType);
            if (in.peek() != JsonReader::Kind::String)
                in.failExpected("one of float, int, categorical");
            const std::string_view text = in.readString();
            const std::optional<ParamType> type = parseParamType(text);
            if (!type)
                in.failAtPath("expected one of float, int, categorical, got " + quoted(text));
            p.type = *type;
        } else if (k == "low") {
            seen.mark(in, kLow);
            p.low = in.readNumber();
        } else if (k == "high") {
            seen.mark(in, kHigh);
            p.high = in.readNumber();
        } else if (k == "log") {
            seen.mark(in, kLog);
            p.log = !in.skipNull() && in.readBool();
        } else if (k == "step") {
            seen.mark(in, kStep);
            p.step = in.readOptionalNumber();
        } else if (k == "choices") {
            seen.mark(in, kChoices);
            in.beginArray();
            while (in.nextElement())
                p.choices.push_back(in.readScalar());
        } else {
            handleUnknownField(in, rule, "name, type, low, high, log, step, choices");
        }
    }
    if (!seen.has(kName))
        failMissing(in, "name");
    if (!seen.has(kType))
        failMissing(in, "type");
    if (p.isNumeric() && !seen.has(kLow))
        in.failAtPath("missing required field \"low\" of " + std::string(toString(p.type)) + " parameter " +
                      quoted(p.name));
    if (p.isNumeric() && !seen.has(kHigh))
        in.failAtPath("missing required field \"high\" of " + std::string(toString(p.type)) + " parameter " +
                      quoted(p.name));
    if (!p.isNumeric() && !seen.has(kChoices))
        in.failAtPath("missing required field \"choices\" of categorical parameter " + quoted(p.name));
    if (const std::string why = p.validate(); !why.empty()) {
        std::string where = in.path();
        if (const std::string_view field = fieldAtFault(p); !field.empty())
            appendJsonPathKey(where, field);
        in.failAtPath(where, "parameter " + quoted(p.name) + ": " + why);
    }
    return p;
}

void readSpace(JsonReader& in, SearchSpace& space, UnknownFields rule)
{
    std::unordered_map<std::string, std::string> declaredAt;
    in.beginArray();
    while (in.nextElement()) {
        const std::string here = in.path();
        Param p = readParam(in, rule);
        const auto [it, inserted] = declaredAt.emplace(p.name, here);
        if (!inserted)
            in.failAtPath(here, "parameter " + quoted(p.name) + " is declared twice (also at " + it->second + ")");
        space.params.push_back(std::move(p));
    }
}

void readAlgorithm(JsonReader& in, Algorithm& algorithm, UnknownFields rule)
{
    enum { kName, kConfig };
    SeenFields seen;
    in.beginObject();
    while (in.nextKey()) {
        if (in.key() == "name") {
            seen.mark(in, kName);
            algorithm.name = readOptionalString(in);
        } else if (in.key() == "config") {
            seen.mark(in, kConfig);
            algorithm.configJson = readObjectJson(in);
        } else {
            handleUnknownField(in, rule, "name, config");
        }
    }
}

void readBudget(JsonReader& in, Budget& budget, UnknownFields rule)
{
    enum { kMaxTrials, kMaxResource, kResource, kMaxSeconds };
    SeenFields seen;
    in.beginObject();
    while (in.nextKey()) {
        const std::string_view k = in.key();
        if (k == "max_trials") {
            seen.mark(in, kMaxTrials);
            budget.maxTrials = readOptionalInteger(in);
        } else if (k == "max_resource") {
            seen.mark(in, kMaxResource);
            budget.maxResource = in.readOptionalNumber();
        } else if (k == "resource") {
            seen.mark(in, kResource);
            budget.resource = readOptionalString(in);
        } else if (k == "max_seconds") {
            seen.mark(in, kMaxSeconds);
            budget.maxSeconds = in.readOptionalNumber();
        } else {
            handleUnknownField(in, rule, "max_trials, max_resource, resource, max_seconds");
        }
    }
}

} // namespace tendril::native_detail
