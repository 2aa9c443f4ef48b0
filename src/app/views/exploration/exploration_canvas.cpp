#include "views/exploration/exploration_canvas.hpp"

#include "style/number_format.hpp"
#include "style/study_colors.hpp"
#include "views/exploration/exploration_paint.hpp"
#include "views/exploration/exploration_text.hpp"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace tendril::app::exploration {

namespace {

// A press that moves further than this is not a click.
constexpr int kClickSlop = 4;
// A picture out of date for longer than this gets a veil: quick redraws (a brush, a selection) do
// not flicker, a slow one (a new table, a resize) shows that what is seen is on its way out.
constexpr int kVeilDelayMs = 200;

// The parameters to draw: one study's own, or those of any study side by side (rows aligned).
std::vector<std::size_t> paramsToDraw(const ExplorationData& data, const std::vector<std::size_t>& shown)
{
    std::vector<std::size_t> params;
    for (std::size_t p = 0; p < data.params().size(); ++p)
        for (const std::size_t t : shown)
            if (data.tracks()[t].hasParam[p]) {
                params.push_back(p);
                break;
            }
    return params;
}

} // namespace

ExplorationCanvas::ExplorationCanvas(QWidget* parent)
    : QWidget(parent), renderer_(new PictureRenderer(this)), veilDelay_(new QTimer(this))
{
    setObjectName(QStringLiteral("explorationCanvas"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    veilDelay_->setSingleShot(true);
    veilDelay_->setInterval(kVeilDelayMs);
    connect(veilDelay_, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    connect(renderer_, &PictureRenderer::rendered, this, &ExplorationCanvas::pictureArrived);
    connect(renderer_, &PictureRenderer::busyChanged, this, &ExplorationCanvas::updateBusy);
}

void ExplorationCanvas::setData(std::shared_ptr<const ExplorationData> data)
{
    data_ = std::move(data);
    std::vector<std::size_t> kept;
    for (const std::size_t t : shown_)
        if (data_ && t < data_->tracks().size())
            kept.push_back(t);
    shown_ = std::move(kept);
    hovered_.reset();
    family_.clear();
    relayout();
}

void ExplorationCanvas::setShownTracks(std::vector<std::size_t> tracks)
{
    if (tracks == shown_)
        return;
    shown_ = std::move(tracks);
    relayout();
}

void ExplorationCanvas::setColorRange(ColorRange range)
{
    if (range == range_)
        return;
    range_ = range;
    invalidate(true, true, true);
}

void ExplorationCanvas::setVisibleRows(std::vector<char> visible)
{
    if (visible == visible_)
        return;
    visible_ = std::move(visible);
    invalidate(false, true, false);
}

void ExplorationCanvas::setSelectedRows(std::vector<char> selected)
{
    if (selected == selected_)
        return;
    selected_ = std::move(selected);
    invalidate(false, false, true);
}

void ExplorationCanvas::setHoveredRow(std::optional<std::size_t> row)
{
    if (row == hovered_)
        return;
    hovered_ = row;
    family_ = row && data_ ? data_->familyRows(*row) : std::vector<std::size_t>{};
    update();
}

void ExplorationCanvas::fitViewport(QSize viewport)
{
    if (viewport != viewport_) {
        viewport_ = viewport;
        relayout(/*sameDataAndFont=*/true);
    }
    resize(layout_.size);
}

QSize ExplorationCanvas::sizeHint() const
{
    return layout_.size.isValid() && !layout_.size.isEmpty() ? layout_.size : QSize(640, 480);
}

void ExplorationCanvas::relayout(bool sameDataAndFont)
{
    if (!data_ || shown_.empty() || viewport_.width() <= 0) {
        cells_.clear();
        layout_ = CanvasLayout{};
        ++versions_.layout;
        layout_.size = QSize(std::max(0, viewport_.width()), 0);
        update();
        return;
    }
    CanvasMetrics metrics;
    metrics.availableHeight = viewport_.height();
    CanvasLayout next = layoutCanvas(viewport_.width(), shown_, paramsToDraw(*data_, shown_), metrics);
    // A viewport that changes without moving a cell (a line of the header coming and going above
    // a canvas that scrolls anyway) keeps the scenes and layers: rebuilding them takes ~100 ms.
    const auto samePlace = [](const CanvasCell& a, const CanvasCell& b) {
        return a.rect == b.rect && a.track == b.track && a.param == b.param;
    };
    if (sameDataAndFont && next.cells.size() == cells_.size() && !cells_.empty()
        && std::equal(next.cells.begin(), next.cells.end(), cells_.begin(),
                      [&](const CanvasCell& cell, const Cell& old) { return samePlace(cell, old.place); })) {
        layout_ = std::move(next);
        update();
        return;
    }
    cells_.clear();
    ++versions_.layout;
    layout_ = std::move(next);
    cells_.resize(layout_.cells.size());
    const QFont font = this->font();
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        Cell& cell = cells_[i];
        cell.place = layout_.cells[i];
        const QRectF local(QPointF(0, 0), QSizeF(cell.place.rect.size()));
        cell.frame = frameCell(local, axisWidthFor(*data_, cell.place.param, font));
    }
    invalidate(true, true, true);
}

void ExplorationCanvas::invalidate(bool background, bool data, bool selection)
{
    if (background)
        ++versions_.background;
    if (data)
        ++versions_.data;
    if (selection)
        ++versions_.selection;
    schedulePicture();
    update();
}

RenderInputs ExplorationCanvas::inputs() const
{
    RenderInputs in;
    in.data = data_.get();
    in.colors = PlotColors::of(*this);
    in.range = range_;
    in.visible = visible_.empty() ? nullptr : &visible_;
    in.font = font();
    return in;
}

PictureRequest ExplorationCanvas::request(bool layers) const
{
    PictureRequest r;
    r.versions = versions_;
    r.layers = layers;
    r.data = data_;
    r.places.reserve(cells_.size());
    r.frames.reserve(cells_.size());
    for (const Cell& cell : cells_) {
        r.places.push_back(cell.place);
        r.frames.push_back(cell.frame);
    }
    r.colors = PlotColors::of(*this);
    r.range = range_;
    r.font = font();
    r.devicePixelRatio = devicePixelRatioF();
    if (!visible_.empty())
        r.visible = std::make_shared<const std::vector<char>>(visible_);
    r.selected = std::make_shared<const std::vector<char>>(selected_);
    return r;
}

bool ExplorationCanvas::pictureIsCurrent() const
{
    const std::shared_ptr<const CanvasPicture>& picture = renderer_->picture();
    return !data_ || (picture && picture->layers && picture->versions == versions_);
}

bool ExplorationCanvas::busy() const
{
    return renderer_->busy() || pictureScheduled_;
}

void ExplorationCanvas::updateBusy()
{
    const bool now = busy();
    if (now != busyReported_)
        emit busyChanged(busyReported_ = now);
}

void ExplorationCanvas::schedulePicture()
{
    if (pictureScheduled_ || !isVisible())
        return;
    pictureScheduled_ = true;
    if (!veilDelay_->isActive())
        veilDelay_->start();
    updateBusy();
    QMetaObject::invokeMethod(this, &ExplorationCanvas::startPicture, Qt::QueuedConnection);
}

void ExplorationCanvas::drawChanges()
{
    if (pictureScheduled_)
        startPicture();
}

void ExplorationCanvas::startPicture()
{
    pictureScheduled_ = false;
    if (isVisible() && !pictureIsCurrent() && requested_ != versions_) {
        requested_ = versions_;
        renderer_->render(request(true));
    }
    updateBusy();
}

void ExplorationCanvas::pictureArrived()
{
    if (!renderer_->busy())
        requested_.reset();  // nothing is on its way
    if (pictureIsCurrent())
        veilDelay_->stop();
    else
        schedulePicture();  // changed meanwhile, or drawn on the calling thread without its layers
    update();
}

const CanvasPicture& ExplorationCanvas::currentPicture(bool layers) const
{
    const std::shared_ptr<const CanvasPicture>& picture = renderer_->picture();
    const bool current = picture && picture->versions.layout == versions_.layout
        && (!layers || (picture->layers && picture->versions == versions_));
    if (!current)
        renderer_->renderNow(request(layers));
    return *renderer_->picture();
}

const CanvasPicture* ExplorationCanvas::shownLayoutPicture() const
{
    const CanvasPicture* picture = renderer_->picture().get();
    return picture && picture->versions.layout == versions_.layout ? picture : nullptr;
}

void ExplorationCanvas::renderLayers()
{
    if (data_)
        currentPicture(true);
}

bool ExplorationCanvas::waitForPicture(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    schedulePicture();
    while (!pictureIsCurrent() || busy()) {
        if (deadline.hasExpired() || (!busy() && !isVisible()))
            return pictureIsCurrent();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void ExplorationCanvas::paintCaption(QPainter& p, const CanvasCaption& caption) const
{
    const StudyTrack& track = data_->tracks()[caption.track];
    const PlotColors colors = PlotColors::of(*this);
    const QRectF r = QRectF(caption.rect).adjusted(2, 0, -2, -4);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(studyColor(track.studyIndex));
    p.drawRoundedRect(QRectF(r.left(), r.center().y() - 5.0, 10.0, 10.0), 2.0, 2.0);
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    const QFontMetricsF boldMetrics(bold);
    const double textLeft = r.left() + 16.0;
    const QString name = boldMetrics.elidedText(track.name, Qt::ElideRight, r.right() - textLeft);
    p.setFont(bold);
    p.setPen(colors.ink);
    p.drawText(QRectF(textLeft, r.top(), r.right() - textLeft, r.height()), Qt::AlignLeft | Qt::AlignVCenter, name);
    const double summaryLeft = textLeft + boldMetrics.horizontalAdvance(name) + 10.0;
    if (summaryLeft < r.right() - 40.0) {
        const QFont small = smallFont(font(), 0.85);
        p.setFont(small);
        p.setPen(colors.faintText);
        p.drawText(QRectF(summaryLeft, r.top(), r.right() - summaryLeft, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(small).elidedText(trackSummary(track), Qt::ElideRight, r.right() - summaryLeft));
    }
}

void ExplorationCanvas::paintVeil(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    p.fillRect(rect(), colors.veil);
    QFont font = this->font();
    font.setWeight(QFont::DemiBold);
    p.setFont(font);
    p.setPen(colors.faintText);
    const QRect visibleArea = visibleRegion().boundingRect();
    p.drawText(visibleArea.isEmpty() ? rect() : visibleArea, Qt::AlignCenter, tr("Drawing the plots…"));
}

void ExplorationCanvas::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!pictureIsCurrent())
        schedulePicture();
}

void ExplorationCanvas::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().color(QPalette::Window));
    highlighted_.clear();
    if (!data_)
        return;
    const bool current = pictureIsCurrent();
    if (!current)
        schedulePicture();
    for (const CanvasCaption& caption : layout_.captions)
        if (caption.rect.intersects(event->rect()))
            paintCaption(p, caption);
    // The last picture where it was drawn, which is where the cells are unless the layout changed.
    if (const CanvasPicture* picture = renderer_->picture().get()) {
        for (const PictureCell& cell : picture->cells) {
            if (!cell.place.rect.intersects(event->rect()))
                continue;
            p.drawImage(cell.place.rect.topLeft(), cell.background);
            p.drawImage(cell.place.rect.topLeft(), cell.data);
            p.drawImage(cell.place.rect.topLeft(), cell.selection);
        }
    }
    if (!current && !veilDelay_->isActive()) {
        paintVeil(p);
        return;
    }
    const CanvasPicture* picture = shownLayoutPicture();
    if (!picture || !hovered_ || family_.empty())
        return;
    const std::optional<ExplorationData::Place> place = data_->placeOf(*hovered_);
    if (!place)
        return;
    const RenderInputs in = inputs();
    for (const PictureCell& cell : picture->cells) {
        if (cell.place.track != place->track || !cell.scene)
            continue;
        p.save();
        p.translate(cell.place.rect.topLeft());
        const std::vector<std::size_t> rows = paintHighlight(p, *cell.scene, in, family_, *hovered_);
        p.restore();
        std::vector<std::size_t> merged;
        std::set_union(highlighted_.begin(), highlighted_.end(), rows.begin(), rows.end(), std::back_inserter(merged));
        highlighted_ = std::move(merged);
    }
}

std::optional<std::size_t> ExplorationCanvas::cellAt(QPoint pos) const
{
    for (std::size_t i = 0; i < cells_.size(); ++i)
        if (cells_[i].place.rect.contains(pos))
            return i;
    return std::nullopt;
}

std::optional<ExplorationCanvas::Hit> ExplorationCanvas::hitAt(QPoint pos) const
{
    const std::optional<std::size_t> cell = cellAt(pos);
    const CanvasPicture* picture = shownLayoutPicture();
    if (!cell || !picture || !picture->cells[*cell].scene)
        return std::nullopt;
    const Cell& c = cells_[*cell];
    const CellScene& scene = *picture->cells[*cell].scene;
    const QPointF local = QPointF(pos - c.place.rect.topLeft());
    if (!c.frame.plot.adjusted(-kPickRadius, -kPickRadius, kPickRadius, kPickRadius).contains(local))
        return std::nullopt;
    const double radius = std::max(kPickRadius, scene.dot / 2.0 + 2.0);
    if (const std::optional<std::size_t> point = scene.pointAt(local, radius))
        return Hit{*cell, *point};
    return std::nullopt;
}

QPoint ExplorationCanvas::pointPosition(std::size_t cell, std::size_t point) const
{
    const QPointF p = scene(cell).points[point].pos;
    return cells_[cell].place.rect.topLeft() + QPoint(static_cast<int>(std::lround(p.x())), static_cast<int>(std::lround(p.y())));
}

QString ExplorationCanvas::tooltipAt(QPoint pos) const
{
    if (!data_)
        return {};
    if (const std::optional<Hit> hit = hitAt(pos))
        return pointTooltip(*data_, *shownLayoutPicture()->cells[hit->cell].scene, hit->point);
    const std::optional<std::size_t> cell = cellAt(pos);
    const CanvasPicture* picture = shownLayoutPicture();
    if (!cell || !picture || !picture->cells[*cell].scene)
        return {};
    const Cell& c = cells_[*cell];
    const CellScene& scene = *picture->cells[*cell].scene;
    const QPointF local = QPointF(pos - c.place.rect.topLeft());
    const QRectF strip(c.frame.labels.topLeft(), c.frame.plot.bottomRight());
    if (!strip.contains(local))
        return {};
    const std::optional<std::size_t> column = scene.xAxis.columnAt(local.x());
    if (!column)
        return {};
    const StudyTrack& track = data_->tracks()[c.place.track];
    QString text = columnDescription(track.lineage, *column, resourceName(data_->table()->study(track.studyIndex)));
    if (scene.isPerformance() && *column < scene.bestSoFar.size() && std::isfinite(scene.bestSoFar[*column]))
        text += tr("<br>Best %1 so far: %2").arg(data_->metric().toHtmlEscaped(), formatCompact(scene.bestSoFar[*column]));
    return text;
}

void ExplorationCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const std::optional<Hit> hit = hitAt(event->position().toPoint());
    const std::optional<std::size_t> row =
        hit ? std::optional<std::size_t>(shownLayoutPicture()->cells[hit->cell].scene->points[hit->point].row) : std::nullopt;
    setCursor(row ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (row) {
        emittedHover_ = row;
        if (row != hovered_)
            emit hoverEdited(row);
    } else {
        releaseHover();
    }
}

void ExplorationCanvas::releaseHover()
{
    // Only a hover this canvas set is cleared: one set by another view stays.
    if (emittedHover_ && hovered_ == emittedHover_)
        emit hoverEdited(std::nullopt);
    emittedHover_.reset();
}

void ExplorationCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    pressed_ = true;
    pressPos_ = event->position().toPoint();
}

void ExplorationCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (!pressed_ || event->button() != Qt::LeftButton)
        return;
    pressed_ = false;
    const QPoint pos = event->position().toPoint();
    if ((pos - pressPos_).manhattanLength() > kClickSlop)
        return;
    const std::optional<Hit> hit = hitAt(pos);
    emit clicked(hit ? std::optional<std::size_t>(shownLayoutPicture()->cells[hit->cell].scene->points[hit->point].row)
                     : std::nullopt,
                 event->modifiers());
}

void ExplorationCanvas::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    releaseHover();
}

bool ExplorationCanvas::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

void ExplorationCanvas::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // Colours come from the palette and the value axes' widths from the font: redraw everything.
    if (event->type() == QEvent::PaletteChange)
        invalidate(true, true, true);
    else if (event->type() == QEvent::FontChange)
        relayout();
}

} // namespace tendril::app::exploration
