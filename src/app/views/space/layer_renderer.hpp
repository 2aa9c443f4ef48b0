// The cached layers of the parallel coordinates, rendered off the GUI thread.
//
// Three layers, each rebuilt only when its channel changes: context (grey: trials other views
// filter out and trials outside this view's own brushes) and focus (the trials inside every brush,
// coloured) change together with the filter; selection (the hub's selection, on top) changes
// alone. The hover line, the axes and the brushes are drawn live by the plot.
//
// One worker thread takes the newest request: requests made while it works replace each other
// (the layers they ask for add up), so a brush dragged across the axis costs one render per
// finished render, never a queue. Results carry the generation they were asked in and arrive in
// order, so an older picture never replaces a newer one. Density layers are updated in place:
// when a brush moves, only the lines that changed layer are removed and added (DensityField),
// which keeps a brush drag on 100,000 trials interactive.
#pragma once

#include "views/space/line_layers.hpp"

#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace tendril::app::space {

class DensityField;

enum LayerFlag : unsigned { kContextLayer = 1u, kFocusLayer = 2u, kSelectionLayer = 4u, kAllLayers = 7u };

// Everything a render needs, shared read-only with the worker.
struct LayerJob {
    std::shared_ptr<const LineScene> scene;
    // Scene rows of each layer in drawing order (later rows on top).
    std::shared_ptr<const std::vector<std::uint32_t>> contextRows;
    std::shared_ptr<const std::vector<std::uint32_t>> focusRows;
    std::shared_ptr<const std::vector<std::uint32_t>> selectionRows;
    std::shared_ptr<const LinePaint> contextPaint;
    std::shared_ptr<const LinePaint> focusPaint;
    std::shared_ptr<const LinePaint> selectionPaint;
};

struct RenderedLayers {
    std::uint64_t generation = 0;
    unsigned layers = 0;  // which images below were rendered (a null image: the layer is empty)
    std::uint64_t geometryId = 0;
    QImage context;
    QImage focus;
    QImage selection;
    LineMode contextMode = LineMode::Exact;
    LineMode focusMode = LineMode::Exact;
    double milliseconds = 0.0;
};

class LayerRenderer : public QObject {
    Q_OBJECT

public:
    explicit LayerRenderer(QObject* parent = nullptr);
    // Waits for a running render; nothing is delivered after.
    ~LayerRenderer() override;

    // Asks for layers of job; returns the request's generation.
    std::uint64_t render(LayerJob job, unsigned layers);
    // True from a request until its result was delivered.
    bool busy() const;
    // Runs the event loop until nothing is pending (tests, screenshots). False after timeoutMs.
    bool waitForIdle(int timeoutMs = 30000);

    // The same work on the calling thread, with the same in-place density state: for the
    // benchmark. Must not be mixed with render().
    RenderedLayers renderNow(const LayerJob& job, unsigned layers);

    // The pool heavy layers spread their work over (the machine's cores).
    static QThreadPool* computePool();

signals:
    void rendered(const tendril::app::space::RenderedLayers& result);

private:
    struct DensityState {
        std::unique_ptr<DensityField> field;
        std::vector<std::int16_t> band;  // per scene row: the band it is in, -1 when absent
    };
    void startWorker();
    void work();
    RenderedLayers process(const LayerJob& job, unsigned layers, std::uint64_t generation);
    QImage renderLayer(DensityState& state, const LineScene& scene, const std::vector<std::uint32_t>& rows,
                       const LinePaint& paint, LineMode& mode);

    QThreadPool worker_;
    std::mutex mutex_;  // guards the pending request and running_
    std::optional<LayerJob> pending_;
    unsigned pendingLayers_ = 0;
    std::uint64_t pendingGeneration_ = 0;
    bool running_ = false;
    std::uint64_t requested_ = 0;  // GUI thread: the newest generation asked for
    std::uint64_t delivered_ = 0;  // GUI thread: the newest delivered

    std::mutex stateMutex_;  // the density states: one render at a time
    DensityState context_;
    DensityState focus_;
};

} // namespace tendril::app::space

Q_DECLARE_METATYPE(tendril::app::space::RenderedLayers)
