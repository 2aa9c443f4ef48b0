// The trials of one study as a table: id, number, state, then every metric (the objective first,
// because results are what a user ranks by) and every parameter.
#pragma once

#include "tendril/core/study.hpp"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace tendril::app {

class TrialsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // The value a column sorts by: a double for numbers (NaN when missing or not a number) or a
    // QString for text. TrialsSortProxy keeps NaN and missing values last in either order.
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int ColumnKindRole = Qt::UserRole + 2;  // headerData: int ColumnKind
    static constexpr int TrialIdRole = Qt::UserRole + 3;     // QString, any column

    enum class ColumnKind { Id, Number, State, Param, Metric };
    enum FixedColumn { IdColumn = 0, NumberColumn = 1, StateColumn = 2, kFixedColumns = 3 };

    explicit TrialsModel(QObject* parent = nullptr);

    // nullptr empties the table.
    void setStudy(std::shared_ptr<const Study> study);
    const std::shared_ptr<const Study>& study() const { return study_; }

    ColumnKind columnKind(int column) const;
    // The parameter or metric a column shows; empty for the fixed columns.
    QString columnName(int column) const;
    int columnOf(ColumnKind kind, const QString& name) const;  // -1 when absent
    const Trial* trialAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant paramData(const Trial& trial, std::size_t param, int role) const;
    QVariant metricData(const Trial& trial, std::size_t metric, int role) const;
    QVariant headerTooltip(int column) const;

    std::shared_ptr<const Study> study_;
    std::vector<std::string> metrics_;  // objective first, then declared metrics, then the rest
    std::vector<std::string> params_;   // the space's order, then undeclared ones
    const Trial* best_ = nullptr;
};

} // namespace tendril::app
