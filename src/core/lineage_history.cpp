#include "lineage_history.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace tendril::lineage_detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Steps are resource amounts such as 100/81: equal within a relative hair.
bool sameStep(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

const Curve* metricCurve(const Trial& trial, const std::string& metric)
{
    const Curve* curve = trial.curve(metric);
    return curve && !curve->empty() ? curve : nullptr;
}

// The furthest step the curve reports; NaN for none.
double lastStepOf(const Curve* curve)
{
    double last = kNaN;
    if (curve)
        for (const double s : curve->steps)
            if (std::isfinite(s) && !(s <= last))
                last = s;
    return last;
}

// Wall time of the curve point at or before step: seconds since the start of the run.
std::optional<double> secondsAt(const Curve& curve, double step)
{
    if (!curve.hasSeconds())
        return std::nullopt;
    std::optional<double> best;
    double bestStep = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < curve.size(); ++i) {
        const double s = curve.steps[i];
        if ((s < step || sameStep(s, step)) && s >= bestStep && std::isfinite(curve.seconds[i])) {
            bestStep = s;
            best = curve.seconds[i];
        }
    }
    return best;
}

// The curve's points in step order, NaN values left out.
std::vector<std::pair<double, double>> sortedPoints(const Curve& curve)
{
    std::vector<std::pair<double, double>> points;
    points.reserve(curve.size());
    for (std::size_t i = 0; i < curve.size(); ++i)
        if (std::isfinite(curve.steps[i]) && !std::isnan(curve.values[i]))
            points.emplace_back(curve.steps[i], curve.values[i]);
    std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return points;
}

// One column per distinct iteration when every trial that ran has one; else completion order.
// Returns each trial's column and fills work.columns.
std::vector<std::size_t> sequentialColumns(HistoryWork& work)
{
    const std::vector<Trial>& trials = work.study.trials;
    const std::size_t n = trials.size();
    bool everyIteration = true;
    std::int64_t maxIteration = std::numeric_limits<std::int64_t>::min();
    for (const Trial& t : trials) {
        if (t.iteration)
            maxIteration = std::max(maxIteration, *t.iteration);
        else if (t.state != TrialState::Queued)
            everyIteration = false;
    }

    std::vector<std::int64_t> key(n, 0);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    if (everyIteration) {
        // Queued trials without an iteration yet come after the others, in creation order.
        std::stable_sort(order.begin(), order.end(),
                         [&trials](std::size_t a, std::size_t b) { return trials[a].number < trials[b].number; });
        std::int64_t next = maxIteration == std::numeric_limits<std::int64_t>::min() ? 0 : maxIteration + 1;
        for (const std::size_t i : order)
            key[i] = trials[i].iteration ? *trials[i].iteration : next++;
    } else {
        std::vector<std::optional<double>> finished(n);
        for (std::size_t i = 0; i < n; ++i)
            finished[i] = parseIsoTime(trials[i].finished);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            if (finished[a].has_value() != finished[b].has_value())
                return finished[a].has_value();
            if (finished[a] && *finished[a] != *finished[b])
                return *finished[a] < *finished[b];
            return trials[a].number < trials[b].number;
        });
        for (std::size_t r = 0; r < n; ++r)
            key[order[r]] = static_cast<std::int64_t>(r);
    }

    std::vector<std::int64_t> distinct(key);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    work.columns.clear();
    for (std::size_t c = 0; c < distinct.size(); ++c) {
        IterationColumn column;
        column.iteration = distinct[c];
        column.group = c;
        work.columns.push_back(column);
    }
    std::vector<std::size_t> columnOf(n);
    for (std::size_t i = 0; i < n; ++i)
        columnOf[i] = static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), key[i]) - distinct.begin());
    return columnOf;
}

// Keeps one evaluation per column (the later step wins) in column order.
std::vector<Evaluation> oneByColumn(std::map<std::size_t, Evaluation> byColumn)
{
    std::vector<Evaluation> out;
    out.reserve(byColumn.size());
    for (auto& [column, evaluation] : byColumn)
        out.push_back(evaluation);
    return out;
}

} // namespace

