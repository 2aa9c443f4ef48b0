// The search space: the hyperparameters of a study and the domain each is sampled from.
#pragma once

#include "tendril/core/value.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tendril {

enum class ParamType { Float, Int, Categorical };

std::string_view toString(ParamType t);
std::optional<ParamType> parseParamType(std::string_view text);

struct Param {
    std::string name;
    ParamType type = ParamType::Float;
    double low = 0.0;   // numeric types only
    double high = 0.0;  // numeric types only, inclusive
    bool log = false;   // sampled on a log scale
    std::optional<double> step;  // grid step; ints default to 1 (see effectiveStep)
    std::vector<Value> choices;  // categoricals only, in the order given

    static Param floatRange(std::string name, double low, double high, bool log = false,
                            std::optional<double> step = std::nullopt);
    static Param intRange(std::string name, std::int64_t low, std::int64_t high, bool log = false,
                          std::int64_t step = 1);
    static Param categorical(std::string name, std::vector<Value> choices);

    bool isNumeric() const { return type != ParamType::Categorical; }
    // The grid step, if any: the declared one, or 1 for ints.
    std::optional<double> effectiveStep() const;
    // Empty when the declaration is consistent; otherwise why not ("low 5 is above high 1").
    std::string validate() const;
    // Empty when the value lies in the domain; otherwise why not, for error messages.
    std::string checkValue(const Value& v) const;
    bool contains(const Value& v) const { return checkValue(v).empty(); }
    std::optional<std::size_t> choiceIndex(const Value& v) const;

    friend bool operator==(const Param&, const Param&) = default;
};

struct SearchSpace {
    std::vector<Param> params;

    const Param* find(std::string_view name) const;
    int indexOf(std::string_view name) const;  // -1 when absent
    bool empty() const { return params.empty(); }
    std::size_t size() const { return params.size(); }

    friend bool operator==(const SearchSpace&, const SearchSpace&) = default;
};

} // namespace tendril
