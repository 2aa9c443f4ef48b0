// Sorting for the trials table: numbers by value, text in natural order ("t2" before "t10"), and
// missing values and NaN last whichever way the column is sorted, so the answers stay on top.
#pragma once

#include <QSortFilterProxyModel>

namespace tendril::app {

class TrialsSortProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TrialsSortProxy(QObject* parent = nullptr);

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

} // namespace tendril::app
