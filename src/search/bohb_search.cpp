#include "bohb_search.hpp"

#include "bandit_algorithms.hpp"
#include "config.hpp"
#include "hyperband_brackets.hpp"
#include "hyperband_search.hpp"
#include "sampling_normal.hpp"
#include "sha_options.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tendril::search {

namespace {

// hpbandster floors both densities at 1e-32 before dividing.
const double kLogDensityFloor = std::log(1e-32);

const Value* findParam(const ParamValues& params, const std::string& name)
{
    for (const auto& [key, value] : params)
        if (key == name)
            return &value;
    return nullptr;
}

} // namespace

BohbConfigurations::BohbConfigurations(const SearchSpace& space, Direction direction, BohbModelOptions options,
                                       std::uint64_t seed)
    : space_(space), scales_(samplingScales(space_)), direction_(direction), options_(options), seed_(seed)
{
    for (std::size_t i = 0; i < scales_.size(); ++i) {
        if (scales_[i].single())
            continue;
        modelled_.push_back(i);
        dims_.push_back({scales_[i].categorical() ? scales_[i].choiceCount() : 0});
    }
    if (options_.minPointsInModel == 0)
        options_.minPointsInModel = static_cast<std::int64_t>(dims_.size()) + 1;
}

std::vector<double> BohbConfigurations::toPoint(const ParamValues& params) const
{
    std::vector<double> point;
    for (std::size_t i : modelled_) {
        const Value* value = findParam(params, space_.params[i].name);
        const std::optional<double> coordinate = value ? scales_[i].toCoordinate(*value) : std::nullopt;
        if (!coordinate)
            return {};
        const SamplingScale& scale = scales_[i];
        point.push_back(scale.categorical() ? *coordinate : (*coordinate - scale.low()) / scale.range());
    }
    return point;
}

ParamValues BohbConfigurations::toValues(std::vector<double>& point) const
{
    ParamValues values;
    std::size_t d = 0;
    for (std::size_t i = 0; i < scales_.size(); ++i) {
        const SamplingScale& scale = scales_[i];
        Value value;
        if (scale.single()) {
            value = scale.toValue(0.5 * (scale.low() + scale.high()));
        } else if (scale.categorical()) {
            value = scale.toValue(point[d++]);
        } else {
            const double coordinate = scale.low() + point[d] * scale.range();
            value = scale.toValue(coordinate);
            // Score the candidate where it really lands: on its grid point, its whole number.
            point[d++] = (scale.snap(coordinate) - scale.low()) / scale.range();
        }
        values.emplace_back(space_.params[i].name, std::move(value));
    }
    return values;
}

void BohbConfigurations::observe(const ParamValues& params, double resource, double value)
{
    std::vector<double> point = toPoint(params);
    if (point.size() != modelled_.size() || modelled_.empty())
        return;
    double loss = direction_ == Direction::Minimize ? value : -value;
    if (std::isnan(loss))
        loss = std::numeric_limits<double>::infinity();
    observations_[resource].push_back({std::move(point), loss});
}

std::size_t BohbConfigurations::observationCount(double budget) const
{
    const auto it = observations_.find(budget);
    return it == observations_.end() ? 0 : it->second.size();
}

bool BohbConfigurations::fit(double budget)
{
    const std::vector<Observation>& observed = observations_[budget];
    Model& model = models_[budget];
    if (model.observations == observed.size() && model.good)
        return true;
    const std::size_t n = observed.size();
    const std::size_t dims = dims_.size();
    const auto minPoints = static_cast<std::size_t>(options_.minPointsInModel);
    if (n < minPoints)
        return false;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return observed[a].loss < observed[b].loss; });
    const auto share = [&](double percent) {
        return std::max(minPoints, static_cast<std::size_t>(std::floor(percent * static_cast<double>(n) / 100.0)));
    };
    const std::size_t goodCount = std::min(share(options_.topNPercent), n);
    const std::size_t badEnd = std::min(goodCount + share(100.0 - options_.topNPercent), n);
    if (goodCount <= dims || badEnd - goodCount <= dims)
        return false;
    std::vector<std::vector<double>> good, bad;
    for (std::size_t k = 0; k < badEnd; ++k)
        (k < goodCount ? good : bad).push_back(observed[order[k]].point);
    model.good.emplace(dims_, std::move(good), options_.minBandwidth);
    model.bad.emplace(dims_, std::move(bad), options_.minBandwidth);
    model.observations = n;
    return true;
}

