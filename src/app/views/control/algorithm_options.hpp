// What the study dialog knows about each search algorithm's configuration object: the options it
// shows as fields (with the default the algorithm applies when a field is left empty, docs/search.md)
// and the JSON plumbing that edits such an object member by member without rewriting what the user
// wrote: members keep their order and numbers keep their digits, so a configuration read from a file
// and written back by the dialog is the same text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tendril::app {

struct AlgorithmOption {
    enum class Kind {
        WholeNumber,   // a JSON integer
        Number,        // any JSON number
        NumberOrAuto,  // a number, or the string "auto"
        Boolean,       // true / false
        Choice,        // one of `choices`, a JSON string
    };
    std::string key;             // the member in algorithm.config
    std::string alias;           // another spelling the algorithm accepts, "" for none
    Kind kind = Kind::Number;
    std::string label;           // the field's label in the form
    std::string defaultText;     // what applies when the field is empty, shown as its placeholder
    std::string help;            // the field's tooltip
    std::vector<std::string> choices;
};

// The algorithms the runner builds (search::makeAlgorithm), in the order the dialog offers them.
const std::vector<std::string>& runnableAlgorithms();
// "Grid search", "Successive halving", ...; the name itself for one Tendril does not run.
std::string algorithmTitle(std::string_view algorithm);
// One sentence on what the algorithm does, for the form.
std::string algorithmSummary(std::string_view algorithm);
// The options shown as fields, in form order; empty for an unknown algorithm.
const std::vector<AlgorithmOption>& algorithmOptions(std::string_view algorithm);

// The members of a JSON object in document order, each value as compact JSON with numbers exactly
// as written.
using JsonMembers = std::vector<std::pair<std::string, std::string>>;

// Splits an object ("" reads as no members). Throws FormatError naming `name` with a line and
// column, or "expected an object".
JsonMembers splitJsonObject(std::string_view objectJson, const std::string& name);
// The compact object text of the members, in order; "" when there are none.
std::string joinJsonObject(const JsonMembers& members);

// A member's value as a form field shows it: strings without their quotes, anything else as its
// JSON text.
std::string optionText(std::string_view jsonValue);
// A field's text as a member value: a JSON number token or true/false as it is, anything else as a
// JSON string (so "abc" in a number field reaches the algorithm, which names the field and what it
// expected). Leading and trailing spaces are dropped.
std::string optionJson(std::string_view text);

// Rebuilds a configuration object after editing: the members of `order` (the keys of the object as
// it was loaded) first, each taken from the form's members or else from the extra ones, then the
// form's new members in form order, then the extra ones the object did not have. A key in both
// the form and the extra members is taken from the form.
JsonMembers composeAlgorithmConfig(const std::vector<std::string>& order, const JsonMembers& formMembers,
                                   const JsonMembers& extraMembers);

} // namespace tendril::app
