#include "pbt_explore.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::search {

namespace {

Value moveCategorical(const SamplingScale& scale, double index, bool increase)
{
    const double last = static_cast<double>(scale.choiceCount()) - 1.0;
    double moved = index + (increase ? 1.0 : -1.0);
    if (moved < 0.0 || moved > last)
        moved = index + (increase ? -1.0 : 1.0);
    return scale.toValue(std::clamp(moved, 0.0, last));
}

const Value* find(const ParamValues& values, const std::string& name)
{
    for (const auto& [key, value] : values)
        if (key == name)
            return &value;
    return nullptr;
}

} // namespace

bool ExploreOptions::fixed(const std::string& name) const
{
    return std::find(fixedParams.begin(), fixedParams.end(), name) != fixedParams.end();
}

Value perturbValue(const Param& param, const SamplingScale& scale, const Value& value, bool increase,
                   const ExploreOptions& options)
{
    const std::optional<double> coordinate = scale.toCoordinate(value);
    if (!coordinate || scale.single())
        return value;
    if (scale.categorical())
        return moveCategorical(scale, *coordinate, increase);

    const double factor = increase ? options.increaseFactor : options.decreaseFactor;
    const double moved = param.log ? *coordinate + std::log(factor)
                                   : *coordinate + (factor - 1.0) * 0.5 * (param.high - param.low);
    Value result = scale.toValue(std::clamp(moved, scale.low(), scale.high()));

    // A whole number or a grid point that rounded back onto itself takes one grid step.
    const std::optional<double> grid = scale.cell() ? scale.cell()
                                                    : (param.type == ParamType::Int ? std::optional<double>(1.0)
                                                                                     : std::nullopt);
    const bool towards = factor > 1.0;
    if (grid && result == value && factor != 1.0) {
        const double neighbour = value.toDouble() + (towards ? *grid : -*grid);
        const Value candidate = param.type == ParamType::Int ? Value(static_cast<std::int64_t>(std::llround(neighbour)))
                                                             : Value(neighbour);
        if (const std::optional<double> c = scale.toCoordinate(candidate))
            result = scale.toValue(*c);
    }
    return result;
}

ParamValues explore(const ParamValues& copied, const SearchSpace& space, const std::vector<SamplingScale>& scales,
                    const ExploreOptions& options, SearchRng& rng)
{
    ParamValues explored;
    for (std::size_t i = 0; i < space.params.size(); ++i) {
        const Param& param = space.params[i];
        const SamplingScale& scale = scales[i];
        const Value* current = find(copied, param.name);
        if (!current || !param.contains(*current)) {
            explored.emplace_back(param.name, sampleUniform(scale, rng));
            continue;
        }
        if (scale.single() || options.fixed(param.name)) {
            explored.emplace_back(param.name, *current);
            continue;
        }
        if (rng.uniform() < options.resampleProbability) {
            explored.emplace_back(param.name, sampleUniform(scale, rng));
            continue;
        }
        const bool increase = rng.uniform() < 0.5;
        explored.emplace_back(param.name, perturbValue(param, scale, *current, increase, options));
    }
    return explored;
}

} // namespace tendril::search
