#include "views/space/brush_table.hpp"

#include "style/labels.hpp"
#include "style/state_style.hpp"
#include "views/space/space_axes.hpp"
#include "views/space/space_brushes.hpp"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tendril::app::space {

namespace {

enum ColumnIndex { kAxisColumn = 0, kFromColumn = 1, kToColumn = 2, kRemoveColumn = 3 };
// The list keeps one height whatever it holds: a plot that jumped when the first range appears
// would move the brush under the pointer.
constexpr int kRowsShown = 2;
constexpr int kRangeRole = Qt::UserRole + 1;  // the item's range index in the brush

} // namespace

BrushTable::BrushTable(QWidget* parent)
    : QWidget(parent), table_(new QTableWidget(this)), placeholder_(new QLabel(table_->viewport())), error_(new QLabel(this))
{
    setObjectName(QStringLiteral("spaceBrushTable"));
    table_->setObjectName(QStringLiteral("spaceBrushList"));
    table_->setColumnCount(4);
    table_->setHorizontalHeaderLabels({tr("Axis"), tr("From"), tr("To"), QString()});
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->hide();  // the panel's caption says what the rows are
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 10);
    table_->setShowGrid(false);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setFocusPolicy(Qt::ClickFocus);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked
                            | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table_->horizontalHeader()->setSectionResizeMode(kAxisColumn, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(kFromColumn, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(kToColumn, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(kRemoveColumn, QHeaderView::Fixed);
    table_->horizontalHeader()->resizeSection(kRemoveColumn, 28);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table_->setToolTip(tr("The brushed ranges as numbers: double-click a value to type another.\n"
                          "Categorical ranges take category names separated by commas."));
    placeholder_->setObjectName(QStringLiteral("spaceBrushPlaceholder"));
    placeholder_->setText(tr("Drag along an axis to brush a range"));
    placeholder_->setToolTip(tr("Brushed ranges show here as numbers you can edit"));
    placeholder_->setWordWrap(true);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    auto* placeholderLayout = new QVBoxLayout(table_->viewport());
    placeholderLayout->setContentsMargins(4, 0, 4, 0);
    placeholderLayout->addWidget(placeholder_);
    error_->setObjectName(QStringLiteral("spaceBrushError"));
    error_->setWordWrap(true);
    QPalette warning = error_->palette();
    warning.setColor(QPalette::WindowText, stateColor(TrialState::Failed));
    error_->setPalette(warning);
    error_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(table_);
    layout->addWidget(error_);
    connect(table_, &QTableWidget::itemChanged, this, &BrushTable::itemEdited);
    fitHeight();
}

void BrushTable::setContent(std::shared_ptr<const TrialTable> table, const Brush& brush)
{
    trials_ = std::move(table);
    brush_ = brush;
    filling_ = true;
    table_->clearSpans();
    table_->setRowCount(static_cast<int>(brush_.size()));
    for (std::size_t i = 0; i < brush_.size(); ++i) {
        const ColumnRange& range = brush_[i];
        const auto row = static_cast<int>(i);
        const TableColumn& column = trials_->columns()[range.column];
        auto* axis = new QTableWidgetItem(qstr(column.name));
        axis->setFlags(Qt::ItemIsEnabled);
        axis->setToolTip(qstr(column.name));
        table_->setItem(row, kAxisColumn, axis);
        if (!range.categories.empty()) {
            auto* categories = new QTableWidgetItem(rangeText(column, range));
            categories->setData(kRangeRole, static_cast<qulonglong>(i));
            categories->setToolTip(tr("Categories of %1, separated by commas").arg(qstr(column.name)));
            table_->setItem(row, kFromColumn, categories);
            table_->setItem(row, kToColumn, new QTableWidgetItem);
            table_->setSpan(row, kFromColumn, 1, 2);
        } else {
            auto* from = new QTableWidgetItem(rangeLowText(column, range));
            auto* to = new QTableWidgetItem(rangeHighText(column, range));
            from->setData(kRangeRole, static_cast<qulonglong>(i));
            to->setData(kRangeRole, static_cast<qulonglong>(i));
            from->setToolTip(QString::fromStdString(formatDouble(range.low)));
            to->setToolTip(QString::fromStdString(formatDouble(range.high)));
            table_->setItem(row, kFromColumn, from);
            table_->setItem(row, kToColumn, to);
        }
        auto* remove = new QToolButton(table_);
        remove->setObjectName(QStringLiteral("spaceRemoveRange"));
        remove->setText(QStringLiteral("✕"));
        remove->setAutoRaise(true);
        remove->setToolTip(tr("Remove this range"));
        connect(remove, &QToolButton::clicked, this, [this, i] { emit rangeRemoved(i); });
        table_->setCellWidget(row, kRemoveColumn, remove);
    }
    filling_ = false;
    placeholder_->setVisible(brush_.empty());
}

void BrushTable::fitHeight()
{
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 10);
    table_->setFixedHeight(kRowsShown * table_->verticalHeader()->defaultSectionSize() + 4);
}

void BrushTable::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitHeight();
}

QString BrushTable::errorText() const
{
    return error_->isVisible() ? error_->text() : QString();
}

void BrushTable::showError(const QString& message)
{
    error_->setText(message);
    error_->setVisible(!message.isEmpty());
}

void BrushTable::itemEdited(QTableWidgetItem* item)
{
    if (filling_ || !trials_ || !item->data(kRangeRole).isValid())
        return;
    const auto index = static_cast<std::size_t>(item->data(kRangeRole).toULongLong());
    if (index >= brush_.size())
        return;
    const ColumnRange& old = brush_[index];
    const TableColumn& column = trials_->columns()[old.column];
    Brush replacement;
    if (!old.categories.empty()) {
        const ParsedCategories parsed = parseCategories(column, item->text());
        if (!parsed.error.isEmpty()) {
            showError(QStringLiteral("⚠ ") + parsed.error);
            setContent(trials_, brush_);
            return;
        }
        replacement = categoryRuns(old.column, parsed.indexes);
    } else {
        // An unchanged text is the rounded value shown: keep the exact one behind it.
        const bool low = item->column() == kFromColumn;
        if (item->text() == (low ? rangeLowText(column, old) : rangeHighText(column, old)))
            return;
        const ParsedNumber parsed = parseNumber(item->text());
        if (!parsed.value) {
            showError(QStringLiteral("⚠ %1 %2: %3").arg(qstr(column.name), low ? tr("from") : tr("to"), parsed.error));
            setContent(trials_, brush_);
            return;
        }
        ColumnRange range = old;
        (low ? range.low : range.high) = *parsed.value;
        if (range.low > range.high)
            std::swap(range.low, range.high);
        replacement = {range};
    }
    showError({});
    emit rangeEdited(index, replacement);
}

} // namespace tendril::app::space
