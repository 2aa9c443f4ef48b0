// What the runner remembers about every trial of the study it runs (those recorded before a
// resume included): its number, state and final metrics, the last value of each metric across its
// runs (a continuation's final values fall back on them), its artifacts object, and the counts and
// best trial the progress shows, kept up to date incrementally.
#pragma once

#include "run_types.hpp"

#include "tendril/core/study.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tendril::runner {

using MetricValues = std::vector<std::pair<std::string, double>>;
// An artifacts object as its members: name and compact JSON text, in the order first reported.
using ArtifactMembers = std::vector<std::pair<std::string, std::string>>;

// Sets name to value, keeping the position of a name already present.
void setMetric(MetricValues& values, const std::string& name, double value);
std::optional<double> findMetric(const MetricValues& values, const std::string& name);

// Parses an artifacts object kept as text; malformed text gives no members (the text is the
// store's, written by the runner or an importer, so this does not happen in practice).
ArtifactMembers parseArtifacts(const std::string& json);
std::string artifactsJson(const ArtifactMembers& members);

struct TrialMemory {
    std::string id;
    std::int64_t number = 0;
    TrialState state = TrialState::Running;
    MetricValues finalMetrics;
    MetricValues lastValues;
    ArtifactMembers artifacts;
    std::string finished;
};

class RunTally {
public:
    RunTally(Objective objective, std::optional<std::int64_t> maxTrials);

    // Takes in the trials of a study being resumed (after unfinished ones were marked failed).
    void restore(const Study& study);

    bool has(const std::string& id) const { return index_.count(id) != 0; }
    TrialMemory& trial(const std::string& id);  // must exist
    // A new trial with the next number, in state running.
    TrialMemory& add(const std::string& id);

    // A run of the trial started / ended: updates the counts and the best trial.
    void started(const std::string& id);
    void ended(const std::string& id, TrialState state, MetricValues finalMetrics, std::string finished);
    // The algorithm ended a trial whose run had already ended (stopped at its rung).
    void stoppedAtRung(const std::string& id);

    // Counts, best trial and maxTrials; running, launched and elapsed are the runner's to fill.
    RunProgress progress() const;
    std::int64_t trialCount() const { return static_cast<std::int64_t>(trials_.size()); }
    std::int64_t count(TrialState state) const { return counts_[static_cast<std::size_t>(state)]; }

private:
    void setState(TrialMemory& trial, TrialState state);
    std::optional<double> objectiveOf(const TrialMemory& trial) const;
    void offerBest(const TrialMemory& trial);
    void rescanBest();

    Objective objective_;
    std::optional<std::int64_t> maxTrials_;
    std::deque<TrialMemory> trials_;  // in creation order; references stay valid as it grows
    std::unordered_map<std::string, std::size_t> index_;
    std::int64_t nextNumber_ = 0;
    StateCounts counts_{};
    std::optional<std::size_t> best_;
};

} // namespace tendril::runner
