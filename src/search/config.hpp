// Reading an algorithm's configuration object with errors that name the JSON path, what was
// expected and what was found: `algorithm.config.n_startup_trials: expected a whole number >= 0,
// got -1`. Every option an algorithm reads is remembered, so that finish() can refuse the options
// it does not know (a misspelt `n_startup_trial` must not silently fall back to the default).
#pragma once

#include "tendril/search/algorithm.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tendril::search {

// Bounds of a number option; the error text spells them: "a number > 0", "a number in [0, 1]".
struct NumberRange {
    std::optional<double> min;
    bool minInclusive = true;
    std::optional<double> max;
    bool maxInclusive = true;

    static NumberRange atLeast(double v) { return {v, true, std::nullopt, true}; }
    static NumberRange above(double v) { return {v, false, std::nullopt, true}; }
    static NumberRange between(double lo, double hi) { return {lo, true, hi, true}; }
};

class ConfigObject {
public:
    // Parses configuration text; "" (or only whitespace) is the empty object. `path` is the JSON
    // path errors start with.
    static ConfigObject parse(std::string_view text, std::string path = "algorithm.config");
    // Wraps a JSON value that must be an object.
    ConfigObject(const nlohmann::json& value, std::string path);

    const std::string& path() const { return path_; }
    std::string pathOf(std::string_view key) const { return path_ + "." + std::string(key); }
    bool has(std::string_view key) const;
    // The option names, in alphabetical order.
    std::vector<std::string> keys() const;

    // A whole number (10 or 10.0) >= min; fallback when absent.
    std::int64_t wholeNumber(std::string_view key, std::int64_t fallback, std::int64_t min,
                             std::optional<std::int64_t> max = std::nullopt);
    std::optional<std::int64_t> optionalWholeNumber(std::string_view key, std::int64_t min,
                                                    std::optional<std::int64_t> max = std::nullopt);
    double number(std::string_view key, double fallback, const NumberRange& range);
    std::optional<double> optionalNumber(std::string_view key, const NumberRange& range);
    bool boolean(std::string_view key, bool fallback);
    // A nested object; nullopt when absent.
    std::optional<ConfigObject> object(std::string_view key);
    // The raw value of an option whose shape the caller checks itself; nullptr when absent.
    const nlohmann::json* raw(std::string_view key);
    // The seed: the `seed` option when given (a whole number >= 0), else the fallback.
    std::uint64_t seed(std::uint64_t fallback);

    // Throws ConfigError for the first option nothing read: `algorithm.config.n_startup_trial:
    // unknown option (known: n_startup_trials, n_ei_candidates, ...)`.
    void finish() const;

    [[noreturn]] void fail(std::string_view key, const std::string& message) const;

private:
    const nlohmann::json* lookup(std::string_view key);

    nlohmann::json value_;
    std::string path_;
    std::set<std::string, std::less<>> read_;
};

// Short text for a JSON value in an error message: 2.5, -1, "text", true, null, an array, an object.
std::string describeJson(const nlohmann::json& value);

// A value of a JSON number or string or boolean as a hyperparameter value; nullopt for anything else.
std::optional<Value> jsonToValue(const nlohmann::json& value);

// Checks what every algorithm needs from its setup: each parameter of the space is consistent
// (`space.lr: low 5 is above high 1`), names are unique, and the budget is not negative.
void validateSpaceAndBudget(const AlgorithmSetup& setup, bool requireNonEmptySpace = true);

} // namespace tendril::search
