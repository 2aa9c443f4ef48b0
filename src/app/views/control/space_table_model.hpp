// The search space table of the study dialog: one editable row per parameter (name, type, low,
// high, log, step, choices), every cell that cannot be used painted red with the reason as its
// tooltip. Cells that do not apply to the row's type (low on a categorical) are greyed out but keep
// their text, so switching the type back restores what was typed.
#pragma once

#include "views/control/space_rows.hpp"

#include <QAbstractTableModel>

#include <string>
#include <tuple>
#include <vector>

namespace tendril::app {

class SpaceTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role {
        IssueRole = Qt::UserRole + 1,  // QString: why the cell cannot be used, "" when it can
    };

    explicit SpaceTableModel(QObject* parent = nullptr);

    void setRows(std::vector<SpaceRow> rows);
    const std::vector<SpaceRow>& rows() const { return rows_; }
    // Every row as a parameter, or nullopt while any cell has an issue.
    std::optional<SearchSpace> space() const { return spaceForRows(rows_); }
    // The first issue in table order as (row, column, message); row -1 when there is none.
    std::tuple<int, SpaceColumn, std::string> firstIssue() const;
    std::string issueAt(int row, SpaceColumn column) const;
    // The row of the parameter with this name, -1 when none.
    int rowOfName(const std::string& name) const;

    // A new row before `row` (at the end for -1), of type float with a unique placeholder name.
    int addRow(int row = -1);
    // A copy of the row right after it, renamed so the name stays unique.
    int duplicateRow(int row);
    void removeRowAt(int row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // Any cell changed, or rows were added or removed.
    void edited();

private:
    bool applies(int row, SpaceColumn column) const;
    void recheck();
    std::string freeName(const std::string& base) const;

    std::vector<SpaceRow> rows_;
    std::vector<std::vector<CellIssue>> issues_;  // per row
};

} // namespace tendril::app
