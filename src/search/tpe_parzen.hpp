// The Parzen estimator of TPE (Optuna 3.x's _ParzenEstimator): a weighted mixture with one kernel
// per observation plus one prior kernel, over one parameter (independent TPE) or over several at
// once (multivariate TPE, and BOHB's model). Numeric dimensions use normals truncated to the
// sampling range; grid dimensions give each grid cell the kernel's mass over that cell;
// categorical dimensions use a smoothed one-hot kernel.
#pragma once

#include "sampling.hpp"
#include "sampling_rng.hpp"

#include <cstddef>
#include <vector>

namespace tendril::search {

struct ParzenOptions {
    // Weight of the prior kernel (a wide normal at the centre of the range, or the uniform
    // distribution over the choices) relative to an observation of weight 1.
    double priorWeight = 1.0;
    // false (Optuna's default): the first and last kernel take the distance to their one inner
    // neighbour, not to the end of the range, so a point near an end does not get a narrow kernel.
    bool considerEndpoints = false;
    // Floor of every bandwidth: range / min(100, 1 + kernels). Off: a floor of 1e-12.
    bool magicClip = true;
    // Bandwidth rule: false = univariate (distance to the sorted neighbours), true = Scott-like
    // 0.2 * n^(-1/(D+4)) * range shared by every kernel.
    bool multivariate = false;
    // How a continuous dimension weighs a point. false: as Optuna up to 3.4 (the version the
    // reference regrets were measured with), each kernel's truncated normal density without its
    // 1/sigma factor, which leans towards the wide kernels. true: the normalised density, as
    // Optuna 3.5 and later (optuna/optuna#5109). On Branin and Hartmann-6 the first reaches lower
    // regret (tests/bench/search_regret.cpp measures both), so TPE keeps it; an estimator whose
    // values must be densities (compared across models) asks for the second.
    bool normalizedKernels = false;
};

// Optuna's default observation weights for n observations in chronological order: 1 each while
// n < 25; beyond, the 25 newest keep 1 and the older ones ramp linearly from 1/n up towards 1.
std::vector<double> defaultObservationWeights(std::size_t n);

class ParzenEstimator {
public:
    // observations[i][d] is the sampling coordinate of observation i in dimension d (choice index
    // for categoricals); observationWeights holds one non-negative weight per observation, or is
    // empty for defaultObservationWeights.
    ParzenEstimator(std::vector<SamplingScale> dimensions, const std::vector<std::vector<double>>& observations,
                    const ParzenOptions& options, std::vector<double> observationWeights = {});

    std::size_t dimensionCount() const { return dims_.size(); }
    // Observations plus the prior, which is always the last component.
    std::size_t componentCount() const { return weights_.size(); }
    // Normalised mixture weights, prior last.
    const std::vector<double>& weights() const { return weights_; }
    // Numeric dimensions: kernel centres and bandwidths, in the sampling coordinate, prior last.
    const std::vector<double>& mus(std::size_t dim) const { return dims_[dim].mus; }
    const std::vector<double>& sigmas(std::size_t dim) const { return dims_[dim].sigmas; }
    // Categorical dimensions: the probability component c puts on choice k.
    double categoricalWeight(std::size_t dim, std::size_t component, std::size_t choice) const;

    // One draw: a component by weight, then each dimension from that component's kernel, snapped
    // to the value it proposes (grid point, whole number, choice).
    std::vector<double> sample(SearchRng& rng) const;
    // log density of a point of snapped coordinates (log of the probability of its grid cell for
    // grid dimensions, of its choice for categoricals; see ParzenOptions::normalizedKernels for
    // continuous ones).
    double logPdf(const std::vector<double>& point) const;

private:
    struct Dimension {
        SamplingScale scale;
        std::vector<double> mus;
        std::vector<double> sigmas;
        std::vector<double> logMassInRange;  // log of each kernel's mass inside the sampling range
        std::vector<double> categorical;     // components x choices, row-major
    };

    void fitNumeric(Dimension& dim, const std::vector<double>& values, const ParzenOptions& options,
                    double sharedBandwidth) const;
    void fitCategorical(Dimension& dim, const std::vector<double>& values, double priorWeight) const;
    double logKernel(const Dimension& dim, std::size_t component, double x) const;

    std::vector<Dimension> dims_;
    bool normalizedKernels_ = false;
    std::vector<double> weights_;
    std::vector<double> logWeights_;
};

} // namespace tendril::search