double finalValue(const Trial& trial, const std::string& metric)
{
    if (const std::optional<double> reported = trial.metric(metric); reported && !std::isnan(*reported))
        return *reported;
    if (const Curve* curve = metricCurve(trial, metric)) {
        const std::vector<std::pair<double, double>> points = sortedPoints(*curve);
        if (!points.empty())
            return points.back().second;
    }
    return kNaN;
}

void placeLinksOnHistories(HistoryWork& work)
{
    for (LineageLink& link : work.links) {
        const std::vector<Evaluation>& parent = work.trials[link.parent].history;
        const std::vector<Evaluation>& child = work.trials[link.child].history;
        link.childColumn = child.front().column;
        link.parentColumn = parent.front().column;
        for (const Evaluation& e : parent)
            if (e.column < link.childColumn)
                link.parentColumn = e.column;
    }
}

void buildSequential(HistoryWork& work)
{
    const std::vector<std::size_t> columnOf = sequentialColumns(work);
    for (std::size_t i = 0; i < work.trials.size(); ++i) {
        const Trial& trial = work.study.trials[i];
        work.trials[i].history = {Evaluation{columnOf[i], lastStepOf(metricCurve(trial, work.metric)),
                                             finalValue(trial, work.metric)}};
    }
    placeLinksOnHistories(work);
}

void buildBrackets(HistoryWork& work)
{
    const std::vector<Trial>& trials = work.study.trials;
    struct Run {
        std::int64_t round = 0;
        std::optional<std::int64_t> bracket;
        std::int64_t firstNumber = std::numeric_limits<std::int64_t>::max();
        std::int64_t maxRung = 0;
        std::map<std::int64_t, double> budgets;  // by rung
        std::size_t firstColumn = 0;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> runIndex;
    std::vector<Run> runs;
    std::vector<std::size_t> runOf(trials.size());
    const auto rungOf = [](const Trial& t) { return std::max<std::int64_t>(0, t.rung.value_or(0)); };
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const Trial& t = trials[i];
        const std::int64_t round = t.iteration.value_or(0);
        const auto key = std::make_pair(round, t.bracket.value_or(std::numeric_limits<std::int64_t>::min()));
        auto [it, added] = runIndex.emplace(key, runs.size());
        if (added) {
            runs.emplace_back();
            runs.back().round = round;
            runs.back().bracket = t.bracket;
        }
        Run& run = runs[it->second];
        runOf[i] = it->second;
        const std::int64_t rung = rungOf(t);
        run.firstNumber = std::min(run.firstNumber, t.number);
        run.maxRung = std::max(run.maxRung, rung);
        if (t.budget && std::isfinite(*t.budget))
            run.budgets.emplace(rung, *t.budget);
        // A promoted trial started where the rung below ended.
        if (t.startStep && rung > 0 && std::isfinite(*t.startStep))
            run.budgets.emplace(rung - 1, *t.startStep);
    }

    // Runs in the order they opened.
    std::vector<std::size_t> order(runs.size());
    for (std::size_t r = 0; r < runs.size(); ++r)
        order[r] = r;
    std::stable_sort(order.begin(), order.end(), [&runs](std::size_t a, std::size_t b) {
        return runs[a].round != runs[b].round ? runs[a].round < runs[b].round : runs[a].firstNumber < runs[b].firstNumber;
    });
    work.columns.clear();
    for (std::size_t g = 0; g < order.size(); ++g) {
        Run& run = runs[order[g]];
        run.firstColumn = work.columns.size();
        for (std::int64_t rung = 0; rung <= run.maxRung; ++rung) {
            IterationColumn column;
            column.iteration = run.round;
            column.bracket = run.bracket;
            column.rung = rung;
            if (const auto b = run.budgets.find(rung); b != run.budgets.end())
                column.step = b->second;
            column.group = g;
            work.columns.push_back(column);
        }
    }

    std::vector<char> continues(trials.size(), 0);
    for (const LineageLink& link : work.links)
        continues[link.child] = link.kind == LinkKind::Continuation;
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const Trial& t = trials[i];
        const Run& run = runs[runOf[i]];
        const std::int64_t rung = rungOf(t);
        // A promotion recorded as a new trial: its parent holds the rungs below.
        std::int64_t first = 0;
        if (const auto parent = work.trials[i].parent; parent && continues[i] && runOf[*parent] == runOf[i])
            first = std::min(rung, rungOf(trials[*parent]) + 1);
        const Curve* curve = metricCurve(t, work.metric);
        std::vector<Evaluation>& history = work.trials[i].history;
        history.clear();
        for (std::int64_t r = first; r <= rung; ++r) {
            const auto b = run.budgets.find(r);
            const double step = b == run.budgets.end() ? kNaN : b->second;
            double value = kNaN;
            if (r == rung)
                value = finalValue(t, work.metric);
            else if (curve && std::isfinite(step))
                value = curveValueAt(*curve, step);
            history.push_back(Evaluation{run.firstColumn + static_cast<std::size_t>(r), step, value});
        }
    }
    placeLinksOnHistories(work);
}

