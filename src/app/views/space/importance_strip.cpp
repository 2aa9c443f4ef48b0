#include "views/space/importance_strip.hpp"

#include "style/labels.hpp"
#include "style/plot_colors.hpp"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tendril::app::space {

namespace {

constexpr double kCaptionGap = 4.0;
constexpr double kBarHeight = 8.0;
constexpr double kRowGap = 6.0;
constexpr double kConnectorRoom = 22.0;
constexpr double kSlotPadding = 4.0;

double rowHeight(const QFontMetricsF& metrics)
{
    return metrics.height() + kBarHeight + 9.0;
}

double captionHeight(const QFontMetricsF& metrics)
{
    return metrics.height() + kCaptionGap;
}

std::optional<double> axisOf(const std::vector<std::pair<std::string, double>>& axes, const std::string& param)
{
    for (const auto& [name, x] : axes)
        if (name == param)
            return x;
    return std::nullopt;
}

void placeRow(StripLayout& layout, const std::vector<ImportanceBar>& row, bool partner, double left, double right,
              double width, double top, const std::vector<std::pair<std::string, double>>& axes,
              const QFontMetricsF& metrics)
{
    // Most important on the right, next to the objective, as the axes are ordered.
    for (std::size_t i = 0; i < row.size(); ++i) {
        StripSlot slot;
        slot.param = row[i].param;
        slot.importance = row[i].importance;
        slot.std = row[i].std;
        slot.partner = partner;
        const double x = std::max(left, right - width * static_cast<double>(i + 1));
        slot.rect = QRectF(x, top, std::max(8.0, width), rowHeight(metrics));
        const QRectF inner = slot.rect.adjusted(kSlotPadding, 3.0, -kSlotPadding, -3.0);
        slot.bar = QRectF(inner.left(), inner.bottom() - kBarHeight, inner.width(), kBarHeight);
        slot.axisX = axisOf(axes, slot.param);
        layout.entries.push_back(std::move(slot));
    }
}

} // namespace

double stripHeight(const QFontMetricsF& metrics, bool bars, bool partners)
{
    double h = 4.0 + captionHeight(metrics);
    if (bars)
        h += rowHeight(metrics) + kConnectorRoom;
    if (bars && partners)
        h += rowHeight(metrics) + kRowGap;
    return h;
}

StripLayout layoutStrip(const ImportanceBars& bars, const std::vector<std::pair<std::string, double>>& axes,
                        double left, double right, double top, double axisTitleTop, const QFontMetricsF& metrics)
{
    StripLayout layout;
    const std::vector<ImportanceBar> partners = bars.partners();
    const double height = stripHeight(metrics, !bars.empty(), !partners.empty());
    layout.area = QRectF(left, top, std::max(0.0, right - left), height);
    layout.caption = QRectF(left, top + 2.0, std::max(0.0, right - left), metrics.height());
    layout.scale = bars.scale() > 0.0 ? bars.scale() : 1.0;
    layout.connectorsEnd = axisTitleTop;
    if (bars.empty())
        return layout;
    const double width = (right - left) / static_cast<double>(std::max<std::size_t>(1, bars.bars().size()));
    double rowTop = top + captionHeight(metrics) + 2.0;
    placeRow(layout, bars.bars(), false, left, right, width, rowTop, axes, metrics);
    if (!partners.empty()) {
        rowTop += rowHeight(metrics) + kRowGap;
        placeRow(layout, partners, true, left, right, width, rowTop, axes, metrics);
    }
    return layout;
}

const StripSlot* slotAt(const StripLayout& layout, QPointF point)
{
    for (const StripSlot& slot : layout.entries)
        if (slot.rect.contains(point))
            return &slot;
    return nullptr;
}

