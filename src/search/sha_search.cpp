// Successive halving, synchronous ("sh") and asynchronous ("asha").
//
// asha is Optuna's SuccessiveHalvingPruner over random configurations: every trial runs for the
// whole resource and is stopped the moment it fails a rung (see sha_rung_pruner.hpp).
//
// sh is the synchronous algorithm of Jamieson and Talwalkar: one bracket at a time, η^(k−1)
// configurations at the first of its k rungs, each rung deciding only once every configuration
// of the bracket has reached it, the top ⌊n/η⌋ continuing from their checkpoint with η times the
// resource (see hyperband_schedule.hpp for how runs, reports and tells fit together). Brackets
// repeat while budget.max_trials lasts.
#include "bandit_algorithms.hpp"

#include "config.hpp"
#include "hyperband_brackets.hpp"
#include "hyperband_search.hpp"
#include "sha_options.hpp"
#include "sha_pruning_search.hpp"

namespace tendril::search {

// Configuration, as Optuna's SuccessiveHalvingPruner: {"min_resource": 1 (asha also "auto"),
// "reduction_factor" or "eta": 4, "min_early_stopping_rate": 0, "bootstrap_count": 0 (asha only),
// "max_resource": budget for each run (sh: required, else budget.max_resource), "seed": n}.
std::unique_ptr<SearchAlgorithm> makeSuccessiveHalving(const AlgorithmSetup& setup, bool asynchronous)
{
    validateSpaceAndBudget(setup);
    ConfigObject config = ConfigObject::parse(setup.configJson);
    const std::uint64_t seed = config.seed(setup.seed);
    RungRule rule;
    rule.minResource = readMinResource(config, 1.0, asynchronous);
    rule.reductionFactor = readReductionFactor(config, 4);
    rule.minEarlyStoppingRate = config.wholeNumber("min_early_stopping_rate", 0, 0, 60);
    if (asynchronous)
        rule.bootstrapCount = config.wholeNumber("bootstrap_count", 0, 0);
    const std::optional<double> maxResource = readMaxResource(config, setup, !asynchronous);
    if (maxResource && rule.minResource) {
        const double firstRung = *rule.minResource * integerPower(rule.reductionFactor, rule.minEarlyStoppingRate);
        if (firstRung > *maxResource * (1.0 + 1e-9))
            config.fail("min_early_stopping_rate",
                        "the first rung min_resource * eta^rate = " + formatDouble(firstRung) +
                            " lies beyond max_resource " + formatDouble(*maxResource));
        checkBracketSize(config, firstRung, *maxResource, rule.reductionFactor);
    }
    config.finish();

    if (asynchronous)
        return std::make_unique<PruningSearch>(setup, maxResource, seed,
                                               makeRungStepPruner(rule, setup.objective.direction));
    ScheduleOptions options;
    options.round = {successiveHalvingBracket(*maxResource, *rule.minResource, rule.reductionFactor,
                                              rule.minEarlyStoppingRate)};
    options.eta = rule.reductionFactor;
    options.objective = setup.objective;
    options.maxTrials = setup.budget.maxTrials;
    return std::make_unique<BracketSearch>(std::move(options), std::make_unique<RandomConfigurations>(setup.space, seed));
}

} // namespace tendril::search
