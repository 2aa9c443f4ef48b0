#include "views/curves/curves_plot.hpp"

#include "plot/plot_fonts.hpp"
#include "style/number_format.hpp"
#include "views/curves/curve_text.hpp"

#include <QEvent>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace tendril::app::curves {

namespace {

constexpr double kTopMargin = 8.0;
constexpr double kRightMargin = 18.0;
constexpr double kPanelGap = 18.0;
constexpr double kHitDistance = 6.0;  // pixels from a line that still count as on it
constexpr double kXPadFraction = 0.015;
constexpr double kYPadFraction = 0.06;
constexpr double kWheelStep = 0.8;    // range factor per wheel notch
constexpr double kMinBand = 4.0;      // pixels a rubber band must span to zoom

const CurvePolylines kNoPolylines;

// Whether two sets draw the same curves, so a zoom made on one still means something on the other.
bool sameShape(const CurveSet& a, const CurveSet& b)
{
    if (a.request.metrics != b.request.metrics || a.request.xAxis != b.request.xAxis
        || a.trials.size() != b.trials.size())
        return false;
    return std::all_of(a.trials.begin(), a.trials.end(), [&b](const CurveTrial& t) { return b.indexOf(t.key); });
}

bool zoomableRange(const plot::ValueRange& r)
{
    return std::isfinite(r.low) && std::isfinite(r.high) && r.high > r.low
        && (r.high - r.low) > 1e-12 * std::max(std::abs(r.low), std::abs(r.high));
}

} // namespace

