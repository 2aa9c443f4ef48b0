// A one-line label that ends its text with "…" when short of room instead of demanding the width
// for all of it, so a long status line never pushes a narrow dock wider.
#pragma once

#include <QLabel>

namespace tendril::app::tradeoff {

class ElidedLabel : public QLabel {
public:
    using QLabel::QLabel;

    void setFullText(const QString& text)
    {
        full_ = text;
        updateGeometry();
        elide();
    }
    const QString& fullText() const { return full_; }

    QSize sizeHint() const override
    {
        return {fontMetrics().horizontalAdvance(full_) + 2 * margin() + 2, QLabel::sizeHint().height()};
    }
    QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QLabel::resizeEvent(event);
        elide();
    }

private:
    void elide() { QLabel::setText(fontMetrics().elidedText(full_, Qt::ElideRight, contentsRect().width())); }

    QString full_;
};

} // namespace tendril::app::tradeoff
