#include "random.hpp"

#include "config.hpp"

namespace tendril::search {

std::unique_ptr<SearchAlgorithm> RandomSearch::create(const AlgorithmSetup& setup)
{
    ConfigObject config = ConfigObject::parse(setup.configJson);
    const std::uint64_t seed = config.seed(setup.seed);
    config.finish();
    return std::make_unique<RandomSearch>(setup.space, setup.budget, seed);
}

RandomSearch::RandomSearch(SearchSpace space, const Budget& budget, std::uint64_t seed)
    : space_(std::move(space)), scales_(samplingScales(space_)), seed_(seed), ledger_(budget)
{
}

std::optional<TrialRequest> RandomSearch::ask()
{
    if (!ledger_.budgetLeft())
        return std::nullopt;
    SearchRng rng = SearchRng::forProposal(seed_, static_cast<std::uint64_t>(ledger_.nextIndex()));
    return ledger_.propose(sampleUniform(space_, scales_, rng));
}

Verdict RandomSearch::report(const std::string& trialId, double, double)
{
    ledger_.running(trialId, "report");
    return Verdict::Continue;
}

void RandomSearch::tell(const std::string& trialId, TrialState state, std::optional<double>)
{
    ProposalLedger::checkEndState(state);
    ledger_.end(trialId, "tell");
}

} // namespace tendril::search
