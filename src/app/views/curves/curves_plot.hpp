// The learning-curve plot: one panel per metric, stacked with a shared x axis (small multiples),
// painted with QPainter.
//
// Drawing is split by what each change costs. New curves, options, a resize, zoom or pan rebuild
// the pixel polylines and paint them once into a cached image; a paint event blits that image and
// draws only the highlighted trial (hub hover) and the rubber band on top, so hovering 200 curves
// repaints one of them.
#pragma once

#include "views/curves/curve_paths.hpp"
#include "views/curves/curve_set.hpp"

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace tendril::app::curves {

class CurvesPlot : public QWidget {
    Q_OBJECT

public:
    explicit CurvesPlot(QWidget* parent = nullptr);

    // New curves, and the table they were built from (for tooltips). The zoom is kept when the
    // same trials and metrics are drawn on the same x axis (smoothing changed, a running trial
    // grew) and reset otherwise.
    void setCurves(std::shared_ptr<const CurveSet> curves, std::shared_ptr<const TrialTable> table);
    const CurveSet* curves() const { return curves_.get(); }

    // A log y axis; panels with no positive value stay linear and say so.
    void setLogY(bool log);
    bool logY() const { return logY_; }

    // The trial drawn on top with its lineage, the others dimmed.
    void setHighlighted(std::optional<TrialKey> key);
    std::optional<TrialKey> highlighted() const { return highlighted_; }

    void resetZoom();
    bool isZoomed() const;

    // The geometry as drawn (laid out first when something changed): for the tests and for
    // callers that place things over the plot.
    std::size_t panelCount() const;
    QRectF plotRect(std::size_t panel) const;
    const plot::AxisScale& xScale() const;
    const plot::AxisScale& yScale(std::size_t panel) const;
    // Panels whose metric has no positive value, drawn linear although log was asked for.
    bool logUnavailable(std::size_t panel) const;
    // The pixel polylines of trial (an index into curves()->trials) in a panel.
    const CurvePolylines& drawnCurve(std::size_t panel, std::size_t trial) const;
    const CurvePolylines& drawnRawCurve(std::size_t panel, std::size_t trial) const;
    const CurvePolylines& drawnConnector(std::size_t panel, std::size_t trial) const;

    QSize sizeHint() const override { return {720, 480}; }
    // A panel or two still read at this size, in a short dock.
    QSize minimumSizeHint() const override { return {240, 160}; }

signals:
    // The mouse moved onto a curve (its trial) or off every curve (nullopt).
    void curveHovered(std::optional<tendril::app::TrialKey> key);
    void zoomChanged(bool zoomed);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    // Tick labels at this fraction of the widget's font: laid out and painted alike.
    static constexpr double kTickFontScale = 0.9;

    struct TrialPaths {
        CurvePolylines raw;  // only when smoothing: the faint line under the smoothed one
        CurvePolylines smoothed;
        CurvePolylines connector;
    };
    struct Panel {
        std::optional<plot::ValueRange> data;  // y extent of what the panel draws
        bool logUnavailable = false;
        QRectF titleRect;
        QRectF plot;
        plot::AxisScale y;
        std::vector<double> yTicks;
        std::vector<TrialPaths> paths;  // per trial
    };
    struct HoverPoint {
        std::size_t panel = 0;
        std::size_t trial = 0;
        std::size_t point = 0;
    };
    struct Drag {
        enum class Mode { Pan, Band } mode = Mode::Pan;
        std::size_t panel = 0;
        QPointF from;
        plot::AxisScale x;
        plot::AxisScale y;
        bool moved = false;
    };

    // What depends on the data only: extents per panel and along x.
    void computeDataRanges();
    void invalidateLayout();
    void ensureLayout() const;
    void layoutPanels() const;
    void buildPaths() const;
    void ensureLayer() const;
    void paintLayer(QPainter& painter) const;
    void paintPanelFrame(QPainter& painter, const Panel& panel, std::size_t index) const;
    void paintPanelCurves(QPainter& painter, const Panel& panel) const;
    void paintXAxis(QPainter& painter) const;
    void paintHighlight(QPainter& painter, std::size_t trial) const;
    void paintEmptyPanel(QPainter& painter, const Panel& panel, std::size_t index) const;

    std::optional<std::size_t> panelAt(QPointF pos) const;
    std::optional<HoverPoint> hitTest(QPointF pos) const;
    void updateHover(QPointF pos);
    void clearHover();
    void zoomAt(QPointF pos, double factor, bool zoomX, bool zoomY);
    void setZoom(std::optional<plot::ValueRange> x, std::size_t panel, std::optional<plot::ValueRange> y);

    std::shared_ptr<const CurveSet> curves_;
    std::shared_ptr<const TrialTable> table_;
    bool logY_ = false;
    std::optional<TrialKey> highlighted_;

    std::optional<plot::ValueRange> xData_;
    std::vector<std::optional<plot::ValueRange>> yData_;  // per panel, linear
    std::vector<std::optional<plot::ValueRange>> yDataLog_;  // per panel, positive values only
    std::optional<plot::ValueRange> xZoom_;
    std::vector<std::optional<plot::ValueRange>> yZoom_;

    std::optional<HoverPoint> hover_;
    std::optional<Drag> drag_;
    QRectF band_;

    // Caches rebuilt by ensureLayout / ensureLayer; mutable because the accessors that read them
    // are const.
    mutable bool layoutDirty_ = true;
    mutable bool layerDirty_ = true;
    mutable std::vector<Panel> panels_;
    mutable plot::AxisScale x_;
    mutable std::vector<double> xTicks_;
    mutable QRectF xTitleRect_;
    mutable QImage layer_;
};

} // namespace tendril::app::curves
