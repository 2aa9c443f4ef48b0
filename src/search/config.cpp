#include "config.hpp"

#include <cmath>
#include <set>

namespace tendril::search {

namespace {

std::string formatBound(double v) { return formatDouble(v); }

std::string describeRange(const NumberRange& range)
{
    if (range.min && range.max)
        return "a number in " + std::string(range.minInclusive ? "[" : "(") + formatBound(*range.min) + ", " +
               formatBound(*range.max) + (range.maxInclusive ? "]" : ")");
    if (range.min)
        return std::string("a number ") + (range.minInclusive ? ">= " : "> ") + formatBound(*range.min);
    if (range.max)
        return std::string("a number ") + (range.maxInclusive ? "<= " : "< ") + formatBound(*range.max);
    return "a number";
}

bool inRange(double v, const NumberRange& range)
{
    if (!std::isfinite(v))
        return false;
    if (range.min && (range.minInclusive ? v < *range.min : v <= *range.min))
        return false;
    if (range.max && (range.maxInclusive ? v > *range.max : v >= *range.max))
        return false;
    return true;
}

} // namespace

std::string describeJson(const nlohmann::json& value)
{
    if (value.is_array())
        return "an array";
    if (value.is_object())
        return "an object";
    if (value.is_number_float())
        return formatDouble(value.get<double>());
    std::string text = value.dump();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

std::optional<Value> jsonToValue(const nlohmann::json& value)
{
    if (value.is_boolean())
        return Value(value.get<bool>());
    if (value.is_number_integer())
        return Value(value.get<std::int64_t>());
    if (value.is_number())
        return Value(value.get<double>());
    if (value.is_string())
        return Value(value.get<std::string>());
    return std::nullopt;
}

ConfigObject ConfigObject::parse(std::string_view text, std::string path)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return ConfigObject(nlohmann::json::object(), std::move(path));
    nlohmann::json value;
    try {
        value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1,
        // column 5: ..."; the part after the id is the useful one.
        std::string why = e.what();
        const std::size_t close = why.find("] ");
        if (close != std::string::npos)
            why = why.substr(close + 2);
        throw ConfigError(path + ": not valid JSON: " + why);
    }
    return ConfigObject(value, std::move(path));
}

ConfigObject::ConfigObject(const nlohmann::json& value, std::string path) : value_(value), path_(std::move(path))
{
    if (!value_.is_object())
        throw ConfigError(path_ + ": expected a JSON object, got " + describeJson(value_));
}

bool ConfigObject::has(std::string_view key) const { return value_.contains(std::string(key)); }

std::vector<std::string> ConfigObject::keys() const
{
    std::vector<std::string> names;
    for (auto it = value_.begin(); it != value_.end(); ++it)
        names.push_back(it.key());
    return names;
}

const nlohmann::json* ConfigObject::lookup(std::string_view key)
{
    read_.emplace(key);
    const auto it = value_.find(std::string(key));
    return it == value_.end() ? nullptr : &*it;
}

void ConfigObject::fail(std::string_view key, const std::string& message) const
{
    throw ConfigError(pathOf(key) + ": " + message);
}

std::optional<std::int64_t> ConfigObject::optionalWholeNumber(std::string_view key, std::int64_t min,
                                                              std::optional<std::int64_t> max)
{
    const nlohmann::json* v = lookup(key);
    if (!v)
        return std::nullopt;
    const std::string expected = "expected a whole number " +
                                 (max ? "in [" + std::to_string(min) + ", " + std::to_string(*max) + "]"
                                      : ">= " + std::to_string(min));
    std::optional<std::int64_t> whole;
    if (v->is_number_integer()) {
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            fail(key, expected + ", got " + describeJson(*v));
        whole = v->get<std::int64_t>();
    } else if (v->is_number_float()) {
        const double d = v->get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 0x1.0p62)
            whole = static_cast<std::int64_t>(d);
    }
    if (!whole || *whole < min || (max && *whole > *max))
        fail(key, expected + ", got " + describeJson(*v));
    return whole;
}

std::int64_t ConfigObject::wholeNumber(std::string_view key, std::int64_t fallback, std::int64_t min,
                                       std::optional<std::int64_t> max)
{
    return optionalWholeNumber(key, min, max).value_or(fallback);
}

std::optional<double> ConfigObject::optionalNumber(std::string_view key, const NumberRange& range)
{
    const nlohmann::json* v = lookup(key);
    if (!v)
        return std::nullopt;
    if (!v->is_number() || !inRange(v->get<double>(), range))
        fail(key, "expected " + describeRange(range) + ", got " + describeJson(*v));
    return v->get<double>();
}

double ConfigObject::number(std::string_view key, double fallback, const NumberRange& range)
{
    return optionalNumber(key, range).value_or(fallback);
}

bool ConfigObject::boolean(std::string_view key, bool fallback)
{
    const nlohmann::json* v = lookup(key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        fail(key, "expected true or false, got " + describeJson(*v));
    return v->get<bool>();
}

std::optional<ConfigObject> ConfigObject::object(std::string_view key)
{
    const nlohmann::json* v = lookup(key);
    if (!v)
        return std::nullopt;
    return ConfigObject(*v, pathOf(key));
}

const nlohmann::json* ConfigObject::raw(std::string_view key) { return lookup(key); }

std::uint64_t ConfigObject::seed(std::uint64_t fallback)
{
    const std::optional<std::int64_t> given = optionalWholeNumber("seed", 0);
    return given ? static_cast<std::uint64_t>(*given) : fallback;
}

void ConfigObject::finish() const
{
    for (auto it = value_.begin(); it != value_.end(); ++it) {
        if (read_.count(it.key()))
            continue;
        std::string known;
        for (const std::string& name : read_)
            known += (known.empty() ? "" : ", ") + name;
        fail(it.key(), known.empty() ? "unknown option (this algorithm takes none)"
                                     : "unknown option (known: " + known + ")");
    }
}

void validateSpaceAndBudget(const AlgorithmSetup& setup, bool requireNonEmptySpace)
{
    if (requireNonEmptySpace && setup.space.empty())
        throw ConfigError("space: no parameters to search");
    std::set<std::string, std::less<>> names;
    for (const Param& param : setup.space.params) {
        const std::string why = param.validate();
        if (!why.empty())
            throw ConfigError("space." + (param.name.empty() ? std::string("(unnamed)") : param.name) + ": " + why);
        if (!names.insert(param.name).second)
            throw ConfigError("space." + param.name + ": the name appears twice");
    }
    if (setup.budget.maxTrials && *setup.budget.maxTrials < 0)
        throw ConfigError("budget.max_trials: expected a whole number >= 0, got " +
                          std::to_string(*setup.budget.maxTrials));
    if (setup.budget.maxResource && !(*setup.budget.maxResource > 0))
        throw ConfigError("budget.max_resource: expected a number > 0, got " + formatDouble(*setup.budget.maxResource));
}

} // namespace tendril::search
