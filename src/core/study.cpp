#include "tendril/core/study.hpp"

#include <cmath>

namespace tendril {

std::optional<Direction> Study::directionOf(std::string_view metric) const
{
    if (metric == objective.metric)
        return objective.direction;
    for (const MetricSpec& m : metrics)
        if (m.name == metric)
            return m.direction;
    return std::nullopt;
}

StateCounts Study::stateCounts() const
{
    StateCounts counts{};
    for (const Trial& t : trials)
        ++counts[static_cast<std::size_t>(t.state)];
    return counts;
}

const Trial* Study::bestTrial() const
{
    const Trial* best = nullptr;
    double bestValue = std::nan("");
    for (const Trial& t : trials) {
        if (t.state != TrialState::Complete)
            continue;
        const auto v = t.metric(objective.metric);
        if (!v || std::isnan(*v))
            continue;
        if (!best || isBetter(objective.direction, *v, bestValue)) {
            best = &t;
            bestValue = *v;
        }
    }
    return best;
}

const Trial* Study::findTrial(std::string_view id) const
{
    for (const Trial& t : trials)
        if (t.id == id)
            return &t;
    return nullptr;
}

namespace {
bool isWholeNumber(const Value& v)
{
    return v.isInt();
}
} // namespace

SearchSpace inferSpace(const std::vector<Trial>& trials)
{
    SearchSpace space;
    struct Seen {
        bool allNumbers = true;
        bool allInts = true;
        double low = INFINITY, high = -INFINITY;
        std::vector<Value> distinct;
    };
    std::vector<Seen> seen;
    for (const Trial& t : trials) {
        for (const auto& [name, v] : t.params) {
            if (v.isNull())
                continue;
            int idx = space.indexOf(name);
            if (idx < 0) {
                Param p;
                p.name = name;
                space.params.push_back(p);
                seen.emplace_back();
                idx = static_cast<int>(space.params.size()) - 1;
            }
            Seen& s = seen[static_cast<std::size_t>(idx)];
            if (v.isNumber() && std::isfinite(v.toDouble())) {
                s.allInts = s.allInts && isWholeNumber(v);
                s.low = std::min(s.low, v.toDouble());
                s.high = std::max(s.high, v.toDouble());
            } else {
                s.allNumbers = false;
            }
            bool known = false;
            for (const Value& d : s.distinct)
                if (d == v && d.kind() == v.kind()) {
                    known = true;
                    break;
                }
            if (!known)
                s.distinct.push_back(v);
        }
    }
    for (std::size_t i = 0; i < space.params.size(); ++i) {
        Param& p = space.params[i];
        const Seen& s = seen[i];
        if (s.allNumbers) {
            p.type = s.allInts ? ParamType::Int : ParamType::Float;
            p.low = s.low;
            p.high = s.high;
        } else {
            p.type = ParamType::Categorical;
            p.choices = s.distinct;
        }
    }
    return space;
}

} // namespace tendril
