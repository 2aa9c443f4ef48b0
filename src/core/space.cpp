#include "tendril/core/space.hpp"

#include <cmath>
#include <sstream>

namespace tendril {

std::string_view toString(ParamType t)
{
    switch (t) {
    case ParamType::Float: return "float";
    case ParamType::Int: return "int";
    case ParamType::Categorical: return "categorical";
    }
    return "float";
}

std::optional<ParamType> parseParamType(std::string_view text)
{
    if (text == "float")
        return ParamType::Float;
    if (text == "int")
        return ParamType::Int;
    if (text == "categorical")
        return ParamType::Categorical;
    return std::nullopt;
}

Param Param::floatRange(std::string name, double low, double high, bool log, std::optional<double> step)
{
    Param p;
    p.name = std::move(name);
    p.type = ParamType::Float;
    p.low = low;
    p.high = high;
    p.log = log;
    p.step = step;
    return p;
}

Param Param::intRange(std::string name, std::int64_t low, std::int64_t high, bool log, std::int64_t step)
{
    Param p;
    p.name = std::move(name);
    p.type = ParamType::Int;
    p.low = static_cast<double>(low);
    p.high = static_cast<double>(high);
    p.log = log;
    if (step != 1)
        p.step = static_cast<double>(step);
    return p;
}

Param Param::categorical(std::string name, std::vector<Value> choices)
{
    Param p;
    p.name = std::move(name);
    p.type = ParamType::Categorical;
    p.choices = std::move(choices);
    return p;
}

std::optional<double> Param::effectiveStep() const
{
    if (step)
        return step;
    if (type == ParamType::Int)
        return 1.0;
    return std::nullopt;
}

std::string Param::validate() const
{
    std::ostringstream why;
    if (name.empty())
        return "parameter name is empty";
    if (type == ParamType::Categorical) {
        if (choices.empty())
            return "categorical parameter has no choices";
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (choices[i].isNull())
                return "choice " + std::to_string(i) + " is null";
            for (std::size_t j = 0; j < i; ++j)
                if (choices[i] == choices[j])
                    return "choice " + choices[i].toString() + " appears twice";
        }
        return {};
    }
    if (!std::isfinite(low) || !std::isfinite(high))
        return "low and high must be finite numbers";
    if (low > high) {
        why << "low " << formatDouble(low) << " is above high " << formatDouble(high);
        return why.str();
    }
    if (log && low <= 0) {
        why << "a log-scaled range needs low > 0, got " << formatDouble(low);
        return why.str();
    }
    if (type == ParamType::Int && (std::floor(low) != low || std::floor(high) != high))
        return "an int range needs whole-number bounds";
    if (step) {
        if (!(*step > 0) || !std::isfinite(*step))
            return "step must be a positive number";
        if (log)
            return "a range cannot have both log and step";
        if (type == ParamType::Int && std::floor(*step) != *step)
            return "an int range needs a whole-number step";
    }
    return {};
}

std::string Param::checkValue(const Value& v) const
{
    if (type == ParamType::Categorical) {
        if (choiceIndex(v))
            return {};
        std::string list;
        for (const Value& c : choices)
            list += (list.empty() ? "" : ", ") + c.toString();
        return "value " + v.toString() + " is not one of the choices (" + list + ")";
    }
    if (!v.isNumber())
        return std::string("expected a number for ") + std::string(toString(type)) + " parameter, got " +
               (v.isString() ? "\"" + v.asString() + "\"" : v.toString());
    const double x = v.toDouble();
    if (type == ParamType::Int && (v.isReal() && std::floor(x) != x))
        return "expected a whole number, got " + v.toString();
    // A relative tolerance absorbs the rounding of values that other tools wrote at the bounds.
    const double tol = 1e-9 * std::max(1.0, std::max(std::fabs(low), std::fabs(high)));
    if (!(x >= low - tol && x <= high + tol))
        return "value " + v.toString() + " is outside [" + formatDouble(low) + ", " + formatDouble(high) + "]";
    return {};
}

std::optional<std::size_t> Param::choiceIndex(const Value& v) const
{
    for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == v)
            return i;
    return std::nullopt;
}

const Param* SearchSpace::find(std::string_view name) const
{
    for (const Param& p : params)
        if (p.name == name)
            return &p;
    return nullptr;
}

int SearchSpace::indexOf(std::string_view name) const
{
    for (std::size_t i = 0; i < params.size(); ++i)
        if (params[i].name == name)
            return static_cast<int>(i);
    return -1;
}

} // namespace tendril
