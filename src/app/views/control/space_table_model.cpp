#include "views/control/space_table_model.hpp"

#include "style/labels.hpp"
#include "views/control/control_colors.hpp"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

namespace tendril::app {

namespace {

SpaceColumn columnOf(const QModelIndex& index)
{
    return static_cast<SpaceColumn>(index.column());
}

QString typeName(ParamType type)
{
    return qstr(toString(type));
}

} // namespace

SpaceTableModel::SpaceTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SpaceTableModel::setRows(std::vector<SpaceRow> rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    recheck();
    endResetModel();
    emit edited();
}

void SpaceTableModel::recheck()
{
    issues_.clear();
    for (std::size_t i = 0; i < rows_.size(); ++i)
        issues_.push_back(rowIssues(rows_, i));
}

std::tuple<int, SpaceColumn, std::string> SpaceTableModel::firstIssue() const
{
    for (std::size_t row = 0; row < issues_.size(); ++row) {
        for (int c = 0; c < kSpaceColumnCount; ++c)
            for (const CellIssue& issue : issues_[row])
                if (issue.column == static_cast<SpaceColumn>(c))
                    return {static_cast<int>(row), issue.column, issue.message};
    }
    return {-1, SpaceColumn::Name, {}};
}

std::string SpaceTableModel::issueAt(int row, SpaceColumn column) const
{
    if (row < 0 || row >= static_cast<int>(issues_.size()))
        return {};
    for (const CellIssue& issue : issues_[static_cast<std::size_t>(row)])
        if (issue.column == column)
            return issue.message;
    return {};
}

int SpaceTableModel::rowOfName(const std::string& name) const
{
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].name == name)
            return static_cast<int>(i);
    return -1;
}

std::string SpaceTableModel::freeName(const std::string& base) const
{
    if (rowOfName(base) < 0)
        return base;
    for (int n = 2;; ++n) {
        const std::string candidate = base + "_" + std::to_string(n);
        if (rowOfName(candidate) < 0)
            return candidate;
    }
}

int SpaceTableModel::addRow(int row)
{
    const int at = row < 0 || row > static_cast<int>(rows_.size()) ? static_cast<int>(rows_.size()) : row;
    SpaceRow fresh;
    fresh.name = freeName("param");
    fresh.low = "0";
    fresh.high = "1";
    beginInsertRows({}, at, at);
    rows_.insert(rows_.begin() + at, std::move(fresh));
    recheck();
    endInsertRows();
    emit edited();
    return at;
}

int SpaceTableModel::duplicateRow(int row)
{
    if (row < 0 || row >= static_cast<int>(rows_.size()))
        return -1;
    SpaceRow copy = rows_[static_cast<std::size_t>(row)];
    copy.name = freeName(copy.name + "_copy");
    beginInsertRows({}, row + 1, row + 1);
    rows_.insert(rows_.begin() + row + 1, std::move(copy));
    recheck();
    endInsertRows();
    emit dataChanged(index(0, 0), index(rowCount() - 1, kSpaceColumnCount - 1));
    emit edited();
    return row + 1;
}

void SpaceTableModel::removeRowAt(int row)
{
    if (row < 0 || row >= static_cast<int>(rows_.size()))
        return;
    beginRemoveRows({}, row, row);
    rows_.erase(rows_.begin() + row);
    recheck();
    endRemoveRows();
    if (!rows_.empty())  // a duplicate name elsewhere may have become valid
        emit dataChanged(index(0, 0), index(rowCount() - 1, kSpaceColumnCount - 1));
    emit edited();
}

bool SpaceTableModel::applies(int row, SpaceColumn column) const
{
    const bool categorical = rows_[static_cast<std::size_t>(row)].type == ParamType::Categorical;
    switch (column) {
    case SpaceColumn::Name:
    case SpaceColumn::Type: return true;
    case SpaceColumn::Choices: return categorical;
    default: return !categorical;
    }
}

int SpaceTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int SpaceTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : kSpaceColumnCount;
}

