// Bracket-scheduled search (synchronous successive halving, Hyperband, BOHB) as a SearchAlgorithm:
// a BracketSchedule fed by a source of configurations.
#pragma once

#include "tendril/search/algorithm.hpp"

#include "hyperband_schedule.hpp"
#include "sampling.hpp"

#include <memory>

namespace tendril::search {

// Configurations drawn uniformly in each parameter's sampling scale, one random stream per
// proposal index.
class RandomConfigurations : public ConfigurationSource {
public:
    RandomConfigurations(const SearchSpace& space, std::uint64_t seed);
    ParamValues propose(std::int64_t proposalIndex) override;
    void observe(const ParamValues&, double, double) override {}

private:
    SearchSpace space_;
    std::vector<SamplingScale> scales_;
    std::uint64_t seed_;
};

class BracketSearch : public SearchAlgorithm, public RungStops {
public:
    BracketSearch(ScheduleOptions options, std::unique_ptr<ConfigurationSource> source);

    std::optional<TrialRequest> ask() override { return schedule_.ask(); }
    Verdict report(const std::string& trialId, double step, double value) override
    {
        return schedule_.report(trialId, step, value);
    }
    void tell(const std::string& trialId, TrialState state, std::optional<double> value) override
    {
        schedule_.tell(trialId, state, value);
    }
    bool finished() const override { return schedule_.finished(); }
    void restore(const Study& study) override { schedule_.restore(study); }
    std::vector<std::string> takeStoppedAtRung() override { return schedule_.takeStoppedAtRung(); }

    ConfigurationSource& source() { return *source_; }

private:
    std::unique_ptr<ConfigurationSource> source_;  // declared first: the schedule refers to it
    BracketSchedule schedule_;
};

} // namespace tendril::search
