#include "views/curves/curves_legend.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"
#include "views/curves/curve_text.hpp"

#include <QGuiApplication>
#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <QStyle>

#include <algorithm>
#include <cmath>

namespace tendril::app::curves {

namespace {

constexpr int kSortRole = Qt::UserRole + 2;
// Rows whose text sizes the columns, and the room between two columns.
constexpr int kRowsMeasured = 64;
constexpr int kColumnGap = 8;

// A short line in the trial's colour; dashed for a PBT child whose parent is drawn too.
QIcon swatch(const QColor& color, bool dashed, bool hasCurve, qreal ratio)
{
    const QSize size(18, 12);
    QPixmap pixmap(size * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(hasCurve ? color : QGuiApplication::palette().color(QPalette::Mid), 2.4);
    pen.setCapStyle(Qt::RoundCap);
    if (dashed) {
        QPen dash(color, 1.4);
        dash.setDashPattern({2.0, 1.5});
        painter.setPen(dash);
        painter.drawLine(QPointF(2, 6), QPointF(8, 6));
        painter.setPen(pen);
        painter.drawLine(QPointF(9, 6), QPointF(16, 6));
    } else {
        painter.setPen(pen);
        painter.drawLine(QPointF(2, 6), QPointF(16, 6));
    }
    return QIcon(pixmap);
}

// Sorts numbers as numbers (NaN last) and ids by trial number, not as text.
class LegendItem : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;

    bool operator<(const QTreeWidgetItem& other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        const QVariant a = data(column, kSortRole);
        const QVariant b = other.data(column, kSortRole);
        if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double) {
            const double x = a.toDouble();
            const double y = b.toDouble();
            if (std::isnan(x) || std::isnan(y))
                return !std::isnan(x) && std::isnan(y);
            return x < y;
        }
        return QTreeWidgetItem::operator<(other);
    }
};

} // namespace

