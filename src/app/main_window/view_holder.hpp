// Holds a view inside its dock's scroll area, so the dock scrolls only when the view really does
// not fit.
//
// Views with wrapping toolbars (plot::FlowLayout) have a height-for-width. QScrollArea sizes such
// a widget by that height, which QBoxLayout adds up from its children's preferred heights, not
// their minimum ones: a view whose plot would happily shrink then scrolls in a dock that has room
// for it. The holder has no height-for-width of its own. Its minimum height is the view's height
// for the current width less what its other parts could still give up (their preferred minus
// their minimum heights), and it lays the view over all of itself.
#pragma once

#include <QWidget>

namespace tendril::app {

class ViewHolder : public QWidget {
public:
    explicit ViewHolder(QWidget* view, QWidget* parent = nullptr);

    QWidget* view() const { return view_; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* view_;
};

} // namespace tendril::app
