#include "views/control/refine_config.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

namespace tendril::app {

namespace {

constexpr double kSnapSlack = 1e-9;  // a brush edge a rounding error away from a grid point keeps it

// The double the table stores for a value of this column: the category index for categorical
// columns, the number otherwise; NaN when the column cannot hold it.
double storedValue(const TableColumn& column, const Value& v)
{
    if (!column.categorical)
        return v.toDouble();
    const auto it = std::find(column.categories.begin(), column.categories.end(), v);
    return it == column.categories.end() ? std::numeric_limits<double>::quiet_NaN()
                                         : static_cast<double>(it - column.categories.begin());
}

// A value passes when, for every source, one of that source's ranges holds it.
bool passesAll(const TableColumn& column, const std::vector<std::vector<ColumnRange>>& sources, const Value& v)
{
    const double stored = storedValue(column, v);
    return std::all_of(sources.begin(), sources.end(), [&](const std::vector<ColumnRange>& ranges) {
        return std::any_of(ranges.begin(), ranges.end(), [&](const ColumnRange& r) { return r.contains(stored); });
    });
}

struct Interval {
    double low;
    double high;
};

// The brushed interval of a numeric column: per source the hull of its ranges, then the
// intersection over the sources.
Interval brushedInterval(const std::vector<std::vector<ColumnRange>>& sources)
{
    Interval out{-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    for (const std::vector<ColumnRange>& ranges : sources) {
        double low = std::numeric_limits<double>::infinity();
        double high = -std::numeric_limits<double>::infinity();
        for (const ColumnRange& r : ranges) {
            low = std::min(low, r.low);
            high = std::max(high, r.high);
        }
        out.low = std::max(out.low, low);
        out.high = std::min(out.high, high);
    }
    return out;
}

// The brushed interval of a numeric parameter whose column is categorical (another shown study
// declared it with choices): the hull of the numeric categories that pass.
std::optional<Interval> brushedCategoryHull(const TableColumn& column,
                                            const std::vector<std::vector<ColumnRange>>& sources)
{
    std::optional<Interval> hull;
    for (const Value& v : column.categories) {
        if (!v.isNumber() || !passesAll(column, sources, v))
            continue;
        const double d = v.toDouble();
        hull = hull ? Interval{std::min(hull->low, d), std::max(hull->high, d)} : Interval{d, d};
    }
    return hull;
}

// A grid point computed as anchor + k * step carries the rounding of the multiplication
// (3 * 0.1 = 0.30000000000000004): the shortest decimal within a billionth of a step is the point
// the user means, and the one the views and the configuration then show.
double cleanGridPoint(double v, double step)
{
    char text[32];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, v);
        const double shortest = std::strtod(text, nullptr);
        if (std::abs(shortest - v) <= std::abs(step) * 1e-9)
            return shortest;
    }
    return v;
}

// Rounds [low, high] inwards onto the parameter's grid (ints step by 1); when no grid point lies
// inside, the one nearest the middle of the brush.
Interval snapToGrid(const Param& p, Interval in)
{
    const std::optional<double> step = p.effectiveStep();
    if (!step)
        return in;
    const double anchor = p.low;
    const double lastK = std::floor((p.high - anchor) / *step + kSnapSlack);
    double k1 = std::ceil((in.low - anchor) / *step - kSnapSlack);
    double k2 = std::floor((in.high - anchor) / *step + kSnapSlack);
    if (k1 > k2) {
        const double middle = (in.low + in.high) / 2.0;
        k1 = k2 = std::clamp(std::round((middle - anchor) / *step), 0.0, lastK);
    }
    return {cleanGridPoint(anchor + k1 * *step, *step), cleanGridPoint(anchor + k2 * *step, *step)};
}

std::string rangeText(double low, double high)
{
    return formatDouble(low) + " – " + formatDouble(high);
}

void narrowCategorical(Param& p, const TableColumn& column, const std::vector<std::vector<ColumnRange>>& sources,
                       std::vector<std::string>& notes)
{
    std::vector<Value> kept;
    for (const Value& v : p.choices)
        if (passesAll(column, sources, v))
            kept.push_back(v);
    if (kept.empty()) {
        notes.push_back(p.name + ": the brushes hold none of its choices; choices kept");
        return;
    }
    if (kept.size() == p.choices.size())
        return;
    p.choices = std::move(kept);
    std::string list;
    for (const Value& v : p.choices)
        list += (list.empty() ? "" : ", ") + v.toString();
    notes.push_back(p.name + " " + list);
}

void narrowNumeric(Param& p, const TableColumn& column, const std::vector<std::vector<ColumnRange>>& sources,
                   std::vector<std::string>& notes)
{
    std::optional<Interval> brushed;
    if (column.categorical)
        brushed = brushedCategoryHull(column, sources);
    else
        brushed = brushedInterval(sources);
    if (brushed) {
        brushed->low = std::max(brushed->low, p.low);
        brushed->high = std::min(brushed->high, p.high);
    }
    if (!brushed || !(brushed->low <= brushed->high)) {
        notes.push_back(p.name + ": the brushes leave nothing of its range; range kept");
        return;
    }
    const Interval snapped = snapToGrid(p, *brushed);
    if (snapped.low == p.low && snapped.high == p.high)
        return;
    p.low = snapped.low;
    p.high = snapped.high;
    notes.push_back(p.name + " " + rangeText(p.low, p.high));
}

} // namespace

