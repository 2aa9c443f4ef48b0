#include "tpe.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::search {

TpeOptions TpeOptions::read(ConfigObject& config)
{
    TpeOptions options;
    options.startupTrials = config.wholeNumber("n_startup_trials", options.startupTrials, 0);
    options.eiCandidates = config.wholeNumber("n_ei_candidates", options.eiCandidates, 1);
    options.multivariate = config.boolean("multivariate", options.multivariate);
    options.priorWeight = config.number("prior_weight", options.priorWeight, NumberRange::above(0.0));
    options.considerEndpoints = config.boolean("consider_endpoints", options.considerEndpoints);
    return options;
}

ParzenOptions TpeOptions::parzen() const
{
    ParzenOptions parzen;
    parzen.priorWeight = priorWeight;
    parzen.considerEndpoints = considerEndpoints;
    parzen.multivariate = multivariate;
    parzen.normalizedKernels = normalizedKernels;
    return parzen;
}

std::unique_ptr<SearchAlgorithm> TpeSearch::create(const AlgorithmSetup& setup)
{
    ConfigObject config = ConfigObject::parse(setup.configJson);
    const TpeOptions options = TpeOptions::read(config);
    const std::uint64_t seed = config.seed(setup.seed);
    config.finish();
    return std::make_unique<TpeSearch>(setup.space, setup.objective, setup.budget, seed, options);
}

TpeSearch::TpeSearch(SearchSpace space, Objective objective, const Budget& budget, std::uint64_t seed,
                     TpeOptions options)
    : space_(std::move(space)), scales_(samplingScales(space_)), objective_(std::move(objective)), seed_(seed),
      options_(options), ledger_(budget)
{
}

std::optional<TrialRequest> TpeSearch::ask()
{
    if (!ledger_.budgetLeft())
        return std::nullopt;
    SearchRng rng = SearchRng::forProposal(seed_, static_cast<std::uint64_t>(ledger_.nextIndex()));
    // Like Optuna, the start-up phase counts finished observations, not proposals: with several
    // workers the first model-based proposal waits for n_startup_trials results.
    const bool startup = observations_.size() < static_cast<std::size_t>(options_.startupTrials);
    return ledger_.propose(startup ? sampleUniform(space_, scales_, rng) : sampleFromModel(rng));
}

ParamValues TpeSearch::sampleFromModel(SearchRng& rng) const
{
    const TpeSplit split = splitObservations(observations_, tpeGamma(observations_.size()));
    ParamValues params(space_.size());
    for (std::size_t p = 0; p < space_.size(); ++p)
        params[p].first = space_.params[p].name;
    if (options_.multivariate)
        sampleJointly(rng, split, params);
    else
        sampleIndependent(rng, split, params);
    return params;
}

void TpeSearch::sampleIndependent(SearchRng& rng, const TpeSplit& split, ParamValues& params) const
{
    const ParzenOptions parzen = options_.parzen();
    for (std::size_t p = 0; p < space_.size(); ++p) {
        const SamplingScale& scale = scales_[p];
        if (scale.single()) {
            params[p].second = sampleUniform(scale, rng);
            continue;
        }
        auto rows = [&](const std::vector<std::size_t>& indices) {
            std::vector<std::vector<double>> out;
            for (std::size_t i : indices)
                if (const std::optional<double>& x = observations_[i].coordinates[p])
                    out.push_back({*x});
            return out;
        };
        const ParzenEstimator below({scale}, rows(split.below), parzen);
        const ParzenEstimator above({scale}, rows(split.above), parzen);
        params[p].second = scale.toValue(bestCandidate(below, above, rng)[0]);
    }
}