void paintStrip(QPainter& painter, const StripLayout& layout, const ImportanceBars& bars, const StripStatus& status,
                const PlotColors& colors, const std::optional<std::string>& hovered,
                const std::optional<std::string>& focusedPartner)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF metrics(painter.font());

    // The caption: what was analysed, or why nothing is shown.
    painter.setPen(status.computing ? colors.accent : colors.faintText);
    painter.drawText(layout.caption, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(status.text, Qt::ElideRight, layout.caption.width()));

    const std::optional<std::string>& active = bars.active();
    // Curves first: the slots of the second row are painted over the curves that pass behind them.
    for (const StripSlot& slot : layout.entries) {
        if (!slot.axisX)
            continue;
        const bool strong = slot.partner || (active && slot.param == *active);
        // While a parameter is active, the first row's other curves step back.
        if (!slot.partner && active && !strong && std::any_of(layout.entries.begin(), layout.entries.end(), [&](const StripSlot& s) {
                return s.partner && s.param == slot.param;
            }))
            continue;
        QColor color = strong ? colors.accent : colors.axis;
        if (active && !strong)
            color = mixColors(colors.canvas, colors.axis, 0.55);
        const QPointF from(slot.rect.center().x(), slot.rect.bottom());
        const QPointF to(*slot.axisX + 0.5, layout.connectorsEnd);
        QPainterPath curve(from);
        const double bend = 0.55 * (to.y() - from.y());
        curve.cubicTo(from + QPointF(0, bend), to - QPointF(0, bend), to);
        QPen pen(color, strong ? 1.4 : 1.0);
        if (slot.partner)
            pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(curve);
    }

    for (const StripSlot& slot : layout.entries) {
        const bool isActive = !slot.partner && active && slot.param == *active;
        const bool isFocused = slot.partner && focusedPartner && slot.param == *focusedPartner;
        const bool isHovered = hovered && slot.param == *hovered;
        QColor background = slot.partner ? colors.canvas : QColor(Qt::transparent);
        if (isActive || isFocused)
            background = colors.accentSoft;
        else if (isHovered)
            background = colors.hoverBackground;
        painter.setPen(Qt::NoPen);
        painter.setBrush(background);
        painter.drawRoundedRect(slot.rect.adjusted(1, 0, -1, 0), 4, 4);

        const QRectF text(slot.bar.left(), slot.rect.top() + 2.0, slot.bar.width(), metrics.height());
        const QString value = importancePercent(slot.importance);
        const double valueWidth = metrics.horizontalAdvance(value);
        const QString name = (slot.partner ? QStringLiteral("× ") : QString()) + qstr(slot.param);
        const double nameRoom = std::max(0.0, text.width() - valueWidth - 4.0);
        // A name cut to a letter or two says nothing: then the value alone, and the curve to the
        // axis names it.
        const QString elided = metrics.elidedText(name, Qt::ElideRight, nameRoom);
        const bool named = elided.size() >= 4 || elided == name;
        if (named) {
            painter.setPen(isActive || isFocused ? colors.ink : colors.tickText);
            painter.drawText(QRectF(text.left(), text.top(), nameRoom, text.height()), Qt::AlignLeft | Qt::AlignVCenter,
                             elided);
        }
        if (valueWidth <= text.width()) {
            painter.setPen(colors.faintText);
            painter.drawText(text, (named ? Qt::AlignRight : Qt::AlignHCenter) | Qt::AlignVCenter, value);
        }

        // The track, the importance and its spread over the trees.
        painter.setPen(Qt::NoPen);
        painter.setBrush(colors.neutralSoft);
        painter.drawRoundedRect(slot.bar, 2, 2);
        const auto at = [&](double v) { return slot.bar.left() + slot.bar.width() * std::clamp(v / layout.scale, 0.0, 1.0); };
        const QColor fill = slot.partner ? mixColors(colors.canvas, colors.accent, 0.7)
                                         : (isActive ? colors.accent : mixColors(colors.canvas, colors.ink, 0.55));
        painter.setBrush(fill);
        const double end = at(slot.importance);
        if (end > slot.bar.left())
            painter.drawRoundedRect(QRectF(slot.bar.left(), slot.bar.top(), std::max(2.0, end - slot.bar.left()), slot.bar.height()), 2, 2);
        if (slot.std > 0.0) {
            const double lo = at(slot.importance - slot.std), hi = at(slot.importance + slot.std);
            const double y = slot.bar.center().y();
            painter.setPen(QPen(colors.ink, 1.0));
            painter.drawLine(QPointF(lo, y), QPointF(hi, y));
            painter.drawLine(QPointF(lo, y - 3), QPointF(lo, y + 3));
            painter.drawLine(QPointF(hi, y - 3), QPointF(hi, y + 3));
        }
    }
    painter.restore();
}

QString slotTooltip(const StripSlot& slot, const ImportanceBars& bars)
{
    const QString metric = qstr(bars.metric());
    const QString spread = importancePercent(slot.std);
    if (slot.partner) {
        return QStringLiteral("%1 × %2: %3 ± %4 of the variance of %5 comes from the two together\n"
                              "(fANOVA pure interaction over %6 trials). Click to single it out on the axes.")
            .arg(qstr(bars.active().value_or(std::string())), qstr(slot.param), importancePercent(slot.importance),
                 spread, metric)
            .arg(bars.trialsUsed());
    }
    const ImportanceBar* bar = bars.bar(slot.param);
    QString text = QStringLiteral("%1: %2 ± %3 of the variance of %4 (fANOVA over %5 trials)")
                       .arg(qstr(slot.param), importancePercent(slot.importance), spread, metric)
                       .arg(bars.trialsUsed());
    if (bar && bar->constant)
        text += QStringLiteral("\nIt has one value in the analysed trials, so it explains nothing.");
    const bool active = bars.active() && *bars.active() == slot.param;
    text += active ? QStringLiteral("\nClick again to hide its interactions.")
                   : QStringLiteral("\nClick to show its interactions and the expected %1 along the axes.").arg(metric);
    if (!slot.axisX)
        text += QStringLiteral("\nIts axis is hidden.");
    return text;
}

} // namespace tendril::app::space