std::optional<double> BohbConfigurations::modelBudget()
{
    if (dims_.empty())
        return std::nullopt;
    for (auto it = observations_.rbegin(); it != observations_.rend(); ++it)
        if (fit(it->first))
            return it->first;
    return std::nullopt;
}

ParamValues BohbConfigurations::sampleFromModel(const Model& model, SearchRng& rng)
{
    const BohbDensity& good = *model.good;
    const BohbDensity& bad = *model.bad;
    double bestScore = std::numeric_limits<double>::infinity();
    ParamValues best;
    for (std::int64_t k = 0; k < options_.numSamples; ++k) {
        const std::vector<double>& around = good.data()[rng.below(good.size())];
        std::vector<double> point(dims_.size());
        for (std::size_t d = 0; d < dims_.size(); ++d) {
            const double bandwidth = good.bandwidths()[d];
            if (dims_[d].categorical()) {
                point[d] = rng.uniform() < 1.0 - bandwidth ? around[d] : static_cast<double>(rng.below(dims_[d].choices));
            } else {
                const double width = std::max(bandwidth, options_.minBandwidth) * options_.bandwidthFactor;
                const double z = truncatedNormalQuantile(rng.uniform(), -around[d] / width, (1.0 - around[d]) / width);
                point[d] = std::clamp(around[d] + width * z, 0.0, 1.0);
            }
        }
        ParamValues values = toValues(point);
        const double score = std::max(bad.logPdf(point), kLogDensityFloor) - std::max(good.logPdf(point), kLogDensityFloor);
        if (best.empty() || score < bestScore) {
            bestScore = score;
            best = std::move(values);
        }
    }
    return best;
}

ParamValues BohbConfigurations::propose(std::int64_t proposalIndex)
{
    SearchRng rng = SearchRng::forProposal(seed_, static_cast<std::uint64_t>(proposalIndex));
    Proposal proposal;
    proposal.index = proposalIndex;
    const std::optional<double> budget = modelBudget();
    proposal.modelAvailable = budget.has_value();
    if (!budget || rng.uniform() < options_.randomFraction) {
        proposal.params = sampleUniform(space_, scales_, rng);
    } else {
        proposal.kind = Kind::Model;
        proposal.modelBudget = budget;
        proposal.params = sampleFromModel(models_.at(*budget), rng);
    }
    proposals_.push_back(proposal);
    return proposal.params;
}

// Configuration: {"eta": 3, "max_resource": R (else budget.max_resource), "min_resource": R/100,
// "top_n_percent": 15, "num_samples": 64, "random_fraction": 1/3, "bandwidth_factor": 3,
// "min_bandwidth": 0.001, "min_points_in_model": D + 1, "seed": n}.
std::unique_ptr<SearchAlgorithm> makeBohb(const AlgorithmSetup& setup)
{
    validateSpaceAndBudget(setup);
    ConfigObject config = ConfigObject::parse(setup.configJson);
    const std::uint64_t seed = config.seed(setup.seed);
    const std::int64_t eta = readReductionFactor(config, 3);
    const double maxResource = *readMaxResource(config, setup, true);
    const double minResource = *readMinResource(config, maxResource / 100.0, false);
    checkResourceOrder(config, minResource, maxResource);
    checkBracketSize(config, minResource, maxResource, eta);

    BohbModelOptions model;
    model.topNPercent = config.number("top_n_percent", model.topNPercent, NumberRange{0.0, false, 100.0, false});
    model.numSamples = config.wholeNumber("num_samples", model.numSamples, 1);
    model.randomFraction = config.number("random_fraction", model.randomFraction, NumberRange::between(0.0, 1.0));
    model.bandwidthFactor = config.number("bandwidth_factor", model.bandwidthFactor, NumberRange::above(0.0));
    model.minBandwidth = config.number("min_bandwidth", model.minBandwidth, NumberRange::above(0.0));
    std::int64_t modelled = 0;
    for (const SamplingScale& scale : samplingScales(setup.space))
        modelled += scale.single() ? 0 : 1;
    model.minPointsInModel = config.wholeNumber("min_points_in_model", modelled + 1, modelled + 1);
    config.finish();

    ScheduleOptions options;
    options.round = hyperbandRound(maxResource, minResource, eta);
    options.eta = eta;
    options.objective = setup.objective;
    options.maxTrials = setup.budget.maxTrials;
    return std::make_unique<BracketSearch>(
        std::move(options), std::make_unique<BohbConfigurations>(setup.space, setup.objective.direction, model, seed));
}

} // namespace tendril::search
