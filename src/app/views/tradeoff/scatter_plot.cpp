#include "views/tradeoff/scatter_plot.hpp"

#include "plot/plot_fonts.hpp"
#include "plot/plot_frame.hpp"
#include "style/plot_colors.hpp"
#include "views/tradeoff/pareto_front.hpp"
#include "views/tradeoff/scatter_geometry.hpp"

#include <QEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tendril::app::tradeoff {

namespace {

constexpr double kTop = 14.0;
constexpr double kRight = 20.0;
constexpr double kTickGap = 6.0;

std::vector<double> ticksFor(const PlotAxis& axis, int maxTicks)
{
    if (!axis.categorical())
        return axis.scale.ticks(maxTicks);
    const auto n = static_cast<int>(axis.categories.size());
    const int every = std::max(1, (n + maxTicks - 1) / std::max(1, maxTicks));
    std::vector<double> out;
    for (int i = 0; i < n; i += every)
        out.push_back(i);
    return out;
}

} // namespace

ScatterPlot::ScatterPlot(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("tradeoffPlot"));
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setCursor(Qt::CrossCursor);
    setAttribute(Qt::WA_OpaquePaintEvent);
    scene_.colors = scatterColors(PlotColors::of(*this));
}

void ScatterPlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The layers are painted in the palette's colours: a new theme needs new layers.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        scene_.colors = scatterColors(PlotColors::of(*this));
        invalidateLayers(true, true, true);
    }
}

void ScatterPlot::setData(std::shared_ptr<const TrialTable> table, PlotAxis x, PlotAxis y)
{
    if (table != scene_.table) {
        // Rows of another table mean other trials: start from "all visible, nothing picked" until
        // the view says otherwise.
        scene_.table = std::move(table);
        scene_.visible.assign(scene_.table ? scene_.table->rows() : 0, 1);
        scene_.selected.clear();
        hovered_.reset();
        hoverIsMine_ = false;
    }
    x_ = std::move(x);
    y_ = std::move(y);
    computeFront();
    layoutPlot();
}

void ScatterPlot::setVisibleRows(std::vector<char> visible)
{
    scene_.visible = std::move(visible);
    computeFront();
    projectFrontLine();
    invalidateLayers(true, true, false);
}

void ScatterPlot::setSelectedRows(std::vector<std::size_t> rows)
{
    scene_.selected = std::move(rows);
    invalidateLayers(false, false, true);
}

void ScatterPlot::setHoveredRow(std::optional<std::size_t> row)
{
    if (row != hovered_)
        hoverIsMine_ = false;
    if (row == hovered_)
        return;
    hovered_ = row;
    update();
}

void ScatterPlot::setEmptyText(const QString& text)
{
    emptyText_ = text;
    update();
}

void ScatterPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layoutPlot();
}

void ScatterPlot::layoutPlot()
{
    const QFontMetricsF ticks(plot::smallerFont(font(), 1));
    const QFontMetricsF titles(font());
    const double bottom = ticks.height() + kTickGap + titles.height() + 14;
    const double plotHeight = std::max(40.0, height() - kTop - bottom);
    yTicks_ = ticksFor(y_, std::max(2, static_cast<int>(plotHeight / 46)));
    double labelWidth = 0;
    for (const double t : yTicks_)
        labelWidth = std::max(labelWidth, ticks.horizontalAdvance(y_.label(t)));
    const double left = std::ceil(labelWidth + kTickGap + titles.height() + 18);
    scene_.plotArea = QRectF(left, kTop, std::max(40.0, width() - left - kRight), plotHeight);
    const QRectF& area = scene_.plotArea;
    x_.scale.setPixelSpan(area.left(), area.right());
    y_.scale.setPixelSpan(area.bottom(), area.top());
    double widest = 60;
    if (x_.categorical())
        for (const QString& c : x_.categories)
            widest = std::max(widest, ticks.horizontalAdvance(c) + 16);
    xTicks_ = ticksFor(x_, std::max(2, static_cast<int>(area.width() / widest)));

    scene_.positions = projectPoints(x_.values, y_.values, x_.scale, y_.scale);
    drawn_ = drawnCount(scene_);
    diameter_ = markerDiameter(drawn_);
    projectFrontLine();
    invalidateLayers(true, true, true);
}