void TpeSearch::sampleJointly(SearchRng& rng, const TpeSplit& split, ParamValues& params) const
{
    std::vector<std::size_t> modelled;
    std::vector<SamplingScale> dims;
    for (std::size_t p = 0; p < space_.size(); ++p) {
        if (scales_[p].single()) {
            params[p].second = sampleUniform(scales_[p], rng);
        } else {
            modelled.push_back(p);
            dims.push_back(scales_[p]);
        }
    }
    if (modelled.empty())
        return;
    // Only observations that hold every modelled parameter can be placed in the joint space.
    auto rows = [&](const std::vector<std::size_t>& indices) {
        std::vector<std::vector<double>> out;
        for (std::size_t i : indices) {
            std::vector<double> row;
            for (std::size_t p : modelled)
                if (const std::optional<double>& x = observations_[i].coordinates[p])
                    row.push_back(*x);
            if (row.size() == modelled.size())
                out.push_back(std::move(row));
        }
        return out;
    };
    const ParzenOptions parzen = options_.parzen();
    const ParzenEstimator below(dims, rows(split.below), parzen);
    const ParzenEstimator above(dims, rows(split.above), parzen);
    const std::vector<double> best = bestCandidate(below, above, rng);
    for (std::size_t d = 0; d < modelled.size(); ++d)
        params[modelled[d]].second = scales_[modelled[d]].toValue(best[d]);
}

std::vector<double> TpeSearch::bestCandidate(const ParzenEstimator& below, const ParzenEstimator& above,
                                             SearchRng& rng) const
{
    std::vector<double> best;
    double bestScore = -std::numeric_limits<double>::infinity();
    for (std::int64_t i = 0; i < options_.eiCandidates; ++i) {
        std::vector<double> candidate = below.sample(rng);
        const double score = below.logPdf(candidate) - above.logPdf(candidate);
        // The first of equal scores wins, as numpy's argmax picks it; a NaN score never does.
        if (best.empty() || score > bestScore) {
            best = std::move(candidate);
            if (!std::isnan(score))
                bestScore = score;
        }
    }
    return best;
}

std::vector<std::optional<double>> TpeSearch::coordinatesOf(const ParamValues& params) const
{
    std::vector<std::optional<double>> coordinates(space_.size());
    for (const auto& [name, value] : params) {
        const int p = space_.indexOf(name);
        if (p >= 0)
            coordinates[static_cast<std::size_t>(p)] = scales_[static_cast<std::size_t>(p)].toCoordinate(value);
    }
    return coordinates;
}

void TpeSearch::observe(std::optional<TpeObservation> observation)
{
    if (!observation)
        return;
    const auto at = std::upper_bound(observations_.begin(), observations_.end(), observation->order,
                                     [](std::int64_t order, const TpeObservation& o) { return order < o.order; });
    observations_.insert(at, std::move(*observation));
}

Verdict TpeSearch::report(const std::string& trialId, double step, double value)
{
    ledger_.running(trialId, "report");
    const auto it = deepest_.find(trialId);
    // Optuna ranks a pruned trial by its value at its largest step; a repeated step replaces it.
    if (it == deepest_.end())
        deepest_.emplace(trialId, DeepestReport{step, value});
    else if (step >= it->second.step)
        it->second = {step, value};
    return Verdict::Continue;
}

void TpeSearch::tell(const std::string& trialId, TrialState state, std::optional<double> value)
{
    ProposalLedger::checkEndState(state);
    auto [order, params] = ledger_.end(trialId, "tell");
    std::optional<DeepestReport> deepest;
    if (auto node = deepest_.extract(trialId))
        deepest = node.mapped();
    observe(makeObservation(order, coordinatesOf(params), state, value, deepest, objective_.direction));
}

void TpeSearch::restore(const Study& study)
{
    ledger_.restore(study);
    observations_.clear();
    deepest_.clear();
    for (const Trial& trial : study.trials) {
        std::optional<DeepestReport> deepest;
        if (const Curve* curve = trial.curve(objective_.metric)) {
            for (std::size_t i = 0; i < curve->size(); ++i)
                if (!deepest || curve->steps[i] >= deepest->step)
                    deepest = DeepestReport{curve->steps[i], curve->values[i]};
        }
        if (trial.state == TrialState::Running || trial.state == TrialState::Queued) {
            if (deepest)
                deepest_.emplace(trial.id, *deepest);
            continue;
        }
        observe(makeObservation(trial.number, coordinatesOf(trial.params), trial.state, trial.metric(objective_.metric),
                                deepest, objective_.direction));
    }
}

} // namespace tendril::search
