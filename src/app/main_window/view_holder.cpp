#include "main_window/view_holder.hpp"

#include <QEvent>

#include <algorithm>

namespace tendril::app {

ViewHolder::ViewHolder(QWidget* view, QWidget* parent) : QWidget(parent), view_(view)
{
    view_->setParent(this);
    view_->installEventFilter(this);
}

QSize ViewHolder::sizeHint() const
{
    return view_->sizeHint();
}

QSize ViewHolder::minimumSizeHint() const
{
    QSize minimum = view_->minimumSizeHint().expandedTo(view_->minimumSize());
    if (view_->hasHeightForWidth() && width() > 0) {
        // The height for this width adds up preferred heights; what the parts without a
        // height-for-width (the plots) could give up is the gap between preferred and minimum.
        const int slack = std::max(0, view_->sizeHint().height() - minimum.height());
        minimum.setHeight(std::max(minimum.height(), view_->heightForWidth(width()) - slack));
    }
    return minimum;
}

bool ViewHolder::eventFilter(QObject* watched, QEvent* event)
{
    // The view's own layout changed what it needs: tell the scroll area.
    if (watched == view_ && event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QWidget::eventFilter(watched, event);
}

void ViewHolder::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    view_->setGeometry(rect());
    // The toolbars wrap differently at the new width.
    updateGeometry();
}

} // namespace tendril::app
