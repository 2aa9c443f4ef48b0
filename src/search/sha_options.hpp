// Options the successive-halving family shares (sh, asha, hyperband, bohb), read with the JSON
// paths errors must name: `algorithm.config.eta: expected a whole number >= 2, got 1`.
#pragma once

#include "tendril/search/algorithm.hpp"

#include "config.hpp"

#include <cstdint>
#include <optional>

namespace tendril::search {

// The reduction factor: `eta`, or Optuna's name `reduction_factor` (one of them, not both); a
// whole number >= 2.
std::int64_t readReductionFactor(ConfigObject& config, std::int64_t fallback);

// The maximum resource: the `max_resource` option, else the study's budget.max_resource. When
// required and neither is given, the error names both.
std::optional<double> readMaxResource(ConfigObject& config, const AlgorithmSetup& setup, bool required);

// `min_resource`: a number > 0; with allowAuto, also the string "auto" (returned as nullopt).
std::optional<double> readMinResource(ConfigObject& config, double fallback, bool allowAuto);

// Refuses a minimum resource above the maximum one, naming both.
void checkResourceOrder(const ConfigObject& config, double minResource, double maxResource);

// Refuses resources whose ratio would make the largest bracket start more than a billion
// configurations (η^s_max > 10^9), naming max_resource.
void checkBracketSize(const ConfigObject& config, double minResource, double maxResource, std::int64_t eta);

} // namespace tendril::search
