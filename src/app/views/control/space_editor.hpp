// The search space part of the study dialog: the parameter table with Add, Duplicate and Remove,
// and a line under it with the reason for the current row's red cells.
#pragma once

#include "tendril/core/space.hpp"
#include "views/control/space_rows.hpp"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace tendril::app {

class SpaceTableModel;

class SpaceEditor : public QWidget {
    Q_OBJECT

public:
    explicit SpaceEditor(QWidget* parent = nullptr);

    void setSpace(const SearchSpace& space);
    // Every row as a parameter, or nullopt while a cell has an issue.
    std::optional<SearchSpace> space() const;

    SpaceTableModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    // Makes the cell current, scrolls to it and returns its rectangle in table()->viewport().
    QRect focusCell(int row, SpaceColumn column);

signals:
    void edited();

private:
    void addRow();
    void duplicateRow();
    void removeRow();
    void updateIssueLine();
    int currentRow() const;

    SpaceTableModel* model_;
    QTableView* table_;
    QLabel* issueLine_;
    QLabel* emptyHint_;
    QPushButton* duplicateButton_;
    QPushButton* removeButton_;
};

} // namespace tendril::app
