#include "tendril/engine/importance.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace tendril::engine {

std::string_view toString(ImportanceScale scale)
{
    return scale == ImportanceScale::Sampling ? "sampling" : "raw";
}

ImportanceModel::ImportanceModel(Forest forest, std::vector<Column> columns, std::vector<ColumnDomain> domains,
                                 const FanovaSetup& setup)
    : forest_(std::move(forest)), columns_(std::move(columns)), fanova_(forest_.trees, std::move(domains), setup)
{
}

int ImportanceModel::columnOf(const std::string& param) const
{
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].param == param)
            return static_cast<int>(i);
    return -1;
}

double ImportanceModel::toValue(int column, double x) const
{
    return columns_[static_cast<std::size_t>(column)].log ? std::pow(10.0, x) : x;
}

MarginalCurve ImportanceModel::curve(const std::string& param, const Control& control) const
{
    const int column = columnOf(param);
    if (column < 0)
        throw std::invalid_argument("parameter \"" + param + "\" was not analysed");
    MarginalCurve c = fanova_.curve(column, control);
    for (double& e : c.edges)
        e = toValue(column, e);
    return c;
}

PairMarginalTable ImportanceModel::pairTable(const std::string& rowParam, const std::string& colParam, int bins,
                                             const Control& control) const
{
    const int row = columnOf(rowParam), col = columnOf(colParam);
    if (row < 0 || col < 0)
        throw std::invalid_argument("parameter \"" + (row < 0 ? rowParam : colParam) + "\" was not analysed");
    PairMarginalTable t = fanova_.pairTable(MarginalAxis{row, {}, bins}, MarginalAxis{col, {}, bins}, control);
    for (double& e : t.rowEdges)
        e = toValue(row, e);
    for (double& e : t.colEdges)
        e = toValue(col, e);
    return t;
}

