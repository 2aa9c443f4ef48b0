#include "views/space/expected_performance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tendril::app::space {

namespace {

using engine::ImportanceModel;

double toScale(double value, bool log)
{
    if (!log)
        return value;
    return value > 0.0 ? std::log10(value) : -std::numeric_limits<double>::infinity();
}

double fromScale(double t, bool log)
{
    return log ? std::pow(10.0, t) : t;
}

// The table's category index of each of the model's choices (-1 where the table has none).
std::vector<int> tableCategories(const ImportanceModel::Column& modelColumn, const TableColumn& column)
{
    std::vector<int> out;
    for (const Value& choice : modelColumn.choices) {
        const auto at = std::find(column.categories.begin(), column.categories.end(), choice);
        out.push_back(at == column.categories.end() ? -1 : static_cast<int>(at - column.categories.begin()));
    }
    return out;
}

// Sorted, merged intervals on the integration scale.
std::vector<std::pair<double, double>> mergedIntervals(const std::vector<ColumnRange>& ranges, bool log)
{
    std::vector<std::pair<double, double>> intervals;
    for (const ColumnRange& r : ranges) {
        const double a = toScale(std::min(r.low, r.high), log), b = toScale(std::max(r.low, r.high), log);
        if (!std::isnan(a) && !std::isnan(b) && b >= a)
            intervals.emplace_back(a, b);
    }
    std::sort(intervals.begin(), intervals.end());
    std::vector<std::pair<double, double>> merged;
    for (const auto& i : intervals) {
        if (!merged.empty() && i.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, i.second);
        else
            merged.push_back(i);
    }
    return merged;
}

double coveredLength(const std::vector<std::pair<double, double>>& intervals, double a, double b)
{
    double covered = 0.0;
    for (const auto& [low, high] : intervals)
        covered += std::max(0.0, std::min(b, high) - std::max(a, low));
    return covered;
}

} // namespace

ExpectedCells displayCells(const engine::MarginalCurve& curve, bool log, int cells)
{
    ExpectedCells out;
    if (curve.cells() == 0 || curve.edges.size() != curve.cells() + 1)
        return out;
    std::vector<double> t(curve.edges.size());
    for (std::size_t i = 0; i < t.size(); ++i)
        t[i] = toScale(curve.edges[i], log);
    const double first = t.front(), last = t.back();
    if (!(last > first) || !std::isfinite(first) || !std::isfinite(last)) {
        out.edges = {curve.edges.front(), curve.edges.back()};
        out.mean = {curve.mean.front()};
        out.std = {curve.std.front()};
        return out;
    }
    cells = std::max(1, cells);
    const double width = (last - first) / cells;
    std::size_t step = 0;  // the first curve cell that can still overlap
    for (int k = 0; k < cells; ++k) {
        const double a = first + width * k;
        const double b = k + 1 == cells ? last : first + width * (k + 1);
        double mean = 0.0, spread = 0.0, covered = 0.0;
        while (step + 1 < curve.cells() && t[step + 1] <= a)
            ++step;
        for (std::size_t i = step; i < curve.cells() && t[i] < b; ++i) {
            const double overlap = std::max(0.0, std::min(b, t[i + 1]) - std::max(a, t[i]));
            mean += overlap * curve.mean[i];
            spread += overlap * curve.std[i];
            covered += overlap;
        }
        out.edges.push_back(fromScale(a, log));
        out.mean.push_back(covered > 0.0 ? mean / covered : curve.meanAt(fromScale(0.5 * (a + b), log)));
        out.std.push_back(covered > 0.0 ? spread / covered : curve.stdAt(fromScale(0.5 * (a + b), log)));
    }
    out.edges.push_back(curve.edges.back());
    out.edges.front() = curve.edges.front();
    return out;
}

