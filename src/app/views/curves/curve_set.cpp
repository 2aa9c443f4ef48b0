#include "views/curves/curve_set.hpp"

#include "style/study_colors.hpp"
#include "views/curves/curve_smoothing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace tendril::app::curves {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A lineage deeper than this is a cycle in the data (a trial that names a descendant as parent).
constexpr int kMaxLineageDepth = 256;

// The shades that tell trials of one study apart while keeping the study's hue.
QColor studyShade(const QColor& base, std::size_t positionInStudy)
{
    switch (positionInStudy % 5) {
    case 1: return base.darker(135);
    case 2: return base.lighter(118);
    case 3: return base.darker(170);
    case 4: return base.lighter(135);
    default: return base;
    }
}

double lastFinite(const std::vector<double>& values)
{
    for (auto it = values.rbegin(); it != values.rend(); ++it)
        if (std::isfinite(*it))
            return *it;
    return kNaN;
}

const Trial* parentOf(const Study& study, const Trial& trial)
{
    return trial.parent.empty() ? nullptr : study.findTrial(trial.parent);
}

// Seconds the lineage had trained when this trial began: its parent's time at the step where the
// trial continued it, plus the parent's own offset. The seconds of a curve count from the start of
// its own trial, so without this a PBT child would jump back to zero on a wall-time axis.
double lineageOffset(const Study& study, const Trial& trial, const std::string& metric)
{
    double offset = 0.0;
    const Trial* child = &trial;
    for (int depth = 0; depth < kMaxLineageDepth; ++depth) {
        const Trial* parent = parentOf(study, *child);
        if (!parent || !child->startStep)
            break;
        const Curve* curve = parent->curve(metric);
        if (!curve || !curve->hasSeconds())
            break;
        double at = kNaN;
        for (std::size_t i = 0; i < curve->size() && curve->steps[i] <= *child->startStep; ++i)
            if (std::isfinite(curve->seconds[i]))
                at = curve->seconds[i];
        if (std::isnan(at))
            break;
        offset += at;
        child = parent;
    }
    return offset;
}

struct BuiltSeries {
    CurveSeries series;
    bool lacksTime = false;  // a curve exists but carries no seconds
};

BuiltSeries buildSeries(const Study& study, const Trial& trial, const std::string& metric, const CurveRequest& request)
{
    BuiltSeries built;
    const Curve* curve = trial.curve(metric);
    if (!curve || curve->empty())
        return built;
    const bool wallTime = request.xAxis == CurveXAxis::WallTime;
    if (wallTime && !curve->hasSeconds()) {
        built.lacksTime = true;
        return built;
    }
    const double offset = wallTime ? lineageOffset(study, trial, metric) : 0.0;
    CurveSeries& s = built.series;
    s.x.reserve(curve->size());
    s.steps.reserve(curve->size());
    s.raw.reserve(curve->size());
    for (std::size_t i = 0; i < curve->size(); ++i) {
        // A PBT child's curve starts where it took over from its parent.
        if (trial.startStep && curve->steps[i] < *trial.startStep)
            continue;
        const double x = wallTime ? curve->seconds[i] + offset : curve->steps[i];
        if (!std::isfinite(x))
            continue;
        s.x.push_back(x);
        s.steps.push_back(curve->steps[i]);
        s.raw.push_back(curve->values[i]);
    }
    s.smoothed = movingAverage(s.raw, request.smoothingWindow);
    built.lacksTime = wallTime && s.empty();
    return built;
}

CurveConnector connectorFor(const CurveSeries& parent, const CurveSeries& child, double startStep)
{
    CurveConnector c;
    if (parent.empty() || child.empty())
        return c;
    for (std::size_t i = 0; i < parent.size() && parent.steps[i] <= startStep; ++i) {
        c.x.push_back(parent.x[i]);
        c.y.push_back(parent.smoothed[i]);
    }
    if (c.x.empty())
        return c;
    c.x.push_back(child.x.front());
    c.y.push_back(child.smoothed.front());
    return c;
}

} // namespace

bool CurveTrial::hasCurve() const
{
    return std::any_of(series.begin(), series.end(), [](const CurveSeries& s) {
        return std::any_of(s.raw.begin(), s.raw.end(), [](double v) { return std::isfinite(v); });
    });
}

std::optional<std::size_t> CurveSet::indexOf(TrialKey key) const
{
    const auto it = positions.find(key);
    if (it == positions.end())
        return std::nullopt;
    return it->second;
}

std::size_t CurveSet::drawnTrialCount() const
{
    return static_cast<std::size_t>(
        std::count_if(trials.begin(), trials.end(), [](const CurveTrial& t) { return t.hasCurve(); }));
}

QColor trialPaletteColor(std::size_t position)
{
    // d3's category10 with its grey replaced by a deep indigo: none of these is a study colour
    // (Tableau 10), so a single study's trials never read as several studies.
    static constexpr std::array<QRgb, 10> kHues = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                                   0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x393b79};
    return QColor::fromRgb(kHues[position % kHues.size()]);
}

