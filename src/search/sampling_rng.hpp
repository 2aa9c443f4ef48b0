// Random numbers for the search algorithms, specified bit for bit (splitmix64 seeding, xoshiro256**,
// 53-bit uniforms, rejection for bounded integers) instead of <random>'s distributions, whose output
// differs between standard libraries: a seed proposes the same trials on every platform.
#pragma once

#include "tendril/core/random.hpp"

#include <cstdint>

namespace tendril::search {

using tendril::splitmix64;
using tendril::Xoshiro256;

// The shared generator (tendril/core/random.hpp) with the search algorithms' stream layout.
class SearchRng : public Xoshiro256 {
public:
    explicit SearchRng(std::uint64_t seed) : Xoshiro256(seed) {}

    // The generator of one proposal: each proposal index has its own stream, so a resumed study
    // draws exactly what an uninterrupted one would have drawn for the same index.
    static SearchRng forProposal(std::uint64_t seed, std::uint64_t index)
    {
        std::uint64_t mixer = seed;
        const std::uint64_t base = splitmix64(mixer);
        std::uint64_t streamState = base ^ (index * 0xD1B54A32D192ED03ull);
        return SearchRng(splitmix64(streamState));
    }
};

} // namespace tendril::search
