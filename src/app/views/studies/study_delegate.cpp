#include "views/studies/study_delegate.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/state_style.hpp"
#include "views/studies/studies_model.hpp"

#include <QPainter>
#include <QPainterPath>

namespace tendril::app {

namespace {

constexpr int kMargin = 6;      // around the card
constexpr int kPadding = 10;    // inside the card
constexpr int kIndent = 16;     // per refinement level
constexpr int kBarHeight = 4;
constexpr int kLineGap = 3;

const QColor kMuted(0x6b, 0x72, 0x80);
const QColor kHover(0xee, 0xf1, 0xf5);
const QColor kBarBackground(0xe4, 0xe7, 0xec);

void drawStateBar(QPainter* painter, const QRectF& bar, const QList<qint64>& counts, qint64 total)
{
    QPainterPath clip;
    clip.addRoundedRect(bar, kBarHeight / 2.0, kBarHeight / 2.0);
    painter->save();
    painter->setClipPath(clip);
    painter->fillRect(bar, kBarBackground);
    if (total > 0) {
        qreal x = bar.left();
        for (int i = 0; i < counts.size() && i < kTrialStateCount; ++i) {
            const qreal width = bar.width() * static_cast<qreal>(counts[i]) / static_cast<qreal>(total);
            painter->fillRect(QRectF(x, bar.top(), width, bar.height()),
                              stateColor(kAllTrialStates[static_cast<std::size_t>(i)]));
            x += width;
        }
    }
    painter->restore();
}

} // namespace

QSize StudyDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    QFont bold = option.font;
    bold.setWeight(QFont::DemiBold);
    const int lines = QFontMetrics(bold).height() + QFontMetrics(option.font).height();
    return QSize(200, kMargin + 2 * kPadding + lines + 2 * kLineGap + 2 + kBarHeight);
}

void StudyDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int depth = index.data(StudiesModel::DepthRole).toInt();
    QRectF card = QRectF(option.rect).adjusted(kMargin + depth * kIndent, kMargin / 2.0, -kMargin, -kMargin / 2.0);

    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const QPalette& palette = option.palette;
    if (selected || hovered) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? palette.color(QPalette::Highlight) : kHover);
        painter->drawRoundedRect(card, 6, 6);
    }
    if (selected) {
        painter->setBrush(palette.color(QPalette::Link));
        painter->drawRoundedRect(QRectF(card.left(), card.top() + 6, 3, card.height() - 12), 1.5, 1.5);
    }
    if (depth > 0) {  // an elbow from the parent card above
        painter->setPen(QPen(QColor(0xb8, 0xbe, 0xc9), 1.2));
        const qreal x = card.left() - kIndent / 2.0;
        const qreal y = card.top() + kPadding + QFontMetrics(option.font).height() / 2.0;
        painter->drawLine(QPointF(x, option.rect.top()), QPointF(x, y));
        painter->drawLine(QPointF(x, y), QPointF(card.left() - 2, y));
    }

    const QRectF inner = card.adjusted(kPadding + 2, kPadding, -kPadding, -kPadding);
    const QColor text = selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text);
    QFont bold = option.font;
    bold.setWeight(QFont::DemiBold);
    const QFontMetricsF fm(option.font);
    const QFontMetricsF boldMetrics(bold);

    // Line 1: name on the left, best value on the right.
    const QVariant best = index.data(StudiesModel::BestValueRole);
    const QString bestText = best.isValid() ? formatCompact(best.toDouble()) : QStringLiteral("—");
    const qreal bestWidth = boldMetrics.horizontalAdvance(bestText);
    QRectF line(inner.left(), inner.top(), inner.width(), boldMetrics.height());
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(line.adjusted(line.width() - bestWidth, 0, 0, 0), Qt::AlignRight | Qt::AlignVCenter, bestText);
    const QString name = index.data(StudiesModel::NameRole).toString();
    painter->drawText(line.adjusted(0, 0, -bestWidth - 12, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(name, Qt::ElideMiddle, line.width() - bestWidth - 12));

    // Line 2: algorithm and trials on the left, the objective on the right.
    line.translate(0, line.height() + kLineGap);
    line.setHeight(fm.height());
    painter->setFont(option.font);
    painter->setPen(selected ? text : kMuted);
    const auto direction = static_cast<Direction>(index.data(StudiesModel::DirectionRole).toInt());
    const QString objective = index.data(StudiesModel::ObjectiveRole).toString() + QLatin1Char(' ')
        + directionArrow(direction);
    const qreal objectiveWidth = fm.horizontalAdvance(objective);
    painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter, objective);
    const QString detail = QStringLiteral("%1 · %2 trials")
                               .arg(index.data(StudiesModel::AlgorithmRole).toString())
                               .arg(index.data(StudiesModel::TrialCountRole).toLongLong());
    painter->drawText(line.adjusted(0, 0, -objectiveWidth - 12, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(detail, Qt::ElideRight, line.width() - objectiveWidth - 12));

    // Line 3: how the trials ended.
    const QRectF bar(inner.left(), line.bottom() + kLineGap + 2, inner.width(), kBarHeight);
    drawStateBar(painter, bar, index.data(StudiesModel::StateCountsRole).value<QList<qint64>>(),
                 index.data(StudiesModel::TrialCountRole).toLongLong());
    painter->restore();
}

} // namespace tendril::app