NarrowedSpace narrowSpaceToBrushes(const SearchSpace& space, const TrialTable& table,
                                   const std::map<QString, Brush>& brushes)
{
    NarrowedSpace out{space, {}};
    for (Param& p : out.space.params) {
        const std::optional<std::size_t> column = table.paramColumn(p.name);
        if (!column)
            continue;
        std::vector<std::vector<ColumnRange>> sources;
        for (const auto& [source, brush] : brushes) {
            std::vector<ColumnRange> ranges;
            for (const ColumnRange& r : brush)
                if (r.column == *column)
                    ranges.push_back(r);
            if (!ranges.empty())
                sources.push_back(std::move(ranges));
        }
        if (sources.empty())
            continue;
        const TableColumn& c = table.columns()[*column];
        if (p.type == ParamType::Categorical)
            narrowCategorical(p, c, sources, out.notes);
        else
            narrowNumeric(p, c, sources, out.notes);
    }
    return out;
}

std::string uniqueStudyName(const std::string& base, const std::vector<std::string>& taken)
{
    auto free = [&](const std::string& name) { return std::find(taken.begin(), taken.end(), name) == taken.end(); };
    if (free(base))
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = base + "-" + std::to_string(n);
        if (free(candidate))
            return candidate;
    }
}

StudyConfig configOfStudy(const Study& study, const std::string& workdir)
{
    if (std::optional<StudyConfig> stored = storedStudyConfig(study))
        return std::move(*stored);
    StudyConfig c;
    c.name = study.name;
    c.command = study.command;
    c.workdir = workdir;
    c.objective = study.objective;
    c.metrics = study.metrics;
    c.space = study.space;
    c.algorithm = study.algorithm;
    c.budget = study.budget;
    c.parent = study.parent;
    return c;
}

RefinedConfig refinedConfig(const Study& parent, const TrialTable* table, const std::map<QString, Brush>& brushes,
                            const std::vector<std::string>& taken, const std::string& workdir)
{
    RefinedConfig out{configOfStudy(parent, workdir), {}};
    out.config.name = uniqueStudyName(parent.name + "-refined", taken);
    out.config.parent = parent.name;
    out.config.seed.reset();
    if (table) {
        NarrowedSpace narrowed = narrowSpaceToBrushes(out.config.space, *table, brushes);
        out.config.space = std::move(narrowed.space);
        out.notes = std::move(narrowed.notes);
    }
    return out;
}

} // namespace tendril::app
