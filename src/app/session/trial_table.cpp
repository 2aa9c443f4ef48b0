#include "session/trial_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

std::string indexKey(TableColumn::Kind kind, const std::string& name)
{
    return (kind == TableColumn::Kind::Param ? "p:" : "m:") + name;
}

// A value that is not a number (a string, a boolean) makes a parameter categorical.
bool numericValue(const Value& v)
{
    return v.isNumber();
}

} // namespace

std::string TableColumn::label(double v) const
{
    if (std::isnan(v))
        return "";
    if (categorical) {
        const auto index = static_cast<std::size_t>(std::llround(v));
        return index < categories.size() ? categories[index].toString() : "";
    }
    return formatDouble(v);
}

TrialTable::TrialTable(std::vector<ShownStudy> studies) : studies_(std::move(studies))
{
    std::size_t total = 0;
    for (const ShownStudy& s : studies_)
        total += s.study->trials.size();
    keys_.reserve(total);
    studyOfRow_.reserve(total);
    trialOfRow_.reserve(total);
    rowIndex_.reserve(total);
    for (std::size_t si = 0; si < studies_.size(); ++si) {
        const Study& study = *studies_[si].study;
        for (std::size_t ti = 0; ti < study.trials.size(); ++ti) {
            const TrialKey key = makeTrialKey(studies_[si].id, study.trials[ti].number);
            rowIndex_.emplace(key, keys_.size());
            keys_.push_back(key);
            studyOfRow_.push_back(si);
            trialOfRow_.push_back(ti);
        }
    }
    addParamColumns();
    addMetricColumns();
    finishRanges();
}

const Trial& TrialTable::trial(std::size_t row) const
{
    return studies_[studyOfRow_[row]].study->trials[trialOfRow_[row]];
}

std::optional<std::size_t> TrialTable::rowOf(TrialKey key) const
{
    const auto it = rowIndex_.find(key);
    if (it == rowIndex_.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::size_t> TrialTable::column(TableColumn::Kind kind, const std::string& name) const
{
    const auto it = columnIndex_.find(indexKey(kind, name));
    if (it == columnIndex_.end())
        return std::nullopt;
    return it->second;
}

const Objective* TrialTable::objective() const
{
    return studies_.empty() ? nullptr : &studies_.front().study->objective;
}

std::optional<std::size_t> TrialTable::objectiveColumn() const
{
    const Objective* o = objective();
    return o ? metricColumn(o->metric) : std::nullopt;
}

TableColumn& TrialTable::columnFor(TableColumn::Kind kind, const std::string& name)
{
    const std::string k = indexKey(kind, name);
    if (const auto it = columnIndex_.find(k); it != columnIndex_.end())
        return columns_[it->second];
    columnIndex_.emplace(k, columns_.size());
    TableColumn& c = columns_.emplace_back();
    c.kind = kind;
    c.name = name;
    c.values.assign(keys_.size(), kMissing);
    c.low = std::numeric_limits<double>::infinity();
    c.high = -std::numeric_limits<double>::infinity();
    return c;
}

void TrialTable::addParamColumns()
{
    // Declared spaces first, in each study's order, so axes follow what the user wrote.
    for (const ShownStudy& s : studies_) {
        for (const Param& p : s.study->space.params) {
            TableColumn& c = columnFor(TableColumn::Kind::Param, p.name);
            if (p.type == ParamType::Categorical) {
                c.categorical = true;
                for (const Value& v : p.choices)
                    if (std::find(c.categories.begin(), c.categories.end(), v) == c.categories.end())
                        c.categories.push_back(v);
            } else {
                c.log = c.log || p.log;
                c.low = std::min(c.low, p.low);
                c.high = std::max(c.high, p.high);
            }
        }
    }
    // Values not declared anywhere (an inferred or partial space) still get a column; a column
    // with a non-numeric value becomes categorical.
    for (std::size_t row = 0; row < keys_.size(); ++row)
        for (const auto& [name, v] : trial(row).params) {
            TableColumn& c = columnFor(TableColumn::Kind::Param, name);
            if (!numericValue(v) && !v.isNull())
                c.categorical = true;
        }
    for (TableColumn& c : columns_) {
        if (!c.categorical)
            continue;
        c.log = false;
        for (std::size_t row = 0; row < keys_.size(); ++row)
            if (const Value* v = trial(row).param(c.name); v && !v->isNull())
                if (std::find(c.categories.begin(), c.categories.end(), *v) == c.categories.end())
                    c.categories.push_back(*v);
    }
    for (std::size_t row = 0; row < keys_.size(); ++row) {
        for (const auto& [name, v] : trial(row).params) {
            TableColumn& c = columns_[columnIndex_.at(indexKey(TableColumn::Kind::Param, name))];
            if (v.isNull())
                continue;
            if (c.categorical) {
                const auto at = std::find(c.categories.begin(), c.categories.end(), v);
                c.values[row] = static_cast<double>(at - c.categories.begin());
            } else {
                c.values[row] = v.toDouble();
            }
        }
    }
}

void TrialTable::addMetricColumns()
{
    // The objective first, then declared metrics, then whatever else was reported.
    for (const ShownStudy& s : studies_) {
        columnFor(TableColumn::Kind::Metric, s.study->objective.metric).direction = s.study->objective.direction;
        for (const MetricSpec& m : s.study->metrics)
            columnFor(TableColumn::Kind::Metric, m.name).direction = m.direction;
    }
    for (std::size_t row = 0; row < keys_.size(); ++row) {
        const Trial& t = trial(row);
        for (const auto& [name, value] : t.metrics)
            columnFor(TableColumn::Kind::Metric, name).values[row] = value;
        // A metric reported only along the way (a running or pruned trial, or one the final report
        // leaves out) takes its last report, so the views show the trial where it got to. A failed
        // run's last report is not a result.
        if (t.state == TrialState::Failed)
            continue;
        for (const auto& [name, curve] : t.curves) {
            TableColumn& c = columnFor(TableColumn::Kind::Metric, name);
            if (std::isnan(c.values[row]) && !curve.empty() && !t.metric(name))
                c.values[row] = curve.values.back();
        }
    }
}

void TrialTable::finishRanges()
{
    for (TableColumn& c : columns_) {
        if (c.categorical) {
            c.low = 0.0;
            c.high = c.categories.empty() ? 0.0 : static_cast<double>(c.categories.size() - 1);
            continue;
        }
        for (const double v : c.values)
            if (std::isfinite(v) && !(c.log && v <= 0.0)) {
                c.low = std::min(c.low, v);
                c.high = std::max(c.high, v);
            }
        if (c.low > c.high)
            c.low = c.high = 0.0;
    }
}

} // namespace tendril::app
