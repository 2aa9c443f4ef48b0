// Synthetic studies of a chosen size for the benchmarks: realistic shapes (log-scaled learning rate,
// ints, a categorical, two learning curves per trial), deterministic for a seed.
#pragma once

#include "tendril/core/study.hpp"

#include <cstdint>

namespace tendril::bench {

struct SyntheticShape {
    int trials = 10000;
    int steps = 100;     // points per curve
    int curves = 2;      // val_acc, val_loss
    std::uint64_t seed = 1;
};

Study makeSyntheticStudy(const std::string& name, const SyntheticShape& shape);

} // namespace tendril::bench