void buildAsynchronous(HistoryWork& work)
{
    const std::vector<Trial>& trials = work.study.trials;
    const std::size_t n = trials.size();
    const std::vector<std::size_t> columnOf = sequentialColumns(work);

    // The rungs: where pruned trials stopped.
    std::vector<double> rungs;
    for (const Trial& t : trials)
        if (t.state == TrialState::Pruned)
            if (const double last = lastStepOf(metricCurve(t, work.metric)); std::isfinite(last))
                rungs.push_back(last);
    std::sort(rungs.begin(), rungs.end());
    rungs.erase(std::unique(rungs.begin(), rungs.end(), sameStep), rungs.end());

    // The newest column started by a time: start times in order, with the running maximum column.
    std::vector<std::optional<double>> startOf(n);
    std::vector<std::pair<double, std::size_t>> starts;
    for (std::size_t i = 0; i < n; ++i) {
        startOf[i] = parseIsoTime(trials[i].started);
        if (startOf[i])
            starts.emplace_back(*startOf[i], columnOf[i]);
    }
    std::sort(starts.begin(), starts.end());
    for (std::size_t k = 1; k < starts.size(); ++k)
        starts[k].second = std::max(starts[k].second, starts[k - 1].second);
    const auto newestColumnAt = [&starts](double time) -> std::optional<std::size_t> {
        const auto it = std::upper_bound(starts.begin(), starts.end(), std::make_pair(time, std::numeric_limits<std::size_t>::max()));
        if (it == starts.begin())
            return std::nullopt;
        return std::prev(it)->second;
    };

    for (std::size_t i = 0; i < n; ++i) {
        const Trial& t = trials[i];
        const Curve* curve = metricCurve(t, work.metric);
        const double last = lastStepOf(curve);
        const double from = t.startStep.value_or(-std::numeric_limits<double>::infinity());
        std::vector<Evaluation>& history = work.trials[i].history;
        history.clear();
        if (!std::isfinite(last) || !(last > from)) {
            history.push_back(Evaluation{columnOf[i], last, finalValue(t, work.metric)});
            continue;
        }
        std::vector<double> steps;
        for (const double r : rungs)
            if (r > from && (r < last || sameStep(r, last)))
                steps.push_back(r);
        if (steps.empty() || !sameStep(steps.back(), last))
            steps.push_back(last);

        const std::optional<double> finishedAt = parseIsoTime(t.finished);
        std::map<std::size_t, Evaluation> byColumn;
        std::size_t column = columnOf[i];
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const double step = steps[k];
            const bool isLast = k + 1 == steps.size();
            if (k > 0) {
                std::optional<double> time;
                if (isLast && finishedAt)
                    time = finishedAt;
                else if (startOf[i])
                    if (const std::optional<double> secs = secondsAt(*curve, step))
                        time = *startOf[i] + *secs;
                if (time)
                    if (const std::optional<std::size_t> at = newestColumnAt(*time))
                        column = std::max(column, *at);
            }
            const double value = isLast ? finalValue(t, work.metric) : curveValueAt(*curve, step);
            byColumn[column] = Evaluation{column, step, value};
        }
        history = oneByColumn(std::move(byColumn));
    }
    placeLinksOnHistories(work);
}

