#include "plot/flow_layout.hpp"

#include <QWidget>

#include <algorithm>
#include <vector>

namespace tendril::app::plot {

FlowLayout::FlowLayout(QWidget* parent, int horizontalSpacing, int verticalSpacing)
    : QLayout(parent), horizontalSpacing_(horizontalSpacing), verticalSpacing_(verticalSpacing)
{
}

FlowLayout::FlowLayout(int horizontalSpacing, int verticalSpacing)
    : FlowLayout(nullptr, horizontalSpacing, verticalSpacing)
{
}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void FlowLayout::insertWidget(int index, QWidget* widget)
{
    addChildWidget(widget);
    items_.insert(std::clamp<qsizetype>(index, 0, items_.size()), new QWidgetItem(widget));
    invalidate();
}

void FlowLayout::addItem(QLayoutItem* item)
{
    items_.append(item);
}

int FlowLayout::count() const
{
    return static_cast<int>(items_.size());
}

QLayoutItem* FlowLayout::itemAt(int index) const
{
    return index >= 0 && index < items_.size() ? items_[index] : nullptr;
}

QLayoutItem* FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= items_.size())
        return nullptr;
    QLayoutItem* item = items_.takeAt(index);
    invalidate();
    return item;
}

int FlowLayout::indexOf(const QWidget* widget) const
{
    for (qsizetype i = 0; i < items_.size(); ++i)
        if (items_[i]->widget() == widget)
            return static_cast<int>(i);
    return -1;
}

bool FlowLayout::givesWay(const QLayoutItem* item) const
{
    const QWidget* widget = item->widget();
    return widget && widget->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored;
}

bool FlowLayout::counts(const QLayoutItem* item) const
{
    if (!item->isEmpty())
        return true;
    const QWidget* widget = item->widget();
    return widget && std::find(hiddenForRoom_.begin(), hiddenForRoom_.end(), widget) != hiddenForRoom_.end();
}

int FlowLayout::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), nullptr);
}

QSize FlowLayout::minimumSize() const
{
    QSize size;
    for (const QLayoutItem* item : items_)
        if (!item->isEmpty() && !givesWay(item))
            size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    int width = 0, height = 0, shown = 0;
    for (const QLayoutItem* item : items_) {
        // Items that give way never ask for room.
        if (item->isEmpty() || givesWay(item))
            continue;
        width += item->sizeHint().width();
        height = std::max(height, item->sizeHint().height());
        ++shown;
    }
    const QMargins m = contentsMargins();
    return {width + std::max(0, shown - 1) * horizontalSpacing_ + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    std::vector<QWidget*> noRoom;
    arrange(rect, &noRoom);
    // Showing or hiding asks for another layout pass, which decides the same: this settles.
    std::erase_if(hiddenForRoom_, [&noRoom](const QPointer<QWidget>& widget) {
        if (!widget)
            return true;
        if (std::find(noRoom.begin(), noRoom.end(), widget.data()) != noRoom.end())
            return false;
        widget->show();
        return true;
    });
    for (QWidget* widget : noRoom)
        if (!widget->isHidden()) {
            widget->hide();
            hiddenForRoom_.emplace_back(widget);
        }
}

int FlowLayout::arrange(const QRect& rect, std::vector<QWidget*>* noRoom) const
{
    const bool measureOnly = noRoom == nullptr;
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int right = area.x() + area.width();
    struct Placed {
        QLayoutItem* item;
        QRect box;
        bool expanding;
    };
    std::vector<Placed> line;
    int y = area.y();
    int lineHeight = 0;
    int x = area.x();
    // Items of one line share its height and sit centred in it, so a label lines up with the
    // combo box beside it; expanding items share what is left at the end of the line.
    const auto finishLine = [&] {
        if (!measureOnly) {
            int used = area.x();
            int expanding = 0;
            for (const Placed& p : line) {
                used = std::max(used, p.box.x() + p.box.width());
                expanding += p.expanding ? 1 : 0;
            }
            int spare = std::max(0, right - used);
            int shift = 0;
            for (Placed& p : line) {
                p.box.translate(shift, 0);
                if (p.expanding) {
                    const int extra =
                        std::max(0, std::min(spare / expanding, p.item->maximumSize().width() - p.box.width()));
                    p.box.setWidth(p.box.width() + extra);
                    shift += extra;
                    spare -= extra;
                    --expanding;
                }
                p.box.moveTop(y + (lineHeight - p.box.height()) / 2);
                p.item->setGeometry(p.box);
            }
        }
        line.clear();
    };
    for (QLayoutItem* item : items_) {
        if (!counts(item))
            continue;
        const QSize hint = item->sizeHint();
        if (givesWay(item)) {
            // The item reports no size for this policy; the widget still knows what it would like.
            QWidget* widget = item->widget();
            const int width = std::min(widget->sizeHint().width(), right - x);
            if (width < std::max({1, widget->minimumWidth(), widget->minimumSizeHint().width()})) {
                if (noRoom)
                    noRoom->push_back(widget);
                continue;
            }
            line.push_back({item, QRect(x, y, width, widget->sizeHint().height()), false});
            x += width + horizontalSpacing_;
            continue;
        }
        const int width = std::max(std::min(hint.width(), area.width()), item->minimumSize().width());
        if (!line.empty() && x + width > right) {
            finishLine();
            x = area.x();
            y += lineHeight + verticalSpacing_;
            lineHeight = 0;
        }
        const int height = item->hasHeightForWidth() ? item->heightForWidth(width) : hint.height();
        // The widget's own policy, not what its children would like: a group holding a slider must
        // not spread out.
        const bool expanding = item->widget() && (item->widget()->sizePolicy().horizontalPolicy() & QSizePolicy::ExpandFlag);
        line.push_back({item, QRect(x, y, width, height), expanding});
        x += width + horizontalSpacing_;
        lineHeight = std::max(lineHeight, height);
    }
    finishLine();
    return y + lineHeight - rect.y() + contentsMargins().bottom();
}

} // namespace tendril::app::plot
