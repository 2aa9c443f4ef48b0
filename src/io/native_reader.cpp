// The tendril/1 reader: recursive descent over the pull parser, straight into the core model. There
// is no intermediate document tree; only small free-form objects (configs, artifacts, user_attrs)
// are kept as compact JSON text.
#include "tendril/io/native_format.hpp"

#include "file_io.hpp"
#include "native_reader_parts.hpp"

#include <unordered_map>

namespace tendril {

using namespace native_detail;

namespace {

constexpr std::string_view kFormatName = "tendril/1";

void checkFormatValue(JsonReader& in)
{
    if (in.peek() != JsonReader::Kind::String)
        in.failExpected(quoted(kFormatName));
    const std::string_view found = in.readString();
    if (found != kFormatName)
        in.failAtPath("expected " + quoted(kFormatName) + ", got " + quoted(found));
}

[[noreturn]] void failMissingFormat(const JsonReader& in)
{
    in.failAtPath("", "missing required field \"format\" (a tendril/1 file has \"format\": \"tendril/1\")");
}

void readCommand(JsonReader& in, std::vector<std::string>& command)
{
    in.beginArray();
    while (in.nextElement())
        command.emplace_back(in.readString());
}

void readNotes(JsonReader& in, std::vector<Note>& notes)
{
    enum { kText, kCreated, kTrial, kViewState };
    in.beginArray();
    while (in.nextElement()) {
        Note& note = notes.emplace_back();
        SeenFields seen;
        in.beginObject();
        while (in.nextKey()) {
            const std::string_view k = in.key();
            if (k == "text") {
                seen.mark(in, kText);
                note.text = in.readString();
            } else if (k == "created") {
                seen.mark(in, kCreated);
                note.created = readOptionalString(in);
            } else if (k == "trial") {
                seen.mark(in, kTrial);
                note.trial = in.skipNull() ? std::string() : readTrialRef(in);
            } else if (k == "view_state") {
                seen.mark(in, kViewState);
                note.viewStateJson = in.skipNull() ? std::string() : in.readCompactJson();
            } else {
                in.skipValue();
            }
        }
        if (!seen.has(kText))
            failMissing(in, "text");
    }
}

// Runs once the whole study is read, because "space" may follow "trials" in the object.
void checkParamsAgainstSpace(const JsonReader& in, const Study& study, const std::string& studyPath)
{
    for (std::size_t i = 0; i < study.trials.size(); ++i) {
        for (const auto& [name, value] : study.trials[i].params) {
            std::string where = studyPath + ".trials[" + std::to_string(i) + "].params";
            appendJsonPathKey(where, name);
            const Param* p = study.space.find(name);
            if (!p)
                in.failAtPath(where, "not in the declared space of study " + quoted(study.name));
            if (const std::string why = p->checkValue(value); !why.empty())
                in.failAtPath(where, why);
        }
    }
}

class StudiesReader {
public:
    explicit StudiesReader(JsonReader& in) : in_(in) {}

