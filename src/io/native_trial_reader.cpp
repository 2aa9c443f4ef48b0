// The trial half of the tendril/1 reader. Curves are the bulk of a file: their points go from the
// pull parser into reused scratch columns and from there into exactly sized Curve columns.
#include "native_reader_parts.hpp"

#include <cmath>
#include <limits>

namespace tendril::native_detail {

namespace {

enum TrialField {
    kId, kNumber, kState, kParams, kMetrics, kCurves, kIteration, kParent, kStartStep, kBracket, kRung,
    kBudget, kStarted, kFinished, kError, kArtifacts, kUserAttrs
};

constexpr const char* kPointShape = "expected [step, value] or [step, value, seconds]";

void readParams(JsonReader& in, Trial& t)
{
    in.beginObject();
    while (in.nextKey()) {
        const std::string_view name = in.key();
        if (name.empty())
            in.failAtPath("a parameter name must not be empty");
        if (t.param(name))
            in.failAtPath("the parameter is given twice");
        std::string key(name);
        Value v = in.readScalar();
        if (!v.isNull())  // null: the parameter does not apply to this trial
            t.params.emplace_back(std::move(key), std::move(v));
    }
}

void readMetrics(JsonReader& in, Trial& t)
{
    in.beginObject();
    while (in.nextKey()) {
        if (t.metric(in.key()))
            in.failAtPath("the metric is given twice");
        std::string name(in.key());
        if (const std::optional<double> v = in.readOptionalNumber())
            t.metrics.emplace_back(std::move(name), *v);
    }
}

// Refuses a point of seen elements. When the point's array is still open, its remaining elements
// are counted first so that the message tells how many there were.
[[noreturn]] void failPointShape(JsonReader& in, std::size_t seen, bool stillOpen)
{
    const std::string pointPath = stillOpen ? in.path(in.depth() - 1) : in.path();
    while (stillOpen && in.nextElement()) {
        in.skipValue();
        ++seen;
    }
    in.failAtPath(pointPath, std::string(kPointShape) + ", got " + std::to_string(seen) +
                                 (seen == 1 ? " element" : " elements"));
}

// Points are collected in buffers that live as long as the reading of the trials and then copied
// into exactly sized columns: growing each column point by point reallocates and copies it about
// log2(n) times, which was the largest cost of reading a file of curves.
struct CurveScratch {
    std::vector<double> steps, values, seconds;
};

Curve readCurve(JsonReader& in, CurveScratch& scratch)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    scratch.steps.clear();
    scratch.values.clear();
    scratch.seconds.clear();
    bool anySeconds = false;
    in.beginArray();
    while (in.nextElement()) {
        if (in.peek() != JsonReader::Kind::Array)
            in.failAtPath(std::string(kPointShape) + ", got " + in.describeNext());
        in.beginArray();
        if (!in.nextElement())
            failPointShape(in, 0, false);
        const double step = in.readNumber();
        if (!in.nextElement())
            failPointShape(in, 1, false);
        const double value = in.readOptionalNumber().value_or(kNaN);
        double seconds = kNaN;
        if (in.nextElement()) {
            seconds = in.readOptionalNumber().value_or(kNaN);
            if (in.nextElement()) {
                in.skipValue();
                failPointShape(in, 4, true);
            }
        }
        scratch.steps.push_back(step);
        scratch.values.push_back(value);
        scratch.seconds.push_back(seconds);
        anySeconds = anySeconds || !std::isnan(seconds);
    }
    Curve c;
    c.steps.assign(scratch.steps.begin(), scratch.steps.end());
    c.values.assign(scratch.values.begin(), scratch.values.end());
    if (anySeconds)  // as Curve::append keeps it: no seconds column unless some point has a time
        c.seconds.assign(scratch.seconds.begin(), scratch.seconds.end());
    return c;
}

void readCurves(JsonReader& in, Trial& t, CurveScratch& scratch)
{
    in.beginObject();
    while (in.nextKey()) {
        if (t.curve(in.key()))
            in.failAtPath("the curve is given twice");
        std::string name(in.key());
        if (in.skipNull())
            continue;
        t.curves.emplace_back(std::move(name), readCurve(in, scratch));
    }
}

TrialState readState(JsonReader& in)
{
    if (in.peek() != JsonReader::Kind::String)
        in.failExpected(std::string("one of ") + std::string(trialStateList()));
    const std::string_view text = in.readString();
    if (const std::optional<TrialState> s = parseTrialState(text))
        return *s;
    in.failAtPath("expected one of " + std::string(trialStateList()) + ", got " + quoted(text));
}

void readTrial(JsonReader& in, Trial& t, std::size_t index, std::unordered_map<std::string, std::size_t>& ids,
               const std::string& studyPath, CurveScratch& scratch)
{
    in.beginObject();
    SeenFields seen;
    UserAttrs attrs;
    t.number = static_cast<std::int64_t>(index);
    while (in.nextKey()) {
        const std::string_view k = in.key();
        if (k == "id") {
            seen.mark(in, kId);
            t.id = readTrialRef(in);
            if (t.id.empty())
                in.failAtPath("a trial id must not be empty");
            const auto [it, inserted] = ids.emplace(t.id, index);
            if (!inserted)
                in.failAtPath("duplicate trial id " + quoted(t.id) + " (also the id of " + studyPath + ".trials[" +
                              std::to_string(it->second) + "])");
        } else if (k == "number") {
            seen.mark(in, kNumber);
            t.number = in.readInteger();
        } else if (k == "state") {
            seen.mark(in, kState);
            t.state = readState(in);
        } else if (k == "params") {
            seen.mark(in, kParams);
            readParams(in, t);
        } else if (k == "metrics") {
            seen.mark(in, kMetrics);
            if (!in.skipNull())
                readMetrics(in, t);
        } else if (k == "curves") {
            seen.mark(in, kCurves);
            if (!in.skipNull())
                readCurves(in, t, scratch);
        } else if (k == "iteration") {
            seen.mark(in, kIteration);
            t.iteration = readOptionalInteger(in);
        } else if (k == "parent") {
            seen.mark(in, kParent);
            t.parent = in.skipNull() ? std::string() : readTrialRef(in);
        } else if (k == "start_step") {
            seen.mark(in, kStartStep);
            t.startStep = in.readOptionalNumber();
        } else if (k == "bracket") {
            seen.mark(in, kBracket);
            t.bracket = readOptionalInteger(in);
        } else if (k == "rung") {
            seen.mark(in, kRung);
            t.rung = readOptionalInteger(in);
        } else if (k == "budget") {
            seen.mark(in, kBudget);
            t.budget = in.readOptionalNumber();
        } else if (k == "started") {
            seen.mark(in, kStarted);
            t.started = readOptionalString(in);
        } else if (k == "finished") {
            seen.mark(in, kFinished);
            t.finished = readOptionalString(in);
        } else if (k == "error") {
            seen.mark(in, kError);
            t.error = readOptionalString(in);
        } else if (k == "artifacts") {
            seen.mark(in, kArtifacts);
            if (!in.skipNull()) {
                if (in.peek() != JsonReader::Kind::Object)
                    in.failExpected("an object");
                t.artifactsJson = in.readCompactJson();
            }
        } else if (k == "user_attrs") {
            seen.mark(in, kUserAttrs);
            attrs.readExplicitObject(in);
        } else {
            attrs.addUnknownField(in);
        }
    }
    if (!seen.has(kId))
        failMissing(in, "id");
    if (!seen.has(kState))
        failMissing(in, "state");
    if (!seen.has(kParams))
        failMissing(in, "params");
    t.userAttrsJson = attrs.toJson();
}

} // namespace

void readTrials(JsonReader& in, std::vector<Trial>& trials, const std::string& studyPath)
{
    std::unordered_map<std::string, std::size_t> ids;
    CurveScratch scratch;
    in.beginArray();
    while (in.nextElement()) {
        const std::size_t index = trials.size();
        readTrial(in, trials.emplace_back(), index, ids, studyPath, scratch);
    }
}

} // namespace tendril::native_detail
