// Draws a study of the control panel's tree as a two-line row that reads in a narrow dock: the
// show/hide check box and the study's colour, then the name and best value, and under them the
// algorithm, the run status and the trial count with a thin bar of how the trials ended (the
// colours every view uses for trial states). The data come from the model's other columns, which
// the tree keeps hidden.
#pragma once

#include <QStyledItemDelegate>

namespace tendril::app {

class StudyTreeDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace tendril::app