ActiveTables computeActiveTables(std::shared_ptr<const engine::ImportanceModel> model, const TrialTable& table,
                                 const std::string& active, const std::vector<std::string>& partners, int cells)
{
    if (!model)
        throw std::invalid_argument("no model to take curves from");
    const int activeIndex = model->columnOf(active);
    if (activeIndex < 0)
        throw std::invalid_argument("parameter \"" + active + "\" was not analysed");
    const ImportanceModel::Column& activeModel = model->columns()[static_cast<std::size_t>(activeIndex)];

    ActiveTables out;
    out.active = active;
    out.model = model;
    if (const auto column = table.paramColumn(active)) {
        const engine::MarginalCurve curve = model->curve(active);
        if (activeModel.categorical) {
            const std::vector<int> indexes = tableCategories(activeModel, table.columns()[*column]);
            out.activeCells.categorical = true;
            for (std::size_t i = 0; i < indexes.size() && i < curve.cells(); ++i) {
                if (indexes[i] < 0)
                    continue;
                out.activeCells.categories.push_back(indexes[i]);
                out.activeCells.mean.push_back(curve.mean[i]);
                out.activeCells.std.push_back(curve.std[i]);
            }
        } else {
            out.activeCells = displayCells(curve, activeModel.log, cells);
        }
        out.activeCells.column = *column;
    }
    for (const std::string& partner : partners) {
        const auto column = table.paramColumn(partner);
        if (partner == active || model->columnOf(partner) < 0 || !column)
            continue;
        out.partners.push_back({partner, *column, model->pairTable(active, partner, cells)});
    }

    double low = std::numeric_limits<double>::infinity(), high = -low;
    const auto widen = [&](const std::vector<double>& values) {
        for (const double v : values)
            if (std::isfinite(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
    };
    widen(out.activeCells.mean);
    for (const ActiveTables::Partner& p : out.partners)
        widen(p.table.mean);
    out.low = std::isfinite(low) ? low : 0.0;
    out.high = std::isfinite(high) ? high : 0.0;
    return out;
}

std::optional<ExpectedCells> partnerCells(const ActiveTables& tables, std::size_t partner, const TrialTable& table,
                                          const std::vector<ColumnRange>& activeRanges)
{
    if (!tables.model || partner >= tables.partners.size())
        return std::nullopt;
    const ActiveTables::Partner& p = tables.partners[partner];
    const engine::PairMarginalTable& t = p.table;
    const int activeIndex = tables.model->columnOf(tables.active);
    const int partnerIndex = tables.model->columnOf(p.param);
    if (activeIndex < 0 || partnerIndex < 0 || t.rows == 0 || t.cols == 0)
        return std::nullopt;
    const ImportanceModel::Column& activeModel = tables.model->columns()[static_cast<std::size_t>(activeIndex)];
    const ImportanceModel::Column& partnerModel = tables.model->columns()[static_cast<std::size_t>(partnerIndex)];

    // How much each row of the table (a bin of the active parameter) the brushes cover.
    std::vector<double> weight(t.rows, 1.0);
    if (!activeRanges.empty()) {
        if (activeModel.categorical) {
            const auto activeColumn = table.paramColumn(tables.active);
            const std::vector<int> indexes =
                activeColumn ? tableCategories(activeModel, table.columns()[*activeColumn]) : std::vector<int>{};
            for (std::size_t r = 0; r < t.rows; ++r) {
                const int category = r < indexes.size() ? indexes[r] : -1;
                weight[r] = category >= 0 && std::any_of(activeRanges.begin(), activeRanges.end(),
                                                         [category](const ColumnRange& range) {
                                                             return range.contains(category);
                                                         })
                                ? 1.0
                                : 0.0;
            }
        } else if (t.rowEdges.size() == t.rows + 1) {
            const auto intervals = mergedIntervals(activeRanges, activeModel.log);
            for (std::size_t r = 0; r < t.rows; ++r)
                weight[r] = coveredLength(intervals, toScale(t.rowEdges[r], activeModel.log),
                                          toScale(t.rowEdges[r + 1], activeModel.log));
        }
    }
    double total = 0.0;
    for (const double w : weight)
        total += w;
    if (!(total > 0.0))
        return std::nullopt;

    ExpectedCells out;
    out.column = p.column;
    out.categorical = partnerModel.categorical;
    std::vector<bool> keep(t.cols, true);
    if (partnerModel.categorical) {
        const std::vector<int> indexes = tableCategories(partnerModel, table.columns()[p.column]);
        for (std::size_t c = 0; c < t.cols; ++c) {
            keep[c] = c < indexes.size() && indexes[c] >= 0;
            if (keep[c])
                out.categories.push_back(indexes[c]);
        }
    } else {
        out.edges = t.colEdges;
    }
    for (std::size_t c = 0; c < t.cols; ++c) {
        if (!keep[c])
            continue;
        double mean = 0.0, spread = 0.0;
        for (std::size_t r = 0; r < t.rows; ++r) {
            mean += weight[r] * t.meanAt(r, c);
            spread += weight[r] * t.stdAt(r, c);
        }
        out.mean.push_back(mean / total);
        out.std.push_back(spread / total);
    }
    return out;
}

} // namespace tendril::app::space
