#include "sha_options.hpp"

#include "hyperband_brackets.hpp"

namespace tendril::search {

std::int64_t readReductionFactor(ConfigObject& config, std::int64_t fallback)
{
    const std::optional<std::int64_t> eta = config.optionalWholeNumber("eta", 2);
    const std::optional<std::int64_t> optunaName = config.optionalWholeNumber("reduction_factor", 2);
    if (eta && optunaName)
        config.fail("reduction_factor", "give eta or reduction_factor, not both");
    return eta.value_or(optunaName.value_or(fallback));
}

std::optional<double> readMaxResource(ConfigObject& config, const AlgorithmSetup& setup, bool required)
{
    if (const std::optional<double> given = config.optionalNumber("max_resource", NumberRange::above(0.0)))
        return given;
    if (setup.budget.maxResource)
        return setup.budget.maxResource;
    if (required)
        config.fail("max_resource", "required (or budget.max_resource): the resource a configuration may use at most");
    return std::nullopt;
}

std::optional<double> readMinResource(ConfigObject& config, double fallback, bool allowAuto)
{
    const nlohmann::json* raw = config.raw("min_resource");
    if (raw && !raw->is_number()) {
        if (allowAuto && raw->is_string() && raw->get<std::string>() == "auto")
            return std::nullopt;
        config.fail("min_resource", std::string("expected a number > 0") + (allowAuto ? " or \"auto\"" : "") +
                                        ", got " + describeJson(*raw));
    }
    return config.number("min_resource", fallback, NumberRange::above(0.0));
}

void checkResourceOrder(const ConfigObject& config, double minResource, double maxResource)
{
    if (hyperbandMaxBracket(maxResource, minResource, 2) < 0)
        config.fail("min_resource", "must not exceed max_resource " + formatDouble(maxResource) + ", got " +
                                        formatDouble(minResource));
}

void checkBracketSize(const ConfigObject& config, double minResource, double maxResource, std::int64_t eta)
{
    if (integerPower(eta, hyperbandMaxBracket(maxResource, minResource, eta)) > 1e9)
        config.fail("max_resource", "max_resource / min_resource = " + formatDouble(maxResource / minResource) +
                                        " with eta " + std::to_string(eta) +
                                        " would start brackets of more than 10^9 configurations");
}

} // namespace tendril::search
