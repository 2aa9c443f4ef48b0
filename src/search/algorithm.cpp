#include "tendril/search/algorithm.hpp"

#include "bandit_algorithms.hpp"
#include "config.hpp"
#include "grid.hpp"
#include "random.hpp"
#include "tpe.hpp"

namespace tendril::search {

std::unique_ptr<SearchAlgorithm> makeAlgorithm(const AlgorithmSetup& setup)
{
    validateSpaceAndBudget(setup);
    if (setup.name == "grid")
        return GridSearch::create(setup);
    if (setup.name == "random")
        return RandomSearch::create(setup);
    if (setup.name == "tpe")
        return TpeSearch::create(setup);
    if (setup.name == "sh")
        return makeSuccessiveHalving(setup, false);
    if (setup.name == "asha")
        return makeSuccessiveHalving(setup, true);
    if (setup.name == "hyperband")
        return makeHyperband(setup);
    if (setup.name == "bohb")
        return makeBohb(setup);
    if (setup.name == "pbt")
        return makePbt(setup);
    throw ConfigError("algorithm.name: unknown algorithm \"" + setup.name +
                      "\" (expected one of grid, random, tpe, sh, asha, hyperband, bohb, pbt)");
}

} // namespace tendril::search
