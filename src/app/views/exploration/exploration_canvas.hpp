// The exploration overview's drawing surface: the performance plot and the small plots of every
// shown study laid out in a grid (exploration_geometry.hpp), each cell's background, data and
// selection layers cached as images, the hovered trial's lineage painted live over them. It knows
// nothing of the hub: it reports hovers and clicks as table rows, and the view turns them into hub
// calls.
//
// The cells are drawn off the GUI thread (exploration_picture.hpp) whenever their inputs change
// while the canvas is on screen; a paint never waits for them. It shows the last finished picture,
// under a veil when that has been out of date for a moment, and hovers and clicks hit what is
// shown. "busy" is true while a picture is being drawn, so a screenshot can wait for it.
#pragma once

#include "views/exploration/exploration_picture.hpp"
#include "views/exploration/exploration_render.hpp"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace tendril::app::exploration {

class ExplorationCanvas : public QWidget {
    Q_OBJECT
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)

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
    // Per table row: passes the other views' brushes. Redraws the static layers.
    void setVisibleRows(std::vector<char> visible);
    // Per table row. Redraws the selection layers only.
    void setSelectedRows(std::vector<char> selected);
    // Repaints the live highlight only.
    void setHoveredRow(std::optional<std::size_t> row);
    std::optional<std::size_t> hoveredRow() const { return hovered_; }

    // Starts drawing what changed now instead of on the next turn of the event loop: the view
    // calls it once it has passed a whole change on, so the worker draws while the other views
    // still handle the same change.
    void drawChanges();

    // Lays the cells out for a viewport of this size: as wide as it, as high as the cells need
    // (filling its height when they are few), wider when studies side by side need more.
    void fitViewport(QSize viewport);

    // What is drawn, for tests and the benchmark. scene() and report() draw what is out of date
    // on the calling thread first (the scenes only, or the layers too).
    const CanvasLayout& canvasLayout() const { return layout_; }
    std::size_t cellCount() const { return cells_.size(); }
    const CellScene& scene(std::size_t cell) const { return *currentPicture(false).cells[cell].scene; }
    QRect cellRect(std::size_t cell) const { return cells_[cell].place.rect; }
    const CanvasCell& cellPlace(std::size_t cell) const { return cells_[cell].place; }
    const RenderReport& report(std::size_t cell) const { return currentPicture(true).cells[cell].report; }
    // The rows the last paint highlighted for the hovered trial, in increasing order.
    const std::vector<std::size_t>& highlightedRows() const { return highlighted_; }
    // Draws every out-of-date layer now, on the calling thread (tests, the benchmark).
    void renderLayers();
    // The widget point of a scene point, for driving the mouse in tests.
    QPoint pointPosition(std::size_t cell, std::size_t point) const;

    // True while a picture is being drawn.
    bool busy() const;
    // Whether the picture shown is of the current data, layout, filters, colours and selection.
    bool pictureIsCurrent() const;
    // Runs the event loop until the picture shown is current (tests, screenshots); false after
    // timeoutMs. Only a canvas on screen draws.
    bool waitForPicture(int timeoutMs = 30000);

    QSize sizeHint() const override;

signals:
    void busyChanged(bool busy);
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
    void showEvent(QShowEvent* event) override;

private:
    struct Cell {
        CanvasCell place;
        CellFrame frame;  // in the cell's own pixels
    };
    struct Hit {
        std::size_t cell = 0;
        std::size_t point = 0;
    };

    // sameDataAndFont: only the viewport changed, so cells that stay where they were keep their
    // picture.
    void relayout(bool sameDataAndFont = false);
    void invalidate(bool background, bool data, bool selection);
    RenderInputs inputs() const;
    PictureRequest request(bool layers) const;
    // Asks for a picture of the current state on the next turn of the event loop, so the changes
    // of one handler (data, range, filter, selection) make one request. Only while on screen: a
    // widget being laid out or a tab behind another would waste the drawing.
    void schedulePicture();
    void startPicture();
    void pictureArrived();
    void updateBusy();
    // The picture shown, made current on the calling thread first when it is not (layers: the
    // layers too, else the scenes are enough).
    const CanvasPicture& currentPicture(bool layers) const;
    // The picture shown when its cells are the current layout's (hovers and clicks hit only
    // what is on screen); null otherwise.
    const CanvasPicture* shownLayoutPicture() const;
    std::optional<std::size_t> cellAt(QPoint pos) const;
    std::optional<Hit> hitAt(QPoint pos) const;
    QString tooltipAt(QPoint pos) const;
    void paintCaption(QPainter& painter, const CanvasCaption& caption) const;
    void paintVeil(QPainter& painter) const;
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
    std::vector<Cell> cells_;
    PictureVersions versions_;                  // of the current state
    std::optional<PictureVersions> requested_;  // the newest picture asked for
    PictureRenderer* renderer_;
    bool pictureScheduled_ = false;
    bool busyReported_ = false;
    QTimer* veilDelay_;  // the picture has been out of date this long: veil it
    QSize viewport_;
    QPoint pressPos_;
    bool pressed_ = false;
};

} // namespace tendril::app::exploration
