// The search-space overview's plot: importance bars on top, one vertical axis per shown
// hyperparameter and the objective last, every trial a line across them. It knows nothing of the
// hub: it draws what the view hands it (table, axes, brushes, who is filtered out, selected,
// hovered) and reports what the user does (brush edits, hover, clicks, axis moves) as signals.
//
// Lines are three cached layers rendered off the GUI thread (LayerRenderer): context and focus
// are rebuilt when the filter or the brushes change, selection when the selection does. The axes,
// the brushes, the expected-performance bars and the hovered line are painted live over them.
#pragma once

#include "session/selection_hub.hpp"
#include "views/space/expected_performance.hpp"
#include "views/space/importance_strip.hpp"
#include "views/space/layer_renderer.hpp"
#include "views/space/space_axes.hpp"
#include "views/space/space_scene.hpp"

#include <QImage>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace tendril::app::space {

class ParallelPlot : public QWidget {
    Q_OBJECT

public:
    enum class SelectionEdit { Replace, Toggle };
    // Pixels either side of an axis that grab it for brushing.
    static constexpr double kAxisGrab = 10.0;
    // How near (pixels) the pointer must be to a line to hover or click it.
    static constexpr double kPickRadius = 5.0;
    static constexpr int kDragThreshold = 3;

    explicit ParallelPlot(QWidget* parent = nullptr);

    // The rows, and the axes left to right (the objective's last). Rebuilds everything.
    void setData(std::shared_ptr<const TrialTable> table, std::vector<std::size_t> axisColumns,
                 std::optional<std::size_t> metricColumn, Direction direction);
    void setColoring(Coloring coloring);
    // Per table row: passes the other views' brushes.
    void setVisibleRows(std::vector<char> visible);
    // The view's own brush (drawn on the axes; trials outside it are grey context).
    void setBrush(Brush brush);
    void setSelectedRows(std::vector<std::size_t> rows);
    void setHoveredRow(std::optional<std::size_t> row);

    void setImportance(const ImportanceBars& bars, StripStatus status);
    // Expected performance per axis column, drawn on [low, high] (better longer by direction).
    void setExpected(std::map<std::size_t, ExpectedCells> cells, double low, double high, Direction direction);
    void setFocusedPartner(std::optional<std::string> param);
    void setEmptyText(const QString& text);

    // What is drawn, for the view and tests.
    const std::vector<AxisGeometry>& axes() const { return axes_; }
    const std::vector<int>& axisX() const { return axisX_; }
    const Brush& brush() const { return brush_; }
    // Per row: inside every brush (the view's and the others'): coloured.
    const std::vector<char>& focusRows() const { return focus_; }
    const std::shared_ptr<const LineScene>& scene() const { return scene_; }
    const StripLayout& strip() const { return strip_; }
    const QImage& contextImage() const { return contextImage_; }
    const QImage& focusImage() const { return focusImage_; }
    const QImage& selectionImage() const { return selectionImage_; }
    LineMode focusMode() const { return focusMode_; }
    LineMode contextMode() const { return contextMode_; }
    LayerRenderer& renderer() { return *renderer_; }
    // Where the axes stand: axis top to bottom, first axis to last.
    QRectF axesArea() const { return axesArea_; }
    // The rectangle an axis title is drawn in, and what it says.
    QRectF titleRect(std::size_t axis) const;
    QString axisTitle(std::size_t axis) const;
    // The point a drag at this value of an axis starts from, for tests that drive the mouse.
    QPointF pointAt(std::size_t axis, double value) const;
    bool empty() const { return !scene_ || !scene_->drawable(); }

    QSize sizeHint() const override { return {900, 520}; }
    QSize minimumSizeHint() const override { return {300, 260}; }

signals:
    void brushEdited(const tendril::app::Brush& brush);
    void hoverEdited(std::optional<std::size_t> row);
    void selectionEdited(const std::vector<std::size_t>& rows, tendril::app::space::ParallelPlot::SelectionEdit edit);
    // Among the shown parameter axes (the objective never moves).
    void axisMoved(std::size_t from, std::size_t to);
    void axisHideRequested(std::size_t column);
    void showAllAxesRequested();
    void importanceOrderRequested();
    void spaceOrderRequested();
    void parameterClicked(const QString& param);
    void partnerClicked(const QString& param);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    enum class Gesture { None, Click, PendingTitle, MoveAxis, PendingBrush, NewBrush, MoveBrush, ResizeTop, ResizeBottom };

