#include "views/control/space_editor.hpp"

#include "style/labels.hpp"
#include "views/control/control_colors.hpp"
#include "views/control/space_table_model.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace tendril::app {

namespace {

// The Type column is edited with a list of the three types rather than free text.
class TypeDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* combo = new QComboBox(parent);
        for (const ParamType type : {ParamType::Float, ParamType::Int, ParamType::Categorical})
            combo->addItem(qstr(toString(type)));
        // The choice is committed as soon as it is made, so the row's other cells follow at once.
        connect(combo, &QComboBox::activated, combo, [this, combo] {
            emit const_cast<TypeDelegate*>(this)->commitData(combo);
        });
        return combo;
    }

    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        static_cast<QComboBox*>(editor)->setCurrentText(index.data(Qt::EditRole).toString());
    }

    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        model->setData(index, static_cast<QComboBox*>(editor)->currentText(), Qt::EditRole);
    }
};

} // namespace

SpaceEditor::SpaceEditor(QWidget* parent)
    : QWidget(parent),
      model_(new SpaceTableModel(this)),
      table_(new QTableView(this)),
      issueLine_(new QLabel(this)),
      emptyHint_(new QLabel(this)),
      duplicateButton_(new QPushButton(tr("Duplicate"), this)),
      removeButton_(new QPushButton(tr("Remove"), this))
{
    table_->setObjectName(QStringLiteral("spaceTable"));
    table_->setModel(model_);
    table_->setItemDelegateForColumn(static_cast<int>(SpaceColumn::Type), new TypeDelegate(table_));
    table_->setSelectionBehavior(QAbstractItemView::SelectItems);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    // Colours from the palette the editor opens with: it lives in a modal dialog, so the theme
    // cannot change under it.
    const ControlColors colors = ControlColors::of(palette());
    table_->setStyleSheet(QStringLiteral("QTableView { border: 1px solid %1; }").arg(palette().color(QPalette::Mid).name()));
    table_->verticalHeader()->setDefaultSectionSize(26);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView* header = table_->horizontalHeader();
    header->setStretchLastSection(true);
    const int widths[] = {150, 100, 80, 80, 44, 64};
    for (int c = 0; c < 6; ++c)
        header->resizeSection(c, widths[c]);

    auto* add = new QPushButton(tr("Add parameter"), this);
    add->setObjectName(QStringLiteral("addParamButton"));
    duplicateButton_->setObjectName(QStringLiteral("duplicateParamButton"));
    removeButton_->setObjectName(QStringLiteral("removeParamButton"));
    connect(add, &QPushButton::clicked, this, &SpaceEditor::addRow);
    connect(duplicateButton_, &QPushButton::clicked, this, &SpaceEditor::duplicateRow);
    connect(removeButton_, &QPushButton::clicked, this, &SpaceEditor::removeRow);

    issueLine_->setObjectName(QStringLiteral("spaceIssueLine"));
    issueLine_->setWordWrap(true);
    issueLine_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.issueText.name()));
    emptyHint_->setText(tr("No parameters yet. Add the hyperparameters the command takes as --<name> <value>."));
    emptyHint_->setStyleSheet(QStringLiteral("color: %1;").arg(colors.muted.name()));
    emptyHint_->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(duplicateButton_);
    buttons->addWidget(removeButton_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(table_, 1);
    layout->addWidget(emptyHint_);
    layout->addWidget(issueLine_);
    layout->addLayout(buttons);

    connect(model_, &SpaceTableModel::edited, this, [this] {
        updateIssueLine();
        emit edited();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentChanged, this, &SpaceEditor::updateIssueLine);
    updateIssueLine();
}

void SpaceEditor::setSpace(const SearchSpace& space)
{
    std::vector<SpaceRow> rows;
    rows.reserve(space.params.size());
    for (const Param& p : space.params)
        rows.push_back(rowForParam(p));
    model_->setRows(std::move(rows));
}

std::optional<SearchSpace> SpaceEditor::space() const
{
    return model_->space();
}

QRect SpaceEditor::focusCell(int row, SpaceColumn column)
{
    const QModelIndex index = model_->index(row, static_cast<int>(column));
    table_->setCurrentIndex(index);
    table_->scrollTo(index);
    table_->setFocus();
    return table_->visualRect(index);
}

int SpaceEditor::currentRow() const
{
    const QModelIndex current = table_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void SpaceEditor::addRow()
{
    const int row = model_->addRow(currentRow() < 0 ? -1 : currentRow() + 1);
    const QModelIndex name = model_->index(row, static_cast<int>(SpaceColumn::Name));
    table_->setCurrentIndex(name);
    table_->edit(name);
}

void SpaceEditor::duplicateRow()
{
    const int row = model_->duplicateRow(currentRow());
    if (row >= 0)
        table_->setCurrentIndex(model_->index(row, static_cast<int>(SpaceColumn::Name)));
}

void SpaceEditor::removeRow()
{
    const int row = currentRow();
    model_->removeRowAt(row);
    if (model_->rowCount() > 0)
        table_->setCurrentIndex(model_->index(std::min(row, model_->rowCount() - 1), 0));
}

void SpaceEditor::updateIssueLine()
{
    const bool hasRow = currentRow() >= 0;
    duplicateButton_->setEnabled(hasRow);
    removeButton_->setEnabled(hasRow);
    emptyHint_->setVisible(model_->rowCount() == 0);
    // The current row's reasons first (that is where the user looks), else the first of the table.
    int row = currentRow();
    QStringList reasons;
    if (row >= 0)
        for (int c = 0; c < kSpaceColumnCount; ++c) {
            const std::string why = model_->issueAt(row, static_cast<SpaceColumn>(c));
            if (!why.empty())
                reasons << QStringLiteral("%1: %2").arg(qstr(spaceColumnField(static_cast<SpaceColumn>(c))), qstr(why));
        }
    if (reasons.isEmpty()) {
        const auto [first, column, why] = model_->firstIssue();
        row = first;
        if (first >= 0)
            reasons << QStringLiteral("%1: %2").arg(qstr(spaceColumnField(column)), qstr(why));
    }
    issueLine_->setVisible(!reasons.isEmpty());
    if (!reasons.isEmpty())
        issueLine_->setText(tr("Row %1 · %2").arg(row + 1).arg(reasons.join(QStringLiteral(" · "))));
}

} // namespace tendril::app
