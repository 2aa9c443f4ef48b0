// The view's brushes as numbers: one row per range (axis, from, to), editable in place, with a
// button to remove it. A numeric end takes any number; a categorical range takes its categories
// by name, separated by commas. What cannot be read is refused with a one-line reason.
#pragma once

#include "session/selection_hub.hpp"
#include "session/trial_table.hpp"

#include <QWidget>

#include <memory>

class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace tendril::app::space {

class BrushTable : public QWidget {
    Q_OBJECT

public:
    explicit BrushTable(QWidget* parent = nullptr);

    void setContent(std::shared_ptr<const TrialTable> table, const Brush& brush);
    QTableWidget* table() const { return table_; }
    // The last edit's error, "" when it was accepted.
    QString errorText() const;

signals:
    // The range at index (in the brush) now reads as range; several ranges when a categorical
    // range was typed with gaps (each contiguous run its own alternative).
    void rangeEdited(std::size_t index, const tendril::app::Brush& replacement);
    void rangeRemoved(std::size_t index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void itemEdited(QTableWidgetItem* item);
    void showError(const QString& message);
    void fitHeight();

    QTableWidget* table_;
    QLabel* placeholder_;
    QLabel* error_;
    std::shared_ptr<const TrialTable> trials_;
    Brush brush_;
    bool filling_ = false;
};

} // namespace tendril::app::space
