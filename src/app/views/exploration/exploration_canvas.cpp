#include "views/exploration/exploration_canvas.hpp"

#include "style/number_format.hpp"
#include "style/study_colors.hpp"
#include "views/exploration/exploration_paint.hpp"
#include "views/exploration/exploration_text.hpp"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>

namespace tendril::app::exploration {

namespace {

// A press that moves further than this is not a click.
constexpr int kClickSlop = 4;

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

ExplorationCanvas::ExplorationCanvas(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("explorationCanvas"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
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
    invalidate(true, true);
}

void ExplorationCanvas::setVisibleRows(std::vector<char> visible)
{
    if (visible == visible_)
        return;
    visible_ = std::move(visible);
    invalidate(true, false);
}

void ExplorationCanvas::setSelectedRows(std::vector<char> selected)
{
    if (selected == selected_)
        return;
    selected_ = std::move(selected);
    invalidate(false, true);
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
        relayout();
    }
    resize(layout_.size);
}

QSize ExplorationCanvas::sizeHint() const
{
    return layout_.size.isValid() && !layout_.size.isEmpty() ? layout_.size : QSize(640, 480);
}

void ExplorationCanvas::relayout()
{
    cells_.clear();
    layout_ = CanvasLayout{};
    if (!data_ || shown_.empty() || viewport_.width() <= 0) {
        layout_.size = QSize(std::max(0, viewport_.width()), 0);
        update();
        return;
    }
    CanvasMetrics metrics;
    metrics.availableHeight = viewport_.height();
    layout_ = layoutCanvas(viewport_.width(), shown_, paramsToDraw(*data_, shown_), metrics);
    cells_.resize(layout_.cells.size());
    const QFont font = this->font();
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        Cell& cell = cells_[i];
        cell.place = layout_.cells[i];
        const QRectF local(QPointF(0, 0), QSizeF(cell.place.rect.size()));
        cell.frame = frameCell(local, axisWidthFor(*data_, cell.place.param, font));
    }
    scenesDirty_ = true;
    invalidate(true, true);
}

void ExplorationCanvas::ensureScenes() const
{
    if (!scenesDirty_ || !data_)
        return;
    scenesDirty_ = false;
    // Scenes spread thousands of points through their bands: one per core.
    const auto build = [this](Cell& cell) {
        cell.scene = cell.place.param ? buildParamScene(*data_, cell.place.track, *cell.place.param, cell.frame.plot)
                                      : buildPerformanceScene(*data_, cell.place.track, cell.frame.plot);
    };
    QtConcurrent::blockingMap(cells_, build);
}

void ExplorationCanvas::invalidate(bool base, bool selection)
{
    for (Cell& cell : cells_) {
        cell.baseDirty = cell.baseDirty || base;
        cell.selectionDirty = cell.selectionDirty || selection;
    }
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

void ExplorationCanvas::renderLayers()
{
    ensureScenes();
    std::vector<Cell*> stale;
    for (Cell& cell : cells_)
        if (cell.baseDirty || cell.selectionDirty)
            stale.push_back(&cell);
    if (stale.empty() || !data_)
        return;
    const RenderInputs in = inputs();
    const qreal ratio = devicePixelRatioF();
    const std::vector<char>& selected = selected_;
    const auto render = [&in, ratio, &selected](Cell* cell) {
        const QSize size = cell->place.rect.size();
        if (cell->baseDirty) {
            cell->report = RenderReport{};
            cell->base = renderCell(cell->scene, cell->frame, in, size, ratio, &cell->report);
        }
        if (cell->selectionDirty)
            cell->selection = renderSelection(cell->scene, in, selected, size, ratio);
        cell->baseDirty = false;
        cell->selectionDirty = false;
    };
    // Qt 6 paints text into images on any thread: layers render one per core.
    if (stale.size() > 1)
        QtConcurrent::blockingMap(stale, render);
    else
        std::for_each(stale.begin(), stale.end(), render);
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

void ExplorationCanvas::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().color(QPalette::Window));
    if (!data_)
        return;
    renderLayers();
    for (const CanvasCaption& caption : layout_.captions)
        if (caption.rect.intersects(event->rect()))
            paintCaption(p, caption);
    for (const Cell& cell : cells_) {
        if (!cell.place.rect.intersects(event->rect()))
            continue;
        p.drawImage(cell.place.rect.topLeft(), cell.base);
        p.drawImage(cell.place.rect.topLeft(), cell.selection);
    }
    highlighted_.clear();
    if (!hovered_ || family_.empty())
        return;
    const std::optional<ExplorationData::Place> place = data_->placeOf(*hovered_);
    if (!place)
        return;
    const RenderInputs in = inputs();
    for (const Cell& cell : cells_) {
        if (cell.place.track != place->track)
            continue;
        p.save();
        p.translate(cell.place.rect.topLeft());
        const std::vector<std::size_t> rows = paintHighlight(p, cell.scene, in, family_, *hovered_);
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
    if (!cell)
        return std::nullopt;
    ensureScenes();
    const Cell& c = cells_[*cell];
    const QPointF local = QPointF(pos - c.place.rect.topLeft());
    if (!c.frame.plot.adjusted(-kPickRadius, -kPickRadius, kPickRadius, kPickRadius).contains(local))
        return std::nullopt;
    const double radius = std::max(kPickRadius, c.scene.dot / 2.0 + 2.0);
    if (const std::optional<std::size_t> point = c.scene.pointAt(local, radius))
        return Hit{*cell, *point};
    return std::nullopt;
}

QPoint ExplorationCanvas::pointPosition(std::size_t cell, std::size_t point) const
{
    ensureScenes();
    const QPointF p = cells_[cell].scene.points[point].pos;
    return cells_[cell].place.rect.topLeft() + QPoint(static_cast<int>(std::lround(p.x())), static_cast<int>(std::lround(p.y())));
}

QString ExplorationCanvas::tooltipAt(QPoint pos) const
{
    if (!data_)
        return {};
    if (const std::optional<Hit> hit = hitAt(pos))
        return pointTooltip(*data_, cells_[hit->cell].scene, hit->point);
    const std::optional<std::size_t> cell = cellAt(pos);
    if (!cell)
        return {};
    ensureScenes();
    const Cell& c = cells_[*cell];
    const QPointF local = QPointF(pos - c.place.rect.topLeft());
    const QRectF strip(c.frame.labels.topLeft(), c.frame.plot.bottomRight());
    if (!strip.contains(local))
        return {};
    const std::optional<std::size_t> column = c.scene.xAxis.columnAt(local.x());
    if (!column)
        return {};
    const StudyTrack& track = data_->tracks()[c.place.track];
    QString text = columnDescription(track.lineage, *column, resourceName(data_->table()->study(track.studyIndex)));
    if (c.scene.isPerformance() && *column < c.scene.bestSoFar.size() && std::isfinite(c.scene.bestSoFar[*column]))
        text += tr("<br>Best %1 so far: %2").arg(data_->metric().toHtmlEscaped(), formatCompact(c.scene.bestSoFar[*column]));
    return text;
}

void ExplorationCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const std::optional<Hit> hit = hitAt(event->position().toPoint());
    const std::optional<std::size_t> row =
        hit ? std::optional<std::size_t>(cells_[hit->cell].scene.points[hit->point].row) : std::nullopt;
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
    emit clicked(hit ? std::optional<std::size_t>(cells_[hit->cell].scene.points[hit->point].row) : std::nullopt,
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
        invalidate(true, true);
    else if (event->type() == QEvent::FontChange)
        relayout();
}

} // namespace tendril::app::exploration
