// The trade-off scatter itself: axes, cached marker layers, the live hover overlay and the mouse
// gestures (click, rectangle, lasso, hover). It knows nothing of the hub: it reports what the user
// picked as table rows, and the view turns that into hub calls.
#pragma once

#include "views/tradeoff/scatter_layers.hpp"
#include "views/tradeoff/tradeoff_axes.hpp"

#include <QImage>
#include <QPolygonF>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace tendril::app::tradeoff {

class ScatterPlot : public QWidget {
    Q_OBJECT

public:
    // Replace: the picked rows become the selection; Add: they join it; Toggle: each flips.
    enum class SelectionEdit { Replace, Add, Toggle };
    // A drag shorter than this is a click.
    static constexpr int kDragThreshold = 4;
    // How near (pixels) the pointer must be to a marker to hover or click it.
    static constexpr double kPickRadius = 8.0;

    explicit ScatterPlot(QWidget* parent = nullptr);

    // Everything at once: the rows, and what each axis shows. Rebuilds every layer.
    void setData(std::shared_ptr<const TrialTable> table, PlotAxis x, PlotAxis y);
    // Per table row: passes the other views' brushes. Rebuilds the context and trial layers and
    // the Pareto front, which is taken over visible trials only.
    void setVisibleRows(std::vector<char> visible);
    // Rebuilds the selection layer only.
    void setSelectedRows(std::vector<std::size_t> rows);
    // Repaints the overlay only.
    void setHoveredRow(std::optional<std::size_t> row);

    // When on, a plain drag draws a lasso; Shift+drag always does.
    void setLassoMode(bool on) { lassoMode_ = on; }
    bool lassoMode() const { return lassoMode_; }

    // Shown in the middle when no trial can be drawn.
    void setEmptyText(const QString& text);
    const QString& emptyText() const { return emptyText_; }

    const PlotAxis& xAxis() const { return x_; }
    const PlotAxis& yAxis() const { return y_; }
    // Where the data is drawn, in widget pixels; the axes map onto it.
    QRectF plotArea() const { return scene_.plotArea; }
    const std::vector<QPointF>& positions() const { return scene_.positions; }
    // Rows on the Pareto front, sorted by x; empty when an axis has no preferred direction.
    const std::vector<std::size_t>& frontRows() const { return scene_.front; }
    bool hasFront() const { return frontPossible_; }
    std::size_t drawnRows() const { return drawn_; }

    QSize sizeHint() const override { return {640, 420}; }
    // Room for a plot area about 200 px wide beside the y labels, and a few grid lines high: small
    // enough for a short, narrow dock.
    QSize minimumSizeHint() const override { return {310, 140}; }

signals:
    void selectionEdited(const std::vector<std::size_t>& rows, tendril::app::tradeoff::ScatterPlot::SelectionEdit edit);
    void hoverEdited(std::optional<std::size_t> row);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    enum class Gesture { None, Pending, Rectangle, Lasso };

    void layoutPlot();
    void computeFront();
    void projectFrontLine();
    void invalidateLayers(bool context, bool trials, bool selection);
    void ensureLayers();
    void paintAxes(QPainter& p) const;
    void paintHover(QPainter& p);
    void paintGesture(QPainter& p) const;
    void hoverAt(QPointF pos, QPoint globalPos);
    void emitHover(std::optional<std::size_t> row);
    void finishGesture(QPointF pos);

    PlotAxis x_;
    PlotAxis y_;
    ScatterScene scene_;
    std::optional<std::size_t> hovered_;
    bool hoverIsMine_ = false;  // the hub's hovered trial is the one this plot's pointer is on
    bool frontPossible_ = false;
    std::size_t drawn_ = 0;
    double diameter_ = 7.5;
    QString emptyText_;
    std::vector<double> xTicks_, yTicks_;

    MarkerSprites sprites_;
    QImage contextLayer_, trialLayer_, selectionLayer_;
    bool contextDirty_ = true, trialDirty_ = true, selectionDirty_ = true;

    bool lassoMode_ = false;
    Gesture gesture_ = Gesture::None;
    bool lassoGesture_ = false;
    Qt::KeyboardModifiers pressModifiers_;
    QPointF pressPos_;
    QPointF dragPos_;
    QPolygonF lasso_;
};

} // namespace tendril::app::tradeoff
