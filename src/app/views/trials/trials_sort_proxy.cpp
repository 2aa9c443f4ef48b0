#include "views/trials/trials_sort_proxy.hpp"

#include "views/trials/trials_model.hpp"

#include <cmath>

namespace tendril::app {

namespace {

// "t2" before "t10": runs of digits compare as numbers, everything else case-insensitively. Done
// here rather than with QCollator, whose numeric mode does nothing under the C locale.
int naturalCompare(const QString& a, const QString& b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            const qsizetype si = i, sj = j;
            while (i < a.size() && a[i].isDigit())
                ++i;
            while (j < b.size() && b[j].isDigit())
                ++j;
            // Compare the digit runs by value: without leading zeros, longer means larger.
            QStringView x = QStringView(a).mid(si, i - si), y = QStringView(b).mid(sj, j - sj);
            while (x.size() > 1 && x.front() == u'0')
                x = x.mid(1);
            while (y.size() > 1 && y.front() == u'0')
                y = y.mid(1);
            if (x.size() != y.size())
                return x.size() < y.size() ? -1 : 1;
            if (const int c = x.compare(y); c != 0)
                return c;
            continue;
        }
        const QChar ca = a[i].toCaseFolded(), cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    return (a.size() - i) < (b.size() - j) ? -1 : (a.size() - i) > (b.size() - j) ? 1 : 0;
}

bool isMissing(const QVariant& v)
{
    return !v.isValid() || (v.typeId() == QMetaType::Double && std::isnan(v.toDouble()));
}

} // namespace

TrialsSortProxy::TrialsSortProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(TrialsModel::SortRole);
}

bool TrialsSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    // Descending order reverses the comparison, so "last" means largest when ascending and smallest
    // when descending.
    const bool descending = sortOrder() == Qt::DescendingOrder;
    const bool aMissing = isMissing(a), bMissing = isMissing(b);
    if (aMissing || bMissing) {
        if (aMissing && bMissing)
            return false;  // the sort is stable: ties keep the trials' order
        return aMissing ? descending : !descending;
    }
    const bool aNumber = a.typeId() == QMetaType::Double, bNumber = b.typeId() == QMetaType::Double;
    if (aNumber && bNumber) {
        return a.toDouble() < b.toDouble();
    }
    if (aNumber != bNumber)  // a column mixing numbers and words: numbers first
        return aNumber;
    return naturalCompare(a.toString(), b.toString()) < 0;
}

} // namespace tendril::app
