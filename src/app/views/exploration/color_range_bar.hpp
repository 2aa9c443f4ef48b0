// The colour range of the exploration overview: a bar over the evaluated values (worst to best
// colour as they are applied) with two handles for the ends of the range. By default the range is
// the whole extent (the paper's default); dragging a handle narrows it so that the differences
// among the good models show, and a double-click restores it.
#pragma once

#include "views/exploration/exploration_data.hpp"

#include <QWidget>

#include <optional>

namespace tendril::app::exploration {

class ColorRangeBar : public QWidget {
    Q_OBJECT

public:
    explicit ColorRangeBar(QWidget* parent = nullptr);

    // The values the bar spans. A range that still lies within the new extent is kept; otherwise
    // it becomes the extent.
    void setExtent(std::optional<ColorRange> extent, Direction direction);
    std::optional<ColorRange> extent() const { return extent_; }
    void setRange(ColorRange range);
    ColorRange range() const { return range_; }
    bool isWholeExtent() const { return extent_ && range_ == *extent_; }
    void resetRange();

    // Where a handle sits, for tests that drag it: 0 the low end, 1 the high end.
    QPoint handlePosition(int handle) const;

    QSize sizeHint() const override { return {240, 36}; }
    QSize minimumSizeHint() const override { return {150, 36}; }

signals:
    void rangeEdited(tendril::app::exploration::ColorRange range);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QRectF barRect() const;
    void moveHandle(int handle, double value);

    std::optional<ColorRange> extent_;
    ColorRange range_;
    Direction direction_ = Direction::Maximize;
    int dragging_ = -1;
    int focusHandle_ = 1;
};

} // namespace tendril::app::exploration
