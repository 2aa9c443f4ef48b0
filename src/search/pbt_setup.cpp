// Reading PBT's configuration. Names follow Ray's PopulationBasedTraining where it has one
// (quantile_fraction, resample_probability, perturbation_factors); population_size is how many
// members train at once (Ray's num_samples).
#include "bandit_algorithms.hpp"

#include "config.hpp"
#include "pbt_search.hpp"
#include "sha_options.hpp"

#include <algorithm>

namespace tendril::search {

namespace {

// An option that has a second accepted name: one of them, not both.
template <typename Read>
auto readEither(ConfigObject& config, const char* name, const char* alias, Read read)
{
    auto first = read(name);
    auto second = read(alias);
    if (first && second)
        config.fail(alias, std::string("give ") + name + " or " + alias + ", not both");
    return first ? first : second;
}

// The names of fixed_params: a list of distinct parameters of the space.
std::vector<std::string> readFixedParams(ConfigObject& config, const nlohmann::json& names, const SearchSpace& space)
{
    if (!names.is_array())
        config.fail("fixed_params", "expected a list of parameter names, got " + describeJson(names));
    std::vector<std::string> fixed;
    for (const nlohmann::json& name : names) {
        if (!name.is_string())
            config.fail("fixed_params", "expected a list of parameter names, got " + describeJson(name) + " in it");
        const std::string text = name.get<std::string>();
        const bool known = std::any_of(space.params.begin(), space.params.end(),
                                       [&](const Param& p) { return p.name == text; });
        if (!known)
            config.fail("fixed_params", "\"" + text + "\" is not a parameter of the search space");
        if (std::find(fixed.begin(), fixed.end(), text) != fixed.end())
            config.fail("fixed_params", "\"" + text + "\" is listed twice");
        fixed.push_back(text);
    }
    return fixed;
}

} // namespace

// Configuration: {"population_size" (or "population"): 8, "perturbation_interval": steps
// (default max_resource / 10), "quantile" (or "quantile_fraction"): 0.25, "resample_probability":
// 0.25, "perturbation_factors": [1.2, 0.8], "fixed_params": [names copied unchanged on exploit],
// "max_resource": else budget.max_resource, "seed": n}.
std::unique_ptr<SearchAlgorithm> makePbt(const AlgorithmSetup& setup)
{
    validateSpaceAndBudget(setup);
    ConfigObject config = ConfigObject::parse(setup.configJson);
    const std::uint64_t seed = config.seed(setup.seed);
    PbtOptions options;
    options.populationSize =
        readEither(config, "population_size", "population",
                   [&](const char* key) { return config.optionalWholeNumber(key, 2); })
            .value_or(options.populationSize);
    options.quantile = readEither(config, "quantile", "quantile_fraction",
                                  [&](const char* key) {
                                      return config.optionalNumber(key, NumberRange{0.0, false, 0.5, true});
                                  })
                           .value_or(options.quantile);
    options.explore.resampleProbability =
        config.number("resample_probability", options.explore.resampleProbability, NumberRange::between(0.0, 1.0));
    if (const nlohmann::json* factors = config.raw("perturbation_factors")) {
        const bool shaped = factors->is_array() && factors->size() == 2 && (*factors)[0].is_number() &&
                            (*factors)[1].is_number();
        if (!shaped || !((*factors)[0].get<double>() > 1.0) || !((*factors)[1].get<double>() > 0.0) ||
            !((*factors)[1].get<double>() < 1.0))
            config.fail("perturbation_factors", "expected [up, down] with up > 1 and 0 < down < 1, got " +
                                                    (factors->is_array() ? factors->dump() : describeJson(*factors)));
        options.explore.increaseFactor = (*factors)[0].get<double>();
        options.explore.decreaseFactor = (*factors)[1].get<double>();
    }
    if (const nlohmann::json* fixed = config.raw("fixed_params"))
        options.explore.fixedParams = readFixedParams(config, *fixed, setup.space);
    options.maxResource = readMaxResource(config, setup, false);
    const std::optional<double> interval = config.optionalNumber("perturbation_interval", NumberRange::above(0.0));
    if (!interval && !options.maxResource)
        config.fail("perturbation_interval", "required when there is no max_resource (option or budget.max_resource)");
    options.perturbationInterval = interval.value_or(options.maxResource.value_or(0.0) / 10.0);
    if (options.maxResource && !(options.perturbationInterval < *options.maxResource))
        config.fail("perturbation_interval", "must be below max_resource " + formatDouble(*options.maxResource) +
                                                 " (no member would ever be checked), got " +
                                                 formatDouble(options.perturbationInterval));
    config.finish();
    return std::make_unique<PbtSearch>(setup, options, seed);
}

} // namespace tendril::search
