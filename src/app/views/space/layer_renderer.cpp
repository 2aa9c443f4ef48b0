#include "views/space/layer_renderer.hpp"

#include "views/space/density_field.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace tendril::app::space {

namespace {

// A changed line costs a removal and an addition; past this share of changed lines, building the
// layer anew is quicker.
constexpr std::size_t kIncrementalShare = 2;

} // namespace

LayerRenderer::LayerRenderer(QObject* parent) : QObject(parent)
{
    worker_.setMaxThreadCount(1);
    worker_.setExpiryTimeout(-1);
}

LayerRenderer::~LayerRenderer()
{
    {
        std::lock_guard lock(mutex_);
        pending_.reset();
        pendingLayers_ = 0;
    }
    worker_.waitForDone();
}

QThreadPool* LayerRenderer::computePool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

std::uint64_t LayerRenderer::render(LayerJob job, unsigned layers)
{
    const std::uint64_t generation = ++requested_;
    bool start = false;
    {
        std::lock_guard lock(mutex_);
        pending_ = std::move(job);
        pendingLayers_ |= layers;
        pendingGeneration_ = generation;
        start = !running_;
        running_ = true;
    }
    if (start)
        startWorker();
    return generation;
}

bool LayerRenderer::busy() const
{
    return delivered_ < requested_;
}

bool LayerRenderer::waitForIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (busy()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
    return true;
}

void LayerRenderer::startWorker()
{
    // Started on the renderer's own one-thread pool: jobs never overlap, and the compute pool stays
    // free for the gaps a density build spreads over.
    worker_.start([this] { work(); });
}

void LayerRenderer::work()
{
    for (;;) {
        LayerJob job;
        unsigned layers = 0;
        std::uint64_t generation = 0;
        {
            std::lock_guard lock(mutex_);
            if (!pending_) {
                running_ = false;
                return;
            }
            job = std::move(*pending_);
            pending_.reset();
            layers = pendingLayers_;
            pendingLayers_ = 0;
            generation = pendingGeneration_;
        }
        RenderedLayers result = process(job, layers, generation);
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result)] {
                if (result.generation <= delivered_)
                    return;
                delivered_ = result.generation;
                emit rendered(result);
            },
            Qt::QueuedConnection);
    }
}

RenderedLayers LayerRenderer::renderNow(const LayerJob& job, unsigned layers)
{
    return process(job, layers, 0);
}

RenderedLayers LayerRenderer::process(const LayerJob& job, unsigned layers, std::uint64_t generation)
{
    std::lock_guard lock(stateMutex_);
    QElapsedTimer timer;
    timer.start();
    RenderedLayers out;
    out.generation = generation;
    out.layers = layers;
    const LineScene empty;
    const LineScene& scene = job.scene ? *job.scene : empty;
    out.geometryId = scene.geometryId;
    static const std::vector<std::uint32_t> none;
    static const LinePaint plain;
    const auto rowsOf = [](const auto& rows) -> const std::vector<std::uint32_t>& { return rows ? *rows : none; };
    const auto paintOf = [](const auto& paint) -> const LinePaint& { return paint ? *paint : plain; };
    if (layers & kContextLayer)
        out.context = renderLayer(context_, scene, rowsOf(job.contextRows), paintOf(job.contextPaint), out.contextMode);
    if (layers & kFocusLayer)
        out.focus = renderLayer(focus_, scene, rowsOf(job.focusRows), paintOf(job.focusPaint), out.focusMode);
    if (layers & kSelectionLayer) {
        // The selection is drawn exactly up to the limit, like any layer, but never in place.
        const std::vector<std::uint32_t>& rows = rowsOf(job.selectionRows);
        if (!rows.empty())
            out.selection = renderLines(scene, rows, paintOf(job.selectionPaint), computePool());
    }
    out.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return out;
}

QImage LayerRenderer::renderLayer(DensityState& state, const LineScene& scene, const std::vector<std::uint32_t>& rows,
                                  const LinePaint& paint, LineMode& mode)
{
    mode = lineModeFor(rows.size());
    if (rows.empty())
        return {};  // nothing to draw: no image to allocate and paint
    if (mode == LineMode::Exact || !scene.drawable())
        return renderExactLines(scene, rows, paint, computePool());

    const int bands = std::max<int>(1, static_cast<int>(paint.bandColor.size()));
    std::vector<std::int16_t> target(scene.rows, -1);
    for (const std::uint32_t row : rows)
        if (row < scene.rows)
            target[row] = static_cast<std::int16_t>(std::min<int>(paint.bandOf(row), bands - 1));

    bool rebuild = !state.field || state.field->geometryId() != scene.geometryId || state.field->bands() != bands
        || state.band.size() != scene.rows;
    std::vector<DensityField::Change> changes;
    if (!rebuild) {
        const std::size_t limit = std::max<std::size_t>(rows.size(), 1) / kIncrementalShare;
        for (std::uint32_t row = 0; row < scene.rows && !rebuild; ++row) {
            if (target[row] == state.band[row])
                continue;
            if (state.band[row] >= 0)
                changes.push_back({row, state.band[row], -1});
            if (target[row] >= 0)
                changes.push_back({row, target[row], +1});
            rebuild = changes.size() > limit;
        }
    }
    if (rebuild) {
        if (state.field)
            state.field->reset(scene, bands);
        else
            state.field = std::make_unique<DensityField>(scene, bands);
        state.field->add(scene, rows, paint, computePool());
    } else {
        state.field->apply(scene, changes, computePool());
    }
    state.band = std::move(target);
    return state.field->toneMap(paint, computePool());
}

} // namespace tendril::app::space