void ScatterPlot::computeFront()
{
    scene_.front.clear();
    frontPossible_ = scene_.table && x_.direction && y_.direction && !x_.categorical() && !y_.categorical();
    if (!frontPossible_)
        return;
    // Finished models only: a pruned trial's last report is not what the model would have reached.
    const std::size_t rows = scene_.table->rows();
    std::vector<char> candidate(rows, 0);
    for (std::size_t r = 0; r < rows && r < x_.values.size() && r < y_.values.size(); ++r)
        candidate[r] = (scene_.visible.empty() || scene_.visible[r]) && x_.scale.drawable(x_.values[r])
            && y_.scale.drawable(y_.values[r]) && scene_.table->trial(r).state == TrialState::Complete;
    scene_.front = paretoFront(x_.values, y_.values, *x_.direction, *y_.direction, candidate);
}

void ScatterPlot::projectFrontLine()
{
    scene_.frontLine.clear();
    if (!frontPossible_ || scene_.front.empty())
        return;
    for (const StepPoint& s : paretoSteps(x_.values, y_.values, scene_.front, *x_.direction, *y_.direction))
        scene_.frontLine << QPointF(x_.scale.toPixel(s.x), y_.scale.toPixel(s.y));
}

void ScatterPlot::invalidateLayers(bool context, bool trials, bool selection)
{
    contextDirty_ = contextDirty_ || context;
    trialDirty_ = trialDirty_ || trials;
    selectionDirty_ = selectionDirty_ || selection;
    update();
}

void ScatterPlot::ensureLayers()
{
    const qreal ratio = devicePixelRatioF();
    if (sprites_.devicePixelRatio() != ratio) {
        sprites_ = MarkerSprites(ratio);
        contextDirty_ = trialDirty_ = selectionDirty_ = true;
    }
    const QSize pixels = size() * ratio;
    if (contextLayer_.size() != pixels || trialLayer_.size() != pixels || selectionLayer_.size() != pixels)
        contextDirty_ = trialDirty_ = selectionDirty_ = true;
    if (contextDirty_)
        contextLayer_ = renderContextLayer(scene_, size(), sprites_);
    if (trialDirty_)
        trialLayer_ = renderTrialLayer(scene_, size(), sprites_);
    if (selectionDirty_)
        selectionLayer_ = renderSelectionLayer(scene_, size(), sprites_);
    contextDirty_ = trialDirty_ = selectionDirty_ = false;
}

void ScatterPlot::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const PlotColors colors = PlotColors::of(*this);
    p.fillRect(rect(), colors.canvas);
    // Axes only once there is something to measure: an empty plot is just its message.
    if (!x_.values.empty())
        paintAxes(p);
    if (drawn_ == 0) {
        p.setPen(colors.faintText);
        QFont font = p.font();
        font.setPointSizeF(font.pointSizeF() + 1);
        p.setFont(font);
        p.drawText(scene_.plotArea.adjusted(24, 0, -24, 0), Qt::AlignCenter | Qt::TextWordWrap, emptyText_);
        return;
    }
    ensureLayers();
    p.drawImage(QPointF(0, 0), contextLayer_);
    p.drawImage(QPointF(0, 0), trialLayer_);
    p.drawImage(QPointF(0, 0), selectionLayer_);
    paintHover(p);
    paintGesture(p);
}