std::vector<std::string> curveMetrics(const TrialTable& table)
{
    std::unordered_set<std::string> withCurves;
    for (std::size_t row = 0; row < table.rows(); ++row)
        for (const auto& [name, curve] : table.trial(row).curves)
            if (!curve.empty())
                withCurves.insert(name);
    std::vector<std::string> out;
    if (const Objective* objective = table.objective(); objective && withCurves.count(objective->metric))
        out.push_back(objective->metric);
    for (const TableColumn& c : table.columns())
        if (c.kind == TableColumn::Kind::Metric && withCurves.count(c.name)
            && std::find(out.begin(), out.end(), c.name) == out.end())
            out.push_back(c.name);
    return out;
}

std::vector<std::size_t> rowsOf(const TrialTable& table, const std::set<TrialKey>& keys)
{
    std::vector<std::size_t> rows;
    rows.reserve(keys.size());
    for (const TrialKey k : keys)
        if (const auto row = table.rowOf(k))
            rows.push_back(*row);
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::vector<std::size_t> bestRows(const TrialTable& table, const std::vector<char>& visible, std::size_t count)
{
    const auto column = table.objectiveColumn();
    if (!column || count == 0)
        return {};
    const TableColumn& c = table.columns()[*column];
    const Direction direction = c.direction.value_or(table.objective()->direction);
    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < table.rows(); ++row)
        if ((row >= visible.size() || visible[row]) && std::isfinite(c.values[row]))
            rows.push_back(row);
    const auto better = [&](std::size_t a, std::size_t b) {
        if (c.values[a] != c.values[b])
            return isBetter(direction, c.values[a], c.values[b]);
        return a < b;
    };
    const std::size_t n = std::min(count, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n), rows.end(), better);
    rows.resize(n);
    return rows;
}

CurveSet buildCurveSet(const TrialTable& table, const std::vector<std::size_t>& rows, bool fallback,
                       const CurveRequest& request)
{
    CurveSet set;
    set.request = request;
    set.request.smoothingWindow = std::max(1, request.smoothingWindow);
    set.fallback = fallback;
    // One colour per trial while the curves come from one study (even with other studies shown):
    // shades of one hue only help when they tell studies apart.
    set.colorByStudy = std::any_of(rows.begin(), rows.end(),
                                   [&](std::size_t row) { return table.studyOf(row) != table.studyOf(rows.front()); });
    const std::vector<std::string>& metrics = set.request.metrics;
    for (const std::string& m : metrics) {
        const auto column = table.metricColumn(m);
        set.directions.push_back(column ? table.columns()[*column].direction : std::nullopt);
    }

    // Key order first: colours follow it, so sorting the legend never repaints a trial.
    std::vector<std::size_t> ordered = rows;
    std::sort(ordered.begin(), ordered.end(),
              [&](std::size_t a, std::size_t b) { return table.key(a) < table.key(b); });
    ordered.erase(std::unique(ordered.begin(), ordered.end()), ordered.end());

    std::vector<std::size_t> perStudy(table.studyCount(), 0);
    for (std::size_t position = 0; position < ordered.size(); ++position) {
        const std::size_t row = ordered[position];
        const Trial& trial = table.trial(row);
        const Study& study = table.study(table.studyOf(row));
        CurveTrial t;
        t.key = table.key(row);
        t.row = row;
        t.study = table.studyOf(row);
        t.id = trial.id;
        t.color = set.colorByStudy ? studyShade(studyColor(t.study), perStudy[t.study]++)
                                   : trialPaletteColor(position);
        t.startStep = trial.startStep;
        bool lacksTime = false;
        for (const std::string& m : metrics) {
            BuiltSeries built = buildSeries(study, trial, m, set.request);
            lacksTime = lacksTime || built.lacksTime;
            // A running or pruned trial has no final value yet; its last report stands in.
            const Curve* curve = trial.curve(m);
            t.finals.push_back(trial.metric(m).value_or(curve ? lastFinite(curve->values) : kNaN));
            t.series.push_back(std::move(built.series));
        }
        if (lacksTime && !t.hasCurve())
            ++set.trialsWithoutTime;
        for (const auto& [name, curve] : trial.curves)
            set.wallTimeAvailable = set.wallTimeAvailable
                || (curve.hasSeconds() && std::find(metrics.begin(), metrics.end(), name) != metrics.end());
        set.trials.push_back(std::move(t));
    }

    // Legend order: best first by the first metric, trials without a value last.
    if (!metrics.empty() && set.directions.front()) {
        const Direction d = *set.directions.front();
        std::stable_sort(set.trials.begin(), set.trials.end(), [d](const CurveTrial& a, const CurveTrial& b) {
            return isBetter(d, a.finals.front(), b.finals.front());
        });
    }

    for (std::size_t i = 0; i < set.trials.size(); ++i)
        set.positions.emplace(set.trials[i].key, i);

    // Lineage, once every trial has its index.
    for (CurveTrial& t : set.trials) {
        const Trial& trial = table.trial(t.row);
        if (trial.parent.empty() || !t.startStep)
            continue;
        const Trial* parent = table.study(t.study).findTrial(trial.parent);
        if (!parent)
            continue;
        t.parent = set.indexOf(makeTrialKey(table.studyId(t.study), parent->number));
        if (!t.parent)
            continue;
        const CurveTrial& p = set.trials[*t.parent];
        for (std::size_t m = 0; m < metrics.size(); ++m)
            t.connectors.push_back(connectorFor(p.series[m], t.series[m], *t.startStep));
    }
    return set;
}

} // namespace tendril::app::curves
