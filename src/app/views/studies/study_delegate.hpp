// Draws one study as a card: name and best value, algorithm and trial count, and a bar of states.
#pragma once

#include <QStyledItemDelegate>

namespace tendril::app {

class StudyDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace tendril::app
