#include "views/importance/detail_plot.hpp"

#include "plot/plot_fonts.hpp"
#include "plot/plot_frame.hpp"
#include "session/latest_job.hpp"
#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/study_colors.hpp"

#include <QEvent>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <set>

namespace tendril::app::importance {

namespace {

constexpr double kTop = 12.0;
constexpr double kRight = 18.0;
constexpr double kTickGap = 6.0;
constexpr double kSwatch = 14.0;
constexpr double kGradientWidth = 64.0;

} // namespace

DetailPlot::DetailPlot(QWidget* parent) : QWidget(parent), layerJob_(new LatestJob(this))
{
    setObjectName(QStringLiteral("importanceDetailPlot"));
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setCursor(Qt::CrossCursor);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void DetailPlot::setContent(std::shared_ptr<const DetailContent> content)
{
    const bool sameTable = content && content_ && content->result && content_->result
        && content->result->table == content_->result->table;
    content_ = std::move(content);
    scene_ = makeScene(content_);
    if (!sameTable) {
        // Rows of another table are other trials.
        hoveredRow_.reset();
        hoverIsMine_ = false;
    }
    const std::size_t rows = scene_ ? scene_->table->rows() : 0;
    pointOfRow_.assign(rows, -1);
    if (scene_)
        for (std::size_t i = 0; i < scene_->points.rows.size(); ++i)
            pointOfRow_[scene_->points.rows[i]] = static_cast<int>(i);
    layoutPlot();
}

void DetailPlot::setMessage(const QString& text)
{
    message_ = text;
    update();
}

void DetailPlot::setTrialFlags(std::vector<char> visible, std::vector<char> selected)
{
    if (visible == visible_ && selected == selected_)
        return;
    visible_ = std::move(visible);
    selected_ = std::move(selected);
    if (!scene_) {
        update();
        return;
    }
    // The legend lists filtered and selected trials only when there are any; when that changes its
    // height, the plot above it moves.
    const double before = legendHeight_;
    buildLegend(width());
    if (legendHeight_ != before)
        layoutPlot();
    layerDirty_ = true;
    update();
}

void DetailPlot::setHoveredRow(std::optional<std::size_t> row)
{
    if (row != hoveredRow_)
        hoverIsMine_ = false;
    if (row == hoveredRow_)
        return;
    hoveredRow_ = row;
    update();
}

void DetailPlot::setColouring(DotColouring colouring)
{
    if (colouring == colouring_)
        return;
    colouring_ = colouring;
    layoutPlot();
}

void DetailPlot::setBrush(Brush brush)
{
    brush_ = std::move(brush);
    update();
}

void DetailPlot::setStale(bool stale)
{
    if (stale == stale_)
        return;
    stale_ = stale;
    update();
}

std::optional<QPointF> DetailPlot::pixelOfRow(std::size_t row) const
{
    if (!scene_ || row >= pointOfRow_.size() || pointOfRow_[row] < 0)
        return std::nullopt;
    return scene_->pixels[static_cast<std::size_t>(pointOfRow_[row])];
}

void DetailPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layoutPlot();
}

bool DetailPlot::event(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        sprites_.clear();
        layoutPlot();
    }
    return QWidget::event(event);
}

