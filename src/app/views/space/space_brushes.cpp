#include "views/space/space_brushes.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <map>

namespace tendril::app::space {

std::vector<char> rowsPassing(const TrialTable& table, const Brush& brush)
{
    std::vector<char> passes(table.rows(), 1);
    std::map<std::size_t, std::vector<const ColumnRange*>> byColumn;
    for (const ColumnRange& r : brush)
        if (r.column < table.columns().size())
            byColumn[r.column].push_back(&r);
    for (const auto& [column, ranges] : byColumn) {
        const std::vector<double>& values = table.columns()[column].values;
        for (std::size_t row = 0; row < passes.size(); ++row) {
            if (!passes[row])
                continue;
            const double v = values[row];
            passes[row] = std::any_of(ranges.begin(), ranges.end(), [v](const ColumnRange* r) { return r->contains(v); });
        }
    }
    return passes;
}

std::vector<std::size_t> rangesOn(const Brush& brush, std::size_t column)
{
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < brush.size(); ++i)
        if (brush[i].column == column)
            at.push_back(i);
    return at;
}

Brush withoutColumn(const Brush& brush, std::size_t column)
{
    Brush kept;
    for (const ColumnRange& r : brush)
        if (r.column != column)
            kept.push_back(r);
    return kept;
}

std::optional<ColumnRange> bestFractionRange(const TableColumn& objective, std::size_t column, Direction direction,
                                             const std::vector<char>& among, double fraction)
{
    std::vector<double> values;
    for (std::size_t row = 0; row < objective.values.size(); ++row)
        if (row < among.size() && among[row] && std::isfinite(objective.values[row]))
            values.push_back(objective.values[row]);
    if (values.empty())
        return std::nullopt;
    // Best first.
    if (direction == Direction::Maximize)
        std::sort(values.begin(), values.end(), std::greater<>());
    else
        std::sort(values.begin(), values.end());
    const double wanted = std::ceil(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(values.size()) - 1e-9);
    const auto kept = static_cast<std::size_t>(std::clamp(wanted, 1.0, static_cast<double>(values.size())));
    const double cutoff = values[kept - 1];
    ColumnRange range;
    range.column = column;
    range.low = direction == Direction::Maximize ? cutoff : values.front();
    range.high = direction == Direction::Maximize ? values.front() : cutoff;
    return range;
}

QString rangeLowText(const TableColumn& column, const ColumnRange& range)
{
    if (!range.categories.empty())
        return rangeText(column, range);
    return formatCompact(range.low);
}

QString rangeHighText(const TableColumn& column, const ColumnRange& range)
{
    if (!range.categories.empty())
        return rangeText(column, range);
    return formatCompact(range.high);
}

QString rangeText(const TableColumn& column, const ColumnRange& range)
{
    if (range.categories.empty())
        return formatCompact(range.low) + QStringLiteral(" – ") + formatCompact(range.high);
    QStringList names;
    for (const int c : range.categories)
        names << (c >= 0 && static_cast<std::size_t>(c) < column.categories.size() ? formatValue(column.categories[c])
                                                                                  : QStringLiteral("?"));
    return names.join(QStringLiteral(", "));
}

ParsedNumber parseNumber(const QString& text)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const double v = trimmed.toDouble(&ok);
    if (ok && std::isfinite(v))
        return {v, {}};
    return {std::nullopt, QStringLiteral("expected a number, got '%1'").arg(trimmed)};
}

ParsedCategories parseCategories(const TableColumn& column, const QString& text)
{
    ParsedCategories parsed;
    QStringList known;
    for (const Value& v : column.categories)
        known << formatValue(v);
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed();
        if (name.isEmpty())
            continue;
        const qsizetype at = known.indexOf(name);
        if (at < 0) {
            parsed.indexes.clear();
            parsed.error = QStringLiteral("'%1' is not a category of %2; expected one of %3")
                               .arg(name, qstr(column.name), known.join(QStringLiteral(", ")));
            return parsed;
        }
        parsed.indexes.push_back(static_cast<int>(at));
    }
    if (parsed.indexes.empty())
        parsed.error = QStringLiteral("expected one or more categories of %1 (%2), separated by commas")
                           .arg(qstr(column.name), known.join(QStringLiteral(", ")));
    std::sort(parsed.indexes.begin(), parsed.indexes.end());
    parsed.indexes.erase(std::unique(parsed.indexes.begin(), parsed.indexes.end()), parsed.indexes.end());
    return parsed;
}

} // namespace tendril::app::space
