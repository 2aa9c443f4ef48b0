#include "views/tradeoff/tradeoff_legend.hpp"

#include "plot/flow_layout.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "views/tradeoff/scatter_layers.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace tendril::app::tradeoff {

namespace {

constexpr int kIconSize = 16;

// The grey of the state markers, which tell shape and not study.
QColor shapeColor(const PlotColors& colors)
{
    return colors.tickText;
}

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
    filtered_ = addEntry(filteredIcon(), tr("Filtered out"), tr("Trials other views filter out, drawn faintly for context"));
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
    textLabel->setStyleSheet(textStyle());
    row->addWidget(iconLabel);
    row->addWidget(textLabel);
    entry->setToolTip(tooltip);
    layout_->addWidget(entry);
    return textLabel;
}

QString TradeoffLegend::textStyle() const
{
    return QStringLiteral("color: %1;").arg(PlotColors::of(*this).ink.name());
}

QPixmap TradeoffLegend::markerIcon(TrialState state, const QColor& color) const
{
    const qreal ratio = devicePixelRatioF();
    MarkerSprites sprites(ratio);
    QPixmap pixmap(QSize(kIconSize, kIconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    sprites.draw(p, QPointF(kIconSize / 2.0, kIconSize / 2.0), {markerShape(state), color, 8.5, {}, 0.0, {}});
    return pixmap;
}

QPixmap TradeoffLegend::filteredIcon() const
{
    return markerIcon(TrialState::Complete, scatterColors(PlotColors::of(*this)).context);
}

QPixmap TradeoffLegend::frontIcon() const
{
    const PlotColors colors = PlotColors::of(*this);
    const QColor line = scatterColors(colors).frontLine;
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(QSize(kIconSize + 12, kIconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    // Two front points and the step between them, as the plot draws a smaller-is-better x.
    const QPointF a(5, 11.5), b(22, 4.5);
    p.setPen(QPen(line, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(QPolygonF{a, QPointF(b.x(), a.y()), b});
    MarkerSprites sprites(ratio);
    const MarkerLook look{MarkerShape::Disc, shapeColor(colors), 5.5, line, 1.3, {}};
    sprites.draw(p, a, look);
    sprites.draw(p, b, look);
    return pixmap;
}

QPixmap TradeoffLegend::selectedIcon() const
{
    const PlotColors colors = PlotColors::of(*this);
    const ScatterColors scatter = scatterColors(colors);
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(QSize(kIconSize, kIconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    MarkerSprites sprites(ratio);
    sprites.draw(p, QPointF(kIconSize / 2.0, kIconSize / 2.0),
                 {MarkerShape::Disc, shapeColor(colors), 7.0, scatter.selection, 1.8, scatter.halo});
    return pixmap;
}

QPixmap TradeoffLegend::contentIcon(const ContentIcon& icon) const
{
    return icon.study ? markerIcon(TrialState::Complete, studyColor(*icon.study))
                      : markerIcon(icon.state, shapeColor(PlotColors::of(*this)));
}

void TradeoffLegend::setContent(const QStringList& studies, const std::vector<TrialState>& states)
{
    for (QWidget* w : contentEntries_)
        delete w;
    contentEntries_.clear();
    contentIcons_.clear();
    int at = 0;
    // addEntry appends; the study and state entries belong before the fixed ones.
    const auto insert = [&](const ContentIcon& icon, const QString& text) {
        QWidget* entry = addEntry(contentIcon(icon), text)->parentWidget();
        delete layout_->takeAt(layout_->indexOf(entry));
        layout_->insertWidget(at++, entry);
        contentEntries_.push_back(entry);
        contentIcons_.emplace_back(entry, icon);
    };
    for (qsizetype i = 0; i < studies.size(); ++i)
        insert({static_cast<std::size_t>(i), TrialState::Complete}, studies[i]);
    // A gap between the colour key and the shape key.
    if (!studies.isEmpty() && !states.empty()) {
        auto* gap = new QWidget(this);
        gap->setFixedSize(4, 1);
        layout_->insertWidget(at++, gap);
        contentEntries_.push_back(gap);
    }
    for (const TrialState state : states)
        insert({std::nullopt, state}, stateLabel(state));
}

void TradeoffLegend::setFront(bool available, const QString& tooltip)
{
    front_->parentWidget()->setToolTip(tooltip);
    front_->parentWidget()->setVisible(available);
}

void TradeoffLegend::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The icons are pixmaps painted in the palette's colours: a new theme paints them again, in
    // place (the application is walking its widgets while it delivers this event).
    if (event->type() != QEvent::PaletteChange && event->type() != QEvent::StyleChange)
        return;
    const auto labelsOf = [](QWidget* entry) { return entry->findChildren<QLabel*>(); };
    labelsOf(front_->parentWidget()).value(0)->setPixmap(frontIcon());
    labelsOf(selected_->parentWidget()).value(0)->setPixmap(selectedIcon());
    labelsOf(filtered_->parentWidget()).value(0)->setPixmap(filteredIcon());
    for (const auto& [entry, icon] : contentIcons_)
        labelsOf(entry).value(0)->setPixmap(contentIcon(icon));
    const QString style = textStyle();
    for (QLabel* label : findChildren<QLabel*>())
        if (label->pixmap().isNull())
            label->setStyleSheet(style);
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