std::optional<double> inferPerturbationInterval(const Study& study, const std::string& metric)
{
    std::optional<double> shortest;
    for (const Trial& t : study.trials) {
        if (t.state != TrialState::Pruned)
            continue;
        const double life = lastStepOf(metricCurve(t, metric)) - t.startStep.value_or(0.0);
        if (std::isfinite(life) && life > 0.0 && (!shortest || life < *shortest))
            shortest = life;
    }
    return shortest;
}

double buildPopulation(HistoryWork& work, std::optional<double> given)
{
    const std::vector<Trial>& trials = work.study.trials;
    const std::size_t n = trials.size();
    double interval = 1.0;
    if (given && std::isfinite(*given) && *given > 0.0)
        interval = *given;
    else if (const std::optional<double> inferred = inferPerturbationInterval(work.study, work.metric))
        interval = *inferred;

    // The column of the interval that ends at or after step: (0, I] -> 0, (I, 2I] -> 1, ...
    const auto columnAt = [interval](double step) -> std::size_t {
        if (!(step > 0.0))
            return 0;
        const double k = std::ceil(step / interval - 1e-9) - 1.0;
        return k > 0.0 ? static_cast<std::size_t>(k) : 0;
    };

    std::vector<std::map<std::size_t, Evaluation>> byColumn(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Trial& t = trials[i];
        const double start = t.startStep.value_or(0.0);
        // A child is a new model of the generation after the one it was copied in, even when it
        // ends before its first check.
        const std::size_t earliest = work.trials[i].parent ? columnAt(start) + 1 : 0;
        const auto columnOf = [&](double step) { return std::max(columnAt(step), earliest); };
        std::map<std::size_t, Evaluation>& evaluations = byColumn[i];
        if (const Curve* curve = metricCurve(t, work.metric)) {
            // The member's checks, as the algorithm makes them: every interval after its start.
            double lastCheck = start;
            double last = kNaN;
            for (const auto& [step, value] : sortedPoints(*curve)) {
                if (!(step > start))
                    continue;
                last = step;
                if (step - lastCheck >= interval * (1.0 - 1e-9)) {
                    evaluations[columnOf(step)] = Evaluation{columnOf(step), step, value};
                    lastCheck = step;
                }
            }
            if (std::isfinite(last))
                evaluations[columnOf(last)] = Evaluation{columnOf(last), last, finalValue(t, work.metric)};
        }
        if (evaluations.empty()) {
            // Never reported past its start: it sits where its first check would have been.
            const std::size_t birth = columnOf(start + interval);
            evaluations[birth] = Evaluation{birth, kNaN, finalValue(t, work.metric)};
        }
    }

    // A parent was evaluated where a child copied it (the exploit ranked it on top). Copies at or
    // past its last evaluation leave from there; one before its first check cannot happen (a member
    // is ranked only once checked) and is not invented.
    for (const LineageLink& link : work.links) {
        const double copiedAt = trials[link.child].startStep.value_or(0.0);
        const std::size_t column = columnAt(copiedAt);
        std::map<std::size_t, Evaluation>& parent = byColumn[link.parent];
        if (parent.count(column) || column <= parent.begin()->first || column >= parent.rbegin()->first)
            continue;
        const Curve* curve = metricCurve(trials[link.parent], work.metric);
        parent[column] = Evaluation{column, copiedAt, curve ? curveValueAt(*curve, copiedAt) : kNaN};
    }

    std::size_t columnCount = 1;
    for (std::size_t i = 0; i < n; ++i) {
        work.trials[i].history = oneByColumn(std::move(byColumn[i]));
        columnCount = std::max(columnCount, work.trials[i].history.back().column + 1);
    }
    work.columns.clear();
    for (std::size_t c = 0; c < (n == 0 ? 0 : columnCount); ++c) {
        IterationColumn column;
        column.iteration = static_cast<std::int64_t>(c) + 1;
        column.step = static_cast<double>(c + 1) * interval;
        column.group = c;
        work.columns.push_back(column);
    }
    placeLinksOnHistories(work);
    return interval;
}

} // namespace tendril::lineage_detail