    // Layout and layers.
    void relayout();
    void rebuildScene();
    void refreshFocus(bool othersChanged);
    void computeFocus();
    std::vector<std::pair<std::string, double>> namedAxes() const;
    void refreshPaints();
    void requestLayers(unsigned layers);
    void layersRendered(const RenderedLayers& result);

    // Painting (parallel_plot_paint.cpp).
    void paintAxes(QPainter& p) const;
    void paintTitles(QPainter& p) const;
    void paintBrushes(QPainter& p) const;
    void paintExpected(QPainter& p) const;
    void paintHover(QPainter& p) const;
    void paintMissingRow(QPainter& p) const;
    void paintAxisDrag(QPainter& p) const;

    // Input (parallel_plot_input.cpp).
    std::optional<std::size_t> axisAt(QPointF pos, double grab) const;
    std::optional<std::size_t> titleAt(QPointF pos) const;
    // The range of the brush under pos on axis, and which part of it.
    std::optional<std::size_t> rangeAt(std::size_t axis, double y, Gesture* part) const;
    void updateBrushDrag(QPointF pos);
    void editBrush(Brush brush);
    void hoverAt(QPointF pos, QPoint global);
    void emitHover(std::optional<std::size_t> row);
    QString rowTooltip(std::size_t row) const;
    QString expectedTooltip(QPointF pos) const;
    std::size_t parameterAxisCount() const;
    QFont titleFont() const;
    double expectedBarLength() const;

    std::shared_ptr<const TrialTable> table_;
    std::vector<std::size_t> columns_;
    std::optional<std::size_t> metricColumn_;
    Direction direction_ = Direction::Maximize;
    Coloring coloring_ = Coloring::Objective;
    std::vector<char> visible_;
    Brush brush_;
    std::vector<char> focus_;
    std::vector<std::size_t> selected_;
    std::optional<std::size_t> hovered_;
    bool hoverIsMine_ = false;
    QString emptyText_;

    ImportanceBars bars_;
    StripStatus status_;
    StripLayout strip_;
    std::optional<std::string> hoveredSlot_;
    std::optional<std::string> focusedPartner_;
    std::map<std::size_t, ExpectedCells> expected_;
    double expectedLow_ = 0.0, expectedHigh_ = 0.0;
    Direction expectedDirection_ = Direction::Maximize;

    // Geometry.
    std::vector<AxisGeometry> axes_;
    std::vector<int> axisX_;
    std::vector<char> axisMissing_;
    QRectF axesArea_;
    double titleTop_ = 0.0;
    bool staggered_ = false;  // titles on two lines
    double missingY_ = 0.0;
    std::shared_ptr<const LineScene> scene_;
    std::uint64_t geometryId_ = 0;
    std::vector<float> shades_;
    std::shared_ptr<const LinePaint> contextPaint_, focusPaint_, selectionPaint_;

    // Layers.
    LayerRenderer* renderer_;
    QImage contextImage_, focusImage_, selectionImage_;
    LineMode contextMode_ = LineMode::Exact, focusMode_ = LineMode::Exact;
    std::uint64_t shownGeometry_ = 0;

    // Gestures.
    Gesture gesture_ = Gesture::None;
    QPointF pressPos_;
    QPointF dragPos_;
    Qt::KeyboardModifiers pressModifiers_;
    Gesture brushIntent_ = Gesture::None;  // what a pending brush press turns into when dragged
    std::size_t dragAxis_ = 0;
    std::optional<std::size_t> dragRange_;
    ColumnRange dragStart_;
    PixelBand dragStartBand_;
};

} // namespace tendril::app::space
