// The search space as the study dialog's table edits it: one row of cell texts per parameter, read
// into Params with a reason for every cell that cannot be used. Texts, not numbers, because a
// half-typed "1e-" must stay in its cell and be marked, not be replaced.
#pragma once

#include "tendril/core/space.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tendril::app {

enum class SpaceColumn { Name, Type, Low, High, Log, Step, Choices };
inline constexpr int kSpaceColumnCount = 7;

// The field of a Param in a configuration ("low", "choices"), as error paths spell it.
std::string_view spaceColumnField(SpaceColumn column);
std::optional<SpaceColumn> spaceColumnForField(std::string_view field);

struct SpaceRow {
    std::string name;
    ParamType type = ParamType::Float;
    std::string low;
    std::string high;
    bool log = false;
    std::string step;     // "" for none
    std::string choices;  // comma-separated, see parseChoices

    friend bool operator==(const SpaceRow&, const SpaceRow&) = default;
};

struct CellIssue {
    SpaceColumn column = SpaceColumn::Name;
    std::string message;  // "low 5 is above high 1"
};

SpaceRow rowForParam(const Param& param);

// Why the cells of rows[index] cannot be used, at most one reason per cell; empty when the row
// declares a valid parameter. Names are checked against the other rows.
std::vector<CellIssue> rowIssues(const std::vector<SpaceRow>& rows, std::size_t index);
// The parameter the row declares, or nullopt when rowIssues would report something.
std::optional<Param> paramForRow(const std::vector<SpaceRow>& rows, std::size_t index);
// Every row as a parameter, or nullopt when any row has an issue.
std::optional<SearchSpace> spaceForRows(const std::vector<SpaceRow>& rows);

// Choices as one line: `relu, tanh, 16, 0.5, true`. Numbers in their shortest exact form (a whole
// real keeps ".0" so it reads back as a real), and a string that would read as something else (a
// number, true/false, text with a comma or a quote, spaces at either end, nothing) in JSON quotes.
std::string formatChoices(const std::vector<Value>& choices);
// The inverse: items separated by commas outside double quotes, trimmed; "..." is a JSON string,
// true/false booleans, integers ints, other numbers reals, anything else a string. nullopt with
// *error set for an empty item or a malformed quoted one.
std::optional<std::vector<Value>> parseChoices(std::string_view text, std::string* error);

// A number as typed: the whole trimmed text must be a finite number. nullopt otherwise.
std::optional<double> parseNumberText(std::string_view text);

} // namespace tendril::app
