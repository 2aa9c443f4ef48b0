// Random search: every parameter drawn uniformly in its sampling scale, independently for every
// trial, until the trial budget is spent.
#pragma once

#include "tendril/search/algorithm.hpp"

#include "sampling.hpp"
#include "sampling_ledger.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace tendril::search {

class RandomSearch : public SearchAlgorithm {
public:
    // Configuration: {"seed": n} (optional, overrides the setup's seed).
    static std::unique_ptr<SearchAlgorithm> create(const AlgorithmSetup& setup);

    RandomSearch(SearchSpace space, const Budget& budget, std::uint64_t seed);

    std::optional<TrialRequest> ask() override;
    Verdict report(const std::string& trialId, double step, double value) override;
    void tell(const std::string& trialId, TrialState state, std::optional<double> value) override;
    bool finished() const override { return !ledger_.budgetLeft(); }
    void restore(const Study& study) override { ledger_.restore(study); }

private:
    SearchSpace space_;
    std::vector<SamplingScale> scales_;
    std::uint64_t seed_;
    ProposalLedger ledger_;
};

} // namespace tendril::search