CurvesLegend::CurvesLegend(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("curvesLegend"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    // itemEntered needs the mouse tracked where the rows are.
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    // Rows start in the set's order (best first); a header's default indicator would reverse it.
    header()->setSortIndicator(TrialColumn, Qt::AscendingOrder);
    setSortingEnabled(true);
    setIconSize(QSize(18, 12));
    header()->setStretchLastSection(true);
    header()->setHighlightSections(false);
    // Widths come from sizeColumns, not ResizeToContents: that asks every row's delegate for its
    // size at each change, which for 200 selected trials was most of the selection's time.
    header()->setSectionResizeMode(QHeaderView::Interactive);
    setFrameShape(QFrame::NoFrame);

    connect(this, &QTreeWidget::itemEntered, this, [this](QTreeWidgetItem* item) {
        const TrialKey key = item->data(TrialColumn, KeyRole).toULongLong();
        if (hovered_ == key)
            return;
        hovered_ = key;
        emit trialHovered(key);
    });
    connect(this, &QAbstractItemView::viewportEntered, this, [this] {
        if (!hovered_)
            return;
        hovered_.reset();
        emit trialHovered(std::nullopt);
    });
}

void CurvesLegend::setCurves(const CurveSet& curves, const TrialTable& table)
{
    const int sortColumn = header()->sortIndicatorSection();
    const Qt::SortOrder sortOrder = header()->sortIndicatorOrder();
    setSortingEnabled(false);
    clear();
    hovered_.reset();

    QStringList labels{tr("Trial"), tr("Study")};
    for (std::size_t m = 0; m < curves.metrics().size(); ++m)
        labels << metricTitle(curves, m);
    setColumnCount(static_cast<int>(labels.size()));
    setHeaderLabels(labels);
    setColumnHidden(StudyColumn, !curves.colorByStudy);
    headerItem()->setToolTip(TrialColumn, tr("Trial id; a dashed swatch marks a PBT child drawn with its parent"));
    for (std::size_t m = 0; m < curves.metrics().size(); ++m)
        headerItem()->setToolTip(FirstMetricColumn + static_cast<int>(m),
                                 tr("Final %1 (the last report while a trial runs)").arg(qstr(curves.metrics()[m])));

    const qreal ratio = devicePixelRatioF();
    QList<QTreeWidgetItem*> items;
    items.reserve(static_cast<qsizetype>(curves.trials.size()));
    for (std::size_t i = 0; i < curves.trials.size(); ++i) {
        const CurveTrial& t = curves.trials[i];
        const Trial& trial = table.trial(t.row);
        auto* item = new LegendItem();
        item->setText(TrialColumn, qstr(t.id));
        item->setIcon(TrialColumn, swatch(t.color, t.parent.has_value(), t.hasCurve(), ratio));
        item->setData(TrialColumn, KeyRole, QVariant::fromValue<qulonglong>(t.key));
        item->setData(TrialColumn, kSortRole, static_cast<double>(i));  // legend order by default
        QString tip = QStringLiteral("%1 · %2").arg(qstr(t.id), stateLabel(trial.state).toLower());
        if (!trial.parent.empty())
            tip += tr("\ncontinues %1").arg(qstr(trial.parent))
                + (trial.startStep ? tr(" from step %1").arg(formatCompact(*trial.startStep)) : QString());
        if (!t.hasCurve())
            tip += curves.request.xAxis == CurveXAxis::WallTime ? tr("\nno curve with wall time for these metrics")
                                                               : tr("\nno curve for these metrics");
        item->setToolTip(TrialColumn, tip);
        item->setText(StudyColumn, qstr(table.study(t.study).name));
        for (std::size_t m = 0; m < t.finals.size(); ++m) {
            const int column = FirstMetricColumn + static_cast<int>(m);
            item->setText(column, std::isnan(t.finals[m]) ? QStringLiteral("–") : formatCompact(t.finals[m]));
            item->setToolTip(column, formatExact(t.finals[m]));
            item->setData(column, kSortRole, t.finals[m]);
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        }
        if (!t.hasCurve())
            for (int c = 0; c < columnCount(); ++c)
                item->setForeground(c, palette().color(QPalette::PlaceholderText));
        items << item;
    }
    addTopLevelItems(items);
    setSortingEnabled(true);
    // A sort the user chose survives new curves; by default (the trial column) rows keep the
    // set's order, best first.
    if (sortColumn > 0 && sortColumn < columnCount())
        sortItems(sortColumn, sortOrder);
    else
        sortItems(TrialColumn, sortColumn == TrialColumn ? sortOrder : Qt::AscendingOrder);

    sizeColumns();

    const std::optional<TrialKey> keep = highlighted_;
    highlighted_.reset();
    setHighlighted(keep);
}

void CurvesLegend::sizeColumns()
{
    // The first rows in the shown order are the sample: ids and compact numbers of one legend are
    // much alike in length, and a longer one is elided with its full text in the tooltip.
    const int sample = std::min(topLevelItemCount(), kRowsMeasured);
    const QFontMetrics text(font());
    const QFontMetrics headerText(header()->font());
    const int cellMargin = 2 * (style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1);
    const int headerMargin = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this)
        + style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, this);
    for (int c = 0; c < columnCount(); ++c) {
        int width = 0;
        for (int r = 0; r < sample; ++r)
            width = std::max(width, text.horizontalAdvance(topLevelItem(r)->text(c)));
        width += cellMargin;
        if (c == TrialColumn)
            width += iconSize().width() + cellMargin / 2;
        width = std::max(width, headerText.horizontalAdvance(headerItem()->text(c)) + headerMargin);
        header()->resizeSection(c, width + kColumnGap);
    }
}

void CurvesLegend::changeEvent(QEvent* event)
{
    QTreeWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        sizeColumns();
}

QTreeWidgetItem* CurvesLegend::itemFor(TrialKey key) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->data(TrialColumn, KeyRole).toULongLong() == key)
            return topLevelItem(i);
    return nullptr;
}

void CurvesLegend::setHighlighted(std::optional<TrialKey> key)
{
    if (key == highlighted_)
        return;
    if (highlighted_)
        if (QTreeWidgetItem* old = itemFor(*highlighted_))
            paintHighlight(old, false);
    highlighted_ = key;
    if (!key)
        return;
    if (QTreeWidgetItem* item = itemFor(*key)) {
        paintHighlight(item, true);
        // Scrolling under the mouse would move the row away from it: only for hovers from elsewhere.
        if (hovered_ != key)
            scrollToItem(item, QAbstractItemView::EnsureVisible);
    }
}

void CurvesLegend::paintHighlight(QTreeWidgetItem* item, bool on)
{
    for (int c = 0; c < columnCount(); ++c)
        item->setBackground(c, on ? QBrush(PlotColors::of(*this).hoverBackground) : QBrush());
}

void CurvesLegend::leaveEvent(QEvent* event)
{
    QTreeWidget::leaveEvent(event);
    if (!hovered_)
        return;
    hovered_.reset();
    emit trialHovered(std::nullopt);
}

} // namespace tendril::app::curves
