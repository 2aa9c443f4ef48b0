// PBT's explore step: the hyperparameters a member takes over from the member it copies, changed
// a little. Each parameter is resampled from its prior with resample_probability (0.25);
// otherwise it moves up or down (a fair coin) by the perturbation factors (1.2 and 0.8), in its
// sampling scale:
// - a log parameter is multiplied by the factor (its log moves by log 1.2 or log 0.8, the same
//   distance wherever it is on its axis);
// - a linear parameter moves by (factor − 1) times half its range (±10 % of the range), not by
//   factor times its value: a multiplied value barely moves near zero, moves the wrong way when
//   negative, and makes the search drift towards small values (the PBT bug HyperTendril's case
//   study found);
// - a whole-number or grid parameter moves at least one grid point;
// - a categorical moves one position (towards the end the coin picked, or back from an end).
// Results are kept inside the search space (clipped to the range); Ray's PBT does not clip.
// Fixed parameters (the configuration's fixed_params) are copied unchanged: they describe what a
// checkpoint cannot change, such as the network's depth, so a member that exploits another takes
// the donor's architecture with its weights, as Ray does for parameters outside
// hyperparam_mutations.
// With factors 1.2 and 0.8 an up-move and a down-move multiply to 0.96, a slight drift down on
// log parameters that Ray shares; factors [1.25, 0.8] remove it.
#pragma once

#include "sampling.hpp"
#include "sampling_rng.hpp"

#include <string>
#include <vector>

namespace tendril::search {

struct ExploreOptions {
    double resampleProbability = 0.25;
    double increaseFactor = 1.2;
    double decreaseFactor = 0.8;
    std::vector<std::string> fixedParams;  // names in the space, copied unchanged

    bool fixed(const std::string& name) const;
};

// One parameter moved up (increase) or down by its factor, as described above.
Value perturbValue(const Param& param, const SamplingScale& scale, const Value& value, bool increase,
                   const ExploreOptions& options);

// The explored copy of a member's values (in the order of the space). A value that is missing or
// no longer inside the space is resampled.
ParamValues explore(const ParamValues& copied, const SearchSpace& space, const std::vector<SamplingScale>& scales,
                    const ExploreOptions& options, SearchRng& rng);

} // namespace tendril::search
