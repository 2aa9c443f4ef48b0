#include "hyperband_schedule.hpp"

#include "sampling_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tendril::search {

namespace {

// Steps within a hair of the budget count as within it (budgets such as 100/81 are not exact).
bool withinBudget(double step, double budget) { return step <= budget + 1e-9 * std::max(1.0, std::fabs(budget)); }

} // namespace

BracketSchedule::BracketSchedule(ScheduleOptions options, ConfigurationSource& source)
    : options_(std::move(options)), source_(source), book_(options_.maxTrials)
{
}

std::int64_t BracketSchedule::reserved() const
{
    std::int64_t total = 0;
    for (const Run& run : runs_)
        if (!run.done)
            total += run.startedWith - run.created;
    return total;
}

bool BracketSchedule::openRun()
{
    if (options_.round.empty())
        return false;
    const BracketPlan& plan = options_.round[nextPlan_];
    std::int64_t n = plan.configurations;
    if (const std::optional<std::int64_t> remaining = book_.remaining())
        n = std::min(n, *remaining - reserved());
    if (n < 1)
        return false;
    Run run;
    run.round = nextRound_;
    run.plan = nextPlan_;
    run.stages = bracketStages(plan, n, options_.eta);
    run.startedWith = n;
    runs_.push_back(std::move(run));
    if (++nextPlan_ == options_.round.size()) {
        nextPlan_ = 0;
        ++nextRound_;
    }
    return true;
}

std::optional<TrialRequest> BracketSchedule::createMember(std::size_t runIndex)
{
    const TrialBook::NewTrial trial = book_.create();
    Member member;
    member.trialId = trial.id;
    member.params = source_.propose(trial.index);
    member.run = runIndex;
    const std::size_t index = members_.size();
    memberById_.emplace(member.trialId, index);
    members_.push_back(std::move(member));
    runs_[runIndex].members.push_back(index);
    ++runs_[runIndex].created;
    return launch(index);
}

std::optional<TrialRequest> BracketSchedule::launch(std::size_t memberIndex)
{
    Member& member = members_[memberIndex];
    const Run& run = runs_[member.run];
    member.phase = Phase::Running;
    member.lastStepInBudget.reset();
    member.lastValueInBudget.reset();

    TrialRequest request;
    request.trialId = member.trialId;
    request.continuation = member.continuation;
    request.params = member.params;
    request.budget = run.stages[static_cast<std::size_t>(member.stage)].resource;
    request.iteration = run.round;
    request.bracket = options_.round[run.plan].bracket;
    request.rung = member.stage;
    if (member.continuation && member.startStep) {
        request.startStep = member.startStep;
        request.restoreFrom = member.trialId;
    }
    return request;
}

std::optional<TrialRequest> BracketSchedule::ask()
{
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        Run& run = runs_[i];
        if (run.done)
            continue;
        if (!run.queued.empty()) {
            const std::size_t next = run.queued.front();
            run.queued.pop_front();
            return launch(next);
        }
        if (run.stage == 0 && run.created < run.startedWith)
            return createMember(i);
    }
    if (openRun())
        return createMember(runs_.size() - 1);
    return std::nullopt;
}

BracketSchedule::Member& BracketSchedule::member(const std::string& trialId, const char* call)
{
    const auto it = memberById_.find(trialId);
    if (it == memberById_.end())
        throwUnknownTrial(call, trialId);
    return members_[it->second];
}

Verdict BracketSchedule::report(const std::string& trialId, double step, double value)
{
    Member& m = member(trialId, "report");
    if (m.phase != Phase::Running)
        return Verdict::Stop;
    const double budget = runs_[m.run].stages[static_cast<std::size_t>(m.stage)].resource;
    if (!withinBudget(step, budget))
        return Verdict::Stop;
    if (!m.lastStepInBudget || step >= *m.lastStepInBudget) {
        m.lastStepInBudget = step;
        m.lastValueInBudget = value;
    }
    return Verdict::Continue;
}

void BracketSchedule::tell(const std::string& trialId, TrialState state, std::optional<double> value)
{
    ProposalLedger::checkEndState(state);
    Member& m = member(trialId, "tell");
    if (m.phase != Phase::Running)
        throw std::invalid_argument("tell: trial \"" + trialId + "\" is not running");
    const double nan = std::nan("");
    if (state == TrialState::Complete)
        m.value = value ? *value : m.lastValueInBudget.value_or(nan);
    else if (state == TrialState::Pruned)
        m.value = m.lastValueInBudget.value_or(nan);
    else
        m.value = nan;
    m.phase = Phase::Ended;
    m.endState = state;
    Run& run = runs_[m.run];
    ++run.ended;
    source_.observe(m.params, run.stages[static_cast<std::size_t>(m.stage)].resource, m.value);
    if (stageComplete(run))
        completeStage(m.run);
}

bool BracketSchedule::stageComplete(const Run& run) const
{
    if (run.done || (run.stage == 0 && run.created < run.startedWith))
        return false;
    return run.ended == static_cast<std::int64_t>(run.members.size()) && run.queued.empty();
}

std::vector<std::size_t> BracketSchedule::ranked(const std::vector<std::size_t>& members) const
{
    std::vector<std::size_t> order;
    for (std::size_t index : members)
        if (!std::isnan(members_[index].value))
            order.push_back(index);
    const Direction direction = options_.objective.direction;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return isBetter(direction, members_[a].value, members_[b].value);
    });
    return order;
}

void BracketSchedule::completeStage(std::size_t runIndex)
{
    Run& run = runs_[runIndex];
    const auto next = static_cast<std::size_t>(run.stage + 1);
    if (next >= run.stages.size()) {
        run.done = true;
        return;
    }
    std::vector<std::size_t> promoted = ranked(run.members);
    promoted.resize(std::min<std::size_t>(promoted.size(), static_cast<std::size_t>(run.stages[next].configurations)));
    const double reachedStep = run.stages[static_cast<std::size_t>(run.stage)].resource;
    for (std::size_t index : run.members) {
        Member& m = members_[index];
        if (std::find(promoted.begin(), promoted.end(), index) != promoted.end()) {
            m.stage = static_cast<std::int64_t>(next);
            m.phase = Phase::Queued;
            m.continuation = true;
            m.startStep = reachedStep;
        } else if (m.endState == TrialState::Complete) {
            stoppedAtRung_.push_back(m.trialId);
        }
    }
    run.members = promoted;
    run.queued.assign(promoted.begin(), promoted.end());
    run.stage = static_cast<std::int64_t>(next);
    run.ended = 0;
    run.done = promoted.empty();
}

bool BracketSchedule::finished() const
{
    for (const Run& run : runs_)
        if (!run.done)
            return false;
    if (options_.round.empty())
        return true;
    const std::optional<std::int64_t> remaining = book_.remaining();
    return remaining && *remaining < 1;
}

std::vector<std::string> BracketSchedule::takeStoppedAtRung()
{
    std::vector<std::string> taken;
    taken.swap(stoppedAtRung_);
    return taken;
}

} // namespace tendril::search
