#include "pbt_search.hpp"

#include "sampling_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tendril::search {

namespace {

// ⌈n·q⌉ capped at ⌊n/2⌋. The epsilon keeps products such as 10 · 0.3 = 3.0000000000000004 at 3
// (Python's math.ceil, and so Ray, makes that 4).
std::int64_t quantileCount(std::int64_t n, double quantile)
{
    const auto k = static_cast<std::int64_t>(std::ceil(static_cast<double>(n) * quantile - 1e-12));
    return std::min(k, n / 2);
}

} // namespace

PbtSearch::PbtSearch(const AlgorithmSetup& setup, PbtOptions options, std::uint64_t seed)
    : space_(setup.space),
      scales_(samplingScales(space_)),
      objective_(setup.objective),
      options_(options),
      seed_(seed),
      book_(setup.budget.maxTrials)
{
}

std::int64_t PbtSearch::exploitsPerGeneration() const
{
    return quantileCount(options_.populationSize, options_.quantile);
}

std::int64_t PbtSearch::generationAt(double step) const
{
    return static_cast<std::int64_t>(std::floor(step / options_.perturbationInterval + 1e-9));
}

std::size_t PbtSearch::memberOf(const std::string& trialId, const char* call) const
{
    const auto it = memberByTrial_.find(trialId);
    if (it == memberByTrial_.end())
        throwUnknownTrial(call, trialId);
    return it->second;
}

TrialRequest PbtSearch::initialMember()
{
    const TrialBook::NewTrial trial = book_.create();
    SearchRng rng = SearchRng::forProposal(seed_, static_cast<std::uint64_t>(trial.index));
    Member member;
    member.trialId = trial.id;
    member.params = sampleUniform(space_, scales_, rng);
    member.phase = Phase::Running;
    memberByTrial_[member.trialId] = members_.size();
    ++initialCreated_;

    TrialRequest request;
    request.trialId = member.trialId;
    request.params = member.params;
    request.budget = options_.maxResource;
    request.iteration = 0;
    members_.push_back(std::move(member));
    return request;
}

std::optional<TrialRequest> PbtSearch::ask()
{
    for (Member& member : members_) {
        if (member.phase == Phase::Queued) {
            member.phase = Phase::Running;
            return member.pending;
        }
    }
    if (initialCreated_ < options_.populationSize && book_.budgetLeft())
        return initialMember();
    return std::nullopt;
}

std::vector<std::size_t> PbtSearch::rankedWorstFirst() const
{
    std::vector<std::size_t> ranked;
    for (std::size_t i = 0; i < members_.size(); ++i)
        if (members_[i].phase != Phase::Done && members_[i].score)
            ranked.push_back(i);
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
        return isBetter(objective_.direction, *members_[b].score, *members_[a].score);
    });
    return ranked;
}

bool PbtSearch::exploit(std::size_t slot, std::int64_t generation)
{
    const std::vector<std::size_t> ranked = rankedWorstFirst();
    const auto n = static_cast<std::int64_t>(ranked.size());
    const std::int64_t k = quantileCount(n, options_.quantile);
    if (k < 1 || !book_.budgetLeft())
        return false;
    std::vector<std::size_t> donors(ranked.end() - k, ranked.end());
    donors.erase(std::remove(donors.begin(), donors.end(), slot), donors.end());
    if (donors.empty())
        return false;

    const TrialBook::NewTrial trial = book_.create();
    SearchRng rng = SearchRng::forProposal(seed_, static_cast<std::uint64_t>(trial.index));
    const Member& donor = members_[donors[rng.below(donors.size())]];
    const double copiedAt = donor.lastStep.value_or(0.0);

    TrialRequest request;
    request.trialId = trial.id;
    request.params = explore(donor.params, space_, scales_, options_.explore, rng);
    request.budget = options_.maxResource;
    request.iteration = generation;
    request.parent = donor.trialId;
    request.startStep = copiedAt;
    request.restoreFrom = donor.trialId;
    exploits_.push_back({members_[slot].trialId, donor.trialId, trial.id, copiedAt, generation});
    ++exploitsByGeneration_[generation];

    Member& member = members_[slot];
    if (!member.trialId.empty()) {
        ended_.insert(member.trialId);
        memberByTrial_.erase(member.trialId);
    }
    member.trialId = trial.id;
    member.params = request.params;
    member.phase = Phase::Queued;
    member.pending = std::move(request);
    member.score.reset();
    member.lastCheck = copiedAt;
    member.lastStep = copiedAt;
    memberByTrial_[member.trialId] = slot;
    return true;
}

