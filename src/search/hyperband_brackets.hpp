// The brackets of Hyperband (Li et al., JMLR 2018), as the paper defines them. With R the maximum
// resource in units of the minimum one and η the reduction factor: s_max = ⌊log_η R⌋ and
// B = (s_max + 1)·R; bracket s starts n = ⌈(B/R)·η^s/(s+1)⌉ configurations at r = R·η^(−s) and
// runs successive halving: stage i evaluates ⌊n·η^(−i)⌋ configurations at r·η^i and keeps the top
// ⌊n_i/η⌋ for the next stage. For R = 81, η = 3 the brackets start 81, 34, 15, 8 and 5.
// (Ray's scheduler rounds differently and stops short of R; hpbandster's BOHB starts fewer
// configurations per bracket. This follows the paper.)
#pragma once

#include <cstdint>
#include <vector>

namespace tendril::search {

struct BracketPlan {
    std::int64_t bracket = 0;         // s
    std::int64_t configurations = 0;  // n: how many the bracket starts with
    std::vector<double> resources;    // r·η^i, one per stage, in the caller's resource unit
};

struct BracketStage {
    std::int64_t configurations = 0;
    double resource = 0.0;
};

// η^k, exact for the sizes brackets have.
double integerPower(std::int64_t eta, std::int64_t k);

// s_max: the largest s with η^s <= maxResource / minResource (a relative 1e-9 forgives ratios
// such as 0.81 / 0.01 that floating point puts a hair below η^s). -1 when minResource exceeds
// maxResource.
std::int64_t hyperbandMaxBracket(double maxResource, double minResource, std::int64_t eta);

// One round of Hyperband: brackets s_max down to 0. Stage resources run from
// maxResource·η^(−s) up to maxResource.
std::vector<BracketPlan> hyperbandRound(double maxResource, double minResource, std::int64_t eta);

// Synchronous successive halving as one bracket: stages at minResource·η^(rate + i) for every
// such resource up to maxResource, starting η^(stages − 1) configurations so that one reaches the
// last stage. Empty resources when even the first stage exceeds maxResource.
BracketPlan successiveHalvingBracket(double maxResource, double minResource, std::int64_t eta,
                                     std::int64_t minEarlyStoppingRate);

// The stages a bracket runs when it starts n configurations (the plan's n, or fewer when the
// budget runs out): ⌊n·η^(−i)⌋ configurations at each stage that still has one.
std::vector<BracketStage> bracketStages(const BracketPlan& plan, std::int64_t startedWith, std::int64_t eta);

} // namespace tendril::search
