#include "views/exploration/exploration_picture.hpp"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>

namespace tendril::app::exploration {

namespace {

// Drawing leaves a core to the GUI thread, which paints the other views meanwhile: on two cores
// the worker draws alone (the cells one after the other take as long as spread over both cores
// while the GUI thread competes for them), with more it gets cores - 2 helpers. Null: no helpers.
QThreadPool* helperPool()
{
    static QThreadPool* pool = []() -> QThreadPool* {
        const int helpers = QThread::idealThreadCount() - 2;
        if (helpers < 1)
            return nullptr;
        auto* p = new QThreadPool;
        p->setMaxThreadCount(helpers);
        return p;
    }();
    return pool;
}

} // namespace

PictureRenderer::PictureRenderer(QObject* parent) : QObject(parent)
{
    worker_.setMaxThreadCount(1);
    worker_.setExpiryTimeout(-1);
}

PictureRenderer::~PictureRenderer()
{
    {
        std::lock_guard lock(mutex_);
        pending_.reset();
    }
    worker_.waitForDone();
}

void PictureRenderer::render(PictureRequest request)
{
    const bool wasBusy = busy();
    const std::uint64_t generation = ++requested_;
    bool start = false;
    {
        std::lock_guard lock(mutex_);
        pending_ = std::move(request);
        pendingGeneration_ = generation;
        start = !running_;
        running_ = true;
    }
    // On a one-thread pool of its own: drawings never overlap, and the global pool stays free
    // for the cells each drawing spreads over it.
    if (start)
        worker_.start([this] { work(); });
    if (!wasBusy)
        emit busyChanged(true);
}

void PictureRenderer::renderNow(const PictureRequest& request)
{
    const bool wasBusy = busy();
    const std::uint64_t generation = ++requested_;
    {
        // What waits is drawn from the state this request is newer than: it would be dropped.
        std::lock_guard lock(mutex_);
        pending_.reset();
    }
    deliver(generation, draw(request));
    if (wasBusy && !busy())
        emit busyChanged(false);
}

void PictureRenderer::work()
{
    for (;;) {
        PictureRequest request;
        std::uint64_t generation = 0;
        {
            std::lock_guard lock(mutex_);
            if (!pending_) {
                running_ = false;
                return;
            }
            request = std::move(*pending_);
            pending_.reset();
            generation = pendingGeneration_;
        }
        std::shared_ptr<const CanvasPicture> picture = draw(request);
        QMetaObject::invokeMethod(
            this,
            [this, generation, picture = std::move(picture)]() mutable {
                const bool wasBusy = busy();
                deliver(generation, std::move(picture));
                if (wasBusy && !busy())
                    emit busyChanged(false);
            },
            Qt::QueuedConnection);
    }
}

void PictureRenderer::deliver(std::uint64_t generation, std::shared_ptr<const CanvasPicture> picture)
{
    if (generation <= delivered_)
        return;
    delivered_ = generation;
    picture_ = std::move(picture);
    emit rendered();
}

std::shared_ptr<const CanvasPicture> PictureRenderer::draw(const PictureRequest& request)
{
    std::lock_guard lock(drawMutex_);
    QElapsedTimer timer;
    timer.start();
    auto out = std::make_shared<CanvasPicture>();
    out->versions = request.versions;
    out->layers = request.layers;
    out->cells.resize(request.places.size());
    if (!request.data) {
        last_ = out;
        return out;
    }

    const CanvasPicture* previous = last_.get();
    const bool sameLayout = previous && previous->versions.layout == request.versions.layout
        && previous->cells.size() == out->cells.size();
    // A layer is kept when the last picture drew it from the same inputs.
    const bool reuse = sameLayout && previous->layers;
    const bool keepBackground = reuse && previous->versions.background == request.versions.background;
    const bool keepData = reuse && previous->versions.data == request.versions.data;
    const bool keepSelection = reuse && previous->versions.selection == request.versions.selection;
    for (std::size_t i = 0; i < out->cells.size(); ++i) {
        PictureCell& cell = out->cells[i];
        cell.place = request.places[i];
        if (!sameLayout)
            continue;
        cell.scene = previous->cells[i].scene;
        // Without layers asked for, the last ones stay to be shown (out of date) until redrawn.
        const PictureCell& before = previous->cells[i];
        if (keepBackground || !request.layers) {
            cell.background = before.background;
            cell.report.areaColumns = before.report.areaColumns;
        }
        if (keepData || !request.layers) {
            cell.data = before.data;
            const std::size_t area = cell.report.areaColumns;
            cell.report = before.report;
            cell.report.areaColumns = area;
        }
        if (keepSelection || !request.layers)
            cell.selection = before.selection;
    }

    RenderInputs inputs;
    inputs.data = request.data.get();
    inputs.colors = request.colors;
    inputs.range = request.range;
    inputs.visible = request.visible.get();
    inputs.font = request.font;
    static const std::vector<char> none;
    const std::vector<char>& selected = request.selected ? *request.selected : none;
    const ExplorationData& data = *request.data;
    const auto drawCell = [&](std::size_t i) {
        PictureCell& cell = out->cells[i];
        const CellFrame& frame = request.frames[i];
        if (!cell.scene)
            cell.scene = std::make_shared<const CellScene>(
                cell.place.param ? buildParamScene(data, cell.place.track, *cell.place.param, frame.plot)
                                 : buildPerformanceScene(data, cell.place.track, frame.plot));
        if (!request.layers)
            return;
        const QSize size = cell.place.rect.size();
        const qreal ratio = request.devicePixelRatio;
        if (!keepBackground) {
            RenderReport area;
            cell.background = renderCellBackground(*cell.scene, frame, inputs, size, ratio, &area);
            cell.report.areaColumns = area.areaColumns;
        }
        if (!keepData) {
            RenderReport drawn;
            cell.data = renderCellData(*cell.scene, frame, inputs, size, ratio, &drawn);
            drawn.areaColumns = cell.report.areaColumns;
            cell.report = std::move(drawn);
        }
        if (!keepSelection)
            cell.selection = renderSelection(*cell.scene, inputs, selected, size, ratio);
    };
    std::vector<std::size_t> cells(out->cells.size());
    std::iota(cells.begin(), cells.end(), std::size_t{0});
    // Qt 6 paints text into images on any thread: with more than two cores, helpers draw cells
    // beside the worker.
    if (cells.size() > 1 && helperPool())
        QtConcurrent::blockingMap(helperPool(), cells, drawCell);
    else
        std::for_each(cells.begin(), cells.end(), drawCell);
    out->milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    last_ = out;
    return out;
}

} // namespace tendril::app::exploration
