// The rows of the "Selected experiments" table: one trial each, from any shown study, with its
// study, id and state, then every metric (the objective first) and every parameter of the table.
//
// The model sorts itself (NaN last in either order) so its row order is what the user sees, which
// is also the order "Copy as CSV" writes. Rows are identified by TrialKey; when the set of trials
// changes, only the rows that left or arrived are removed or inserted, so column widths, the
// scroll position and the user's row selection survive every hub update.
#pragma once

#include "session/trial_table.hpp"

#include <QAbstractTableModel>
#include <QIcon>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tendril::app::selected {

class SelectedTrialsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    static constexpr int KeyRole = Qt::UserRole + 1;   // qulonglong TrialKey, any column
    static constexpr int SortRole = Qt::UserRole + 2;  // double the column sorts by (NaN when missing)

    enum FixedColumn { StudyColumn = 0, TrialColumn = 1, StateColumn = 2, kFixedColumns = 3 };

    explicit SelectedTrialsModel(QObject* parent = nullptr);

    // Shows these trials of the table (keys the table lacks are dropped). A table whose columns
    // differ from the current one resets the model; otherwise rows are removed, moved and
    // inserted as needed.
    void setContent(std::shared_ptr<const TrialTable> table, const std::vector<TrialKey>& keys);
    const std::shared_ptr<const TrialTable>& table() const { return table_; }

    TrialKey keyAt(int row) const { return rows_[static_cast<std::size_t>(row)]; }
    const std::vector<TrialKey>& keys() const { return rows_; }
    int rowOf(TrialKey key) const;  // -1 when absent

    // The table column a model column shows; nullopt for the fixed columns.
    std::optional<std::size_t> tableColumn(int column) const;
    // The model column of the objective; -1 when the table has none.
    int objectiveColumn() const;

    // Tints the row of this trial (the hub's hovered trial).
    void setHoveredKey(std::optional<TrialKey> key);

    // The rows (all when empty) as CSV: a header row of plain names, then one line per row in the
    // given order, numbers with every digit, missing values empty, rows ending in "\n".
    QString toCsv(const std::vector<int>& rows = {}) const;

    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    using ColumnId = std::pair<TableColumn::Kind, std::string>;

    void buildColumns();
    std::vector<ColumnId> columnIds(const TrialTable& table) const;
    double sortValue(std::size_t tableRow, int column) const;
    // Keys sorted by the current sort column; ties keep table order.
    std::vector<TrialKey> sorted(std::vector<TrialKey> keys) const;
    void removeRowsNotIn(const std::vector<TrialKey>& wanted);
    void reorderTo(const std::vector<TrialKey>& order);
    void insertMissing(const std::vector<TrialKey>& wanted);
    QString cellText(std::size_t tableRow, int column, bool exact) const;
    QVariant fixedData(std::size_t tableRow, int column, int role) const;
    QVariant valueData(std::size_t tableRow, int column, int role) const;
    QIcon studyDot(std::size_t studyIndex) const;

    std::shared_ptr<const TrialTable> table_;
    std::vector<std::size_t> columns_;  // table columns after the fixed ones
    std::vector<ColumnId> columnIds_;
    std::vector<TrialKey> rows_;
    std::optional<TrialKey> hovered_;
    int sortColumn_ = -1;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
    mutable std::vector<QIcon> studyDots_;
};

} // namespace tendril::app::selected
