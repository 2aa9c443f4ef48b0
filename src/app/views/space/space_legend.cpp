#include "views/space/space_legend.hpp"

#include "style/plot_colors.hpp"
#include "views/space/space_scene.hpp"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tendril::app::space {

namespace {

constexpr double kGap = 16.0;       // between items
constexpr double kMark = 22.0;      // a swatch, line or bars mark
constexpr double kRamp = 86.0;      // the colour ramp
constexpr double kMarkGap = 5.0;    // between a mark and its text

} // namespace

SpaceLegend::SpaceLegend(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("spaceLegend"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void SpaceLegend::setItems(std::vector<Item> items)
{
    items_ = std::move(items);
    updateGeometry();
    update();
}

QString SpaceLegend::text() const
{
    QStringList parts;
    for (const Item& item : items_) {
        if (item.kind == Item::Kind::Ramp)
            parts << QStringLiteral("%1 %2 – %3").arg(item.label, item.low, item.high);
        else
            parts << item.label;
    }
    return parts.join(QStringLiteral(" · "));
}

double SpaceLegend::itemWidth(const Item& item) const
{
    const QFontMetricsF metrics(font());
    if (item.kind == Item::Kind::Ramp)
        return metrics.horizontalAdvance(item.label) + kMarkGap + metrics.horizontalAdvance(item.low) + kMarkGap + kRamp
            + kMarkGap + metrics.horizontalAdvance(item.high);
    return kMark + kMarkGap + metrics.horizontalAdvance(item.label);
}

double SpaceLegend::place(double width, std::vector<QPointF>* at) const
{
    const double line = QFontMetricsF(font()).height() + 6.0;
    double x = 0.0, y = 0.0;
    for (const Item& item : items_) {
        const double w = itemWidth(item);
        if (x > 0.0 && x + w > width) {
            x = 0.0;
            y += line;
        }
        if (at)
            at->emplace_back(x, y);
        x += w + kGap;
    }
    return items_.empty() ? 0.0 : y + line;
}

int SpaceLegend::heightForWidth(int width) const
{
    return static_cast<int>(std::ceil(place(std::max(1, width), nullptr)));
}

QSize SpaceLegend::sizeHint() const
{
    double w = 0.0;
    for (const Item& item : items_)
        w += itemWidth(item) + kGap;
    return {static_cast<int>(std::ceil(w)), heightForWidth(static_cast<int>(std::ceil(w)))};
}

QSize SpaceLegend::minimumSizeHint() const
{
    return {60, heightForWidth(std::max(60, width()))};
}

void SpaceLegend::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const PlotColors colors = PlotColors::of(*this);
    const QFontMetricsF metrics(font());
    const double lineHeight = metrics.height() + 6.0;
    std::vector<QPointF> at;
    place(width(), &at);
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const Item& item = items_[i];
        const double y = at[i].y() + lineHeight / 2;
        double x = at[i].x();
        const auto text = [&](const QString& s, const QColor& ink) {
            const double w = metrics.horizontalAdvance(s);
            p.setPen(ink);
            p.drawText(QRectF(x, at[i].y(), w + 1, lineHeight), Qt::AlignLeft | Qt::AlignVCenter, s);
            x += w + kMarkGap;
        };
        switch (item.kind) {
        case Item::Kind::Ramp: {
            text(item.label, colors.tickText);
            text(item.low, colors.faintText);
            QLinearGradient ramp(QPointF(x, 0), QPointF(x + kRamp, 0));
            for (int s = 0; s <= 8; ++s)
                ramp.setColorAt(s / 8.0, shadeColor(s / 8.0, colors.dark));
            p.setPen(Qt::NoPen);
            p.setBrush(ramp);
            p.drawRoundedRect(QRectF(x, y - 5, kRamp, 10), 3, 3);
            x += kRamp + kMarkGap;
            text(item.high, colors.faintText);
            break;
        }
        case Item::Kind::Swatch:
            p.setPen(Qt::NoPen);
            p.setBrush(item.color);
            p.drawRoundedRect(QRectF(x + 6, y - 5, 10, 10), 2, 2);
            x += kMark + kMarkGap;
            text(item.label, colors.tickText);
            break;
        case Item::Kind::Line:
            p.setPen(QPen(item.color, 2.5, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(x + 2, y), QPointF(x + kMark - 2, y));
            x += kMark + kMarkGap;
            text(item.label, colors.tickText);
            break;
        case Item::Kind::Bars:
            p.setPen(Qt::NoPen);
            for (int b = 0; b < 3; ++b) {
                p.setBrush(shadeColor(0.35 + 0.3 * b, colors.dark));
                p.drawRect(QRectF(x + 2, y - 6 + 4 * b, 6 + 6 * b, 3.2));
            }
            x += kMark + kMarkGap;
            text(item.label, colors.tickText);
            break;
        }
    }
}

} // namespace tendril::app::space
