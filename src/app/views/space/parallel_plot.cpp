#include "views/space/parallel_plot.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "views/space/space_brushes.hpp"

#include <QEvent>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tendril::app::space {

namespace {

constexpr double kTop = 4.0;
constexpr double kRight = 16.0;
constexpr double kMissingGap = 18.0;  // from the axes' bottom to the "no value" line
constexpr double kTitleGap = 10.0;    // from the titles to the axes' top

QFont tickFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(std::max(7.0, base.pointSizeF() - 1.0));
    return font;
}

} // namespace

ParallelPlot::ParallelPlot(QWidget* parent) : QWidget(parent), renderer_(new LayerRenderer(this))
{
    setObjectName(QStringLiteral("spacePlot"));
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(renderer_, &LayerRenderer::rendered, this, &ParallelPlot::layersRendered);
}

void ParallelPlot::setData(std::shared_ptr<const TrialTable> table, std::vector<std::size_t> axisColumns,
                           std::optional<std::size_t> metricColumn, Direction direction)
{
    const bool newTable = table != table_;
    if (newTable) {
        selected_.clear();
        hovered_.reset();
        hoverIsMine_ = false;
        visible_.assign(table ? table->rows() : 0, 1);
        brush_.clear();
    }
    // The colours depend on the rows and the metric only: an axis moved or hidden keeps them.
    const bool newColors = newTable || metricColumn != metricColumn_ || direction != direction_ || !focusPaint_;
    table_ = std::move(table);
    columns_ = std::move(axisColumns);
    metricColumn_ = metricColumn;
    direction_ = direction;
    axes_.clear();
    if (table_)
        for (const std::size_t c : columns_)
            axes_.push_back(AxisGeometry::forColumn(*table_, c));
    if (newColors) {
        shades_ = table_ && metricColumn_ ? performanceShades(table_->columns()[*metricColumn_], direction_)
                                          : std::vector<float>(table_ ? table_->rows() : 0,
                                                               std::numeric_limits<float>::quiet_NaN());
        refreshPaints();
    }
    computeFocus();
    relayout();
}

void ParallelPlot::setColoring(Coloring coloring)
{
    if (coloring == coloring_)
        return;
    coloring_ = coloring;
    refreshPaints();
    requestLayers(kAllLayers);
}

void ParallelPlot::setVisibleRows(std::vector<char> visible)
{
    visible_ = std::move(visible);
    refreshFocus(true);
}

void ParallelPlot::setBrush(Brush brush)
{
    if (brush == brush_ && gesture_ == Gesture::None)
        return;
    brush_ = std::move(brush);
    refreshFocus(false);
}

void ParallelPlot::setSelectedRows(std::vector<std::size_t> rows)
{
    selected_ = std::move(rows);
    requestLayers(kSelectionLayer);
}

void ParallelPlot::setHoveredRow(std::optional<std::size_t> row)
{
    if (row != hovered_)
        hoverIsMine_ = false;
    if (row == hovered_)
        return;
    hovered_ = row;
    update();
}

void ParallelPlot::setImportance(const ImportanceBars& bars, StripStatus status)
{
    const bool rowsChanged = bars.empty() != bars_.empty() || bars.partners().empty() != bars_.partners().empty();
    bars_ = bars;
    status_ = std::move(status);
    if (rowsChanged)
        relayout();  // the strip's height changed
    else {
        strip_ = layoutStrip(bars_, namedAxes(), strip_.area.left(), strip_.area.right(), kTop, titleTop_,
                             QFontMetricsF(font()));
        update();
    }
}

void ParallelPlot::setExpected(std::map<std::size_t, ExpectedCells> cells, double low, double high, Direction direction)
{
    expected_ = std::move(cells);
    expectedLow_ = low;
    expectedHigh_ = high;
    expectedDirection_ = direction;
    update();
}

void ParallelPlot::setFocusedPartner(std::optional<std::string> param)
{
    focusedPartner_ = std::move(param);
    update();
}

void ParallelPlot::setEmptyText(const QString& text)
{
    emptyText_ = text;
    update();
}

std::size_t ParallelPlot::parameterAxisCount() const
{
    return metricColumn_ && !axes_.empty() ? axes_.size() - 1 : axes_.size();
}

std::vector<std::pair<std::string, double>> ParallelPlot::namedAxes() const
{
    std::vector<std::pair<std::string, double>> named;
    for (std::size_t a = 0; a < parameterAxisCount() && a < axisX_.size(); ++a)
        named.emplace_back(table_->columns()[axes_[a].column()].name, axisX_[a]);
    return named;
}

QString ParallelPlot::axisTitle(std::size_t axis) const
{
    const TableColumn& column = table_->columns()[axes_[axis].column()];
    QString title = qstr(column.name);
    if (metricColumn_ && axis + 1 == axes_.size() && column.direction)
        title += QStringLiteral(" ") + directionArrow(*column.direction);
    return title;
}

QFont ParallelPlot::titleFont() const
{
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    return bold;
}