void DetailPlot::buildLegend(double width)
{
    legend_.clear();
    legendHeight_ = 0.0;
    if (!scene_)
        return;
    const DetailScene& s = *scene_;
    const PlotColors colors = PlotColors::of(*this);
    if (s.pair) {
        LegendItem heat;
        heat.kind = LegendItem::Kind::Gradient;
        heat.text = tr("expected %1").arg(s.metric);
        heat.low = formatCompact(s.expected.low);
        heat.high = formatCompact(s.expected.high);
        heat.lowColor = heatColor(s, s.expected.low);
        heat.highColor = heatColor(s, s.expected.high);
        legend_.push_back(heat);
    } else {
        legend_.push_back({LegendItem::Kind::Curve, curveColors(colors).line, tr("expected %1 ± 1 sd").arg(s.metric), {}, {}, {}, {}, {}});
    }
    const auto isVisible = [&](std::size_t row) { return visible_.empty() || (row < visible_.size() && visible_[row]); };
    bool anyContext = false, anySelected = false;
    std::set<std::size_t> studies;
    for (const std::size_t row : s.points.rows) {
        if (isVisible(row))
            studies.insert(s.table->studyOf(row));
        else
            anyContext = true;
        anySelected = anySelected || (row < selected_.size() && selected_[row]);
    }
    if (colouring_ == DotColouring::Study) {
        for (const std::size_t study : studies)
            legend_.push_back({LegendItem::Kind::Dot, studyColor(study), qstr(s.table->study(study).name), {}, {}, {}, {}, {}});
    } else if (!studies.empty()) {
        LegendItem perf;
        perf.kind = LegendItem::Kind::Gradient;
        perf.text = tr("trials by %1").arg(s.metric);
        const bool maximize = s.direction == Direction::Maximize;
        perf.low = formatCompact(maximize ? s.observed.low : s.observed.high);
        perf.high = formatCompact(maximize ? s.observed.high : s.observed.low);
        perf.lowColor = performanceColor(0.0);
        perf.highColor = performanceColor(1.0);
        legend_.push_back(perf);
    }
    if (anyContext)
        legend_.push_back({LegendItem::Kind::Dot, colors.context, tr("filtered out elsewhere"), {}, {}, {}, {}, {}});
    if (anySelected)
        legend_.push_back({LegendItem::Kind::Ring, colors.accent, tr("selected"), {}, {}, {}, {}, {}});

    // Left to right, wrapping onto further lines when the width runs out.
    const QFontMetricsF metrics(plot::smallerFont(font(), 1));
    const double lineHeight = std::max(kSwatch, metrics.height()) + 4;
    const double left = 12.0, right = std::max(left + 80, width - kRight);
    double x = left, y = 0.0;
    for (LegendItem& item : legend_) {
        double swatch = kSwatch;
        if (item.kind == LegendItem::Kind::Gradient)
            swatch = metrics.horizontalAdvance(item.low) + kGradientWidth + metrics.horizontalAdvance(item.high) + 12;
        const double textWidth = std::min(metrics.horizontalAdvance(item.text), right - left - swatch - 6);
        const double w = swatch + 6 + textWidth;
        if (x > left && x + w > right) {
            x = left;
            y += lineHeight;
        }
        item.rect = QRectF(x, y, w, lineHeight);
        x += w + 16;
    }
    legendHeight_ = y + lineHeight;
}

void DetailPlot::layoutPlot()
{
    layerDirty_ = true;
    if (!scene_) {
        legend_.clear();
        update();
        return;
    }
    buildLegend(width());
    const QFontMetricsF ticks(plot::smallerFont(font(), 1));
    const QFontMetricsF titles(font());
    const double bottom = ticks.height() + kTickGap + titles.height() + 10 + legendHeight_ + 6;
    const double plotHeight = std::max(40.0, height() - kTop - bottom);
    DetailScene& s = *scene_;
    // The y ticks decide the left margin, and the left margin the x ticks.
    s.y.scale.setPixelSpan(kTop + plotHeight, kTop);
    // At least two labelled ticks: the round step that fits the budget can leave a short axis with one.
    int budget = std::max(2, static_cast<int>(plotHeight / (s.y.categorical() ? 22 : 34)));
    yTicks_ = s.y.ticks(budget);
    while (yTicks_.size() < 2 && !s.y.categorical() && budget < 12)
        yTicks_ = s.y.ticks(++budget);
    double labelWidth = 0;
    for (const double t : yTicks_)
        labelWidth = std::max(labelWidth, ticks.horizontalAdvance(s.y.label(t)));
    labelWidth = std::min(labelWidth, width() * 0.3);
    const double left = std::ceil(labelWidth + kTickGap + titles.height() + 12);
    const QRectF area(left, kTop, std::max(40.0, width() - left - kRight), plotHeight);
    placeScene(s, area);
    double widest = 56;
    if (s.x.categorical())
        for (const QString& c : s.x.categories)
            widest = std::max(widest, ticks.horizontalAdvance(c) + 12);
    xTicks_ = s.x.ticks(std::max(2, static_cast<int>(area.width() / widest)));
    update();
}

void DetailPlot::paintEvent(QPaintEvent*)
{
    const PlotColors colors = PlotColors::of(*this);
    QPainter p(this);
    p.fillRect(rect(), colors.canvas);
    if (!scene_) {
        p.setPen(colors.faintText);
        QFont font = p.font();
        font.setPointSizeF(font.pointSizeF() + 0.5);
        p.setFont(font);
        p.drawText(rect().adjusted(24, 12, -24, -12), Qt::AlignCenter | Qt::TextWordWrap, message_);
        if (stale_)
            p.fillRect(rect(), colors.veil);
        return;
    }
    if (layerDirty_ || layer_.size() != size() * devicePixelRatioF())
        refreshLayer();
    if (!scene_->pair)
        paintAxes(p);  // the grid under the data
    // While a new picture is drawn on the worker, the previous one of the same term stands in.
    if (layerContent_ == content_ && layer_.size() == size() * devicePixelRatioF())
        p.drawImage(QPointF(0, 0), layer_);
    if (scene_->pair)
        paintAxes(p);  // the frame over the cells
    paintBrush(p);
    paintHover(p);
    paintGesture(p);
    paintLegend(p);
    if (stale_)
        p.fillRect(rect(), colors.veil);
}

