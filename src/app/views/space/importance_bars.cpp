#include "views/space/importance_bars.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app::space {

void ImportanceBars::setReport(const engine::ImportanceReport& report, const TrialTable& table)
{
    bars_.clear();
    columnOf_.clear();
    for (const engine::ParamImportance& p : report.params) {
        ImportanceBar bar;
        bar.param = p.name;
        bar.column = table.paramColumn(p.name);
        bar.importance = p.importance;
        bar.std = p.std;
        bar.constant = p.constant;
        columnOf_[p.name] = bar.column;
        bars_.push_back(std::move(bar));
    }
    pairs_ = report.pairs;
    model_ = report.model;
    trialsUsed_ = report.trialsUsed;
    note_ = report.note;
    metric_ = report.metric;
    direction_ = report.direction;
    scale_ = 0.0;
    for (const ImportanceBar& b : bars_)
        scale_ = std::max(scale_, b.importance + b.std);
    for (const engine::PairImportance& p : pairs_)
        scale_ = std::max(scale_, p.importance + p.std);
    if (active_ && !bar(*active_))
        active_.reset();
}

void ImportanceBars::clear()
{
    *this = ImportanceBars();
}

const ImportanceBar* ImportanceBars::bar(const std::string& param) const
{
    for (const ImportanceBar& b : bars_)
        if (b.param == param)
            return &b;
    return nullptr;
}

std::map<std::size_t, double> ImportanceBars::importanceByColumn() const
{
    std::map<std::size_t, double> out;
    for (const ImportanceBar& b : bars_)
        if (b.column)
            out[*b.column] = b.importance;
    return out;
}

void ImportanceBars::setActive(std::optional<std::string> param)
{
    if (param && !bar(*param))
        param.reset();
    active_ = std::move(param);
}

std::vector<ImportanceBar> ImportanceBars::partners() const
{
    std::vector<ImportanceBar> out;
    if (!active_)
        return out;
    for (const engine::PairImportance& p : pairs_) {
        if (p.first != *active_ && p.second != *active_)
            continue;
        const std::string& other = p.first == *active_ ? p.second : p.first;
        if (model_ && (model_->columnOf(other) < 0 || model_->columnOf(*active_) < 0))
            continue;
        ImportanceBar bar;
        bar.param = other;
        const auto it = columnOf_.find(other);
        bar.column = it == columnOf_.end() ? std::nullopt : it->second;
        bar.importance = p.importance;
        bar.std = p.std;
        out.push_back(std::move(bar));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ImportanceBar& a, const ImportanceBar& b) { return a.importance > b.importance; });
    return out;
}

QString importancePercent(double fraction)
{
    const double percent = 100.0 * fraction;
    if (percent > 0.0 && percent < 1.0)
        return QStringLiteral("%1 %").arg(percent, 0, 'f', 1);
    return QStringLiteral("%1 %").arg(static_cast<int>(std::lround(percent)));
}

} // namespace tendril::app::space
