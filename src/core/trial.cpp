#include "tendril/core/trial.hpp"

namespace tendril {

namespace {
bool sameVector(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!sameNumber(a[i], b[i]))
            return false;
    return true;
}
} // namespace

void Curve::append(double step, double value, double secs)
{
    if (!std::isnan(secs) && seconds.size() < steps.size())
        seconds.resize(steps.size(), std::nan(""));
    steps.push_back(step);
    values.push_back(value);
    if (!seconds.empty() || !std::isnan(secs))
        seconds.push_back(secs);
}

bool operator==(const Curve& a, const Curve& b)
{
    return sameVector(a.steps, b.steps) && sameVector(a.values, b.values) && sameVector(a.seconds, b.seconds);
}

bool operator==(const Trial& a, const Trial& b)
{
    if (a.metrics.size() != b.metrics.size())
        return false;
    for (std::size_t i = 0; i < a.metrics.size(); ++i)
        if (a.metrics[i].first != b.metrics[i].first || !sameNumber(a.metrics[i].second, b.metrics[i].second))
            return false;
    return a.id == b.id && a.number == b.number && a.state == b.state && a.params == b.params &&
           a.curves == b.curves && a.iteration == b.iteration && a.parent == b.parent &&
           a.startStep == b.startStep && a.bracket == b.bracket && a.rung == b.rung && a.budget == b.budget &&
           a.started == b.started && a.finished == b.finished && a.error == b.error &&
           a.artifactsJson == b.artifactsJson && a.userAttrsJson == b.userAttrsJson;
}

const Value* Trial::param(std::string_view name) const
{
    for (const auto& [k, v] : params)
        if (k == name)
            return &v;
    return nullptr;
}

std::optional<double> Trial::metric(std::string_view name) const
{
    for (const auto& [k, v] : metrics)
        if (k == name)
            return v;
    return std::nullopt;
}

const Curve* Trial::curve(std::string_view name) const
{
    for (const auto& [k, c] : curves)
        if (k == name)
            return &c;
    return nullptr;
}

void Trial::setParam(std::string name, Value v)
{
    for (auto& [k, old] : params)
        if (k == name) {
            old = std::move(v);
            return;
        }
    params.emplace_back(std::move(name), std::move(v));
}

void Trial::setMetric(std::string name, double v)
{
    for (auto& [k, old] : metrics)
        if (k == name) {
            old = v;
            return;
        }
    metrics.emplace_back(std::move(name), v);
}

Curve& Trial::curveFor(std::string_view name)
{
    for (auto& [k, c] : curves)
        if (k == name)
            return c;
    curves.emplace_back(std::string(name), Curve{});
    return curves.back().second;
}

} // namespace tendril
