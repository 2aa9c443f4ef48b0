#include "tendril/core/lineage.hpp"

#include "lineage_history.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>

namespace tendril {

namespace {

std::string lowercase(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<ParamChange> changesBetween(const Trial& parent, const Trial& child)
{
    std::vector<ParamChange> changes;
    for (const auto& [name, value] : child.params) {
        const Value* before = parent.param(name);
        if (!before || *before != value)
            changes.push_back({name, before ? *before : Value(), value});
    }
    for (const auto& [name, value] : parent.params)
        if (!child.param(name))
            changes.push_back({name, value, Value()});
    return changes;
}

// Names as the runner and the importers spell them (docs/search.md).
ExplorationScheme schemeOf(const Study& study, const std::vector<TrialLineage>& trials)
{
    const std::string name = lowercase(study.algorithm.name);
    if (name == "pbt" || name == "pb2")
        return ExplorationScheme::Population;
    if (name == "asha")
        return ExplorationScheme::Asynchronous;
    const bool rungs = std::any_of(study.trials.begin(), study.trials.end(), [](const Trial& t) { return t.rung.has_value(); });
    if (rungs)
        return ExplorationScheme::Brackets;
    // Hyperband in pruner mode records brackets without rungs: every trial runs until pruned.
    if (name == "hyperband" || name == "bohb" || name == "sh")
        return ExplorationScheme::Asynchronous;
    // An imported population study under a name of its own still shows its mutations.
    for (std::size_t i = 0; i < trials.size(); ++i)
        if (trials[i].parent && !changesBetween(study.trials[*trials[i].parent], study.trials[i]).empty())
            return ExplorationScheme::Population;
    return ExplorationScheme::Sequential;
}

} // namespace

std::string_view toString(ExplorationScheme scheme)
{
    switch (scheme) {
    case ExplorationScheme::Sequential: return "sequential";
    case ExplorationScheme::Brackets: return "brackets";
    case ExplorationScheme::Asynchronous: return "asynchronous";
    case ExplorationScheme::Population: return "population";
    }
    return "sequential";
}

Lineage::Lineage(const Study& study, const LineageOptions& options)
    : metric_(options.metric.empty() ? study.objective.metric : options.metric)
{
    direction_ = options.direction ? *options.direction : study.directionOf(metric_).value_or(Direction::Maximize);
    const std::size_t n = study.trials.size();
    trials_.resize(n);

    std::unordered_map<std::string_view, std::size_t> byId;
    byId.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        if (!byId.emplace(study.trials[i].id, i).second)
            problems_.push_back("trial " + study.trials[i].id + ": the id is used by an earlier trial, which "
                                "takes its children");
    for (std::size_t i = 0; i < n; ++i) {
        const Trial& trial = study.trials[i];
        if (trial.parent.empty())
            continue;
        const auto it = byId.find(trial.parent);
        if (it == byId.end())
            problems_.push_back("trial " + trial.id + ": parent \"" + trial.parent + "\" is not in the study");
        else if (it->second == i)
            problems_.push_back("trial " + trial.id + ": names itself as its parent");
        else
            trials_[i].parent = it->second;
    }

    // A parent chain that comes back to itself is cut at the link that closes it.
    enum : char { kUnseen, kOnPath, kDone };
    std::vector<char> state(n, kUnseen);
    std::vector<std::size_t> path;
    for (std::size_t start = 0; start < n; ++start) {
        path.clear();
        std::size_t current = start;
        while (state[current] == kUnseen) {
            state[current] = kOnPath;
            path.push_back(current);
            const std::optional<std::size_t> up = trials_[current].parent;
            if (!up)
                break;
            if (state[*up] == kOnPath) {
                problems_.push_back("trial " + study.trials[current].id + ": parent \"" + study.trials[*up].id +
                                    "\" closes a cycle of parents");
                trials_[current].parent.reset();
                break;
            }
            current = *up;
        }
        for (const std::size_t i : path)
            state[i] = kDone;
    }

    for (std::size_t i = 0; i < n; ++i)
        if (trials_[i].parent)
            trials_[*trials_[i].parent].children.push_back(i);
    const auto byCreation = [&study](std::size_t a, std::size_t b) {
        return study.trials[a].number != study.trials[b].number ? study.trials[a].number < study.trials[b].number : a < b;
    };
    for (TrialLineage& trial : trials_)
        std::sort(trial.children.begin(), trial.children.end(), byCreation);

    // Roots and depths: walk up to the first trial already placed.
    std::vector<char> placed(n, 0);
    for (std::size_t start = 0; start < n; ++start) {
        path.clear();
        std::size_t current = start;
        while (!placed[current] && trials_[current].parent) {
            path.push_back(current);
            current = *trials_[current].parent;
        }
        if (!placed[current]) {
            trials_[current].root = current;
            trials_[current].depth = 0;
            placed[current] = 1;
        }
        for (auto it = path.rbegin(); it != path.rend(); ++it) {
            const TrialLineage& up = trials_[*trials_[*it].parent];
            trials_[*it].root = up.root;
            trials_[*it].depth = up.depth + 1;
            placed[*it] = 1;
        }
    }

    scheme_ = schemeOf(study, trials_);
    linkOf_.assign(n, std::nullopt);
    for (std::size_t i = 0; i < n; ++i) {
        if (!trials_[i].parent)
            continue;
        LineageLink link;
        link.parent = *trials_[i].parent;
        link.child = i;
        link.startStep = study.trials[i].startStep;
        link.changes = changesBetween(study.trials[link.parent], study.trials[i]);
        // A child that holds its parent's values is the same configuration going on, whatever the
        // algorithm (a PBT explore can land on the values it started from).
        link.kind = link.changes.empty() ? LinkKind::Continuation : LinkKind::Mutation;
        linkOf_[i] = links_.size();
        links_.push_back(std::move(link));
    }

    lineage_detail::HistoryWork work{study, metric_, trials_, links_, columns_};
    switch (scheme_) {
    case ExplorationScheme::Sequential: lineage_detail::buildSequential(work); break;
    case ExplorationScheme::Brackets: lineage_detail::buildBrackets(work); break;
    case ExplorationScheme::Asynchronous: lineage_detail::buildAsynchronous(work); break;
    case ExplorationScheme::Population:
        interval_ = lineage_detail::buildPopulation(work, options.perturbationInterval);
        break;
    }
}

const LineageLink* Lineage::linkTo(std::size_t trial) const
{
    return trial < linkOf_.size() && linkOf_[trial] ? &links_[*linkOf_[trial]] : nullptr;
}

std::vector<std::size_t> Lineage::ancestors(std::size_t trial) const
{
    std::vector<std::size_t> chain;
    for (std::optional<std::size_t> up = trials_[trial].parent; up; up = trials_[*up].parent)
        chain.push_back(*up);
    return chain;
}

std::vector<std::size_t> Lineage::descendants(std::size_t trial) const
{
    std::vector<std::size_t> out(trials_[trial].children.begin(), trials_[trial].children.end());
    for (std::size_t next = 0; next < out.size(); ++next) {
        const std::vector<std::size_t>& children = trials_[out[next]].children;
        out.insert(out.end(), children.begin(), children.end());
    }
    return out;
}

std::vector<std::size_t> Lineage::family(std::size_t trial) const
{
    std::vector<std::size_t> all = ancestors(trial);
    const std::vector<std::size_t> below = descendants(trial);
    all.insert(all.end(), below.begin(), below.end());
    all.push_back(trial);
    std::sort(all.begin(), all.end());
    return all;
}

std::vector<double> Lineage::bestSoFar() const
{
    std::vector<double> best(columns_.size(), std::numeric_limits<double>::quiet_NaN());
    for (const TrialLineage& trial : trials_)
        for (const Evaluation& e : trial.history)
            if (e.column < best.size() && isBetter(direction_, e.value, best[e.column]))
                best[e.column] = e.value;
    for (std::size_t c = 1; c < best.size(); ++c)
        if (isBetter(direction_, best[c - 1], best[c]))
            best[c] = best[c - 1];
    return best;
}

double curveValueAt(const Curve& curve, double step)
{
    // Steps a hair past the budget (100/81-style budgets) still count as at it.
    const double limit = step + 1e-9 * std::max(1.0, std::fabs(step));
    double bestStep = -std::numeric_limits<double>::infinity();
    double value = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < curve.size(); ++i) {
        const double s = curve.steps[i];
        if (s <= limit && s >= bestStep && !std::isnan(curve.values[i])) {
            bestStep = s;
            value = curve.values[i];
        }
    }
    return value;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool readDigits(std::string_view text, std::size_t& at, std::size_t count, int& out)
{
    if (at + count > text.size())
        return false;
    const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + count, out);
    if (ec != std::errc() || end != text.data() + at + count)
        return false;
    at += count;
    return true;
}

bool expect(std::string_view text, std::size_t& at, char c)
{
    if (at >= text.size() || text[at] != c)
        return false;
    ++at;
    return true;
}

} // namespace

