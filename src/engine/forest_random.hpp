// Random numbers for the forest, specified bit for bit (splitmix64 seeding, xoshiro256**, rejection
// for bounded draws) rather than taken from <random>, whose distributions differ between standard
// libraries: a seed gives the same forest on every platform.
#pragma once

#include "tendril/core/random.hpp"

#include <cstdint>

namespace tendril::engine::detail {

using tendril::splitmix64;
using tendril::Xoshiro256;

// The seed of tree `index` of a forest: output `index` of the splitmix64 sequence started at the
// forest's seed, so every tree has its own stream whichever thread builds it, and in any order.
inline std::uint64_t treeSeed(std::uint64_t forestSeed, std::uint64_t index)
{
    std::uint64_t state = forestSeed + index * 0x9E3779B97F4A7C15ull;
    return splitmix64(state);
}

// The forest draws from the shared generator (tendril/core/random.hpp).
using ForestRandom = Xoshiro256;

} // namespace tendril::engine::detail