QVariant SpaceTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const SpaceRow& row = rows_[static_cast<std::size_t>(index.row())];
    const SpaceColumn column = columnOf(index);
    const bool applicable = applies(index.row(), column);
    const QString issue = applicable ? qstr(issueAt(index.row(), column)) : QString();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (!applicable)
            return role == Qt::DisplayRole ? QVariant(QStringLiteral("—")) : QVariant(QString());
        switch (column) {
        case SpaceColumn::Name: return qstr(row.name);
        case SpaceColumn::Type: return typeName(row.type);
        case SpaceColumn::Low: return qstr(row.low);
        case SpaceColumn::High: return qstr(row.high);
        case SpaceColumn::Log: return {};
        case SpaceColumn::Step: return qstr(row.step);
        case SpaceColumn::Choices: return qstr(row.choices);
        }
        return {};
    case Qt::CheckStateRole:
        if (column == SpaceColumn::Log && applicable)
            return row.log ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::BackgroundRole:
        // Colours from the application's palette, asked for at every repaint: they follow the theme.
        return issue.isEmpty() ? QVariant() : QVariant(ControlColors::of(QGuiApplication::palette()).issueCell);
    case Qt::ForegroundRole:
        return applicable ? QVariant() : QVariant(ControlColors::of(QGuiApplication::palette()).notApplicable);
    case Qt::TextAlignmentRole:
        if (!applicable)
            return int(Qt::AlignCenter);
        return column == SpaceColumn::Low || column == SpaceColumn::High || column == SpaceColumn::Step
            ? int(Qt::AlignRight | Qt::AlignVCenter)
            : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (!issue.isEmpty())
            return issue;
        if (!applicable)
            return row.type == ParamType::Categorical ? tr("Categorical parameters take their values from Choices")
                                                      : tr("Only categorical parameters have choices");
        if (column == SpaceColumn::Step && row.step.empty() && row.type == ParamType::Int)
            return tr("Whole numbers: step 1");
        return {};
    case IssueRole:
        return issue;
    default:
        return {};
    }
}

bool SpaceTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !applies(index.row(), columnOf(index)))
        return false;
    SpaceRow& row = rows_[static_cast<std::size_t>(index.row())];
    const SpaceColumn column = columnOf(index);
    if (role == Qt::CheckStateRole && column == SpaceColumn::Log) {
        row.log = value.value<Qt::CheckState>() == Qt::Checked;
    } else if (role == Qt::EditRole) {
        const std::string text = value.toString().toStdString();
        switch (column) {
        case SpaceColumn::Name: row.name = text; break;
        case SpaceColumn::Type: {
            const std::optional<ParamType> type = parseParamType(text);
            if (!type)
                return false;
            row.type = *type;
            break;
        }
        case SpaceColumn::Low: row.low = text; break;
        case SpaceColumn::High: row.high = text; break;
        case SpaceColumn::Log: return false;
        case SpaceColumn::Step: row.step = text; break;
        case SpaceColumn::Choices: row.choices = text; break;
        }
    } else {
        return false;
    }
    recheck();
    // A name or a type changes what other cells (or rows, for duplicate names) say.
    if (column == SpaceColumn::Name)
        emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, kSpaceColumnCount - 1));
    else
        emit dataChanged(this->index(index.row(), 0), this->index(index.row(), kSpaceColumnCount - 1));
    emit edited();
    return true;
}

Qt::ItemFlags SpaceTableModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable;
    if (!applies(index.row(), columnOf(index)))
        return f;
    f |= Qt::ItemIsEnabled;
    if (columnOf(index) == SpaceColumn::Log)
        f |= Qt::ItemIsUserCheckable;
    else
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant SpaceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    const auto column = static_cast<SpaceColumn>(section);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case SpaceColumn::Name: return tr("Name");
        case SpaceColumn::Type: return tr("Type");
        case SpaceColumn::Low: return tr("Low");
        case SpaceColumn::High: return tr("High");
        case SpaceColumn::Log: return tr("Log");
        case SpaceColumn::Step: return tr("Step");
        case SpaceColumn::Choices: return tr("Choices");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case SpaceColumn::Name: return tr("Passed to the command as --<name> <value>");
        case SpaceColumn::Type: return tr("float, int or categorical");
        case SpaceColumn::Low:
        case SpaceColumn::High: return tr("The range, both ends included");
        case SpaceColumn::Log: return tr("Sample on a log scale (low must be above 0)");
        case SpaceColumn::Step: return tr("A grid step; empty for a continuous range (ints: 1)");
        case SpaceColumn::Choices:
            return tr("Comma-separated: relu, tanh or 16, 32, 64; \"quoted\" for text that looks like a number");
        }
    }
    return {};
}

} // namespace tendril::app
