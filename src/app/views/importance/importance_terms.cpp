#include "views/importance/importance_terms.hpp"

#include "style/labels.hpp"

#include <algorithm>

namespace tendril::app::importance {

QString ImportanceTerm::label() const
{
    if (!isPair())
        return qstr(key.first);
    return qstr(key.first) + QStringLiteral(" × ") + qstr(key.second);
}

int ImportanceMatrix::columnOf(const std::string& param) const
{
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (columns[c].param == param)
            return static_cast<int>(c);
    return -1;
}

std::optional<std::size_t> ImportanceMatrix::find(const TermKey& key) const
{
    for (std::size_t t = 0; t < terms.size(); ++t)
        if (terms[t].key == key)
            return t;
    return std::nullopt;
}

double ImportanceMatrix::largestExtent() const
{
    double largest = 0.0;
    for (const ImportanceTerm& t : terms)
        largest = std::max(largest, t.importance + t.std);
    return largest;
}

ImportanceMatrix buildMatrix(const engine::ImportanceReport& report)
{
    ImportanceMatrix matrix;
    matrix.columns.reserve(report.params.size());
    for (const engine::ParamImportance& p : report.params)
        matrix.columns.push_back({p.name, p.importance, p.std, p.constant});

    matrix.terms.reserve(report.params.size() + report.pairs.size());
    for (std::size_t c = 0; c < report.params.size(); ++c) {
        const engine::ParamImportance& p = report.params[c];
        matrix.terms.push_back({{p.name, {}}, static_cast<int>(c), -1, p.importance, p.std, p.constant});
    }
    for (const engine::PairImportance& p : report.pairs) {
        const int a = matrix.columnOf(p.first), b = matrix.columnOf(p.second);
        if (a < 0 || b < 0)
            continue;  // the engine pairs analysed parameters only; a pair naming another is not drawable
        matrix.terms.push_back({{p.first, p.second}, a, b, p.importance, p.std, false});
    }
    // Stable: singles were added first, so they stay ahead of pairs of equal importance.
    std::stable_sort(matrix.terms.begin(), matrix.terms.end(),
                     [](const ImportanceTerm& x, const ImportanceTerm& y) { return x.importance > y.importance; });
    return matrix;
}

QString formatShare(double importance, double std)
{
    return QStringLiteral("%1 % ± %2").arg(100.0 * importance, 0, 'f', 1).arg(100.0 * std, 0, 'f', 1);
}

} // namespace tendril::app::importance
