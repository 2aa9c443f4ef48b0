#include "views/control/study_tree_delegate.hpp"

#include "style/state_style.hpp"
#include "views/control/control_colors.hpp"
#include "views/control/run_state.hpp"
#include "views/control/study_tree_model.hpp"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace tendril::app {

namespace {

constexpr int kBarHeight = 5;
constexpr int kBarWidth = 64;
constexpr int kRoomyWidth = 200;  // below it only the name and the status are drawn
constexpr int kLineGap = 3;
constexpr int kVerticalPadding = 7;
void drawStateBar(QPainter* painter, const QRectF& bar, const QList<qint64>& counts, qint64 total, const QColor& track)
{
    QPainterPath clip;
    clip.addRoundedRect(bar, kBarHeight / 2.0, kBarHeight / 2.0);
    painter->save();
    painter->setClipPath(clip);
    painter->fillRect(bar, track);
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

QString columnText(const QModelIndex& index, int column)
{
    return index.sibling(index.row(), column).data(Qt::DisplayRole).toString();
}

} // namespace

void StudyTreeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.column() != StudyTreeModel::NameColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background, selection, check box and swatch as the style lays them out (so clicks on the
    // check box land where it is drawn); the two lines of text go where the text would.
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    item.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget).adjusted(2, 0, -6, 0);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor ink = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const ControlColors colors = ControlColors::of(option.palette);
    const QColor& muted = colors.muted;
    QFont bold = option.font;
    bold.setWeight(QFont::DemiBold);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics fm(option.font);
    const int top = option.rect.top() + kVerticalPadding;

    // Line 1: the name, and the best value on the right when there is room for both.
    const bool roomy = text.width() >= kRoomyWidth;
    const QString best = roomy ? columnText(index, StudyTreeModel::BestColumn) : QString();
    const int bestWidth = roomy ? boldMetrics.horizontalAdvance(best) : -10;
    const QRect line1(text.left(), top, text.width(), boldMetrics.height());
    painter->setFont(bold);
    painter->setPen(ink);
    painter->drawText(line1, Qt::AlignRight | Qt::AlignVCenter, best);
    painter->drawText(line1.adjusted(0, 0, -bestWidth - 10, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle,
                                             line1.width() - bestWidth - 10));

    // Line 2: algorithm and status on the left, trials and their bar on the right.
    const QRect line2(text.left(), line1.bottom() + 1 + kLineGap, text.width(), fm.height());
    painter->setFont(option.font);
    const qint64 trials = index.data(StudyTreeModel::TrialCountRole).toLongLong();
    const QString count = QString::number(trials);
    const int countWidth = fm.horizontalAdvance(count);
    painter->setPen(selected ? ink : muted);
    QRect countRect(line2.right() + 1, line2.top(), 0, line2.height());
    if (roomy) {
        const QRectF bar(line2.right() - kBarWidth, line2.center().y() - kBarHeight / 2.0 + 1, kBarWidth, kBarHeight);
        drawStateBar(painter, bar, index.data(StudyTreeModel::StateCountsRole).value<QList<qint64>>(), trials,
                     colors.barTrack);
        painter->setPen(selected ? ink : muted);
        countRect = QRect(static_cast<int>(bar.left()) - 6 - countWidth, line2.top(), countWidth, line2.height());
        painter->drawText(countRect, Qt::AlignRight | Qt::AlignVCenter, count);
    }

    const auto status = static_cast<RunStatus>(index.data(StudyTreeModel::RunStatusRole).toInt());
    const QString algorithm = columnText(index, StudyTreeModel::AlgorithmColumn) + QStringLiteral(" · ");
    const int algorithmWidth = fm.horizontalAdvance(algorithm);
    const int room = countRect.left() - 8 - line2.left();
    painter->drawText(QRect(line2.left(), line2.top(), room, line2.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(algorithm, Qt::ElideRight, room));
    if (algorithmWidth + 12 < room) {
        const QColor dot = runStatusColor(status);
        const QPointF centre(line2.left() + algorithmWidth + 5, line2.center().y() + 1);
        painter->setPen(QPen(dot.darker(115), 1.0));
        // A ring for a run somewhere else: hollow, showing the row behind it.
        painter->setBrush(status == RunStatus::RunningElsewhere ? QBrush(Qt::NoBrush) : QBrush(dot));
        painter->drawEllipse(centre, 3.5, 3.5);
        // "Running" in its own colour, set apart from the canvas: deeper on light rows, lighter on dark ones.
        const QColor running = colors.dark ? dot.lighter(135) : dot.darker(120);
        painter->setPen(selected ? ink : (status == RunStatus::Running ? running : muted));
        const int left = line2.left() + algorithmWidth + 13;
        painter->drawText(QRect(left, line2.top(), room - algorithmWidth - 12, line2.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(runStatusLabel(status), Qt::ElideRight, room - algorithmWidth - 12));
    }
    painter->restore();
}

QSize StudyTreeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == StudyTreeModel::NameColumn) {
        QFont bold = option.font;
        bold.setWeight(QFont::DemiBold);
        size.setHeight(2 * kVerticalPadding + QFontMetrics(bold).height() + kLineGap + QFontMetrics(option.font).height());
    }
    return size;
}

} // namespace tendril::app