std::optional<double> parseIsoTime(std::string_view text)
{
    std::size_t at = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(text, at, 4, year) || !expect(text, at, '-') || !readDigits(text, at, 2, month) ||
        !expect(text, at, '-') || !readDigits(text, at, 2, day))
        return std::nullopt;
    if (at >= text.size() || (text[at] != 'T' && text[at] != 't' && text[at] != ' '))
        return std::nullopt;
    ++at;
    if (!readDigits(text, at, 2, hour) || !expect(text, at, ':') || !readDigits(text, at, 2, minute) ||
        !expect(text, at, ':') || !readDigits(text, at, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    double fraction = 0.0;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
        ++at;
        double scale = 0.1;
        const std::size_t first = at;
        while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
            fraction += (text[at] - '0') * scale;
            scale /= 10.0;
            ++at;
        }
        if (at == first)
            return std::nullopt;
    }
    int offsetSeconds = 0;
    if (at < text.size()) {
        if (text[at] == 'Z' || text[at] == 'z') {
            ++at;
        } else if (text[at] == '+' || text[at] == '-') {
            const int sign = text[at] == '-' ? -1 : 1;
            ++at;
            int oh = 0, om = 0;
            if (!readDigits(text, at, 2, oh))
                return std::nullopt;
            if (at < text.size() && text[at] == ':')
                ++at;
            if (at < text.size() && !readDigits(text, at, 2, om))
                return std::nullopt;
            offsetSeconds = sign * (oh * 3600 + om * 60);
        }
    }
    if (at != text.size())
        return std::nullopt;
    const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction;
}

} // namespace tendril