CurvesPlot::CurvesPlot(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("curvesPlot"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
}

void CurvesPlot::setCurves(std::shared_ptr<const CurveSet> curves, std::shared_ptr<const TrialTable> table)
{
    const bool keepZoom = curves && curves_ && sameShape(*curves, *curves_);
    curves_ = std::move(curves);
    table_ = std::move(table);
    hover_.reset();
    drag_.reset();
    band_ = {};
    computeDataRanges();
    if (!keepZoom) {
        const bool wasZoomed = isZoomed();
        xZoom_.reset();
        yZoom_.assign(panelCount(), std::nullopt);
        if (wasZoomed)
            emit zoomChanged(false);
    }
    invalidateLayout();
}

void CurvesPlot::setLogY(bool log)
{
    if (log == logY_)
        return;
    logY_ = log;
    // A zoom on a linear axis means nothing on a log one.
    const bool hadYZoom = std::any_of(yZoom_.begin(), yZoom_.end(), [](const auto& z) { return z.has_value(); });
    yZoom_.assign(panelCount(), std::nullopt);
    if (hadYZoom)
        emit zoomChanged(isZoomed());
    invalidateLayout();
}

void CurvesPlot::setHighlighted(std::optional<TrialKey> key)
{
    if (key == highlighted_)
        return;
    highlighted_ = key;
    if (hover_ && (!key || !curves_ || curves_->trials[hover_->trial].key != *key))
        hover_.reset();
    update();
}

void CurvesPlot::resetZoom()
{
    if (!isZoomed())
        return;
    xZoom_.reset();
    yZoom_.assign(panelCount(), std::nullopt);
    invalidateLayout();
    emit zoomChanged(false);
}

bool CurvesPlot::isZoomed() const
{
    return xZoom_.has_value() || std::any_of(yZoom_.begin(), yZoom_.end(), [](const auto& z) { return z.has_value(); });
}

std::size_t CurvesPlot::panelCount() const
{
    return curves_ ? curves_->metrics().size() : 0;
}

QRectF CurvesPlot::plotRect(std::size_t panel) const
{
    ensureLayout();
    return panel < panels_.size() ? panels_[panel].plot : QRectF();
}

const plot::AxisScale& CurvesPlot::xScale() const
{
    ensureLayout();
    return x_;
}

const plot::AxisScale& CurvesPlot::yScale(std::size_t panel) const
{
    ensureLayout();
    return panels_.at(panel).y;
}

bool CurvesPlot::logUnavailable(std::size_t panel) const
{
    ensureLayout();
    return panel < panels_.size() && panels_[panel].logUnavailable;
}

const CurvePolylines& CurvesPlot::drawnCurve(std::size_t panel, std::size_t trial) const
{
    ensureLayout();
    if (panel >= panels_.size() || trial >= panels_[panel].paths.size())
        return kNoPolylines;
    return panels_[panel].paths[trial].smoothed;
}

const CurvePolylines& CurvesPlot::drawnRawCurve(std::size_t panel, std::size_t trial) const
{
    ensureLayout();
    if (panel >= panels_.size() || trial >= panels_[panel].paths.size())
        return kNoPolylines;
    return panels_[panel].paths[trial].raw;
}

const CurvePolylines& CurvesPlot::drawnConnector(std::size_t panel, std::size_t trial) const
{
    ensureLayout();
    if (panel >= panels_.size() || trial >= panels_[panel].paths.size())
        return kNoPolylines;
    return panels_[panel].paths[trial].connector;
}

void CurvesPlot::computeDataRanges()
{
    const std::size_t panels = panelCount();
    xData_.reset();
    yData_.assign(panels, std::nullopt);
    yDataLog_.assign(panels, std::nullopt);
    if (!curves_)
        return;
    for (const CurveTrial& t : curves_->trials)
        for (std::size_t m = 0; m < panels; ++m) {
            const CurveSeries& s = t.series[m];
            if (s.empty())
                continue;
            xData_ = plot::extentOf(s.x, plot::Scale::Linear, xData_);
            // Smoothed values lie within the raw ones, and connectors follow drawn parents.
            yData_[m] = plot::extentOf(s.raw, plot::Scale::Linear, yData_[m]);
            yDataLog_[m] = plot::extentOf(s.raw, plot::Scale::Log, yDataLog_[m]);
        }
    const auto pad = [](std::optional<plot::ValueRange>& extent, plot::Scale scale, double fraction) {
        if (extent)
            extent = plot::padded(*extent, scale, fraction);
    };
    pad(xData_, plot::Scale::Linear, kXPadFraction);
    for (std::size_t m = 0; m < panels; ++m) {
        pad(yData_[m], plot::Scale::Linear, kYPadFraction);
        pad(yDataLog_[m], plot::Scale::Log, kYPadFraction);
    }
}

void CurvesPlot::invalidateLayout()
{
    layoutDirty_ = true;
    layerDirty_ = true;
    update();
}

void CurvesPlot::ensureLayout() const
{
    if (!layoutDirty_)
        return;
    layoutPanels();
    buildPaths();
    layoutDirty_ = false;
    layerDirty_ = true;
}

void CurvesPlot::layoutPanels() const
{
    const std::size_t count = panelCount();
    panels_.assign(count, Panel{});
    if (count == 0)
        return;
    const QFont tickFont = plot::scaledFont(font(), kTickFontScale);
    const QFontMetricsF fm(font());
    const QFontMetricsF tickFm(tickFont);
    const double titleHeight = fm.height() + 8.0;
    const double bottom = tickFm.height() + 8.0 + fm.height() + 10.0;
    const double available = height() - kTopMargin - bottom - static_cast<double>(count) * titleHeight
        - static_cast<double>(count - 1) * kPanelGap;
    const double plotHeight = std::max(30.0, available / static_cast<double>(count));

    // The left margin fits the widest tick label of any panel, so the plots line up.
    double labelWidth = tickFm.horizontalAdvance(QStringLiteral("0.0"));
    std::vector<plot::ValueRange> ranges(count);
    for (std::size_t i = 0; i < count; ++i) {
        Panel& p = panels_[i];
        const bool log = logY_ && yDataLog_[i].has_value();
        p.logUnavailable = logY_ && !log && yData_[i].has_value();
        const std::optional<plot::ValueRange>& data = log ? yDataLog_[i] : yData_[i];
        p.data = data;
        ranges[i] = (i < yZoom_.size() && yZoom_[i]) ? *yZoom_[i] : data.value_or(plot::ValueRange{0.0, 1.0});
        p.yTicks = plot::axisTicks(ranges[i], plot::scaleFor(log), plot::tickBudget(plotHeight, 48.0));
        for (const double t : p.yTicks)
            labelWidth = std::max(labelWidth, tickFm.horizontalAdvance(formatCompact(t)));
    }
    const double left = std::ceil(labelWidth) + 14.0;
    const double plotWidth = std::max(40.0, width() - left - kRightMargin);
    for (std::size_t i = 0; i < count; ++i) {
        Panel& p = panels_[i];
        const double top = kTopMargin + static_cast<double>(i) * (titleHeight + plotHeight + kPanelGap);
        p.titleRect = QRectF(left, top, plotWidth, titleHeight);
        p.plot = QRectF(left, top + titleHeight, plotWidth, plotHeight);
        p.y = plot::AxisScale(ranges[i], plot::scaleFor(logY_ && yDataLog_[i].has_value()), p.plot.bottom(), p.plot.top());
    }

    const plot::ValueRange xRange = xZoom_ ? *xZoom_ : xData_.value_or(plot::ValueRange{0.0, 1.0});
    x_ = plot::AxisScale(xRange, plot::Scale::Linear, left, left + plotWidth);
    const bool wallTime = curves_->request.xAxis == CurveXAxis::WallTime;
    const int maxXTicks = plot::tickBudget(plotWidth, wallTime ? 96.0 : 80.0);
    // Steps are counted: half steps on the axis would suggest otherwise.
    xTicks_ = wallTime ? plot::durationTicks(x_.range(), maxXTicks) : x_.ticks(maxXTicks, 1.0);
    const QRectF& last = panels_.back().plot;
    xTitleRect_ = QRectF(left, last.bottom() + tickFm.height() + 8.0, plotWidth, fm.height() + 4.0);
}

void CurvesPlot::buildPaths() const
{
    if (!curves_)
        return;
    const bool smoothing = curves_->request.smoothingWindow > 1;
    for (std::size_t m = 0; m < panels_.size(); ++m) {
        Panel& panel = panels_[m];
        panel.paths.resize(curves_->trials.size());
        for (std::size_t i = 0; i < curves_->trials.size(); ++i) {
            const CurveTrial& t = curves_->trials[i];
            const CurveSeries& s = t.series[m];
            TrialPaths& paths = panel.paths[i];
            paths.smoothed = curvePolylines(s.x, s.smoothed, x_, panel.y);
            paths.raw = smoothing ? curvePolylines(s.x, s.raw, x_, panel.y) : CurvePolylines{};
            paths.connector = (m < t.connectors.size() && !t.connectors[m].empty())
                ? curvePolylines(t.connectors[m].x, t.connectors[m].y, x_, panel.y)
                : CurvePolylines{};
        }
    }
}

std::optional<std::size_t> CurvesPlot::panelAt(QPointF pos) const
{
    ensureLayout();
    for (std::size_t i = 0; i < panels_.size(); ++i)
        if (panels_[i].plot.adjusted(-kHitDistance, -kHitDistance, kHitDistance, kHitDistance).contains(pos))
            return i;
    return std::nullopt;
}

std::optional<CurvesPlot::HoverPoint> CurvesPlot::hitTest(QPointF pos) const
{
    const auto panel = panelAt(pos);
    if (!panel || !curves_)
        return std::nullopt;
    // Tested in drawing order, so the curve drawn on top wins a tie.
    const std::vector<TrialPaths>& paths = panels_[*panel].paths;
    std::vector<const CurvePolylines*> order;
    order.reserve(paths.size());
    for (std::size_t i = paths.size(); i-- > 0;)
        order.push_back(&paths[i].smoothed);
    const auto hit = nearestCurve(order, pos, kHitDistance);
    if (!hit)
        return std::nullopt;
    const std::size_t trial = paths.size() - 1 - hit->curve;
    const CurveSeries& series = curves_->trials[trial].series[*panel];
    const auto point = nearestPointByX(series.x, x_.toValue(pos.x()));
    if (!point)
        return std::nullopt;
    return HoverPoint{*panel, trial, *point};
}

void CurvesPlot::updateHover(QPointF pos)
{
    const auto hit = hitTest(pos);
    if (!hit) {
        clearHover();
        return;
    }
    const bool samePoint = hover_ && hover_->trial == hit->trial && hover_->panel == hit->panel
        && hover_->point == hit->point;
    hover_ = hit;
    const TrialKey key = curves_->trials[hit->trial].key;
    if (highlighted_ != key) {
        // Drawn at once; the hub's echo a frame later changes nothing.
        highlighted_ = key;
        emit curveHovered(key);
    }
    if (!samePoint) {
        if (table_)
            QToolTip::showText(mapToGlobal(pos.toPoint()), curveTooltip(*table_, *curves_, hit->trial, hit->panel, hit->point),
                               this);
        update();
    }
}

void CurvesPlot::clearHover()
{
    if (!hover_)
        return;
    hover_.reset();
    QToolTip::hideText();
    if (highlighted_) {
        highlighted_.reset();
        emit curveHovered(std::nullopt);
    }
    update();
}

void CurvesPlot::setZoom(std::optional<plot::ValueRange> x, std::size_t panel, std::optional<plot::ValueRange> y)
{
    bool changed = false;
    if (x && zoomableRange(*x)) {
        xZoom_ = x;
        changed = true;
    }
    if (y && zoomableRange(*y) && (!logY_ || y->low > 0.0)) {
        yZoom_.resize(panelCount());
        if (panel < yZoom_.size()) {
            yZoom_[panel] = y;
            changed = true;
        }
    }
    if (!changed)
        return;
    invalidateLayout();
    emit zoomChanged(true);
}

void CurvesPlot::zoomAt(QPointF pos, double factor, bool zoomX, bool zoomY)
{
    const auto panel = panelAt(pos);
    if (!panel)
        return;
    setZoom(zoomX ? std::optional(x_.zoomedAround(pos.x(), factor)) : std::nullopt, *panel,
            zoomY ? std::optional(panels_[*panel].y.zoomedAround(pos.y(), factor)) : std::nullopt);
}

void CurvesPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    invalidateLayout();
}

void CurvesPlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The cached layer is painted in the palette's colours: a new theme needs a new layer.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        invalidateLayout();
}

void CurvesPlot::mousePressEvent(QMouseEvent* event)
{
    const auto panel = panelAt(event->position());
    if (!panel || !(event->button() == Qt::LeftButton || event->button() == Qt::RightButton)) {
        QWidget::mousePressEvent(event);
        return;
    }
    const bool band = event->button() == Qt::RightButton || (event->modifiers() & Qt::ShiftModifier);
    drag_ = Drag{band ? Drag::Mode::Band : Drag::Mode::Pan, *panel, event->position(), x_, panels_[*panel].y, false};
    if (!band)
        setCursor(Qt::ClosedHandCursor);
    QToolTip::hideText();
    event->accept();
}

void CurvesPlot::mouseMoveEvent(QMouseEvent* event)
{
    if (!drag_) {
        updateHover(event->position());
        return;
    }
    const QPointF delta = event->position() - drag_->from;
    drag_->moved = drag_->moved || std::abs(delta.x()) + std::abs(delta.y()) >= 3.0;
    if (drag_->mode == Drag::Mode::Band) {
        band_ = QRectF(drag_->from, event->position()).normalized().intersected(panels_[drag_->panel].plot);
        update();
        return;
    }
    if (drag_->moved)
        setZoom(drag_->x.pannedBy(delta.x()), drag_->panel, drag_->y.pannedBy(delta.y()));
}

void CurvesPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (!drag_) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const Drag drag = *drag_;
    drag_.reset();
    unsetCursor();
    if (drag.mode == Drag::Mode::Band) {
        const QRectF band = band_;
        band_ = {};
        update();
        if (band.width() >= kMinBand && band.height() >= kMinBand)
            setZoom(drag.x.between(band.left(), band.right()), drag.panel,
                    drag.y.between(band.bottom(), band.top()));
    }
    event->accept();
}

void CurvesPlot::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        resetZoom();
        event->accept();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void CurvesPlot::wheelEvent(QWheelEvent* event)
{
    // Some platforms turn Shift+wheel into a horizontal scroll.
    const QPoint angle = event->angleDelta();
    const double notches = (angle.y() != 0 ? angle.y() : angle.x()) / 120.0;
    if (notches == 0.0 || !panelAt(event->position())) {
        event->ignore();
        return;
    }
    // Shift zooms along x only, Ctrl along y only.
    const bool onlyX = event->modifiers() & Qt::ShiftModifier;
    const bool onlyY = event->modifiers() & Qt::ControlModifier;
    zoomAt(event->position(), std::pow(kWheelStep, notches), !onlyY, !onlyX);
    event->accept();
}

void CurvesPlot::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    if (!drag_)
        clearHover();
}

} // namespace tendril::app::curves
