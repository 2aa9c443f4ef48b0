#include "sha_trial_book.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tendril::search {

std::optional<std::int64_t> TrialBook::remaining() const
{
    if (!maxTrials_)
        return std::nullopt;
    return std::max<std::int64_t>(*maxTrials_ - created_, 0);
}

TrialBook::NewTrial TrialBook::create()
{
    NewTrial trial;
    trial.index = nextIndex_++;
    trial.id = "t" + std::to_string(trial.index);
    // Imported studies may already use "t<n>" for something else.
    for (int suffix = 1; takenIds_.count(trial.id); ++suffix)
        trial.id = "t" + std::to_string(trial.index) + "-" + std::to_string(suffix);
    takenIds_.insert(trial.id);
    ++created_;
    return trial;
}

void TrialBook::restore(const Study& study)
{
    created_ = static_cast<std::int64_t>(study.trials.size());
    nextIndex_ = created_;
    takenIds_.clear();
    for (const Trial& trial : study.trials) {
        takenIds_.insert(trial.id);
        nextIndex_ = std::max(nextIndex_, trial.number + 1);
    }
}

void throwUnknownTrial(std::string_view call, std::string_view trialId)
{
    throw std::invalid_argument(std::string(call) + ": trial \"" + std::string(trialId) + "\" was never proposed");
}

bool wasInterrupted(const Trial& trial)
{
    if (trial.state == TrialState::Running || trial.state == TrialState::Queued)
        return true;
    return trial.state == TrialState::Failed && trial.error.rfind("interrupted", 0) == 0;
}

std::optional<double> curveValueUpTo(const Trial& trial, std::string_view metric, double limit)
{
    const Curve* curve = trial.curve(metric);
    if (!curve)
        return std::nullopt;
    std::optional<double> value;
    std::optional<double> bestStep;
    // Curves are stored in report order, which is normally step order; take the furthest step
    // within the limit whatever the order.
    for (std::size_t i = 0; i < curve->size(); ++i) {
        const double step = curve->steps[i];
        if (step <= limit && (!bestStep || step >= *bestStep)) {
            bestStep = step;
            value = curve->values[i];
        }
    }
    return value;
}

std::optional<double> lastCurveStep(const Trial& trial, std::string_view metric)
{
    const Curve* curve = trial.curve(metric);
    if (!curve || curve->empty())
        return std::nullopt;
    return *std::max_element(curve->steps.begin(), curve->steps.end());
}

double finalValue(const Trial& trial, std::string_view metric)
{
    if (const std::optional<double> v = trial.metric(metric))
        return *v;
    if (const std::optional<double> last = lastCurveStep(trial, metric))
        return *curveValueUpTo(trial, metric, *last);
    return std::nan("");
}

} // namespace tendril::search
