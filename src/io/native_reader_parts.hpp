// Pieces of the tendril/1 reader shared by its study and trial halves, and by the study
// configuration reader, which reads the same objective, metric, parameter, algorithm and budget
// objects.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/io/json_reader.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tendril::native_detail {

// The string as a JSON literal, for messages: "done" with quotes and escapes.
std::string quoted(std::string_view s);

// Remembers which fields of one object were seen, to refuse a field given twice and to name a
// missing required one.
class SeenFields {
public:
    // Marks field bit (0..63) as seen; refuses a second occurrence at the reader's current path.
    void mark(JsonReader& in, int bit);
    bool has(int bit) const { return (bits_ >> bit & 1u) != 0; }

private:
    std::uint64_t bits_ = 0;
};

// Refuses with `<path>: missing required field "name"`; the reader has just left the object.
[[noreturn]] void failMissing(const JsonReader& in, std::string_view field);

// The fields tendril/1 does not name on a study or trial, merged with its explicit "user_attrs"
// object into one compact JSON object. Members of "user_attrs" win over unknown fields of the same
// name; otherwise members keep document order.
class UserAttrs {
public:
    void addUnknownField(JsonReader& in);   // after nextKey(): takes the member under its name
    void readExplicitObject(JsonReader& in);  // at the "user_attrs" value; null means none
    std::string toJson() const;             // "" when there was nothing

private:
    void put(std::string_view key, std::string json, bool fromExplicit);
    struct Member {
        std::string key;
        std::string json;
        bool fromExplicit;
    };
    std::vector<Member> members_;
    bool explicitGiven_ = false;
};

// How the object readers below treat a member they do not know. A tendril/1 file ignores it (other
// tools add fields of their own); a study configuration refuses it, because a misspelt optional
// field would otherwise fall back to its default without a word.
enum class UnknownFields { Ignore, Refuse };

// Consumes the current member's value under Ignore; under Refuse fails with
// `<path>: unknown field; expected one of <known>`.
void handleUnknownField(JsonReader& in, UnknownFields rule, std::string_view known);

// A string, or null for "" (optional text fields).
std::string readOptionalString(JsonReader& in);
// An optional whole number; null means absent.
std::optional<std::int64_t> readOptionalInteger(JsonReader& in);
// A trial id or a reference to one: a string, or an integer turned into its decimal text.
std::string readTrialRef(JsonReader& in);

// A string that must not be empty.
std::string readNonEmptyString(JsonReader& in);
// An object kept as compact JSON text; null for "".
std::string readObjectJson(JsonReader& in);
Direction readDirection(JsonReader& in);

void readObjective(JsonReader& in, Objective& objective, UnknownFields rule);
void readMetricSpecs(JsonReader& in, std::vector<MetricSpec>& metrics, UnknownFields rule);
// One Param object, validated (Param::validate); a refusal names the field at fault
// (`space[1].low: parameter "lr": a log-scaled range needs low > 0, got 0`).
Param readParam(JsonReader& in, UnknownFields rule);
// A list of Param objects with distinct names.
void readSpace(JsonReader& in, SearchSpace& space, UnknownFields rule);
// The algorithm's name may be null or absent here; a study configuration requires it itself.
void readAlgorithm(JsonReader& in, Algorithm& algorithm, UnknownFields rule);
void readBudget(JsonReader& in, Budget& budget, UnknownFields rule);

// Reads the "trials" array of the study at studyPath ("studies[0]").
void readTrials(JsonReader& in, std::vector<Trial>& trials, const std::string& studyPath);

} // namespace tendril::native_detail
