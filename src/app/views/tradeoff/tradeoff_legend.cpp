#include "views/tradeoff/tradeoff_legend.hpp"

#include "plot/flow_layout.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "views/tradeoff/scatter_layers.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace tendril::app::tradeoff {

namespace {

const QColor kShapeColor(0x5b, 0x63, 0x73);
constexpr int kIconSize = 16;

} // namespace

TradeoffLegend::TradeoffLegend(QWidget* parent) : QWidget(parent), layout_(new plot::FlowLayout(this, 14, 4))
{
    setObjectName(QStringLiteral("tradeoffLegend"));
    layout_->setContentsMargins(0, 0, 0, 0);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    front_ = addEntry(frontIcon(), tr("Pareto front"));
    selected_ = addEntry(selectedIcon(), tr("Selected"), tr("The trials selected in any view"));
    filtered_ = addEntry(markerIcon(TrialState::Complete, QColor(0xb8, 0xbf, 0xcb)), tr("Filtered out"),
                         tr("Trials other views filter out, drawn faintly for context"));
    setFront(false, {});
}

QLabel* TradeoffLegend::addEntry(const QPixmap& icon, const QString& text, const QString& tooltip)
{
    auto* entry = new QWidget(this);
    auto* row = new QHBoxLayout(entry);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    auto* iconLabel = new QLabel(entry);
    iconLabel->setPixmap(icon);
    auto* textLabel = new QLabel(text, entry);
    textLabel->setStyleSheet(QStringLiteral("color: #3b4252;"));
    row->addWidget(iconLabel);
    row->addWidget(textLabel);
    entry->setToolTip(tooltip);
    layout_->addWidget(entry);
    return textLabel;
}

QPixmap TradeoffLegend::markerIcon(TrialState state, const QColor& color) const
{
    const qreal ratio = devicePixelRatioF();
    MarkerSprites sprites(ratio);
    QPixmap pixmap(QSize(kIconSize, kIconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    sprites.draw(p, QPointF(kIconSize / 2.0, kIconSize / 2.0), {markerShape(state), color, 8.5, {}, 0.0});
    return pixmap;
}

QPixmap TradeoffLegend::frontIcon() const
{
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(QSize(kIconSize + 12, kIconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    // Two front points and the step between them, as the plot draws a smaller-is-better x.
    const QPointF a(5, 11.5), b(22, 4.5);
    p.setPen(QPen(frontLineColor(), 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(QPolygonF{a, QPointF(b.x(), a.y()), b});
    MarkerSprites sprites(ratio);
    const MarkerLook look{MarkerShape::Disc, kShapeColor, 5.5, frontLineColor(), 1.3, false};
    sprites.draw(p, a, look);
    sprites.draw(p, b, look);
    return pixmap;
}

QPixmap TradeoffLegend::selectedIcon() const
{
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(QSize(kIconSize, kIconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    MarkerSprites sprites(ratio);
    sprites.draw(p, QPointF(kIconSize / 2.0, kIconSize / 2.0),
                 {MarkerShape::Disc, kShapeColor, 7.0, selectionRingColor(), 1.8, true});
    return pixmap;
}

void TradeoffLegend::setContent(const QStringList& studies, const std::vector<TrialState>& states)
{
    for (QWidget* w : contentEntries_)
        delete w;
    contentEntries_.clear();
    int at = 0;
    // addEntry appends; the study and state entries belong before the fixed ones.
    const auto insert = [&](QLabel* text) {
        QWidget* entry = text->parentWidget();
        delete layout_->takeAt(layout_->indexOf(entry));
        layout_->insertWidget(at++, entry);
        contentEntries_.push_back(entry);
    };
    for (qsizetype i = 0; i < studies.size(); ++i)
        insert(addEntry(markerIcon(TrialState::Complete, studyColor(static_cast<std::size_t>(i))), studies[i]));
    // A gap between the colour key and the shape key.
    if (!studies.isEmpty() && !states.empty()) {
        auto* gap = new QWidget(this);
        gap->setFixedSize(4, 1);
        layout_->insertWidget(at++, gap);
        contentEntries_.push_back(gap);
    }
    for (const TrialState state : states)
        insert(addEntry(markerIcon(state, kShapeColor), stateLabel(state)));
}

void TradeoffLegend::setFront(bool available, const QString& tooltip)
{
    front_->parentWidget()->setToolTip(tooltip);
    front_->parentWidget()->setVisible(available);
}

QStringList TradeoffLegend::entries() const
{
    QStringList out;
    for (int i = 0; i < layout_->count(); ++i) {
        QWidget* entry = layout_->itemAt(i)->widget();
        if (!entry || entry->isHidden())
            continue;
        const auto labels = entry->findChildren<QLabel*>();
        if (labels.size() == 2)
            out << labels[1]->text();
    }
    return out;
}

} // namespace tendril::app::tradeoff
