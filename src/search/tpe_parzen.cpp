#include "tpe_parzen.hpp"

#include "sampling_normal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace tendril::search {

namespace {

constexpr double kTinyBandwidth = 1e-12;
constexpr double kBandwidthMagnitude = 0.2;
constexpr std::size_t kFlatWeightCount = 25;

// Index of the first cumulative weight above u * total: a draw from a discrete distribution.
std::size_t drawIndex(const double* weights, std::size_t count, double u)
{
    double total = 0.0;
    for (std::size_t i = 0; i < count; ++i)
        total += weights[i];
    const double target = u * total;
    double cumulative = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        cumulative += weights[i];
        if (target < cumulative)
            return i;
    }
    // Rounding can leave target at the total: the last choice with weight takes it.
    for (std::size_t i = count; i-- > 0;)
        if (weights[i] > 0)
            return i;
    return count - 1;
}

} // namespace

std::vector<double> defaultObservationWeights(std::size_t n)
{
    std::vector<double> weights(n, 1.0);
    if (n <= kFlatWeightCount)
        return weights;
    // numpy.linspace(1/n, 1, n - 25): the oldest observation weighs 1/n, the ramp ends at 1.
    const std::size_t rampCount = n - kFlatWeightCount;
    const double start = 1.0 / static_cast<double>(n);
    if (rampCount == 1) {
        weights[0] = start;
        return weights;
    }
    const double step = (1.0 - start) / static_cast<double>(rampCount - 1);
    for (std::size_t i = 0; i + 1 < rampCount; ++i)
        weights[i] = start + static_cast<double>(i) * step;
    weights[rampCount - 1] = 1.0;
    return weights;
}

ParzenEstimator::ParzenEstimator(std::vector<SamplingScale> dimensions,
                                 const std::vector<std::vector<double>>& observations,
                                 const ParzenOptions& options, std::vector<double> observationWeights)
    : normalizedKernels_(options.normalizedKernels)
{
    const std::size_t n = observations.size();
    if (observationWeights.empty())
        observationWeights = defaultObservationWeights(n);
    if (observationWeights.size() != n)
        throw std::invalid_argument("Parzen estimator: " + std::to_string(observationWeights.size()) +
                                    " weights for " + std::to_string(n) + " observations");
    for (const std::vector<double>& row : observations)
        if (row.size() != dimensions.size())
            throw std::invalid_argument("Parzen estimator: an observation has " + std::to_string(row.size()) +
                                        " coordinates for " + std::to_string(dimensions.size()) + " dimensions");

    weights_ = observationWeights;
    weights_.push_back(options.priorWeight);
    const double total = std::accumulate(weights_.begin(), weights_.end(), 0.0);
    if (!(total > 0) || !std::isfinite(total))
        throw std::invalid_argument("Parzen estimator: the weights do not sum to a positive number");
    for (double& w : weights_)
        w /= total;
    logWeights_.reserve(weights_.size());
    for (double w : weights_)
        logWeights_.push_back(std::log(w));

    // Scott-like rule of the BOHB paper, shared by every kernel of every dimension.
    const double sharedBandwidth =
        kBandwidthMagnitude *
        std::pow(static_cast<double>(std::max<std::size_t>(n, 1)), -1.0 / (static_cast<double>(dimensions.size()) + 4.0));

    dims_.reserve(dimensions.size());
    std::vector<double> values(n);
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
        for (std::size_t i = 0; i < n; ++i)
            values[i] = observations[i][d];
        Dimension dim{std::move(dimensions[d]), {}, {}, {}, {}};
        if (dim.scale.categorical())
            fitCategorical(dim, values, options.priorWeight);
        else
            fitNumeric(dim, values, options, options.multivariate ? sharedBandwidth : 0.0);
        dims_.push_back(std::move(dim));
    }
}

void ParzenEstimator::fitNumeric(Dimension& dim, const std::vector<double>& values, const ParzenOptions& options,
                                 double sharedBandwidth) const
{
    const double low = dim.scale.low(), high = dim.scale.high(), range = high - low;
    const std::size_t n = values.size(), k = n + 1;
    dim.mus.resize(k);
    for (std::size_t i = 0; i < n; ++i)
        dim.mus[i] = std::clamp(values[i], low, high);
    dim.mus[n] = 0.5 * (low + high);

    dim.sigmas.resize(k);
    if (options.multivariate) {
        std::fill(dim.sigmas.begin(), dim.sigmas.end(), sharedBandwidth * range);
    } else {
        // Each kernel is as wide as the larger gap to its sorted neighbours, the prior's centre
        // included, with the ends of the range as outer neighbours.
        std::vector<std::size_t> order(k);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return dim.mus[a] < dim.mus[b]; });
        std::vector<double> sorted(k + 2);
        sorted[0] = low;
        for (std::size_t i = 0; i < k; ++i)
            sorted[i + 1] = dim.mus[order[i]];
        sorted[k + 1] = high;
        std::vector<double> sortedSigmas(k);
        for (std::size_t i = 0; i < k; ++i)
            sortedSigmas[i] = std::max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (!options.considerEndpoints && sorted.size() >= 4) {
            sortedSigmas[0] = sorted[2] - sorted[1];
            sortedSigmas[k - 1] = sorted[k] - sorted[k - 1];
        }
        for (std::size_t i = 0; i < k; ++i)
            dim.sigmas[order[i]] = sortedSigmas[i];
    }

    const double maxSigma = range;
    const double minSigma = options.magicClip ? range / std::min(100.0, 1.0 + static_cast<double>(k)) : kTinyBandwidth;
    for (double& s : dim.sigmas)
        s = std::clamp(s, minSigma, maxSigma);
    dim.sigmas[n] = range;  // the prior spans the whole range whatever its neighbours

    dim.logMassInRange.resize(k);
    for (std::size_t c = 0; c < k; ++c)
        dim.logMassInRange[c] =
            logNormalMass((low - dim.mus[c]) / dim.sigmas[c], (high - dim.mus[c]) / dim.sigmas[c]);
}

