// The key to the exploration overview's marks, one small painted item each, so the glyphs match
// the plots exactly: a configuration's last evaluation, an earlier one, a survivor's history, a
// mutation, a trial filtered out elsewhere.
#pragma once

#include <QWidget>

namespace tendril::app::exploration {

class LegendItem : public QWidget {
public:
    enum class Mark { Final, Evaluation, History, Mutation, Context };

    LegendItem(Mark mark, const QString& text, QWidget* parent = nullptr);
    Mark mark() const { return mark_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Mark mark_;
    QString text_;
};

} // namespace tendril::app::exploration
