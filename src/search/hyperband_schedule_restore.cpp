// Rebuilding a bracket schedule from the trials of an interrupted study. Each trial records its
// round (iteration), bracket and the rung of its latest run, and its curve holds what it reported
// at every stage; from those the brackets are rebuilt in the order they opened, and the work left
// is queued again: configurations not created yet, interrupted runs (resumed from their own
// checkpoint), and promotions decided but not launched before the interruption.
#include "hyperband_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace tendril::search {

namespace {

// A run's value at its rung as tell() would have recorded it.
double endedValue(const Trial& trial, const std::string& metric, double resource)
{
    if (trial.state == TrialState::Complete)
        return finalValue(trial, metric);
    if (trial.state == TrialState::Pruned)
        return curveValueUpTo(trial, metric, resource).value_or(std::nan(""));
    return std::nan("");
}

} // namespace

void BracketSchedule::restore(const Study& study)
{
    members_.clear();
    memberById_.clear();
    runs_.clear();
    stoppedAtRung_.clear();
    nextRound_ = 0;
    nextPlan_ = 0;
    book_.restore(study);

    std::map<std::pair<std::int64_t, std::size_t>, std::vector<const Trial*>> groups;
    for (const Trial& trial : study.trials) {
        if (!trial.iteration || !trial.bracket)
            continue;
        for (std::size_t p = 0; p < options_.round.size(); ++p)
            if (options_.round[p].bracket == *trial.bracket)
                groups[{*trial.iteration, p}].push_back(&trial);
    }

    std::int64_t createdBefore = 0;
    for (auto& [key, trials] : groups) {
        std::stable_sort(trials.begin(), trials.end(),
                         [](const Trial* a, const Trial* b) { return a->number < b->number; });
        const BracketPlan& plan = options_.round[key.second];
        std::int64_t n = plan.configurations;
        if (options_.maxTrials)
            n = std::min(n, std::max<std::int64_t>(*options_.maxTrials - createdBefore, 0));
        n = std::max(n, static_cast<std::int64_t>(trials.size()));
        createdBefore += n;

        Run run;
        run.round = key.first;
        run.plan = key.second;
        run.stages = bracketStages(plan, n, options_.eta);
        run.startedWith = n;
        runs_.push_back(std::move(run));
        restoreRun(runs_.size() - 1, trials);

        nextRound_ = key.first;
        nextPlan_ = key.second + 1;
        if (nextPlan_ == options_.round.size()) {
            nextPlan_ = 0;
            ++nextRound_;
        }
    }
}

void BracketSchedule::restoreRun(std::size_t runIndex, const std::vector<const Trial*>& trials)
{
    const std::string& metric = options_.objective.metric;
    const auto lastStage = static_cast<std::int64_t>(runs_[runIndex].stages.size()) - 1;
    std::vector<std::size_t> indices;
    std::vector<double> endValues;
    std::int64_t current = 0;

    for (const Trial* trial : trials) {
        Member m;
        m.trialId = trial->id;
        m.params = trial->params;
        m.run = runIndex;
        m.stage = std::clamp<std::int64_t>(trial->rung.value_or(0), 0, lastStage);
        m.endState = trial->state;
        current = std::max(current, m.stage);
        const auto& stages = runs_[runIndex].stages;
        // What the configuration scored at every stage it completed.
        for (std::int64_t j = 0; j < m.stage; ++j) {
            const double resource = stages[static_cast<std::size_t>(j)].resource;
            source_.observe(m.params, resource, curveValueUpTo(*trial, metric, resource).value_or(std::nan("")));
        }
        const double resource = stages[static_cast<std::size_t>(m.stage)].resource;
        const double ended = endedValue(*trial, metric, resource);
        if (!wasInterrupted(*trial))
            source_.observe(m.params, resource, ended);
        endValues.push_back(ended);
        indices.push_back(members_.size());
        memberById_.emplace(m.trialId, members_.size());
        members_.push_back(std::move(m));
    }

    Run& run = runs_[runIndex];
    run.created = static_cast<std::int64_t>(trials.size());
    run.stage = current;

    std::vector<std::size_t> promoted;
    if (current > 0) {
        // The promotion into the current stage was decided, but the runner may not have asked
        // for every promoted configuration before the interruption: decide it again from the
        // values at the previous rung and queue those not launched yet.
        std::vector<std::size_t> candidates;
        std::int64_t launched = 0;
        for (std::size_t k = 0; k < indices.size(); ++k) {
            Member& m = members_[indices[k]];
            if (m.stage == current)
                ++launched;
            else if (m.stage == current - 1) {
                m.value = endValues[k];
                candidates.push_back(indices[k]);
            }
        }
        const std::int64_t keep = run.stages[static_cast<std::size_t>(current)].configurations;
        promoted = ranked(candidates);
        promoted.resize(static_cast<std::size_t>(std::clamp<std::int64_t>(keep - launched, 0,
                                                                           static_cast<std::int64_t>(promoted.size()))));
    }

    for (std::size_t k = 0; k < indices.size(); ++k) {
        const std::size_t index = indices[k];
        Member& m = members_[index];
        const Trial& trial = *trials[k];
        if (std::find(promoted.begin(), promoted.end(), index) != promoted.end()) {
            m.stage = current;
            m.phase = Phase::Queued;
            m.continuation = true;
            m.startStep = run.stages[static_cast<std::size_t>(current - 1)].resource;
            continue;
        }
        if (m.stage < current) {
            m.phase = Phase::Ended;
            if (trial.state == TrialState::Complete)
                stoppedAtRung_.push_back(m.trialId);
            continue;
        }
        run.members.push_back(index);
        if (wasInterrupted(trial)) {
            m.phase = Phase::Queued;
            m.continuation = true;
            m.startStep = lastCurveStep(trial, options_.objective.metric);
            run.queued.push_back(index);
        } else {
            m.phase = Phase::Ended;
            m.value = endValues[k];
            ++run.ended;
        }
    }
    for (std::size_t index : promoted) {
        run.members.push_back(index);
        run.queued.push_back(index);
    }
    if (stageComplete(run))
        completeStage(runIndex);
}

} // namespace tendril::search
