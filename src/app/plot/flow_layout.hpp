// A layout that places its items left to right and wraps onto further lines when the width runs
// out, so a toolbar or a legend in a narrow dock grows downwards instead of pushing the dock wider
// or cutting its last buttons off. Items sit centred on their line; an item wider than the whole
// line (a long label) is narrowed to it, down to its minimum width, so an ElidedLabel elides.
//
// Two horizontal size policies of a widget say more:
// - Expanding: after wrapping, the widget also takes the room left at the end of its line (a
//   status text aligned right, a title that claims the line).
// - Ignored: the widget never starts a line of its own; it gets what is left of the line it
//   follows, down to its minimum width, and below that the layout hides it (and shows it again
//   when there is room). For hints that give way first and never make the layout taller.
#pragma once

#include <QLayout>
#include <QList>
#include <QPointer>

#include <vector>

namespace tendril::app::plot {

class FlowLayout : public QLayout {
public:
    FlowLayout(QWidget* parent, int horizontalSpacing, int verticalSpacing);
    // Unparented: for nesting in another layout with QBoxLayout::addLayout.
    FlowLayout(int horizontalSpacing, int verticalSpacing);
    ~FlowLayout() override;

    void insertWidget(int index, QWidget* widget);

    void addItem(QLayoutItem* item) override;
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    int indexOf(const QWidget* widget) const override;

    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    // The widest single item: anything wider wraps.
    QSize minimumSize() const override;
    // Everything on one line.
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    // Lays the items out in rect (or only measures, when noRoom is null); returns the height used.
    // The widgets that give way for want of room are added to noRoom.
    int arrange(const QRect& rect, std::vector<QWidget*>* noRoom) const;
    bool givesWay(const QLayoutItem* item) const;
    bool counts(const QLayoutItem* item) const;

    QList<QLayoutItem*> items_;
    // The widgets this layout hid because they had no room; they are shown again when they do.
    std::vector<QPointer<QWidget>> hiddenForRoom_;
    int horizontalSpacing_;
    int verticalSpacing_;
};

} // namespace tendril::app::plot