void ScatterPlot::paintAxes(QPainter& p) const
{
    const QRectF& area = scene_.plotArea;
    const QFont tickFont = plot::smallerFont(font(), 1);
    const QFontMetricsF tickMetrics(tickFont);
    const PlotColors colors = PlotColors::of(*this);
    p.save();
    p.setPen(QPen(colors.grid, 1));
    plot::drawGridLines(p, area, x_.scale, xTicks_, y_.scale, yTicks_);
    p.setPen(QPen(colors.axis, 1));
    plot::drawAxisLines(p, area);

    p.setFont(tickFont);
    p.setPen(colors.tickText);
    for (const double t : xTicks_) {
        const double px = x_.scale.toPixel(t);
        const QString text = x_.label(t);
        const double w = tickMetrics.horizontalAdvance(text);
        p.drawText(QRectF(px - w / 2 - 2, area.bottom() + kTickGap, w + 4, tickMetrics.height()), Qt::AlignCenter, text);
    }
    for (const double t : yTicks_) {
        const double py = y_.scale.toPixel(t);
        p.drawText(QRectF(0, py - tickMetrics.height() / 2, area.left() - kTickGap, tickMetrics.height()),
                   Qt::AlignRight | Qt::AlignVCenter, y_.label(t));
    }

    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    p.setFont(titleFont);
    p.setPen(colors.ink);
    const QFontMetricsF titleMetrics(titleFont);
    const QString logNote = QStringLiteral(" (log)");
    const QString xTitle = x_.title + (x_.scale.log() ? logNote : QString());
    const QString yTitle = y_.title + (y_.scale.log() ? logNote : QString());
    p.drawText(QRectF(area.left(), height() - titleMetrics.height() - 8, area.width(), titleMetrics.height()),
               Qt::AlignCenter, xTitle);
    p.translate(8, area.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-area.height() / 2, 0, area.height(), titleMetrics.height()), Qt::AlignCenter, yTitle);
    p.restore();
}

void ScatterPlot::paintHover(QPainter& p)
{
    if (!hovered_ || *hovered_ >= scene_.positions.size() || !isDrawable(scene_.positions[*hovered_]))
        return;
    const std::size_t row = *hovered_;
    const QPointF c = scene_.positions[row];
    const QRectF& area = scene_.plotArea;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(PlotColors::of(*this).faintText, 1, Qt::DashLine));
    p.drawLine(QPointF(area.left(), c.y()), c);
    p.drawLine(QPointF(c.x(), area.bottom()), c);

    // The hovered trial's exact place on each axis, in a tag over the tick labels.
    const QFont tagFont = plot::smallerFont(font(), 1);
    const QFontMetricsF metrics(tagFont);
    p.setFont(tagFont);
    const auto tag = [&](const QString& text, QPointF anchor, Qt::Alignment side) {
        const double w = metrics.horizontalAdvance(text) + 10, h = metrics.height() + 4;
        QRectF box = side == Qt::AlignLeft ? QRectF(anchor.x() - w - 2, anchor.y() - h / 2, w, h)
                                           : QRectF(anchor.x() - w / 2, anchor.y() + 2, w, h);
        box.moveLeft(std::max(0.0, std::min(box.left(), width() - box.width())));
        // In the tooltip's colours: the tag is a small tooltip pinned to the axis.
        p.setPen(Qt::NoPen);
        p.setBrush(palette().color(QPalette::ToolTipBase));
        p.drawRoundedRect(box, 3, 3);
        p.setPen(palette().color(QPalette::ToolTipText));
        p.drawText(box, Qt::AlignCenter, text);
    };
    tag(y_.label(y_.values[row]), QPointF(area.left(), c.y()), Qt::AlignLeft);
    const double xValue = x_.categorical() ? std::round(x_.values[row]) : x_.values[row];
    tag(x_.label(xValue), QPointF(c.x(), area.bottom()), Qt::AlignBottom);
    p.restore();
    sprites_.draw(p, c, hoverLook(scene_, row, diameter_));
}

void ScatterPlot::paintGesture(QPainter& p) const
{
    if (gesture_ != Gesture::Rectangle && gesture_ != Gesture::Lasso)
        return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QColor accent = PlotColors::of(*this).accent;
    QColor fill = accent;
    fill.setAlpha(28);
    p.setBrush(fill);
    p.setPen(QPen(accent, 1.2, gesture_ == Gesture::Lasso ? Qt::DashLine : Qt::SolidLine));
    if (gesture_ == Gesture::Rectangle)
        p.drawRect(QRectF(pressPos_, dragPos_).normalized());
    else
        p.drawPolygon(lasso_);
    p.restore();
}

} // namespace tendril::app::tradeoff