QRectF ParallelPlot::titleRect(std::size_t axis) const
{
    if (axis >= axisX_.size() || !table_)
        return {};
    const QFontMetricsF metrics(titleFont());
    const double gap = axisX_.size() > 1 ? static_cast<double>(axisX_[1] - axisX_[0]) : width() * 0.5;
    const double room = std::max(40.0, staggered_ ? 2.0 * gap - 10.0 : gap - 8.0);
    const double w = std::min({metrics.horizontalAdvance(axisTitle(axis)) + 4.0, room, width() - 4.0});
    // Centred on its axis, but kept inside the widget: the outer titles lean inwards.
    const double left = std::clamp(axisX_[axis] + 0.5 - w / 2, 2.0, std::max(2.0, width() - 2.0 - w));
    const double top = titleTop_ + (staggered_ && axis % 2 == 1 ? metrics.height() + 2.0 : 0.0);
    return QRectF(left, top, w, metrics.height() + 2);
}

QPointF ParallelPlot::pointAt(std::size_t axis, double value) const
{
    if (axis >= axes_.size())
        return {};
    return QPointF(axisX_[axis] + 0.5, axes_[axis].toPixel(value));
}

void ParallelPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void ParallelPlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        refreshPaints();  // the layers are painted in the palette's colours
        requestLayers(kAllLayers);
    }
    else if (event->type() == QEvent::FontChange)
        relayout();
}

void ParallelPlot::relayout()
{
    const QFontMetricsF metrics(font());
    const QFontMetricsF ticks(tickFont(font()));
    const bool hasBars = !bars_.empty() && parameterAxisCount() > 0;
    const bool hasPartners = hasBars && !bars_.partners().empty();
    const double stripH = table_ && parameterAxisCount() > 0 ? stripHeight(metrics, hasBars, hasPartners) : 0.0;
    titleTop_ = kTop + stripH;
    // In a narrow dock titles take turns on two lines, so each gets two gaps of room.
    staggered_ = false;
    if (table_ && axes_.size() > 2) {
        const double gap = (width() - 28.0 - kRight) / static_cast<double>(axes_.size() - 1);
        const QFontMetricsF bold(titleFont());
        for (std::size_t a = 0; a < axes_.size() && !staggered_; ++a)
            staggered_ = bold.horizontalAdvance(axisTitle(a)) + 8.0 > gap;
    }
    const double axisTop = titleTop_ + (staggered_ ? 2 : 1) * (metrics.height() + 2.0) + kTitleGap;
    const bool anyMissing = std::any_of(axisMissing_.begin(), axisMissing_.end(), [](char m) { return m != 0; });
    const double bottomRoom = ticks.height() * 0.5 + 6.0 + (anyMissing ? kMissingGap + 6.0 : 0.0);
    const double axisBottom = std::max(axisTop + 40.0, height() - bottomRoom);
    missingY_ = axisBottom + kMissingGap;

    // Tick labels sit left of each axis: the first one needs that room inside the widget.
    double left = 28.0;
    if (!axes_.empty()) {
        AxisGeometry first = axes_.front();
        first.setPixelSpan(axisTop, axisBottom);
        const int budget = std::max(2, static_cast<int>((axisBottom - axisTop) / 42.0));
        for (const double t : first.ticks(budget))
            left = std::max(left, ticks.horizontalAdvance(formatCompact(t)) + 12.0);
        // Category names are cut to the room a label gets between axes (paintAxes).
        if (first.categorical())
            for (const Value& category : table_->columns()[first.column()].categories)
                left = std::max(left, std::min(110.0, ticks.horizontalAdvance(formatValue(category))) + 12.0);
    }
    left = std::min(left, width() * 0.25);
    const double right = std::max(left + 1.0, width() - kRight);
    axisX_.clear();
    const std::size_t n = axes_.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double x = n == 1 ? 0.5 * (left + right) : left + (right - left) * static_cast<double>(i) / (n - 1);
        axisX_.push_back(static_cast<int>(std::floor(x)));
    }
    for (AxisGeometry& axis : axes_)
        axis.setPixelSpan(axisTop, axisBottom);
    axesArea_ = QRectF(QPointF(axisX_.empty() ? left : axisX_.front(), axisTop),
                       QPointF(axisX_.empty() ? right : axisX_.back(), axisBottom));

    // The bars span the parameter axes, half a gap beyond the outer ones.
    const std::size_t params = parameterAxisCount();
    const double gap = n > 1 ? (right - left) / (n - 1) : right - left;
    const double stripLeft = params > 0 ? std::max(4.0, axisX_.front() - gap / 2) : left;
    const double stripRight = params > 0 ? std::min(width() - 4.0, axisX_[params - 1] + gap / 2) : right;
    strip_ = layoutStrip(bars_, namedAxes(), stripLeft, stripRight, kTop, titleTop_, metrics);
    rebuildScene();
}

