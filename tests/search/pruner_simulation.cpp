#include "pruner_simulation.hpp"

#include "hyperband_schedule.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::search::testing {

Simulation::Simulation(std::string metric, TrainingStep train, int workers, double stepsWithoutBudget)
    : metric_(std::move(metric)), train_(std::move(train)), workers_(workers), stepsWithoutBudget_(stepsWithoutBudget)
{
}

void Simulation::start(const TrialRequest& request)
{
    requests_.push_back(request);
    double from = 0.0;
    if (!request.continuation) {
        EXPECT_EQ(trials_.count(request.trialId), 0u) << "new trial " << request.trialId << " reuses an id";
        SimulatedTrial& t = trials_[request.trialId];
        t.record.id = request.trialId;
        t.record.number = static_cast<std::int64_t>(order_.size());
        t.record.params = request.params;
        t.record.iteration = request.iteration;
        t.record.parent = request.parent;
        t.record.startStep = request.startStep;
        if (!request.restoreFrom.empty()) {
            EXPECT_EQ(trials_.count(request.restoreFrom), 1u) << "restores unknown " << request.restoreFrom;
            t.state = trials_.at(request.restoreFrom).state;
            from = request.startStep.value_or(0.0);
        }
        order_.push_back(request.trialId);
    } else {
        EXPECT_EQ(trials_.count(request.trialId), 1u) << "continues unknown trial " << request.trialId;
        SimulatedTrial& t = trials_[request.trialId];
        EXPECT_NE(t.record.state, TrialState::Running) << request.trialId << " continued while running";
        if (request.restoreFrom == request.trialId) {
            const Curve* curve = t.record.curve(metric_);
            from = curve && !curve->empty() ? curve->steps.back() : 0.0;
        } else {
            t.state = 0.0;  // no checkpoint: trained again from the start
        }
        if (!request.parent.empty())
            t.record.parent = request.parent;
        if (request.startStep)
            t.record.startStep = request.startStep;
    }
    SimulatedTrial& t = trials_[request.trialId];
    t.record.state = TrialState::Running;
    t.record.error.clear();
    t.record.bracket = request.bracket;
    t.record.rung = request.rung;
    t.record.budget = request.budget;
    ++t.runs;
    active_.push_back({request.trialId, from, request.budget.value_or(stepsWithoutBudget_), 0.0, false});
}

void Simulation::fill(SearchAlgorithm& algorithm)
{
    while (static_cast<int>(active_.size()) < workers_) {
        std::optional<TrialRequest> request = algorithm.ask();
        if (!request)
            break;
        start(*request);
    }
}

void Simulation::collectStops(SearchAlgorithm& algorithm)
{
    auto* stops = dynamic_cast<RungStops*>(&algorithm);
    if (!stops)
        return;
    for (const std::string& id : stops->takeStoppedAtRung()) {
        EXPECT_EQ(trials_.at(id).record.state, TrialState::Complete) << id << " stopped at its rung while not complete";
        trials_.at(id).record.state = TrialState::Pruned;
        stoppedAtRung_.push_back(id);
    }
}

bool Simulation::run(SearchAlgorithm& algorithm, std::size_t maxTicks)
{
    fill(algorithm);
    for (std::size_t tick = 0; !active_.empty(); ++tick) {
        if (tick == maxTicks)
            return false;
        std::vector<ActiveRun> still;
        int completed = 0;
        for (ActiveRun run : active_) {
            SimulatedTrial& t = trials_.at(run.id);
            const bool done = run.step + 1.0 > run.end + 1e-9;
            if (!done) {
                run.step += 1.0;
                run.lastValue = train_(t.record.params, t.state, run.step);
                run.reported = true;
                ++stepsTrained_;
                t.record.curveFor(metric_).append(run.step, run.lastValue);
                if (algorithm.report(run.id, run.step, run.lastValue) == Verdict::Stop) {
                    t.stoppedByAlgorithm = true;
                    t.record.state = TrialState::Pruned;
                    t.record.setMetric(metric_, run.lastValue);
                    algorithm.tell(run.id, TrialState::Pruned, std::nullopt);
                    continue;
                }
            }
            if (run.step + 1.0 > run.end + 1e-9) {
                const Curve* curve = t.record.curve(metric_);
                const double value = run.reported ? run.lastValue
                                                  : (curve && !curve->empty() ? curve->values.back() : std::nan(""));
                t.record.state = TrialState::Complete;
                t.record.setMetric(metric_, value);
                algorithm.tell(run.id, TrialState::Complete, value);
                ++completed;
                continue;
            }
            still.push_back(run);
        }
        active_ = std::move(still);
        collectStops(algorithm);
        fill(algorithm);
        activePerTick_.push_back(static_cast<int>(active_.size()));
        completedPerTick_.push_back(completed);
    }
    return true;
}

void Simulation::interrupt()
{
    for (const ActiveRun& run : active_) {
        Trial& record = trials_.at(run.id).record;
        record.state = TrialState::Failed;
        record.error = "interrupted";
    }
    active_.clear();
}

Study Simulation::study(const SearchSpace& space, const Objective& objective) const
{
    Study study;
    study.name = "simulated";
    study.space = space;
    study.objective = objective;
    for (const std::string& id : order_)
        study.trials.push_back(trials_.at(id).record);
    return study;
}

double numberParam(const Params& params, const std::string& name)
{
    for (const auto& [key, value] : params)
        if (key == name)
            return value.toDouble();
    ADD_FAILURE() << "no parameter " << name;
    return std::nan("");
}

} // namespace tendril::search::testing
