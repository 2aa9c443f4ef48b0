// The exploration canvas's picture, drawn off the GUI thread: every cell's scene (the positions of
// its points) and its three cached layers (exploration_render.hpp), for one state of the canvas.
//
// A request names its state with four versions: the layout (the data and where the cells are), the
// background (frame and best-so-far area: the colour range, the palette), the data (also the other
// views' filters) and the selection. One worker thread draws the newest request: requests made
// while it draws replace each other, so a brush dragged over another view costs one picture per
// finished picture, never a queue. The worker keeps the last picture it drew and redraws only what
// changed since: new scenes when the layout changed, and each layer whose inputs changed. Drawing leaves a core to the GUI thread (helpers draw cells
// beside the worker only on more than two cores). Pictures arrive in request order, so an older
// one never replaces a newer one.
#pragma once

#include "views/exploration/exploration_geometry.hpp"
#include "views/exploration/exploration_render.hpp"

#include <QFont>
#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace tendril::app::exploration {

struct PictureVersions {
    std::uint64_t layout = 0;
    std::uint64_t background = 0;
    std::uint64_t data = 0;
    std::uint64_t selection = 0;

    friend bool operator==(const PictureVersions&, const PictureVersions&) = default;
};

// Everything a picture is drawn from, copied or shared read-only with the worker.
struct PictureRequest {
    PictureVersions versions;
    bool layers = true;  // false: the scenes only (hit testing, tests), layers left for later
    std::shared_ptr<const ExplorationData> data;
    std::vector<CanvasCell> places;  // per cell, in canvas pixels
    std::vector<CellFrame> frames;   // per cell, in the cell's own pixels
    PlotColors colors;
    ColorRange range;
    QFont font;
    qreal devicePixelRatio = 1.0;
    std::shared_ptr<const std::vector<char>> visible;   // per table row; null: every row
    std::shared_ptr<const std::vector<char>> selected;  // per table row
};

struct PictureCell {
    CanvasCell place;
    std::shared_ptr<const CellScene> scene;
    QImage background;  // null until the layers were drawn
    QImage data;        // null also when the study lacks the parameter
    QImage selection;
    RenderReport report;
};

struct CanvasPicture {
    PictureVersions versions;
    bool layers = false;  // whether the images hold the layers of versions
    std::vector<PictureCell> cells;
    double milliseconds = 0.0;  // drawing it, on the worker
};

class PictureRenderer : public QObject {
    Q_OBJECT

public:
    explicit PictureRenderer(QObject* parent = nullptr);
    // Waits for a running drawing; nothing is delivered after.
    ~PictureRenderer() override;

    void render(PictureRequest request);
    // Draws request on the calling thread and delivers it before returning (tests, benchmarks,
    // and hit testing that cannot wait). A request still being drawn is then dropped.
    void renderNow(const PictureRequest& request);
    // True from a request until its picture was delivered.
    bool busy() const { return delivered_ < requested_; }
    // The newest picture delivered; null before the first.
    const std::shared_ptr<const CanvasPicture>& picture() const { return picture_; }

signals:
    void rendered();
    void busyChanged(bool busy);

private:
    void work();
    std::shared_ptr<const CanvasPicture> draw(const PictureRequest& request);
    void deliver(std::uint64_t generation, std::shared_ptr<const CanvasPicture> picture);

    QThreadPool worker_;
    std::mutex mutex_;  // guards pending_ and running_
    std::optional<PictureRequest> pending_;
    std::uint64_t pendingGeneration_ = 0;
    bool running_ = false;

    std::mutex drawMutex_;                     // one drawing at a time, whichever thread
    std::shared_ptr<const CanvasPicture> last_;  // the last drawn: its layers are reused

    std::uint64_t requested_ = 0;  // GUI thread: the newest generation asked for
    std::uint64_t delivered_ = 0;  // GUI thread: the newest delivered
    std::shared_ptr<const CanvasPicture> picture_;
};

} // namespace tendril::app::exploration
