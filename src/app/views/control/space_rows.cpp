#include "views/control/space_rows.hpp"

#include "tendril/io/format_error.hpp"
#include "tendril/io/json_reader.hpp"
#include "tendril/io/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace tendril::app {

namespace {

constexpr std::array<std::string_view, kSpaceColumnCount> kFields = {"name", "type", "low", "high",
                                                                     "log", "step", "choices"};

std::string_view trim(std::string_view text)
{
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string quoted(std::string_view text)
{
    std::string out;
    appendJsonString(out, text);
    return out;
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

bool isWhole(double v) { return std::floor(v) == v; }

// Reads one bound; sets *issue when it cannot be used.
std::optional<double> readBound(std::string_view text, const char* what, bool whole, std::string* issue)
{
    const std::string_view t = trim(text);
    if (t.empty()) {
        *issue = std::string(what) + " is missing";
        return std::nullopt;
    }
    const std::optional<double> v = parseNumberText(t);
    if (!v) {
        *issue = "expected a number, got " + quoted(t);
        return std::nullopt;
    }
    if (whole && !isWhole(*v)) {
        *issue = "an int range needs whole-number bounds, got " + formatDouble(*v);
        return std::nullopt;
    }
    return v;
}

void addIssue(std::vector<CellIssue>& issues, SpaceColumn column, std::string message)
{
    for (const CellIssue& i : issues)
        if (i.column == column)
            return;  // one reason per cell: the first found is the one to fix first
    issues.push_back({column, std::move(message)});
}

void checkNumericRow(const SpaceRow& row, std::vector<CellIssue>& issues)
{
    const bool whole = row.type == ParamType::Int;
    std::string lowIssue, highIssue;
    const std::optional<double> low = readBound(row.low, "low", whole, &lowIssue);
    const std::optional<double> high = readBound(row.high, "high", whole, &highIssue);
    if (!low)
        addIssue(issues, SpaceColumn::Low, lowIssue);
    if (!high)
        addIssue(issues, SpaceColumn::High, highIssue);
    if (low && high && *low > *high) {
        const std::string why = "low " + formatDouble(*low) + " is above high " + formatDouble(*high);
        addIssue(issues, SpaceColumn::Low, why);
        addIssue(issues, SpaceColumn::High, why);
    }
    if (low && row.log && *low <= 0)
        addIssue(issues, SpaceColumn::Low, "a log-scaled range needs low > 0, got " + formatDouble(*low));
    const std::string_view stepText = trim(row.step);
    if (stepText.empty())
        return;
    const std::optional<double> step = parseNumberText(stepText);
    if (!step)
        addIssue(issues, SpaceColumn::Step, "expected a number, got " + quoted(stepText));
    else if (!(*step > 0))
        addIssue(issues, SpaceColumn::Step, "a step must be positive, got " + formatDouble(*step));
    else if (row.log)
        addIssue(issues, SpaceColumn::Step, "a range cannot have both log and step");
    else if (whole && !isWhole(*step))
        addIssue(issues, SpaceColumn::Step, "an int range needs a whole-number step, got " + formatDouble(*step));
}

void checkCategoricalRow(const SpaceRow& row, std::vector<CellIssue>& issues)
{
    std::string error;
    const std::optional<std::vector<Value>> choices = parseChoices(row.choices, &error);
    if (!choices) {
        addIssue(issues, SpaceColumn::Choices, error);
        return;
    }
    if (choices->empty()) {
        addIssue(issues, SpaceColumn::Choices, "a categorical parameter needs at least one choice");
        return;
    }
    for (std::size_t i = 0; i < choices->size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if ((*choices)[i] == (*choices)[j]) {
                addIssue(issues, SpaceColumn::Choices, "the choice " + (*choices)[i].toString() + " appears twice");
                return;
            }
}

// A real whose shortest form reads as an integer ("2") gets ".0", so it reads back as a real.
std::string realText(double v)
{
    std::string text = formatDouble(v);
    if (std::isfinite(v) && text.find_first_not_of("-0123456789") == std::string::npos)
        text += ".0";
    return text;
}

std::string choiceText(const Value& v)
{
    switch (v.kind()) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return v.asBool() ? "true" : "false";
    case Value::Kind::Int: return std::to_string(v.asInt());
    case Value::Kind::Real: return realText(v.asReal());
    case Value::Kind::String: break;
    }
    const std::string& s = v.asString();
    const bool ambiguous = s.empty() || trim(s).size() != s.size() || s.find_first_of(",\"") != std::string::npos
        || s == "true" || s == "false" || s == "null" || parseNumberText(s) || parseInteger(s);
    return ambiguous ? quoted(s) : s;
}

std::optional<Value> readChoice(std::string_view item, std::size_t position, std::string* error)
{
    if (item.empty()) {
        *error = "choice " + std::to_string(position + 1) + " is empty";
        return std::nullopt;
    }
    if (item.front() == '"') {
        try {
            JsonReader in(item, "choice");
            std::string text(in.readString());
            in.expectEnd();
            return Value(std::move(text));
        } catch (const FormatError&) {
            *error = "choice " + std::to_string(position + 1) + ": expected one string in double quotes, got " +
                std::string(item);
            return std::nullopt;
        }
    }
    if (item == "true" || item == "false")
        return Value(item == "true");
    if (const std::optional<std::int64_t> i = parseInteger(item))
        return Value(*i);
    if (const std::optional<double> d = parseNumberText(item))
        return Value(*d);
    return Value(std::string(item));
}

} // namespace

std::string_view spaceColumnField(SpaceColumn column)
{
    return kFields[static_cast<std::size_t>(column)];
}

std::optional<SpaceColumn> spaceColumnForField(std::string_view field)
{
    for (std::size_t i = 0; i < kFields.size(); ++i)
        if (kFields[i] == field)
            return static_cast<SpaceColumn>(i);
    return std::nullopt;
}

std::optional<double> parseNumberText(std::string_view text)
{
    const std::string_view t = trim(text);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

SpaceRow rowForParam(const Param& param)
{
    SpaceRow row;
    row.name = param.name;
    row.type = param.type;
    if (param.isNumeric()) {
        row.low = formatDouble(param.low);
        row.high = formatDouble(param.high);
        row.log = param.log;
        row.step = param.step ? formatDouble(*param.step) : std::string();
    } else {
        row.choices = formatChoices(param.choices);
    }
    return row;
}

std::vector<CellIssue> rowIssues(const std::vector<SpaceRow>& rows, std::size_t index)
{
    std::vector<CellIssue> issues;
    const SpaceRow& row = rows[index];
    const std::string_view name = trim(row.name);
    if (name.empty()) {
        addIssue(issues, SpaceColumn::Name, "a parameter needs a name");
    } else {
        for (std::size_t i = 0; i < index; ++i)
            if (trim(rows[i].name) == name) {
                addIssue(issues, SpaceColumn::Name,
                         "the name " + quoted(name) + " is already used in row " + std::to_string(i + 1));
                break;
            }
    }
    if (row.type == ParamType::Categorical)
        checkCategoricalRow(row, issues);
    else
        checkNumericRow(row, issues);
    return issues;
}

std::optional<Param> paramForRow(const std::vector<SpaceRow>& rows, std::size_t index)
{
    if (!rowIssues(rows, index).empty())
        return std::nullopt;
    const SpaceRow& row = rows[index];
    Param p;
    p.name = std::string(trim(row.name));
    p.type = row.type;
    if (row.type == ParamType::Categorical) {
        std::string error;
        p.choices = *parseChoices(row.choices, &error);
        return p;
    }
    p.low = *parseNumberText(row.low);
    p.high = *parseNumberText(row.high);
    p.log = row.log;
    if (!trim(row.step).empty())
        p.step = parseNumberText(row.step);
    return p;
}

std::optional<SearchSpace> spaceForRows(const std::vector<SpaceRow>& rows)
{
    SearchSpace space;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::optional<Param> p = paramForRow(rows, i);
        if (!p)
            return std::nullopt;
        space.params.push_back(std::move(*p));
    }
    return space;
}

std::string formatChoices(const std::vector<Value>& choices)
{
    std::string out;
    for (const Value& v : choices) {
        if (!out.empty())
            out += ", ";
        out += choiceText(v);
    }
    return out;
}

std::optional<std::vector<Value>> parseChoices(std::string_view text, std::string* error)
{
    std::vector<Value> values;
    if (trim(text).empty())
        return values;
    std::size_t itemStart = 0;
    bool inQuotes = false;
    bool escaped = false;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool atEnd = i == text.size();
        const char c = atEnd ? ',' : text[i];
        if (inQuotes && !atEnd) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inQuotes = false;
            continue;
        }
        if (c == '"') {
            inQuotes = true;
            continue;
        }
        if (c != ',')
            continue;
        const std::optional<Value> v = readChoice(trim(text.substr(itemStart, i - itemStart)), values.size(), error);
        if (!v)
            return std::nullopt;
        values.push_back(*v);
        itemStart = i + 1;
    }
    return values;
}

} // namespace tendril::app