namespace {

bool metricKnown(const Study& study, const std::string& metric)
{
    if (study.directionOf(metric))
        return true;
    for (const Trial& t : study.trials)
        if (t.metric(metric))
            return true;
    return false;
}

// Linear interpolation between order statistics, as numpy's default percentile.
double quantileOf(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

struct ParamPlan {
    const Param* param = nullptr;
    bool analysed = false;
    bool log = false;
    bool constant = false;
};

double columnValue(const ParamPlan& plan, const Value& v)
{
    if (plan.param->type == ParamType::Categorical)
        return static_cast<double>(*plan.param->choiceIndex(v));
    return plan.log ? std::log10(v.toDouble()) : v.toDouble();
}

std::string stateNames(const std::vector<TrialState>& states)
{
    std::string out;
    for (TrialState s : states)
        out += (out.empty() ? "" : " or ") + std::string(toString(s));
    return out;
}

} // namespace

ImportanceReport analyzeImportance(const Study& study, const ImportanceOptions& options, const Control& control)
{
    const auto started = std::chrono::steady_clock::now();
    options.forest.validate();
    ImportanceReport report;
    report.metric = options.metric.empty() ? study.objective.metric : options.metric;
    if (!metricKnown(study, report.metric))
        throw std::invalid_argument("study \"" + study.name + "\" has no metric \"" + report.metric + "\"");
    report.direction = options.direction.value_or(study.directionOf(report.metric).value_or(Direction::Maximize));
    report.scale = options.scale;
    report.trees = static_cast<std::size_t>(options.forest.trees);
    report.seed = options.forest.seed;
    if (options.quantile && !(*options.quantile > 0.0 && *options.quantile < 1.0))
        throw std::invalid_argument("quantile must lie strictly between 0 and 1, got " + formatDouble(*options.quantile));
    auto finish = [&]() -> ImportanceReport {
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return std::move(report);
    };

    // Trials: wanted state, a finite value of the metric.
    std::vector<std::size_t> candidates;
    if (options.trials) {
        candidates = *options.trials;
        for (std::size_t i : candidates)
            if (i >= study.trials.size())
                throw std::invalid_argument("trial index " + std::to_string(i) + " is out of range");
    } else {
        candidates.resize(study.trials.size());
        for (std::size_t i = 0; i < candidates.size(); ++i)
            candidates[i] = i;
    }
    std::vector<std::size_t> selected;
    for (std::size_t i : candidates) {
        const Trial& t = study.trials[i];
        if (std::find(options.states.begin(), options.states.end(), t.state) == options.states.end())
            continue;
        const auto m = t.metric(report.metric);
        if (!m)
            ++report.trialsMissingMetric;
        else if (!std::isfinite(*m))
            ++report.trialsNotFinite;
        else
            selected.push_back(i);
    }

    // Parameters: those used by at least half of the trials are analysed; trials without one of
    // them are left out (a conditional parameter cannot be integrated where it does not exist).
    std::vector<ParamPlan> plans;
    for (const Param& p : study.space.params) {
        ParamPlan plan;
        plan.param = &p;
        plan.log = p.log && p.isNumeric() && options.scale == ImportanceScale::Sampling;
        std::size_t present = 0;
        for (std::size_t i : selected) {
            const Value* v = study.trials[i].param(p.name);
            present += (v && !v->isNull()) ? 1 : 0;
        }
        plan.analysed = !selected.empty() && present * 2 >= selected.size() && present > 0;
        if (!plan.analysed)
            report.droppedParams.push_back(p.name);
        plans.push_back(plan);
    }
    std::vector<std::size_t> rows;
    for (std::size_t i : selected) {
        bool complete = true;
        for (const ParamPlan& plan : plans) {
            if (!plan.analysed)
                continue;
            const Value* v = study.trials[i].param(plan.param->name);
            if (!v || v->isNull() || !plan.param->contains(*v)) {
                complete = false;
                break;
            }
        }
        if (complete)
            rows.push_back(i);
        else
            ++report.trialsMissingParams;
    }
    report.trialsUsed = rows.size();

    // A parameter with one value in the analysed trials explains nothing: importance 0, no column.
    std::vector<double> y;
    y.reserve(rows.size());
    for (std::size_t i : rows)
        y.push_back(*study.trials[i].metric(report.metric));
    std::vector<ImportanceModel::Column> columns;
    std::vector<ColumnDomain> domains;
    std::vector<double> x;
    // Columns go to the forest in a canonical order (by name): splits that tie exactly are broken
    // by column order, so this keeps the result independent of the order the space declares.
    std::vector<std::size_t> canonical(plans.size());
    for (std::size_t i = 0; i < canonical.size(); ++i)
        canonical[i] = i;
    std::sort(canonical.begin(), canonical.end(),
              [&](std::size_t a, std::size_t b) { return plans[a].param->name < plans[b].param->name; });
    for (std::size_t pi : canonical) {
        ParamPlan& plan = plans[pi];
        if (!plan.analysed)
            continue;
        std::vector<double> values;
        values.reserve(rows.size());
        for (std::size_t i : rows)
            values.push_back(columnValue(plan, *study.trials[i].param(plan.param->name)));
        plan.constant = values.empty() ||
                        std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); });
        ColumnDomain domain;
        if (plan.param->type == ParamType::Categorical) {
            domain.categories = static_cast<int>(plan.param->choices.size());
        } else {
            domain.low = plan.log ? std::log10(plan.param->low) : plan.param->low;
            domain.high = plan.log ? std::log10(plan.param->high) : plan.param->high;
            plan.constant = plan.constant || !(domain.high > domain.low);
        }
        if (plan.constant)
            continue;
        columns.push_back({plan.param->name, plan.log, plan.param->type == ParamType::Categorical,
                           plan.param->choices});
        domains.push_back(domain);
        x.insert(x.end(), values.begin(), values.end());
    }

    for (const ParamPlan& plan : plans)
        if (plan.analysed)
            report.params.push_back({plan.param->name, 0.0, 0.0, plan.constant});

    const bool constantMetric =
        !y.empty() && std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); });
    if (rows.empty()) {
        report.note = "no " + stateNames(options.states) + " trial has a finite " + report.metric +
                      (selected.empty() ? "" : " and every analysed parameter");
    } else if (rows.size() < 2) {
        report.note = "one usable trial: nothing varies";
    } else if (columns.empty()) {
        report.note = "every parameter has a single value in the analysed trials";
    } else if (constantMetric) {
        report.note = report.metric + " has the same value in every analysed trial";
    }
    auto addPairs = [&] {
        if (!options.pairs)
            return;
        for (std::size_t a = 0; a < report.params.size(); ++a)
            for (std::size_t b = a + 1; b < report.params.size(); ++b)
                report.pairs.push_back({report.params[a].name, report.params[b].name, 0.0, 0.0});
    };
    if (!report.note.empty()) {
        addPairs();
        return finish();
    }

    FanovaSetup setup;
    setup.threads = options.forest.threads;
    if (options.quantile) {
        // The best q of the observed values: above the (1 - q) quantile when maximising.
        const bool maximize = report.direction == Direction::Maximize;
        report.cutoff = quantileOf(y, maximize ? 1.0 - *options.quantile : *options.quantile);
        (maximize ? setup.clampLow : setup.clampHigh) = *report.cutoff;
    }

    const Dataset data(domains, std::move(x), std::move(y));
    const Control fitControl{control.cancel, control.progress
                                                 ? std::function<void(double)>([&](double f) { control.report(0.6 * f); })
                                                 : std::function<void(double)>()};
    Forest forest = fitForest(data, options.forest, fitControl);
    control.throwIfCancelled();
    auto model = std::make_shared<ImportanceModel>(std::move(forest), columns, domains, setup);

    FanovaOptions fo;
    for (std::size_t c = 0; c < columns.size(); ++c)
        fo.groups.push_back({static_cast<int>(c)});
    if (options.pairs)
        fo.pairs = allPairs(columns.size());
    const Control decomposeControl{control.cancel, control.progress ? std::function<void(double)>([&](double f) {
                                                       control.report(0.6 + 0.4 * f);
                                                   })
                                                                    : std::function<void(double)>()};
    const FanovaResult result = model->fanova().decompose(fo, decomposeControl);
    report.treesUsed = result.treesUsed;
    if (result.treesUsed == 0)
        report.note = "every tree predicts a constant";

    for (ParamImportance& p : report.params) {
        const int c = model->columnOf(p.name);
        if (c >= 0) {
            p.importance = result.singles[static_cast<std::size_t>(c)].fraction.mean;
            p.std = result.singles[static_cast<std::size_t>(c)].fraction.std;
        }
    }
    if (options.pairs) {
        for (std::size_t a = 0; a < report.params.size(); ++a) {
            for (std::size_t b = a + 1; b < report.params.size(); ++b) {
                PairImportance pair{report.params[a].name, report.params[b].name, 0.0, 0.0};
                const int ca = model->columnOf(pair.first), cb = model->columnOf(pair.second);
                if (ca >= 0 && cb >= 0) {
                    for (const FanovaPairTerm& term : result.pairs) {
                        if ((term.first == ca && term.second == cb) || (term.first == cb && term.second == ca)) {
                            pair.importance = term.pure.fraction.mean;
                            pair.std = term.pure.fraction.std;
                        }
                    }
                }
                report.pairs.push_back(pair);
            }
        }
    }
    std::stable_sort(report.params.begin(), report.params.end(),
                     [](const ParamImportance& a, const ParamImportance& b) { return a.importance > b.importance; });
    std::stable_sort(report.pairs.begin(), report.pairs.end(),
                     [](const PairImportance& a, const PairImportance& b) { return a.importance > b.importance; });
    report.model = std::move(model);
    return finish();
}

} // namespace tendril::engine
