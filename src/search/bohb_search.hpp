// BOHB (Falkner, Klein and Hutter, ICML 2018): Hyperband's brackets (the paper's, see
// hyperband_brackets.hpp; hpbandster starts fewer configurations per bracket), with new
// configurations proposed by a model instead of at random once one budget holds enough results.
//
// The model (hpbandster's defaults): on the largest budget whose results allow one, the best
// top_n_percent (15 %) of the configurations, at least D + 1 of them, make the "good" density l and
// the next ones, again at least D + 1, the "bad" density g (see bohb_kde.hpp); so a budget needs
// 2D + 2 results at the least. A proposal draws num_samples (64) candidates around random good
// points, each numeric coordinate from a normal with bandwidth_factor (3) times the good
// bandwidth, truncated to the range, each categorical kept with probability 1 − λ, and takes the
// one minimising g/l. A random_fraction (a third) of all proposals stay uniformly random. Failed
// runs and NaN values count as the worst results.
#pragma once

#include "tendril/core/study.hpp"

#include "bohb_kde.hpp"
#include "hyperband_schedule.hpp"
#include "sampling.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace tendril::search {

struct BohbModelOptions {
    double topNPercent = 15.0;
    std::int64_t numSamples = 64;
    double randomFraction = 1.0 / 3.0;
    double bandwidthFactor = 3.0;
    double minBandwidth = 1e-3;
    std::int64_t minPointsInModel = 0;  // 0: D + 1, D the number of modelled parameters
};

class BohbConfigurations : public ConfigurationSource {
public:
    enum class Kind { Random, Model };
    struct Proposal {
        std::int64_t index = 0;
        Kind kind = Kind::Random;
        bool modelAvailable = false;  // a model existed when it was proposed
        std::optional<double> modelBudget;
        ParamValues params;
    };

    BohbConfigurations(const SearchSpace& space, Direction direction, BohbModelOptions options, std::uint64_t seed);

    ParamValues propose(std::int64_t proposalIndex) override;
    void observe(const ParamValues& params, double resource, double value) override;

    // Every proposal so far, in order.
    const std::vector<Proposal>& proposals() const { return proposals_; }
    // The budget the next model-based proposal would use; nullopt while no budget has enough results.
    std::optional<double> modelBudget();
    // Results recorded at a budget.
    std::size_t observationCount(double budget) const;
    // Parameters the model covers (those with more than one value).
    std::size_t modelledDimensions() const { return modelled_.size(); }

private:
    struct Observation {
        std::vector<double> point;
        double loss = 0.0;  // smaller is better; +inf for failures
    };
    struct Model {
        std::size_t observations = 0;  // fitted on this many
        std::optional<BohbDensity> good, bad;
    };

    std::vector<double> toPoint(const ParamValues& params) const;
    // The snapped point and the values it stands for.
    ParamValues toValues(std::vector<double>& point) const;
    // Fits (or reuses) the model of a budget; false when it has too few results for one.
    bool fit(double budget);
    ParamValues sampleFromModel(const Model& model, SearchRng& rng);

    SearchSpace space_;
    std::vector<SamplingScale> scales_;
    std::vector<std::size_t> modelled_;  // indices into the space
    std::vector<KdeDimension> dims_;
    Direction direction_;
    BohbModelOptions options_;
    std::uint64_t seed_;
    std::map<double, std::vector<Observation>> observations_;
    std::map<double, Model> models_;
    std::vector<Proposal> proposals_;
};

} // namespace tendril::search
