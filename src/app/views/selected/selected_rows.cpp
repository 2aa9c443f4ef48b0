#include "views/selected/selected_rows.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app::selected {

std::vector<TrialKey> suggestedTrials(const TrialTable& table, const std::vector<char>& visible, std::size_t count)
{
    const auto column = table.objectiveColumn();
    const Objective* objective = table.objective();
    if (!column || !objective || count == 0)
        return {};
    const std::vector<double>& values = table.columns()[*column].values;
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < table.rows(); ++r)
        if ((visible.empty() || (r < visible.size() && visible[r])) && std::isfinite(values[r])
            && table.trial(r).state == TrialState::Complete)
            rows.push_back(r);
    const bool maximize = objective->direction == Direction::Maximize;
    const auto better = [&](std::size_t a, std::size_t b) {
        if (values[a] != values[b])
            return maximize ? values[a] > values[b] : values[a] < values[b];
        return a < b;
    };
    const std::size_t n = std::min(count, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n), rows.end(), better);
    std::vector<TrialKey> keys;
    keys.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        keys.push_back(table.key(rows[i]));
    return keys;
}

int compareCells(double a, double b, bool ascending)
{
    const bool aMissing = std::isnan(a), bMissing = std::isnan(b);
    if (aMissing || bMissing)
        return aMissing == bMissing ? 0 : (aMissing ? 1 : -1);
    if (a == b)
        return 0;
    const int lessFirst = a < b ? -1 : 1;
    return ascending ? lessFirst : -lessFirst;
}

QString csvCell(const QString& text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace tendril::app::selected