bool DetailPlot::layerPending() const
{
    return layerJob_->busy() || (scene_ && layerDirty_);
}

void DetailPlot::refreshLayer()
{
    layerDirty_ = false;
    if (!scene_)
        return;
    LayerInput input;
    input.size = size();
    input.devicePixelRatio = devicePixelRatioF();
    input.colors = PlotColors::of(*this);
    input.colouring = colouring_;
    if (scene_->points.rows.size() < backgroundPoints_) {
        input.scene = &*scene_;
        input.visible = &visible_;
        input.selected = &selected_;
        layerJob_->cancel();
        layer_ = renderDataLayer(input, sprites_);
        layerContent_ = content_;
        return;
    }
    // The worker gets its own copies: the scene is re-placed on the next resize, the flags change
    // with every brush.
    auto scene = std::make_shared<const DetailScene>(*scene_);
    auto visible = std::make_shared<const std::vector<char>>(visible_);
    auto selected = std::make_shared<const std::vector<char>>(selected_);
    layerJob_->run(
        [input, scene, visible, selected]() mutable {
            input.scene = scene.get();
            input.visible = visible.get();
            input.selected = selected.get();
            DotSprites sprites;
            return renderDataLayer(input, sprites);
        },
        [this, content = content_](QImage image) {
            layer_ = std::move(image);
            layerContent_ = content;
            update();
        },
        [](const QString&) {});
}

void DetailPlot::paintAxes(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    const DetailScene& s = *scene_;
    const QRectF& area = s.area;
    const QFont tickFont = plot::smallerFont(font(), 1);
    const QFontMetricsF tickMetrics(tickFont);
    p.save();
    if (!s.pair) {
        p.setPen(QPen(colors.grid, 1));
        plot::drawGridLines(p, area, s.x, xTicks_, s.y, yTicks_);
    }
    p.setPen(QPen(colors.axis, 1));
    plot::drawAxisLines(p, area);
    p.setFont(tickFont);
    p.setPen(colors.tickText);
    for (const double t : xTicks_) {
        const double px = s.x.toPixel(t);
        const QString text = s.x.label(t);
        const double w = tickMetrics.horizontalAdvance(text);
        p.drawLine(QPointF(px, area.bottom() + 0.5), QPointF(px, area.bottom() + 3.5));
        p.drawText(QRectF(px - w / 2 - 2, area.bottom() + kTickGap, w + 4, tickMetrics.height()), Qt::AlignCenter, text);
    }
    for (const double t : yTicks_) {
        const double py = s.y.toPixel(t);
        const QString text = tickMetrics.elidedText(s.y.label(t), Qt::ElideRight, area.left() - kTickGap - 4);
        p.drawText(QRectF(0, py - tickMetrics.height() / 2, area.left() - kTickGap, tickMetrics.height()),
                   Qt::AlignRight | Qt::AlignVCenter, text);
    }
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    p.setFont(titleFont);
    p.setPen(colors.ink);
    const QFontMetricsF titleMetrics(titleFont);
    const double titleTop = area.bottom() + kTickGap + tickMetrics.height() + 4;
    p.drawText(QRectF(area.left(), titleTop, area.width(), titleMetrics.height()), Qt::AlignCenter,
               titleMetrics.elidedText(s.x.title, Qt::ElideRight, area.width()));
    p.translate(4, area.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-area.height() / 2, 0, area.height(), titleMetrics.height()), Qt::AlignCenter,
               titleMetrics.elidedText(s.y.title, Qt::ElideRight, area.height()));
    p.restore();
}

