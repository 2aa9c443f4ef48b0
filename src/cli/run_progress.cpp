#include "run_progress.hpp"

#include "tendril/core/value.hpp"

#include <cmath>
#include <cstdio>

namespace tendril::cli {

namespace {

// The first line of an error, cut to fit a progress line.
std::string errorHead(const std::string& error)
{
    constexpr std::size_t kMax = 72;
    std::string head = error.substr(0, error.find('\n'));
    if (head.size() > kMax) {
        std::size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(head[cut]) & 0xC0) == 0x80)
            --cut;
        head = head.substr(0, cut) + "...";
    }
    return head;
}

std::string counter(const runner::RunProgress& p)
{
    const std::string done = std::to_string(p.done());
    if (!p.maxTrials)
        return "[" + done + "]";
    const std::string max = std::to_string(*p.maxTrials);
    std::string padded = done.size() < max.size() ? std::string(max.size() - done.size(), ' ') + done : done;
    return "[" + padded + "/" + max + "]";
}

} // namespace

std::string clockTime(double seconds)
{
    const auto total = static_cast<long long>(std::isfinite(seconds) && seconds > 0 ? seconds : 0);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    return buf;
}

std::string shortNumber(double value)
{
    if (!std::isfinite(value))
        return formatDouble(value);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", value);
    return buf;
}

std::string progressLine(const runner::TrialOutcome& outcome, const runner::RunProgress& progress,
                         const std::string& objectiveMetric)
{
    std::string line = counter(progress) + " " + outcome.trialId;
    if (outcome.run > 1)
        line += " (run " + std::to_string(outcome.run) + ")";
    line += " " + std::string(toString(outcome.state));
    if (outcome.stoppedAtRung)
        line += " at its rung";
    if (outcome.value)
        line += " " + objectiveMetric + "=" + shortNumber(*outcome.value);
    if (!outcome.error.empty())
        line += ": " + errorHead(outcome.error);
    line += "  best ";
    line += progress.bestTrial.empty() ? "-" : shortNumber(progress.bestValue) + " (" + progress.bestTrial + ")";
    line += "  running " + std::to_string(progress.running);
    line += "  failed " + std::to_string(progress.failed);
    line += "  " + clockTime(progress.elapsedSeconds);
    return line;
}

std::string summaryLine(const std::string& study, const runner::RunProgress& progress,
                        const std::string& objectiveMetric)
{
    std::string line = "study \"" + study + "\": " + std::to_string(progress.trials) +
                       (progress.trials == 1 ? " trial" : " trials");
    std::string states;
    auto add = [&](const char* name, std::int64_t n) {
        if (n > 0)
            states += (states.empty() ? "" : ", ") + std::string(name) + " " + std::to_string(n);
    };
    add("complete", progress.complete);
    add("pruned", progress.pruned);
    add("failed", progress.failed);
    if (!states.empty())
        line += " (" + states + ")";
    line += " in " + clockTime(progress.elapsedSeconds);
    if (!progress.bestTrial.empty())
        line += ", best " + objectiveMetric + " " + shortNumber(progress.bestValue) + " (" + progress.bestTrial + ")";
    return line;
}

} // namespace tendril::cli
