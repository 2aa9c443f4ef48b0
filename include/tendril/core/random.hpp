// Random numbers specified bit for bit (splitmix64 seeding, xoshiro256**, 53-bit uniforms,
// rejection for bounded integers) instead of <random>'s distributions, whose output differs between
// standard libraries: a seed gives the same forest and the same proposals on every platform.
#pragma once

#include <cstdint>

namespace tendril {

inline std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna), seeded through splitmix64 as its authors recommend.
class Xoshiro256 {
public:
    explicit Xoshiro256(std::uint64_t seed)
    {
        for (std::uint64_t& word : state_)
            word = splitmix64(seed);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [low, high).
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform in [0, bound) for bound > 0, without modulo bias: draws below 2^64 mod bound are
    // rejected.
    std::uint64_t below(std::uint64_t bound)
    {
        const std::uint64_t reject = (0 - bound) % bound;
        for (;;) {
            const std::uint64_t r = next();
            if (r >= reject)
                return r % bound;
        }
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t state_[4];
};

} // namespace tendril
