// Tree-structured Parzen Estimator, as Optuna 3.x's TPESampler with its defaults: random trials
// until n_startup_trials have finished, then for each proposal two Parzen estimators, l over the
// best gamma(n) observations and g over the rest, n_ei_candidates draws from l, and the draw with
// the largest log l - log g. Independent mode models each parameter on its own; multivariate mode
// models them jointly.
//
// Configuration (all optional): n_startup_trials (10), n_ei_candidates (24), multivariate (false),
// prior_weight (1.0), consider_endpoints (false), seed.
#pragma once

#include "tendril/search/algorithm.hpp"

#include "config.hpp"
#include "sampling.hpp"
#include "sampling_ledger.hpp"
#include "tpe_observations.hpp"
#include "tpe_parzen.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace tendril::search {

struct TpeOptions {
    std::int64_t startupTrials = 10;
    std::int64_t eiCandidates = 24;
    bool multivariate = false;
    double priorWeight = 1.0;
    bool considerEndpoints = false;
    // Not a configuration option: Tendril weighs candidates as Optuna 3.1 does (see
    // ParzenOptions::normalizedKernels); the regret benchmark sets it to measure that choice.
    bool normalizedKernels = false;

    // Reads and validates the options (marking them read).
    static TpeOptions read(ConfigObject& config);
    ParzenOptions parzen() const;
};

class TpeSearch : public SearchAlgorithm {
public:
    static std::unique_ptr<SearchAlgorithm> create(const AlgorithmSetup& setup);

    TpeSearch(SearchSpace space, Objective objective, const Budget& budget, std::uint64_t seed, TpeOptions options);

    std::optional<TrialRequest> ask() override;
    // Never stops a trial; keeps its deepest report, which ranks it if it ends pruned.
    Verdict report(const std::string& trialId, double step, double value) override;
    void tell(const std::string& trialId, TrialState state, std::optional<double> value) override;
    bool finished() const override { return !ledger_.budgetLeft(); }
    // Complete and pruned trials of the study become observations (complete ones by the objective
    // metric, pruned ones by the deepest point of its curve).
    void restore(const Study& study) override;

    const std::vector<TpeObservation>& observations() const { return observations_; }
    const TpeOptions& options() const { return options_; }

private:
    ParamValues sampleFromModel(SearchRng& rng) const;
    void sampleIndependent(SearchRng& rng, const TpeSplit& split, ParamValues& params) const;
    void sampleJointly(SearchRng& rng, const TpeSplit& split, ParamValues& params) const;
    // The candidate of l with the largest log l - log g.
    std::vector<double> bestCandidate(const ParzenEstimator& below, const ParzenEstimator& above,
                                      SearchRng& rng) const;
    std::vector<std::optional<double>> coordinatesOf(const ParamValues& params) const;
    void observe(std::optional<TpeObservation> observation);

    SearchSpace space_;
    std::vector<SamplingScale> scales_;
    Objective objective_;
    std::uint64_t seed_;
    TpeOptions options_;
    ProposalLedger ledger_;
    std::vector<TpeObservation> observations_;  // chronological
    std::map<std::string, DeepestReport, std::less<>> deepest_;
};

} // namespace tendril::search