Verdict PbtSearch::report(const std::string& trialId, double step, double value)
{
    if (ended_.count(trialId))
        return Verdict::Stop;
    const std::size_t slot = memberOf(trialId, "report");
    Member& member = members_[slot];
    if (member.phase != Phase::Running)
        return Verdict::Stop;
    if (member.lastStep && !(step > *member.lastStep))
        return Verdict::Continue;
    member.lastStep = step;
    if (step - member.lastCheck < options_.perturbationInterval * (1.0 - 1e-9))
        return Verdict::Continue;

    member.lastCheck = step;
    member.score = value;
    const std::int64_t generation = generationAt(step);
    const std::vector<std::size_t> ranked = rankedWorstFirst();
    const std::int64_t k = quantileCount(static_cast<std::int64_t>(ranked.size()), options_.quantile);
    const auto position = std::find(ranked.begin(), ranked.end(), slot) - ranked.begin();
    if (position >= k || exploitsByGeneration_[generation] >= exploitsPerGeneration())
        return Verdict::Continue;
    return exploit(slot, generation) ? Verdict::Stop : Verdict::Continue;
}

void PbtSearch::tell(const std::string& trialId, TrialState state, std::optional<double>)
{
    ProposalLedger::checkEndState(state);
    if (ended_.count(trialId))
        return;
    Member& member = members_[memberOf(trialId, "tell")];
    if (member.phase != Phase::Running)
        throw std::invalid_argument("tell: trial \"" + trialId + "\" is not running");
    member.phase = Phase::Done;
    ended_.insert(trialId);
    memberByTrial_.erase(trialId);
}

bool PbtSearch::finished() const
{
    const bool canCreate = book_.budgetLeft();
    if (canCreate && initialCreated_ < options_.populationSize)
        return false;
    for (const Member& member : members_) {
        if (member.phase == Phase::Queued || (canCreate && member.phase == Phase::Running))
            return false;
    }
    return true;
}

void PbtSearch::restore(const Study& study)
{
    members_.clear();
    memberByTrial_.clear();
    ended_.clear();
    exploitsByGeneration_.clear();
    exploits_.clear();
    initialCreated_ = 0;
    book_.restore(study);

    std::vector<const Trial*> ordered;
    for (const Trial& trial : study.trials)
        ordered.push_back(&trial);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Trial* a, const Trial* b) { return a->number < b->number; });

    std::int64_t children = 0, pruned = 0;
    for (const Trial* trial : ordered) {
        if (trial->parent.empty()) {
            ++initialCreated_;
        } else {
            ++children;
            if (trial->iteration)
                ++exploitsByGeneration_[*trial->iteration];
        }
        if (!wasInterrupted(*trial)) {
            ended_.insert(trial->id);
            pruned += trial->state == TrialState::Pruned ? 1 : 0;
            continue;
        }
        Member member;
        member.trialId = trial->id;
        member.params = trial->params;
        member.phase = Phase::Queued;
        member.lastCheck = trial->startStep.value_or(0.0);
        // Its checks, replayed from its curve: the score is the value at the last one.
        if (const Curve* curve = trial->curve(objective_.metric)) {
            std::vector<std::pair<double, double>> points;
            for (std::size_t i = 0; i < curve->size(); ++i)
                points.emplace_back(curve->steps[i], curve->values[i]);
            std::stable_sort(points.begin(), points.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& [step, value] : points) {
                if (step <= member.lastCheck && member.lastStep)
                    continue;
                member.lastStep = step;
                if (step - member.lastCheck >= options_.perturbationInterval * (1.0 - 1e-9)) {
                    member.lastCheck = step;
                    member.score = value;
                }
            }
        }
        // The same trial goes on from its own checkpoint; its lineage (parent, start step) stays
        // as recorded.
        TrialRequest& request = member.pending;
        request.trialId = trial->id;
        request.continuation = true;
        request.params = trial->params;
        request.budget = options_.maxResource;
        request.iteration = trial->iteration;
        request.parent = trial->parent;
        request.startStep = trial->startStep;
        if (member.lastStep)
            request.restoreFrom = trial->id;
        memberByTrial_[trial->id] = members_.size();
        members_.push_back(std::move(member));
    }

    // Each pruned member was replaced by a child; a replacement decided but never started left
    // a gap in the population, filled again by exploiting the resumed members.
    for (std::int64_t lost = pruned - children; lost > 0; --lost) {
        const std::vector<std::size_t> ranked = rankedWorstFirst();
        if (ranked.empty())
            break;
        members_.emplace_back();
        const double copiedAt = members_[ranked.back()].lastStep.value_or(0.0);
        if (!exploit(members_.size() - 1, generationAt(copiedAt))) {
            members_.pop_back();
            break;
        }
    }
}

} // namespace tendril::search
