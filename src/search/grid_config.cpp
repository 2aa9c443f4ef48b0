// Reading the grid's configuration: which values each parameter takes. Ranged axes are counted
// before they are spelled out, so an absurd grid is refused without allocating it.
#include "grid.hpp"

#include "sampling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::search {

namespace {

std::vector<Value> listedValues(const Param& param, const nlohmann::json& list, const std::string& path)
{
    if (!list.is_array() || list.empty())
        throw ConfigError(path + ": expected a non-empty list of values, got " + describeJson(list));
    std::vector<Value> values;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        std::optional<Value> value = jsonToValue(list[i]);
        if (!value)
            throw ConfigError(at + ": expected a number, string or boolean, got " + describeJson(list[i]));
        const std::string why = param.checkValue(*value);
        if (!why.empty())
            throw ConfigError(at + ": " + why);
        if (param.type == ParamType::Int)
            value = Value(static_cast<std::int64_t>(std::llround(value->toDouble())));
        else if (param.type == ParamType::Float)
            value = Value(value->toDouble());
        else
            value = param.choices[*param.choiceIndex(*value)];  // the choice as the space spells it
        for (const Value& earlier : values)
            if (sameGridValue(earlier, *value))
                throw ConfigError(at + ": " + value->toString() + " appears twice");
        values.push_back(*value);
    }
    return values;
}

GridAxisPlan rangedAxis(const Param& param, double step, const std::string& path, const std::string& remedy)
{
    const double intervals = (param.high - param.low) / step;
    if (!(intervals < static_cast<double>(kMaxGridAxisValues)))
        throw ConfigError(path + ": a step of " + formatDouble(step) + " gives more than " +
                          std::to_string(kMaxGridAxisValues) + " values of " + param.name + "; " + remedy);
    GridAxisPlan plan;
    plan.name = param.name;
    plan.ranged = param;
    plan.step = step;
    plan.count = static_cast<std::uint64_t>(gridPointCount(param.low, param.high, step));
    return plan;
}

void refuseUnknownNames(const SearchSpace& space, const std::optional<ConfigObject>& section)
{
    if (!section)
        return;
    for (const std::string& name : section->keys()) {
        if (space.find(name))
            continue;
        std::string known;
        for (const Param& param : space.params)
            known += (known.empty() ? "" : ", ") + param.name;
        section->fail(name, "no parameter of that name in the space (parameters: " + known + ")");
    }
}

} // namespace

bool sameGridValue(const Value& a, const Value& b)
{
    if (a.isNumber() && b.isNumber()) {
        const double x = a.toDouble(), y = b.toDouble();
        return std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)});
    }
    return a == b;
}

GridAxis GridAxisPlan::spell() const
{
    if (!ranged)
        return GridAxis{name, listed};
    GridAxis axis{name, {}};
    axis.values.reserve(static_cast<std::size_t>(count));
    for (std::uint64_t k = 0; k < count; ++k) {
        const double x = gridPoint(ranged->low, step, static_cast<std::int64_t>(k));
        if (ranged->type == ParamType::Int)
            axis.values.emplace_back(static_cast<std::int64_t>(std::llround(x)));
        else
            axis.values.emplace_back(x);
    }
    return axis;
}

std::vector<GridAxisPlan> readGridPlan(const SearchSpace& space, ConfigObject& config)
{
    std::optional<ConfigObject> listed = config.object("values");
    std::optional<ConfigObject> steps = config.object("steps");
    refuseUnknownNames(space, listed);
    refuseUnknownNames(space, steps);

    std::vector<GridAxisPlan> plans;
    plans.reserve(space.size());
    std::uint64_t combinations = 1;
    for (const Param& param : space.params) {
        const nlohmann::json* values = listed ? listed->raw(param.name) : nullptr;
        const nlohmann::json* step = steps ? steps->raw(param.name) : nullptr;
        const std::string valuesPath = config.pathOf("values") + "." + param.name;
        const std::string stepPath = config.pathOf("steps") + "." + param.name;
        GridAxisPlan plan;
        plan.name = param.name;
        if (values && step)
            steps->fail(param.name, "give either " + valuesPath + " or a step, not both");
        if (values) {
            plan.listed = listedValues(param, *values, valuesPath);
        } else if (step) {
            if (param.type == ParamType::Categorical)
                steps->fail(param.name, "a categorical parameter takes its choices, not a step");
            const double stepValue = param.type == ParamType::Int
                                         ? static_cast<double>(steps->wholeNumber(param.name, 1, 1))
                                         : steps->number(param.name, 0.0, NumberRange::above(0.0));
            plan = rangedAxis(param, stepValue, stepPath, "give a larger step");
        } else if (param.type == ParamType::Categorical) {
            plan.listed = param.choices;
        } else if (const std::optional<double> declared = param.effectiveStep()) {
            plan = rangedAxis(param, *declared, valuesPath,
                              "list its values there or give a larger step in " + stepPath);
        } else if (param.low == param.high) {
            plan.listed = {Value(param.low)};
        } else {
            throw ConfigError(valuesPath + ": the float parameter " + param.name +
                              " has no step; list its values there or give " + stepPath);
        }
        if (!plan.ranged)
            plan.count = plan.listed.size();
        if (combinations > std::numeric_limits<std::uint64_t>::max() / plan.count)
            throw ConfigError(config.path() + ": the grid has more than " +
                              std::to_string(std::numeric_limits<std::uint64_t>::max()) + " combinations");
        combinations *= plan.count;
        plans.push_back(std::move(plan));
    }
    return plans;
}

namespace {

std::vector<GridAxisPlan> planOf(const SearchSpace& space, const std::string& configJson)
{
    AlgorithmSetup setup;
    setup.space = space;
    validateSpaceAndBudget(setup);
    ConfigObject config = ConfigObject::parse(configJson);
    config.seed(0);  // accepted as for every algorithm; the grid's order does not depend on it
    std::vector<GridAxisPlan> plans = readGridPlan(space, config);
    config.finish();
    return plans;
}

} // namespace

std::vector<GridAxis> gridAxes(const SearchSpace& space, const std::string& configJson)
{
    std::vector<GridAxis> axes;
    for (const GridAxisPlan& plan : planOf(space, configJson))
        axes.push_back(plan.spell());
    return axes;
}

std::uint64_t gridSize(const SearchSpace& space, const std::string& configJson)
{
    std::uint64_t size = 1;
    for (const GridAxisPlan& plan : planOf(space, configJson))
        size *= plan.count;  // readGridPlan has refused products that overflow
    return size;
}

} // namespace tendril::search
