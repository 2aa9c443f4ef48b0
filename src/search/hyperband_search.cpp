#include "hyperband_search.hpp"

#include "bandit_algorithms.hpp"
#include "config.hpp"
#include "hyperband_brackets.hpp"
#include "hyperband_pruner.hpp"
#include "sha_options.hpp"
#include "sha_pruning_search.hpp"

#include <unordered_map>

namespace tendril::search {

namespace {

// Hyperband's brackets assigned to trials that run for the whole resource (pruner mode).
class HyperbandStepPruner : public StepPruner {
public:
    HyperbandStepPruner(double minResource, double maxResource, std::int64_t eta, std::int64_t bootstrapCount,
                        Direction direction)
        : pruner_(minResource, maxResource, eta, bootstrapCount, direction), assigner_(weights(pruner_))
    {
    }

    void admit(TrialRequest& request) override
    {
        const std::int64_t s = assigner_.next();
        request.bracket = s;
        bracketOf_[request.trialId] = s;
    }
    void readmit(const Trial& trial) override
    {
        // The assigner advances for every trial, so that new trials continue its sequence.
        std::int64_t s = assigner_.next();
        if (trial.bracket && *trial.bracket >= 0 && *trial.bracket < pruner_.bracketCount())
            s = *trial.bracket;
        bracketOf_[trial.id] = s;
    }
    Verdict report(const std::string& trialId, double step, double value) override
    {
        return pruner_.report(trialId, bracketOf_.at(trialId), step, value);
    }
    void replay(const std::string& trialId, double step, double value) override
    {
        pruner_.replay(trialId, bracketOf_.at(trialId), step, value);
    }
    void completed(const std::string&, double) override {}

private:
    static std::vector<std::int64_t> weights(const HyperbandPruner& pruner)
    {
        std::vector<std::int64_t> w;
        for (std::int64_t s = 0; s < pruner.bracketCount(); ++s)
            w.push_back(pruner.trialBudget(s));
        return w;
    }

    HyperbandPruner pruner_;
    BracketAssigner assigner_;
    std::unordered_map<std::string, std::int64_t> bracketOf_;
};

} // namespace

RandomConfigurations::RandomConfigurations(const SearchSpace& space, std::uint64_t seed)
    : space_(space), scales_(samplingScales(space_)), seed_(seed)
{
}

ParamValues RandomConfigurations::propose(std::int64_t proposalIndex)
{
    SearchRng rng = SearchRng::forProposal(seed_, static_cast<std::uint64_t>(proposalIndex));
    return sampleUniform(space_, scales_, rng);
}

BracketSearch::BracketSearch(ScheduleOptions options, std::unique_ptr<ConfigurationSource> source)
    : source_(std::move(source)), schedule_(std::move(options), *source_)
{
}

// Configuration: {"eta": 3, "min_resource": 1, "max_resource": R (else budget.max_resource),
// "mode": "brackets" | "pruner", "bootstrap_count": 0 (pruner mode), "seed": n}.
std::unique_ptr<SearchAlgorithm> makeHyperband(const AlgorithmSetup& setup)
{
    validateSpaceAndBudget(setup);
    ConfigObject config = ConfigObject::parse(setup.configJson);
    const std::uint64_t seed = config.seed(setup.seed);
    bool prunerMode = false;
    if (const nlohmann::json* mode = config.raw("mode")) {
        if (!mode->is_string() || (*mode != "brackets" && *mode != "pruner"))
            config.fail("mode", "expected \"brackets\" or \"pruner\", got " + describeJson(*mode));
        prunerMode = *mode == "pruner";
    }
    const std::int64_t eta = readReductionFactor(config, 3);
    const double minResource = *readMinResource(config, 1.0, false);
    const double maxResource = *readMaxResource(config, setup, true);
    checkResourceOrder(config, minResource, maxResource);
    checkBracketSize(config, minResource, maxResource, eta);
    const std::int64_t bootstrapCount = prunerMode ? config.wholeNumber("bootstrap_count", 0, 0) : 0;
    config.finish();

    if (prunerMode) {
        return std::make_unique<PruningSearch>(
            setup, maxResource, seed,
            std::make_unique<HyperbandStepPruner>(minResource, maxResource, eta, bootstrapCount,
                                                  setup.objective.direction));
    }
    ScheduleOptions options;
    options.round = hyperbandRound(maxResource, minResource, eta);
    options.eta = eta;
    options.objective = setup.objective;
    options.maxTrials = setup.budget.maxTrials;
    return std::make_unique<BracketSearch>(std::move(options), std::make_unique<RandomConfigurations>(setup.space, seed));
}

} // namespace tendril::search
