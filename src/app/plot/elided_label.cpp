#include "plot/elided_label.hpp"

#include <QHelpEvent>
#include <QToolTip>

namespace tendril::app::plot {

void ElidedLabel::setFullText(const QString& text)
{
    full_ = text;
    updateGeometry();
    elide();
}

QSize ElidedLabel::sizeHint() const
{
    return {fontMetrics().horizontalAdvance(full_) + 2 * margin() + 2, QLabel::sizeHint().height()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    return {0, QLabel::minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    elide();
}

bool ElidedLabel::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && isElided()) {
        const QString own = toolTip();
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(),
                           own.isEmpty() ? full_ : full_ + QStringLiteral("\n\n") + own, this);
        return true;
    }
    return QLabel::event(event);
}

void ElidedLabel::elide()
{
    QLabel::setText(fontMetrics().elidedText(full_, Qt::ElideRight, contentsRect().width()));
}

} // namespace tendril::app::plot
