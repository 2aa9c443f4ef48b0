// A layout that places its items left to right and wraps onto further lines when the width runs
// out: a legend with ten studies must grow downwards, not push the window wider.
#pragma once

#include <QLayout>
#include <QList>

namespace tendril::app::tradeoff {

class FlowLayout : public QLayout {
public:
    FlowLayout(QWidget* parent, int horizontalSpacing, int verticalSpacing);
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
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    // Lays the items out in rect (or only measures); returns the height used.
    int arrange(const QRect& rect, bool measureOnly) const;

    QList<QLayoutItem*> items_;
    int horizontalSpacing_;
    int verticalSpacing_;
};

} // namespace tendril::app::tradeoff
