#include "style/state_style.hpp"

#include <QPainter>
#include <QPixmap>

#include <array>

namespace tendril::app {

QColor stateColor(TrialState state)
{
    switch (state) {
    case TrialState::Complete: return QColor(0x2e, 0x9d, 0x5b);
    case TrialState::Pruned: return QColor(0xe0, 0x9b, 0x1a);
    case TrialState::Failed: return QColor(0xd6, 0x45, 0x3d);
    case TrialState::Running: return QColor(0x2f, 0x6f, 0xed);
    case TrialState::Queued: return QColor(0x8a, 0x94, 0xa6);
    case TrialState::Skipped: return QColor(0xc3, 0xc9, 0xd4);
    }
    return Qt::gray;
}

QString stateLabel(TrialState state)
{
    QString word = QString::fromLatin1(toString(state).data(), static_cast<qsizetype>(toString(state).size()));
    if (!word.isEmpty())
        word[0] = word[0].toUpper();
    return word;
}

namespace {

QPixmap dotPixmap(const QColor& color, int size, qreal ratio)
{
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color.darker(115), 1.0));
    painter.setBrush(color);
    const qreal d = size * 0.56;
    painter.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d));
    return pixmap;
}

} // namespace

QIcon colorDot(const QColor& color)
{
    QIcon icon;
    for (const qreal ratio : {1.0, 2.0})
        icon.addPixmap(dotPixmap(color, 16, ratio));
    return icon;
}

QIcon stateDot(TrialState state)
{
    static std::array<QIcon, kTrialStateCount> cache;
    QIcon& icon = cache[static_cast<std::size_t>(state)];
    if (icon.isNull())
        icon = colorDot(stateColor(state));
    return icon;
}

} // namespace tendril::app
