// One metric's histogram in the overview: a card with the bars of the trials this histogram
// shows, stacked per study, the part that filters hide as grey context behind them, the selected
// trials as a darker overlay and the hovered trial as a marker line.
//
// The chart only draws and reports what the user does: dragging across it edits its brush
// (brushEdited, while the mouse moves), a click on a bar asks for that bar's trials (binClicked),
// double-click or Esc clears the brush. The overview view owns the data and talks to the hub.
#pragma once

#include "style/plot_colors.hpp"
#include "tendril/core/types.hpp"
#include "views/overview/brush_geometry.hpp"
#include "views/overview/histogram_bins.hpp"
#include "views/overview/histogram_counts.hpp"

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <optional>

namespace tendril::app::overview {

// The colours of one study's bar segment: as it is, paler when other trials are selected, and
// set apart from the canvas for the selected part (darker on light, brighter on dark).
struct BarColors {
    QColor normal;
    QColor pale;
    QColor selected;
};
BarColors barColors(std::size_t study, const PlotColors& colors);

class HistogramChart : public QWidget {
    Q_OBJECT

public:
    explicit HistogramChart(QWidget* parent = nullptr);

    void setMetric(const QString& name, std::optional<Direction> direction, bool objective);
    QString metric() const { return metric_; }
    // The shown studies, in table order: a bar's segment for study i has studyColor(i).
    void setStudies(const QStringList& names);
    void setBins(const HistogramBins& bins, const ExcludedValues& excluded);
    // anySelection: trials are selected somewhere, so the bars not selected are drawn paler.
    void setCounts(HistogramCounts counts, bool anySelection);
    // The brush as the hub holds it; no signal.
    void setBrush(std::optional<plot::ValueRange> range);
    // The value of the trial hovered in any view; nullopt when none or when it has none here.
    void setHoveredValue(std::optional<double> value);

    const HistogramBins& bins() const { return bins_; }
    const HistogramCounts& counts() const { return counts_; }
    const std::optional<plot::ValueRange>& brush() const { return brush_; }
    const std::optional<double>& hoveredValue() const { return hoveredValue_; }
    // Geometry at the current size: where the bars are drawn and how values map onto it.
    QRectF plotRect() const;
    plot::AxisScale xAxis() const;
    // The bar under a point, -1 when there is none.
    int binAt(const QPointF& point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // By the user: while dragging (every move) and when cleared (nullopt).
    void brushEdited(const std::optional<plot::ValueRange>& range);
    // A click that did not drag; bin is -1 when it hit no bar.
    void binClicked(int bin, Qt::KeyboardModifiers modifiers);
    void doubleClicked();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    enum class Drag { None, Pending, NewBrush, Move, Resize };

    // The card's layout, in pixels.
    static constexpr int kMargin = 12;
    static constexpr int kTitleHeight = 22;
    static constexpr int kBrushLabelHeight = 18;  // the brushed range's numbers, above the plot
    static constexpr int kCountAxisWidth = 36;
    static constexpr int kTickLabelHeight = 18;
    static constexpr int kFooterHeight = 16;
    static constexpr double kEdgeGrab = 5.0;  // how near a brush edge a press grabs the edge

    // Painting (histogram_chart_paint.cpp).
    void paintCard(QPainter& painter) const;
    void paintGrid(QPainter& painter, const plot::AxisScale& y) const;
    void paintBars(QPainter& painter, const plot::AxisScale& x, const plot::AxisScale& y) const;
    void paintBrush(QPainter& painter, const plot::AxisScale& x) const;
    void paintHoveredTrial(QPainter& painter, const plot::AxisScale& x) const;
    void paintAxes(QPainter& painter, const plot::AxisScale& x, const plot::AxisScale& y) const;
    void paintFooter(QPainter& painter) const;
    plot::AxisScale countAxis() const;
    QString toolTipFor(int bin) const;

    void clearBrushByUser();
    void updateCursor(const QPointF& point);
    bool inInteractiveArea(const QPointF& point) const;

    QString metric_;
    std::optional<Direction> direction_;
    bool objective_ = false;
    QStringList studies_;
    HistogramBins bins_;
    ExcludedValues excludedAll_;
    HistogramCounts counts_;
    bool anySelection_ = false;
    std::optional<plot::ValueRange> brush_;
    std::optional<double> hoveredValue_;
    int hoveredBin_ = -1;

    Drag drag_ = Drag::None;
    BrushHandle grabbed_ = BrushHandle::None;
    double pressX_ = 0.0;
    plot::ValueRange brushAtPress_;
};

} // namespace tendril::app::overview