void DetailPlot::paintLegend(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    const QFont small = plot::smallerFont(font(), 1);
    const QFontMetricsF metrics(small);
    const double top = height() - legendHeight_ - 6;
    p.save();
    p.setFont(small);
    p.setRenderHint(QPainter::Antialiasing);
    for (const LegendItem& item : legend_) {
        const QRectF r = item.rect.translated(0, top);
        const double cy = r.center().y();
        double x = r.left();
        switch (item.kind) {
        case LegendItem::Kind::Curve: {
            QColor band = curveColors(colors).band;
            p.fillRect(QRectF(x, cy - 5, kSwatch, 10), band);
            p.setPen(QPen(item.color, 2));
            p.drawLine(QPointF(x, cy), QPointF(x + kSwatch, cy));
            x += kSwatch;
            break;
        }
        case LegendItem::Kind::Dot:
        case LegendItem::Kind::Ring:
            p.setPen(item.kind == LegendItem::Kind::Ring ? QPen(item.color, 2) : Qt::NoPen);
            p.setBrush(item.kind == LegendItem::Kind::Ring ? colors.context : item.color);
            p.drawEllipse(QPointF(x + kSwatch / 2, cy), 4, 4);
            x += kSwatch;
            break;
        case LegendItem::Kind::Gradient: {
            p.setPen(colors.tickText);
            const double lw = metrics.horizontalAdvance(item.low);
            p.drawText(QRectF(x, r.top(), lw + 1, r.height()), Qt::AlignVCenter | Qt::AlignLeft, item.low);
            x += lw + 4;
            QLinearGradient ramp(x, 0, x + kGradientWidth, 0);
            ramp.setColorAt(0, item.lowColor);
            ramp.setColorAt(0.5, mixColors(item.lowColor, item.highColor, 0.5));
            ramp.setColorAt(1, item.highColor);
            p.fillRect(QRectF(x, cy - 5, kGradientWidth, 10), ramp);
            x += kGradientWidth + 4;
            const double hw = metrics.horizontalAdvance(item.high);
            p.drawText(QRectF(x, r.top(), hw + 1, r.height()), Qt::AlignVCenter | Qt::AlignLeft, item.high);
            x += hw + 4;
            break;
        }
        }
        p.setPen(colors.tickText);
        const QRectF textBox(x + 6, r.top(), std::max(0.0, r.right() - x - 6), r.height());
        p.drawText(textBox, Qt::AlignVCenter | Qt::AlignLeft, metrics.elidedText(item.text, Qt::ElideRight, textBox.width()));
    }
    p.restore();
}

void DetailPlot::paintBrush(QPainter& p) const
{
    const DetailScene& s = *scene_;
    std::vector<std::pair<double, double>> xs, ys;
    for (const ColumnRange& r : brush_) {
        if (r.column == s.xColumn)
            xs.push_back(brushPixels(s.x, r));
        else if (s.pair && r.column == s.yColumn)
            ys.push_back(brushPixels(s.y, r));
    }
    if (xs.empty() && ys.empty())
        return;
    // A column without a range of this brush is not limited by it: its band spans the axis.
    if (xs.empty())
        xs.push_back({s.area.left(), s.area.right()});
    if (ys.empty())
        ys.push_back({s.area.top(), s.area.bottom()});
    const PlotColors colors = PlotColors::of(*this);
    QColor fill = colors.accent;
    fill.setAlpha(colors.dark ? 46 : 30);
    p.save();
    p.setPen(QPen(colors.accent, 1.2));
    p.setBrush(fill);
    for (const auto& [x0, x1] : xs)
        for (const auto& [y0, y1] : ys)
            p.drawRect(QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized());
    p.restore();
}

void DetailPlot::paintHover(QPainter& p)
{
    if (!hoveredRow_)
        return;
    const auto at = pixelOfRow(*hoveredRow_);
    if (!at || !std::isfinite(at->x()) || !std::isfinite(at->y()))
        return;
    const PlotColors colors = PlotColors::of(*this);
    const std::size_t point = static_cast<std::size_t>(pointOfRow_[*hoveredRow_]);
    const bool visible = visible_.empty() || (*hoveredRow_ < visible_.size() && visible_[*hoveredRow_]);
    const QColor fill = visible ? dotColor(*scene_, point, colouring_) : colors.context;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colors.ink, 2));
    p.setBrush(fill);
    const double d = dotDiameter(scene_->points.rows.size()) + 6;
    p.drawEllipse(*at, d / 2, d / 2);
    p.restore();
}

void DetailPlot::paintGesture(QPainter& p) const
{
    if (gesture_ != Gesture::Dragging)
        return;
    const PlotColors colors = PlotColors::of(*this);
    const QRectF& area = scene_->area;
    QRectF band = QRectF(pressPos_, dragPos_).normalized().intersected(area);
    if (!scene_->pair)  // a marginal brush limits x only
        band = QRectF(QPointF(band.left(), area.top()), QPointF(band.right(), area.bottom()));
    QColor fill = colors.accent;
    fill.setAlpha(40);
    p.save();
    p.setPen(QPen(colors.accent, 1.2, Qt::DashLine));
    p.setBrush(fill);
    p.drawRect(band);
    p.restore();
}

QStringList DetailPlot::legendTexts() const
{
    QStringList texts;
    for (const LegendItem& item : legend_)
        texts << (item.kind == LegendItem::Kind::Gradient ? item.text + QStringLiteral(" ") + item.low
                                                                + QStringLiteral("–") + item.high
                                                          : item.text);
    return texts;
}

} // namespace tendril::app::importance