void ParzenEstimator::fitCategorical(Dimension& dim, const std::vector<double>& values, double priorWeight) const
{
    const std::size_t n = values.size(), k = n + 1, choices = dim.scale.choiceCount();
    // Every kernel spreads prior_weight / (observations + 1) over all choices on top of its own 1.
    dim.categorical.assign(k * choices, priorWeight / static_cast<double>(k));
    for (std::size_t i = 0; i < n; ++i) {
        const auto index = static_cast<std::size_t>(
            std::clamp(std::nearbyint(values[i]), 0.0, static_cast<double>(choices - 1)));
        dim.categorical[i * choices + index] += 1.0;
    }
    for (std::size_t c = 0; c < k; ++c) {
        double* row = dim.categorical.data() + c * choices;
        const double sum = std::accumulate(row, row + choices, 0.0);
        for (std::size_t j = 0; j < choices; ++j)
            row[j] /= sum;
    }
}

double ParzenEstimator::categoricalWeight(std::size_t dim, std::size_t component, std::size_t choice) const
{
    const Dimension& d = dims_.at(dim);
    if (!d.scale.categorical())
        throw std::invalid_argument("Parzen estimator: dimension " + std::to_string(dim) + " is not categorical");
    return d.categorical.at(component * d.scale.choiceCount() + choice);
}

std::vector<double> ParzenEstimator::sample(SearchRng& rng) const
{
    const std::size_t component = drawIndex(weights_.data(), weights_.size(), rng.uniform());
    std::vector<double> point(dims_.size());
    for (std::size_t d = 0; d < dims_.size(); ++d) {
        const Dimension& dim = dims_[d];
        if (dim.scale.categorical()) {
            const std::size_t choices = dim.scale.choiceCount();
            point[d] = static_cast<double>(drawIndex(dim.categorical.data() + component * choices, choices, rng.uniform()));
            continue;
        }
        const double mu = dim.mus[component], sigma = dim.sigmas[component];
        const double low = dim.scale.low(), high = dim.scale.high();
        const double z = truncatedNormalQuantile(rng.uniform(), (low - mu) / sigma, (high - mu) / sigma);
        point[d] = dim.scale.snap(std::clamp(mu + sigma * z, low, high));
    }
    return point;
}

double ParzenEstimator::logKernel(const Dimension& dim, std::size_t c, double x) const
{
    if (dim.scale.categorical()) {
        const std::size_t choices = dim.scale.choiceCount();
        const auto index = static_cast<std::size_t>(std::clamp(std::nearbyint(x), 0.0, static_cast<double>(choices - 1)));
        return std::log(dim.categorical[c * choices + index]);
    }
    const double mu = dim.mus[c], sigma = dim.sigmas[c];
    if (const std::optional<double> cell = dim.scale.cell()) {
        const double lower = std::max(x - 0.5 * *cell, dim.scale.low());
        const double upper = std::min(x + 0.5 * *cell, dim.scale.high());
        return logNormalMass((lower - mu) / sigma, (upper - mu) / sigma) - dim.logMassInRange[c];
    }
    if (x < dim.scale.low() || x > dim.scale.high())
        return -std::numeric_limits<double>::infinity();
    const double logDensity = logNormalDensity((x - mu) / sigma) - dim.logMassInRange[c];
    return normalizedKernels_ ? logDensity - std::log(sigma) : logDensity;
}

double ParzenEstimator::logPdf(const std::vector<double>& point) const
{
    if (point.size() != dims_.size())
        throw std::invalid_argument("Parzen estimator: a point has " + std::to_string(point.size()) +
                                    " coordinates for " + std::to_string(dims_.size()) + " dimensions");
    double total = -std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < weights_.size(); ++c) {
        double logComponent = logWeights_[c];
        for (std::size_t d = 0; d < dims_.size() && logComponent > -std::numeric_limits<double>::infinity(); ++d)
            logComponent += logKernel(dims_[d], c, point[d]);
        total = logAddExp(total, logComponent);
    }
    return total;
}

} // namespace tendril::search