    void readAll(std::vector<Study>& studies)
    {
        in_.beginArray();
        while (in_.nextElement()) {
            const std::size_t index = studies.size();
            readStudy(studies.emplace_back(), index);
        }
    }

private:
    void readStudy(Study& s, std::size_t index)
    {
        enum {
            kName, kObjective, kMetrics, kSpace, kAlgorithm, kBudget, kParent, kCommand, kCreated, kNotes,
            kTrials, kUserAttrs
        };
        const std::string studyPath = in_.path();
        SeenFields seen;
        UserAttrs attrs;
        bool spaceDeclared = false;
        in_.beginObject();
        while (in_.nextKey()) {
            const std::string_view k = in_.key();
            if (k == "name") {
                seen.mark(in_, kName);
                s.name = readNonEmptyString(in_);
                const auto [it, inserted] = names_.emplace(s.name, index);
                if (!inserted)
                    in_.failAtPath("duplicate study name " + quoted(s.name) + " (also the name of studies[" +
                                   std::to_string(it->second) + "])");
            } else if (k == "objective") {
                seen.mark(in_, kObjective);
                readObjective(in_, s.objective, UnknownFields::Ignore);
            } else if (k == "metrics") {
                seen.mark(in_, kMetrics);
                if (!in_.skipNull())
                    readMetricSpecs(in_, s.metrics, UnknownFields::Ignore);
            } else if (k == "space") {
                seen.mark(in_, kSpace);
                spaceDeclared = !in_.skipNull();
                if (spaceDeclared)
                    readSpace(in_, s.space, UnknownFields::Ignore);
            } else if (k == "algorithm") {
                seen.mark(in_, kAlgorithm);
                if (!in_.skipNull())
                    readAlgorithm(in_, s.algorithm, UnknownFields::Ignore);
            } else if (k == "budget") {
                seen.mark(in_, kBudget);
                if (!in_.skipNull())
                    readBudget(in_, s.budget, UnknownFields::Ignore);
            } else if (k == "parent") {
                seen.mark(in_, kParent);
                s.parent = readOptionalString(in_);
            } else if (k == "command") {
                seen.mark(in_, kCommand);
                if (!in_.skipNull())
                    readCommand(in_, s.command);
            } else if (k == "created") {
                seen.mark(in_, kCreated);
                s.created = readOptionalString(in_);
            } else if (k == "notes") {
                seen.mark(in_, kNotes);
                if (!in_.skipNull())
                    readNotes(in_, s.notes);
            } else if (k == "trials") {
                seen.mark(in_, kTrials);
                readTrials(in_, s.trials, studyPath);
            } else if (k == "user_attrs") {
                seen.mark(in_, kUserAttrs);
                attrs.readExplicitObject(in_);
            } else {
                attrs.addUnknownField(in_);
            }
        }
        if (!seen.has(kName))
            failMissing(in_, "name");
        if (!seen.has(kObjective))
            failMissing(in_, "objective");
        if (!seen.has(kTrials))
            failMissing(in_, "trials");
        s.userAttrsJson = attrs.toJson();
        if (spaceDeclared) {
            checkParamsAgainstSpace(in_, s, studyPath);
        } else {
            s.space = inferSpace(s.trials);
            s.spaceInferred = true;
        }
    }

    JsonReader& in_;
    std::unordered_map<std::string, std::size_t> names_;
};

std::string readProjectName(JsonReader& in)
{
    std::string name;
    if (in.skipNull())
        return name;
    in.beginObject();
    while (in.nextKey()) {
        if (in.key() == "name")
            name = readOptionalString(in);
        else
            in.skipValue();
    }
    return name;
}

// When "format" is not the first member, look for it before reading anything else: a file in
// another format should be refused for its format, not for whatever field it names differently.
void checkFormatAhead(std::string_view text, const std::string& displayName)
{
    JsonReader scan(text, displayName);
    scan.beginObject();
    while (scan.nextKey()) {
        if (scan.key() == "format") {
            checkFormatValue(scan);
            return;
        }
        scan.skipValue();
    }
    failMissingFormat(scan);
}

} // namespace

NativeDocument readNativeText(std::string_view text, const std::string& displayName)
{
    if (text.empty())
        throw FormatError(displayName + ": file is empty");
    JsonReader in(text, displayName);
    if (in.peek() != JsonReader::Kind::Object)
        in.failExpected("a JSON object with \"format\": \"tendril/1\"");

    NativeDocument doc;
    bool haveFormat = false, haveStudies = false;
    StudiesReader studies(in);
    in.beginObject();
    bool first = true;
    while (in.nextKey()) {
        const std::string_view k = in.key();
        if (first && k != "format")
            checkFormatAhead(text, displayName);
        first = false;
        if (k == "format") {
            if (haveFormat)
                in.failAtPath("the field is given twice");
            checkFormatValue(in);
            haveFormat = true;
        } else if (k == "project") {
            doc.projectName = readProjectName(in);
        } else if (k == "studies") {
            if (haveStudies)
                in.failAtPath("the field is given twice");
            studies.readAll(doc.studies);
            haveStudies = true;
        } else {
            in.skipValue();
        }
    }
    in.expectEnd();
    if (!haveFormat)
        failMissingFormat(in);
    if (!haveStudies)
        failMissing(in, "studies");
    return doc;
}

NativeDocument readNativeFile(const std::string& path)
{
    const io_detail::FileBytes text = io_detail::readFileBytes(path);
    return readNativeText(text.view(), path);
}

} // namespace tendril
