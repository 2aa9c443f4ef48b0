#include "views/exploration/exploration_legend.hpp"

#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "views/exploration/exploration_paint.hpp"

#include <QFontMetrics>
#include <QPainter>

namespace tendril::app::exploration {

namespace {

constexpr int kGlyph = 26;  // width of the mark before the text

} // namespace

LegendItem::LegendItem(Mark mark, const QString& text, QWidget* parent) : QWidget(parent), mark_(mark), text_(text)
{
    setFont(smallFont(font(), 0.9));
}

QSize LegendItem::sizeHint() const
{
    const QFontMetrics metrics(font());
    return {kGlyph + metrics.horizontalAdvance(text_) + 4, std::max(16, metrics.height() + 2)};
}

void LegendItem::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const PlotColors colors = PlotColors::of(*this);
    const double cy = height() / 2.0;
    const QColor good = performanceColor(0.85);
    const QColor ring = colors.dark ? mixColors(good, colors.ink, 0.45) : good.darker(150);
    switch (mark_) {
    case Mark::Final:
        p.setPen(QPen(ring, 1.0));
        p.setBrush(good);
        p.drawEllipse(QPointF(kGlyph / 2.0 - 2.0, cy), 3.5, 3.5);
        break;
    case Mark::Evaluation:
        p.setPen(QPen(ring, 0.8));
        p.setBrush(performanceColor(0.45));
        p.drawEllipse(QPointF(kGlyph / 2.0 - 2.0, cy), 2.0, 2.0);
        break;
    case Mark::History: {
        QPen pen(historyLineColor(colors), 1.0, Qt::CustomDashLine);
        pen.setDashPattern({3.6, 3.0});
        p.setPen(pen);
        p.drawLine(QPointF(2.0, cy), QPointF(kGlyph - 6.0, cy));
        break;
    }
    case Mark::Mutation:
        p.setPen(QPen(mutationLineColor(colors), 1.2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(linkPath(QPointF(2.0, cy + 4.0), QPointF(kGlyph - 6.0, cy - 4.0)));
        break;
    case Mark::Context: {
        QColor fill = colors.context;
        fill.setAlpha(150);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawEllipse(QPointF(kGlyph / 2.0 - 2.0, cy), 3.0, 3.0);
        break;
    }
    }
    p.setPen(colors.tickText);
    p.drawText(QRect(kGlyph, 0, width() - kGlyph, height()), Qt::AlignLeft | Qt::AlignVCenter, text_);
}

} // namespace tendril::app::exploration
