// Pieces of the tendril/1 reader shared by its study and trial halves.
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

// A string, or null for "" (optional text fields).
std::string readOptionalString(JsonReader& in);
// An optional whole number; null means absent.
std::optional<std::int64_t> readOptionalInteger(JsonReader& in);
// A trial id or a reference to one: a string, or an integer turned into its decimal text.
std::string readTrialRef(JsonReader& in);

// Reads the "trials" array of the study at studyPath ("studies[0]").
void readTrials(JsonReader& in, std::vector<Trial>& trials, const std::string& studyPath);

} // namespace tendril::native_detail