void ParallelPlot::rebuildScene()
{
    ++geometryId_;
    if (!table_ || axes_.size() < 2 || width() < 10 || height() < 10) {
        auto empty = std::make_shared<LineScene>();
        empty->size = size();
        empty->geometryId = geometryId_;
        scene_ = std::move(empty);
    } else {
        scene_ = std::make_shared<LineScene>(
            buildScene(*table_, axes_, axisX_, missingY_, size(), devicePixelRatioF(), geometryId_));
        const auto any = [](const std::vector<char>& flags) {
            return std::any_of(flags.begin(), flags.end(), [](char m) { return m != 0; });
        };
        const bool rowChanged = any(scene_->axisMissing) != any(axisMissing_);
        axisMissing_ = scene_->axisMissing;
        if (rowChanged) {
            relayout();  // the "no value" row appeared or went: it takes room under the axes
            return;
        }
    }
    requestLayers(kAllLayers);
}

void ParallelPlot::refreshFocus(bool othersChanged)
{
    computeFocus();
    // The selection layer shows only the selected trials the other views let through: it follows
    // their filter, never this view's own brush.
    requestLayers(kContextLayer | kFocusLayer | (othersChanged ? kSelectionLayer : 0u));
}

void ParallelPlot::computeFocus()
{
    const std::size_t rows = table_ ? table_->rows() : 0;
    focus_ = table_ ? rowsPassing(*table_, brush_) : std::vector<char>{};
    for (std::size_t r = 0; r < rows; ++r)
        focus_[r] = focus_[r] && (r >= visible_.size() || visible_[r]);
}

void ParallelPlot::refreshPaints()
{
    const PlotColors colors = PlotColors::of(*this);
    contextPaint_ = std::make_shared<LinePaint>(contextPaint(colors));
    selectionPaint_ = std::make_shared<LinePaint>(selectionPaint(colors));
    if (!table_) {
        focusPaint_ = std::make_shared<LinePaint>();
        return;
    }
    focusPaint_ = std::make_shared<LinePaint>(focusPaint(*table_, coloring_, shades_, colors.dark));
}

void ParallelPlot::requestLayers(unsigned layers)
{
    if (!scene_)
        return;
    LayerJob job;
    job.scene = scene_;
    job.contextPaint = contextPaint_;
    job.focusPaint = focusPaint_;
    job.selectionPaint = selectionPaint_;
    const std::size_t rows = scene_->drawable() ? scene_->rows : 0;
    if (rows > 0) {
        std::vector<char> chosen(rows, 0);
        for (const std::size_t r : selected_)
            if (r < rows && (r >= visible_.size() || visible_[r]))
                chosen[r] = 1;
        auto context = std::make_shared<std::vector<std::uint32_t>>();
        auto focus = std::make_shared<std::vector<std::uint32_t>>();
        auto selection = std::make_shared<std::vector<std::uint32_t>>();
        // In row order: the exact renderer sorts by the paint's ranks, density needs no order.
        for (std::uint32_t r = 0; r < rows; ++r) {
            (r < focus_.size() && focus_[r] ? focus : context)->push_back(r);
            if (chosen[r])
                selection->push_back(r);
        }
        job.contextRows = std::move(context);
        job.focusRows = std::move(focus);
        job.selectionRows = std::move(selection);
    }
    renderer_->render(std::move(job), layers);
    update();
}

void ParallelPlot::layersRendered(const RenderedLayers& result)
{
    if (!scene_ || result.geometryId != scene_->geometryId)
        return;  // drawn for a size or an axis order that is gone; the current one is on its way
    if (shownGeometry_ != result.geometryId) {
        // The first layers of a new geometry: the others still show the old one.
        contextImage_ = focusImage_ = selectionImage_ = QImage();
        shownGeometry_ = result.geometryId;
    }
    if (result.layers & kContextLayer) {
        contextImage_ = result.context;
        contextMode_ = result.contextMode;
    }
    if (result.layers & kFocusLayer) {
        focusImage_ = result.focus;
        focusMode_ = result.focusMode;
    }
    if (result.layers & kSelectionLayer)
        selectionImage_ = result.selection;
    update();
}

void ParallelPlot::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const PlotColors colors = PlotColors::of(*this);
    p.fillRect(rect(), colors.canvas);
    if (empty() || parameterAxisCount() == 0) {
        p.setPen(colors.faintText);
        QFont font = p.font();
        font.setPointSizeF(font.pointSizeF() + 1);
        p.setFont(font);
        p.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, emptyText_);
        return;
    }
    paintStrip(p, strip_, bars_, status_, colors, hoveredSlot_, focusedPartner_);
    for (const QImage* layer : {&contextImage_, &focusImage_, &selectionImage_})
        if (!layer->isNull())
            p.drawImage(QRectF(QPointF(0, 0), QSizeF(scene_->size)), *layer);
    paintAxes(p);
    paintMissingRow(p);
    paintExpected(p);
    paintBrushes(p);
    paintHover(p);
    paintTitles(p);
    paintAxisDrag(p);
}

} // namespace tendril::app::space
