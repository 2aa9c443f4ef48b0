// A one-line label that ends its text with "…" when short of room instead of demanding the width
// for all of it, so a long status line or title never pushes a narrow dock wider. While the text
// is cut, hovering shows it whole (above the label's own tooltip, if it has one).
#pragma once

#include <QLabel>

namespace tendril::app::plot {

class ElidedLabel : public QLabel {
public:
    using QLabel::QLabel;

    void setFullText(const QString& text);
    const QString& fullText() const { return full_; }
    bool isElided() const { return text() != full_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    void elide();

    QString full_;
};

} // namespace tendril::app::plot
