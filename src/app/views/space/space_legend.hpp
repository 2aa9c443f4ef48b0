// The search-space overview's legend: what the line colours mean (the performance ramp with the
// objective's range, or the studies), the grey context, the selection, and the expected-
// performance bars while a parameter is active. Items wrap onto more lines in a narrow dock.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace tendril::app::space {

class SpaceLegend : public QWidget {
    Q_OBJECT

public:
    struct Item {
        enum class Kind { Ramp, Swatch, Line, Bars };
        Kind kind = Kind::Swatch;
        QString label;
        QColor color;
        QString low;   // Ramp: the value at its worse end
        QString high;  // Ramp: the value at its better end
    };

    explicit SpaceLegend(QWidget* parent = nullptr);

    // The items, left to right: the view fills in colours from PlotColors and the ramp.
    void setItems(std::vector<Item> items);
    const std::vector<Item>& items() const { return items_; }
    // All the text, for tests and accessibility.
    QString text() const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double itemWidth(const Item& item) const;
    // Each item's top-left for a width; returns the height used.
    double place(double width, std::vector<QPointF>* at) const;

    std::vector<Item> items_;
};

} // namespace tendril::app::space
