// The exploration overview's drawing surface: the performance plot and the small plots of every
// shown study laid out in a grid (exploration_geometry.hpp), each cell's static layer and
// selection layer cached as images and rebuilt in parallel when their inputs change, the hovered
// trial's lineage painted live over them. It knows nothing of the hub: it reports hovers and
// clicks as table rows, and the view turns them into hub calls.
#pragma once

#include "views/exploration/exploration_render.hpp"

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace tendril::app::exploration {

class ExplorationCanvas : public QWidget {
    Q_OBJECT

public:
    // How near (pixels) the pointer must be to a point to hover or click it.
    static constexpr double kPickRadius = 6.0;

    explicit ExplorationCanvas(QWidget* parent = nullptr);

    // New data: every layer is rebuilt. The shown tracks are kept where they still exist.
    void setData(std::shared_ptr<const ExplorationData> data);
    // Which studies to draw, in order: one fills the width, several stand side by side.
    void setShownTracks(std::vector<std::size_t> tracks);
    const std::vector<std::size_t>& shownTracks() const { return shown_; }
    void setColorRange(ColorRange range);
    // Per table row: passes the other views' brushes. Rebuilds the static layers.
    void setVisibleRows(std::vector<char> visible);
    // Per table row. Rebuilds the selection layers only.
    void setSelectedRows(std::vector<char> selected);
    // Repaints the live highlight only.
    void setHoveredRow(std::optional<std::size_t> row);
    std::optional<std::size_t> hoveredRow() const { return hovered_; }

    // Lays the cells out for a viewport of this size: as wide as it, as high as the cells need
    // (filling its height when they are few), wider when studies side by side need more.
    void fitViewport(QSize viewport);

    // What is drawn, for tests and the benchmark.
    const CanvasLayout& canvasLayout() const { return layout_; }
    std::size_t cellCount() const { return cells_.size(); }
    const CellScene& scene(std::size_t cell) const
    {
        ensureScenes();
        return cells_[cell].scene;
    }
    QRect cellRect(std::size_t cell) const { return cells_[cell].place.rect; }
    const CanvasCell& cellPlace(std::size_t cell) const { return cells_[cell].place; }
    const RenderReport& report(std::size_t cell) const { return cells_[cell].report; }
    // The rows the last paint highlighted for the hovered trial, in increasing order.
    const std::vector<std::size_t>& highlightedRows() const { return highlighted_; }
    // Renders every stale layer now (otherwise done on the next paint).
    void renderLayers();
    // The widget point of a scene point, for driving the mouse in tests.
    QPoint pointPosition(std::size_t cell, std::size_t point) const;

    QSize sizeHint() const override;

signals:
    void hoverEdited(std::optional<std::size_t> row);
    // A click on a point (its row), or on empty space (nullopt).
    void clicked(std::optional<std::size_t> row, Qt::KeyboardModifiers modifiers);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Cell {
        CanvasCell place;
        CellFrame frame;  // in the cell's own pixels
        CellScene scene;
        QImage base;
        QImage selection;
        RenderReport report;
        bool baseDirty = true;
        bool selectionDirty = true;
    };
    struct Hit {
        std::size_t cell = 0;
        std::size_t point = 0;
    };

    void relayout();
    // Scenes are built when first needed (a paint, the pointer, a test): a widget being laid out
    // passes through sizes nobody sees, and spreading thousands of points for each would waste
    // the time it takes to show.
    void ensureScenes() const;
    void invalidate(bool base, bool selection);
    RenderInputs inputs() const;
    std::optional<std::size_t> cellAt(QPoint pos) const;
    std::optional<Hit> hitAt(QPoint pos) const;
    QString tooltipAt(QPoint pos) const;
    void paintCaption(QPainter& painter, const CanvasCaption& caption) const;
    void releaseHover();

    std::shared_ptr<const ExplorationData> data_;
    std::vector<std::size_t> shown_;
    ColorRange range_;
    std::vector<char> visible_;
    std::vector<char> selected_;
    std::optional<std::size_t> hovered_;
    std::optional<std::size_t> emittedHover_;  // the row this canvas's pointer last reported
    std::vector<std::size_t> family_;
    std::vector<std::size_t> highlighted_;
    CanvasLayout layout_;
    mutable std::vector<Cell> cells_;
    mutable bool scenesDirty_ = false;
    QSize viewport_;
    QPoint pressPos_;
    bool pressed_ = false;
};

} // namespace tendril::app::exploration
