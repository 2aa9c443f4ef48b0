// The bandit and population-based algorithms, which makeAlgorithm builds for the names "sh",
// "asha", "hyperband", "bohb" and "pbt". Each validates its configuration (ConfigError naming
// the field) before building.
#pragma once

#include "tendril/search/algorithm.hpp"

#include <memory>

namespace tendril::search {

std::unique_ptr<SearchAlgorithm> makeSuccessiveHalving(const AlgorithmSetup& setup, bool asynchronous);
std::unique_ptr<SearchAlgorithm> makeHyperband(const AlgorithmSetup& setup);
std::unique_ptr<SearchAlgorithm> makeBohb(const AlgorithmSetup& setup);
std::unique_ptr<SearchAlgorithm> makePbt(const AlgorithmSetup& setup);

} // namespace tendril::search
