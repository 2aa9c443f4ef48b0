#include "views/exploration/exploration_view.hpp"

#include "plot/elided_label.hpp"
#include "plot/flow_layout.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "views/exploration/color_range_bar.hpp"
#include "views/exploration/exploration_canvas.hpp"
#include "views/exploration/exploration_legend.hpp"
#include "views/exploration/exploration_paint.hpp"
#include "views/exploration/exploration_text.hpp"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace tendril::app {

using namespace exploration;

namespace {

// Resizes of the scroll area's viewport lay the canvas out again for the new width.
class ViewportWidthWatcher : public QObject {
public:
    ViewportWidthWatcher(QWidget* viewport, std::function<void()> onResize)
        : QObject(viewport), onResize_(std::move(onResize))
    {
        viewport->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Resize)
            onResize_();
        return false;
    }

private:
    std::function<void()> onResize_;
};

QLabel* faintLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A caption and its control, kept together when the toolbar wraps.
QWidget* captioned(QLabel* caption, std::initializer_list<QWidget*> controls, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(caption);
    for (QWidget* control : controls)
        layout->addWidget(control);
    return box;
}

} // namespace

ExplorationView::ExplorationView(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      pages_(new QStackedWidget(this)),
      placeholder_(new QLabel(this)),
      title_(new QLabel(tr("Exploration overview"), this)),
      subtitle_(new plot::ElidedLabel(this)),
      studyChooser_(new QComboBox(this)),
      studyCaption_(new QLabel(tr("Study"), this)),
      colorCaption_(new QLabel(this)),
      colorRange_(new ColorRangeBar(this)),
      resetRange_(new QToolButton(this)),
      status_(new plot::ElidedLabel(this)),
      scroll_(new QScrollArea(this)),
      canvas_(new ExplorationCanvas)
{
    setObjectName(QStringLiteral("explorationView"));

    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setWeight(QFont::DemiBold);
    title_->setFont(titleFont);
    subtitle_->setObjectName(QStringLiteral("explorationSubtitle"));
    subtitle_->setForegroundRole(QPalette::PlaceholderText);

    studyChooser_->setObjectName(QStringLiteral("explorationStudy"));
    studyChooser_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    studyChooser_->setMinimumContentsLength(14);
    studyChooser_->setToolTip(tr("Compare the shown studies side by side, one column each with the same "
                                 "hyperparameter on each row, or give one study the whole view"));
    colorCaption_->setToolTip(colorRange_->toolTip());
    colorRange_->setMinimumWidth(150);
    resetRange_->setObjectName(QStringLiteral("explorationResetRange"));
    resetRange_->setText(tr("Whole range"));
    resetRange_->setAutoRaise(true);
    resetRange_->setToolTip(tr("Colour the whole range of values again (double-clicking the bar does it too)"));
    resetRange_->hide();
    status_->setObjectName(QStringLiteral("explorationStatus"));
    status_->setForegroundRole(QPalette::PlaceholderText);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(10);
    titleRow->addWidget(title_);
    titleRow->addWidget(subtitle_, 1);

    auto* controls = new plot::FlowLayout(16, 6);
    controls->addWidget(captioned(studyCaption_, {studyChooser_}, this));
    controls->addWidget(captioned(colorCaption_, {colorRange_, resetRange_}, this));
    controls->addWidget(status_);

    auto* legend = new plot::FlowLayout(14, 2);
    const std::pair<LegendItem::Mark, QString> marks[] = {
        {LegendItem::Mark::Final, tr("last evaluation")},
        {LegendItem::Mark::Evaluation, tr("earlier evaluation")},
        {LegendItem::Mark::History, tr("survivor's history")},
        {LegendItem::Mark::Mutation, tr("mutation from its parent")},
        {LegendItem::Mark::Context, tr("filtered out elsewhere")},
    };
    for (const auto& [mark, text] : marks) {
        auto* item = new LegendItem(mark, text, this);
        legend_.push_back(item);
        legend->addWidget(item);
    }
    auto* hint = faintLabel(tr("Hover a point to trace its lineage · click selects, Ctrl adds"), this);
    hint->setFont(smallFont(font(), 0.9));
    legend->addWidget(hint);

    auto* header = new QWidget(this);
    header->setObjectName(QStringLiteral("explorationHeader"));
    auto* headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(12, 10, 12, 6);
    headerLayout->setSpacing(6);
    headerLayout->addLayout(titleRow);
    headerLayout->addLayout(controls);
    headerLayout->addLayout(legend);

    placeholder_->setObjectName(QStringLiteral("explorationPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    placeholder_->setMargin(24);

    scroll_->setObjectName(QStringLiteral("explorationScroll"));
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setWidgetResizable(false);
    scroll_->setWidget(canvas_);
    new ViewportWidthWatcher(scroll_->viewport(), [this] { fitCanvas(); });

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(header);
    contentLayout->addWidget(scroll_, 1);
    pages_->addWidget(placeholder_);
    pages_->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);

    connect(studyChooser_, &QComboBox::currentIndexChanged, this, [this] {
        chosenStudy_ = studyChooser_->currentData().toString();
        applyShownStudies();
    });
    connect(colorRange_, &ColorRangeBar::rangeEdited, this, [this](ColorRange range) {
        canvas_->setColorRange(range);
        resetRange_->setVisible(!colorRange_->isWholeExtent());
    });
    connect(resetRange_, &QToolButton::clicked, colorRange_, &ColorRangeBar::resetRange);
    connect(canvas_, &ExplorationCanvas::hoverEdited, this, [this](std::optional<std::size_t> row) {
        SelectionHub& hub = session_.hub();
        const auto& table = hub.table();
        hub.setHovered(row && table && *row < table->rows() ? std::optional<TrialKey>(table->key(*row)) : std::nullopt);
    });
    connect(canvas_, &ExplorationCanvas::clicked, this, &ExplorationView::clickedRow);

    SelectionHub& hub = session_.hub();
    // Each change passed on whole, the canvas starts drawing it at once.
    connect(&hub, &SelectionHub::tableChanged, this, [this] {
        rebuild();
        canvas_->drawChanges();
    });
    connect(&hub, &SelectionHub::filterChanged, this, [this](const QString& source) {
        if (source == kSource)
            return;
        applyFilter();
        canvas_->drawChanges();
    });
    connect(&hub, &SelectionHub::selectionChanged, this, [this] {
        applySelection();
        canvas_->drawChanges();
    });
    connect(&hub, &SelectionHub::hoverChanged, this, &ExplorationView::applyHover);
    connect(&session_, &ProjectSession::loadingChanged, this, [this] {
        updatePlaceholder();
        updateHeader();
    });
    rebuild();
}

ExplorationView::~ExplorationView() = default;

void ExplorationView::rebuild()
{
    data_ = std::make_shared<const ExplorationData>(session_.hub().table());
    {
        const QSignalBlocker blocker(studyChooser_);
        studyChooser_->clear();
        studyChooser_->addItem(tr("All side by side"), QString());
        for (const StudyTrack& track : data_->tracks())
            studyChooser_->addItem(track.name, track.name);
        const int kept = studyChooser_->findData(chosenStudy_);
        studyChooser_->setCurrentIndex(kept >= 0 ? kept : 0);
        chosenStudy_ = studyChooser_->currentData().toString();
    }
    const bool several = data_->tracks().size() > 1;
    studyChooser_->parentWidget()->setVisible(several);

    colorCaption_->setText(data_->metric().isEmpty() ? tr("Colour") : tr("Colour by %1").arg(data_->metric()));
    colorRange_->setExtent(data_->valueExtent(), data_->direction());
    resetRange_->setVisible(!colorRange_->isWholeExtent() && data_->valueExtent().has_value());
    canvas_->setData(data_);
    canvas_->setColorRange(colorRange_->range());
    applyShownStudies();
    applyFilter();
    applySelection();
    applyHover();
    updatePlaceholder();
}

void ExplorationView::applyShownStudies()
{
    std::vector<std::size_t> tracks;
    for (std::size_t t = 0; t < data_->tracks().size(); ++t)
        if (chosenStudy_.isEmpty() || data_->tracks()[t].name == chosenStudy_)
            tracks.push_back(t);
    canvas_->setShownTracks(std::move(tracks));
    fitCanvas();
    updateHeader();
}

void ExplorationView::fitCanvas()
{
    canvas_->fitViewport(scroll_->viewport()->size());
}

void ExplorationView::applyFilter()
{
    const SelectionHub& hub = session_.hub();
    canvas_->setVisibleRows(hub.table() ? hub.visible(kSource) : std::vector<char>{});
    updateHeader();
}

void ExplorationView::applySelection()
{
    const SelectionHub& hub = session_.hub();
    std::vector<char> selected(hub.table() ? hub.table()->rows() : 0, 0);
    for (const TrialKey key : hub.selection())
        if (const auto row = hub.table()->rowOf(key))
            selected[*row] = 1;
    canvas_->setSelectedRows(std::move(selected));
    updateHeader();
}

void ExplorationView::applyHover()
{
    const SelectionHub& hub = session_.hub();
    canvas_->setHoveredRow(hub.hovered() && hub.table() ? hub.table()->rowOf(*hub.hovered()) : std::nullopt);
}

void ExplorationView::clickedRow(std::optional<std::size_t> row, Qt::KeyboardModifiers modifiers)
{
    SelectionHub& hub = session_.hub();
    const bool adding = modifiers & (Qt::ControlModifier | Qt::MetaModifier);
    if (!row || !hub.table() || *row >= hub.table()->rows()) {
        if (!adding)
            hub.clearSelection();
        return;
    }
    const TrialKey key = hub.table()->key(*row);
    if (!adding) {
        hub.setSelection({key});
        return;
    }
    std::set<TrialKey> next = hub.selection();
    if (!next.erase(key))
        next.insert(key);
    hub.setSelection(std::move(next));
}

void ExplorationView::updateHeader()
{
    if (!data_)
        return;
    const std::vector<std::size_t>& shown = canvas_->shownTracks();
    if (shown.size() == 1)
        subtitle_->setFullText(QStringLiteral("%1 · %2").arg(data_->tracks()[shown.front()].name,
                                                               trackSummary(data_->tracks()[shown.front()])));
    else
        subtitle_->setFullText(tr("%1 studies side by side").arg(shown.size()));

    // The key shows only the marks the shown studies draw.
    bool histories = false, mutations = false;
    for (const std::size_t t : shown) {
        const Lineage& lineage = data_->tracks()[t].lineage;
        for (const TrialLineage& trial : lineage.trials())
            histories = histories || trial.history.size() > 1;
        for (const LineageLink& link : lineage.links())
            (link.kind == LinkKind::Mutation ? mutations : histories) = true;
    }
    // Counts of the studies drawn, which may be one of those shown.
    const SelectionHub& hub = session_.hub();
    std::size_t rows = 0, hidden = 0, selected = 0;
    if (const TrialTable* table = hub.table().get()) {
        std::vector<char> drawn(table->studyCount(), 0);
        for (const std::size_t t : shown)
            drawn[data_->tracks()[t].studyIndex] = 1;
        const std::vector<char>& visible = hub.visible(kSource);
        for (std::size_t row = 0; row < table->rows(); ++row) {
            if (!drawn[table->studyOf(row)])
                continue;
            ++rows;
            hidden += !visible[row];
            selected += hub.isSelected(table->key(row));
        }
    }
    for (LegendItem* item : legend_) {
        switch (item->mark()) {
        case LegendItem::Mark::Evaluation:
        case LegendItem::Mark::History: item->setVisible(histories); break;
        case LegendItem::Mark::Mutation: item->setVisible(mutations); break;
        case LegendItem::Mark::Context: item->setVisible(hidden > 0); break;
        case LegendItem::Mark::Final: break;
        }
    }

    QStringList parts;
    parts << tr("%1 trials").arg(rows);
    if (hidden > 0)
        parts << tr("%1 filtered out elsewhere").arg(hidden);
    if (selected > 0)
        parts << tr("%1 selected").arg(selected);
    if (session_.curvesLoading())
        parts << tr("learning curves loading…");
    status_->setFullText(parts.join(QStringLiteral(" · ")));
    status_->setToolTip(session_.curvesLoading()
                            ? tr("Evaluations at earlier rungs and generations are read from the learning curves; "
                                 "they appear when the curves are in")
                            : QString());
}

void ExplorationView::updatePlaceholder()
{
    const TrialTable* table = session_.hub().table().get();
    QString text;
    if (session_.loading() && (!table || table->rows() == 0))
        text = tr("Loading the shown studies…");
    else if (!table || table->studyCount() == 0)
        text = tr("Show one or more studies to see how their search algorithms explored each hyperparameter");
    else if (table->rows() == 0)
        text = tr("The shown studies have no trials yet");
    placeholder_->setText(text);
    pages_->setCurrentIndex(text.isEmpty() ? 1 : 0);
    if (text.isEmpty())
        fitCanvas();
}

bool ExplorationView::showsPlaceholder() const
{
    return pages_->currentWidget() == placeholder_;
}

QString ExplorationView::placeholderText() const
{
    return showsPlaceholder() ? placeholder_->text() : QString();
}

QString ExplorationView::statusText() const
{
    return status_->fullText();
}

} // namespace tendril::app
