#include "run_tally.hpp"

#include "tendril/io/json_reader.hpp"
#include "tendril/io/json_writer.hpp"

#include <cmath>
#include <stdexcept>

namespace tendril::runner {

void setMetric(MetricValues& values, const std::string& name, double value)
{
    for (auto& [n, v] : values) {
        if (n == name) {
            v = value;
            return;
        }
    }
    values.emplace_back(name, value);
}

std::optional<double> findMetric(const MetricValues& values, const std::string& name)
{
    for (const auto& [n, v] : values)
        if (n == name)
            return v;
    return std::nullopt;
}

ArtifactMembers parseArtifacts(const std::string& json)
{
    ArtifactMembers members;
    if (json.empty())
        return members;
    try {
        JsonReader reader(std::string_view(json), "artifacts");
        if (reader.peek() != JsonReader::Kind::Object)
            return {};
        reader.beginObject();
        while (reader.nextKey()) {
            std::string name(reader.key());
            members.emplace_back(std::move(name), reader.readCompactJson());
        }
    } catch (const FormatError&) {
        return {};
    }
    return members;
}

std::string artifactsJson(const ArtifactMembers& members)
{
    std::string out;
    JsonWriter w(out);
    w.beginObject();
    for (const auto& [name, json] : members)
        w.key(name).raw(json);
    w.endObject();
    return out;
}

RunTally::RunTally(Objective objective, std::optional<std::int64_t> maxTrials)
    : objective_(std::move(objective)), maxTrials_(maxTrials)
{
}

void RunTally::restore(const Study& study)
{
    trials_.clear();
    index_.clear();
    counts_ = {};
    best_.reset();
    nextNumber_ = 0;
    for (const Trial& t : study.trials) {
        TrialMemory m;
        m.id = t.id;
        m.number = t.number;
        m.state = t.state;
        m.finalMetrics = t.metrics;
        for (const auto& [metric, curve] : t.curves)
            if (!curve.empty())
                m.lastValues.emplace_back(metric, curve.values.back());
        m.artifacts = parseArtifacts(t.artifactsJson);
        m.finished = t.finished;
        nextNumber_ = std::max(nextNumber_, t.number + 1);
        ++counts_[static_cast<std::size_t>(m.state)];
        index_.emplace(m.id, trials_.size());
        trials_.push_back(std::move(m));
        offerBest(trials_.back());
    }
}

TrialMemory& RunTally::trial(const std::string& id)
{
    const auto it = index_.find(id);
    if (it == index_.end())
        throw std::logic_error("runner: unknown trial \"" + id + "\"");
    return trials_[it->second];
}

TrialMemory& RunTally::add(const std::string& id)
{
    TrialMemory m;
    m.id = id;
    m.number = nextNumber_++;
    m.state = TrialState::Running;
    ++counts_[static_cast<std::size_t>(m.state)];
    index_.emplace(id, trials_.size());
    trials_.push_back(std::move(m));
    return trials_.back();
}

void RunTally::setState(TrialMemory& trial, TrialState state)
{
    --counts_[static_cast<std::size_t>(trial.state)];
    trial.state = state;
    ++counts_[static_cast<std::size_t>(state)];
}

void RunTally::started(const std::string& id)
{
    TrialMemory& t = trial(id);
    const bool wasBest = best_ && trials_[*best_].id == id;
    setState(t, TrialState::Running);
    if (wasBest)
        rescanBest();
}

void RunTally::ended(const std::string& id, TrialState state, MetricValues finalMetrics, std::string finished)
{
    TrialMemory& t = trial(id);
    const bool wasBest = best_ && trials_[*best_].id == id;
    setState(t, state);
    t.finalMetrics = std::move(finalMetrics);
    t.finished = std::move(finished);
    if (wasBest)
        rescanBest();
    else
        offerBest(t);
}

void RunTally::stoppedAtRung(const std::string& id)
{
    TrialMemory& t = trial(id);
    const bool wasBest = best_ && trials_[*best_].id == id;
    setState(t, TrialState::Pruned);
    if (wasBest)
        rescanBest();
}

std::optional<double> RunTally::objectiveOf(const TrialMemory& trial) const
{
    if (trial.state != TrialState::Complete)
        return std::nullopt;
    const std::optional<double> v = findMetric(trial.finalMetrics, objective_.metric);
    if (!v || std::isnan(*v))
        return std::nullopt;
    return v;
}

void RunTally::offerBest(const TrialMemory& trial)
{
    const std::optional<double> v = objectiveOf(trial);
    if (!v)
        return;
    const std::size_t position = index_.at(trial.id);
    if (!best_) {
        best_ = position;
        return;
    }
    const double bestValue = *objectiveOf(trials_[*best_]);
    // Ties go to the earlier trial, as Study::bestTrial has it.
    if (isBetter(objective_.direction, *v, bestValue) || (*v == bestValue && position < *best_))
        best_ = position;
}

void RunTally::rescanBest()
{
    best_.reset();
    for (const TrialMemory& t : trials_)
        offerBest(t);
}

RunProgress RunTally::progress() const
{
    RunProgress p;
    p.trials = trialCount();
    p.complete = count(TrialState::Complete);
    p.pruned = count(TrialState::Pruned);
    p.failed = count(TrialState::Failed);
    p.maxTrials = maxTrials_;
    if (best_) {
        p.bestTrial = trials_[*best_].id;
        p.bestValue = *objectiveOf(trials_[*best_]);
    }
    return p;
}

} // namespace tendril::runner
