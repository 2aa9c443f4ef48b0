#include "views/tradeoff/tradeoff_axes.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "tendril/core/random.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace tendril::app::tradeoff {

namespace {

bool hasValue(const TableColumn& column)
{
    return std::any_of(column.values.begin(), column.values.end(), [](double v) { return std::isfinite(v); });
}

// "model_size_mb", "size_kb", "num_params": what a trade-off against accuracy is usually about.
bool namesModelSize(const std::string& name)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower.find("size") != std::string::npos || lower.find("param") != std::string::npos;
}

} // namespace

std::vector<std::size_t> plottableColumns(const TrialTable& table)
{
    std::vector<std::size_t> out;
    const auto objective = table.objectiveColumn();
    if (objective && hasValue(table.columns()[*objective]))
        out.push_back(*objective);
    for (const TableColumn::Kind kind : {TableColumn::Kind::Metric, TableColumn::Kind::Param})
        for (std::size_t c = 0; c < table.columns().size(); ++c) {
            const TableColumn& column = table.columns()[c];
            if (column.kind == kind && c != objective && hasValue(column))
                out.push_back(c);
        }
    return out;
}

std::optional<AxisPair> defaultAxes(const TrialTable& table)
{
    const std::vector<std::size_t> columns = plottableColumns(table);
    if (columns.size() < 2)
        return std::nullopt;
    const auto& all = table.columns();
    const auto isMetric = [&](std::size_t c) { return all[c].kind == TableColumn::Kind::Metric; };
    // The objective when it was reported, else the first metric, else the first column.
    const auto objective = table.objectiveColumn();
    std::size_t y = columns.front();
    if (!(objective && y == *objective)) {
        const auto metric = std::find_if(columns.begin(), columns.end(), isMetric);
        y = metric != columns.end() ? *metric : columns.front();
    }
    std::optional<std::size_t> x;
    for (const std::size_t c : columns)
        if (c != y && isMetric(c) && namesModelSize(all[c].name)) {
            x = c;
            break;
        }
    if (!x)
        for (const std::size_t c : columns)
            if (c != y && isMetric(c)) {
                x = c;
                break;
            }
    if (!x)
        x = columns.front() != y ? columns.front() : columns[1];
    return AxisPair{*x, y};
}

bool logAllowed(const TableColumn& column)
{
    return !column.categorical
        && std::any_of(column.values.begin(), column.values.end(), [](double v) { return std::isfinite(v) && v > 0.0; });
}

QString axisTitle(const TableColumn& column)
{
    const QString name = qstr(column.name);
    return column.direction ? name + QLatin1Char(' ') + directionArrow(*column.direction) : name;
}

QString PlotAxis::label(double value) const
{
    if (categorical()) {
        const auto index = static_cast<qsizetype>(std::llround(value));
        return index >= 0 && index < categories.size() ? categories[index] : QString();
    }
    return formatCompact(value);
}

double categoryJitter(TrialKey key)
{
    std::uint64_t state = key;
    const double u = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;
    return (u - 0.5) * 0.6;
}

PlotAxis makePlotAxis(const TrialTable& table, std::size_t column, bool log)
{
    const TableColumn& source = table.columns()[column];
    PlotAxis axis;
    axis.column = column;
    axis.title = axisTitle(source);
    axis.direction = source.direction;
    if (source.categorical) {
        for (const Value& v : source.categories)
            axis.categories << qstr(v.toString());
        axis.values.resize(source.values.size());
        for (std::size_t row = 0; row < source.values.size(); ++row)
            axis.values[row] = source.values[row] + categoryJitter(table.key(row));
        const double last = std::max(0.0, static_cast<double>(source.categories.size()) - 1.0);
        axis.scale = plot::AxisScale({-0.5, last + 0.5}, plot::Scale::Linear);
        return axis;
    }
    axis.values = source.values;
    axis.scale = plot::AxisScale::fitted(axis.values, plot::scaleFor(log && logAllowed(source)));
    return axis;
}

} // namespace tendril::app::tradeoff
