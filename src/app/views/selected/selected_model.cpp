#include "views/selected/selected_model.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "views/selected/selected_rows.hpp"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace tendril::app::selected {

namespace {

constexpr int kNumberAlignment = int(Qt::AlignRight) | int(Qt::AlignVCenter);
constexpr int kTextAlignment = int(Qt::AlignLeft) | int(Qt::AlignVCenter);

} // namespace

SelectedTrialsModel::SelectedTrialsModel(QObject* parent)
    : QAbstractTableModel(parent), table_(std::make_shared<TrialTable>())
{
}

std::vector<SelectedTrialsModel::ColumnId> SelectedTrialsModel::columnIds(const TrialTable& table) const
{
    std::vector<ColumnId> ids;
    const auto objective = table.objectiveColumn();
    if (objective)
        ids.emplace_back(TableColumn::Kind::Metric, table.columns()[*objective].name);
    for (const TableColumn::Kind kind : {TableColumn::Kind::Metric, TableColumn::Kind::Param})
        for (std::size_t c = 0; c < table.columns().size(); ++c)
            if (table.columns()[c].kind == kind && c != objective)
                ids.emplace_back(kind, table.columns()[c].name);
    return ids;
}

void SelectedTrialsModel::buildColumns()
{
    columnIds_ = columnIds(*table_);
    columns_.clear();
    for (const auto& [kind, name] : columnIds_)
        columns_.push_back(*table_->column(kind, name));
    studyDots_.clear();
}

void SelectedTrialsModel::setContent(std::shared_ptr<const TrialTable> table, const std::vector<TrialKey>& keys)
{
    if (!table)
        table = std::make_shared<TrialTable>();
    std::vector<TrialKey> wanted;
    wanted.reserve(keys.size());
    std::unordered_set<TrialKey> seen;
    for (const TrialKey key : keys)
        if (table->rowOf(key) && seen.insert(key).second)
            wanted.push_back(key);

    if (columnIds(*table) != columnIds_ || (table->studyCount() == 0) != (table_->studyCount() == 0)) {
        // The sort follows its column by name into the new table.
        std::optional<ColumnId> sortedBy;
        if (sortColumn_ >= kFixedColumns)
            sortedBy = columnIds_[static_cast<std::size_t>(sortColumn_ - kFixedColumns)];
        beginResetModel();
        table_ = std::move(table);
        buildColumns();
        if (sortedBy) {
            const auto at = std::find(columnIds_.begin(), columnIds_.end(), *sortedBy);
            sortColumn_ = at == columnIds_.end() ? -1 : kFixedColumns + static_cast<int>(at - columnIds_.begin());
        }
        if (sortColumn_ < 0 && objectiveColumn() >= 0) {
            // Best first, as a ranking reads.
            sortColumn_ = objectiveColumn();
            const Objective* objective = table_->objective();
            sortOrder_ = objective->direction == Direction::Maximize ? Qt::DescendingOrder : Qt::AscendingOrder;
        }
        rows_ = sorted(std::move(wanted));
        if (hovered_ && !table_->rowOf(*hovered_))
            hovered_.reset();
        endResetModel();
        return;
    }
    const bool newTable = table != table_;
    // Rows leave while the table they were read from is still in place; what stays exists in both.
    removeRowsNotIn(wanted);
    table_ = std::move(table);
    buildColumns();
    reorderTo(sorted(rows_));
    insertMissing(sorted(std::move(wanted)));
    if (hovered_ && !table_->rowOf(*hovered_))
        hovered_.reset();
    if (newTable && !rows_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void SelectedTrialsModel::removeRowsNotIn(const std::vector<TrialKey>& wanted)
{
    const std::unordered_set<TrialKey> keep(wanted.begin(), wanted.end());
    for (auto end = static_cast<std::ptrdiff_t>(rows_.size()) - 1; end >= 0;) {
        if (keep.count(rows_[static_cast<std::size_t>(end)])) {
            --end;
            continue;
        }
        std::ptrdiff_t start = end;
        while (start > 0 && !keep.count(rows_[static_cast<std::size_t>(start - 1)]))
            --start;
        beginRemoveRows({}, static_cast<int>(start), static_cast<int>(end));
        rows_.erase(rows_.begin() + start, rows_.begin() + end + 1);
        endRemoveRows();
        end = start - 1;
    }
}

void SelectedTrialsModel::reorderTo(const std::vector<TrialKey>& order)
{
    if (order == rows_)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    std::unordered_map<TrialKey, int> position;
    for (std::size_t i = 0; i < order.size(); ++i)
        position.emplace(order[i], static_cast<int>(i));
    const QModelIndexList persistent = persistentIndexList();
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (const QModelIndex& old : persistent)
        moved << index(position.at(rows_[static_cast<std::size_t>(old.row())]), old.column());
    rows_ = order;
    changePersistentIndexList(persistent, moved);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void SelectedTrialsModel::insertMissing(const std::vector<TrialKey>& wanted)
{
    // rows_ is sorted like wanted and a subset of it, so it is a subsequence: walk both and insert
    // each run of keys rows_ lacks where it belongs.
    std::size_t at = 0;
    for (std::size_t j = 0; j < wanted.size();) {
        if (at < rows_.size() && rows_[at] == wanted[j]) {
            ++at;
            ++j;
            continue;
        }
        std::size_t k = j;
        while (k < wanted.size() && !(at < rows_.size() && rows_[at] == wanted[k]))
            ++k;
        beginInsertRows({}, static_cast<int>(at), static_cast<int>(at + (k - j) - 1));
        rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(at), wanted.begin() + static_cast<std::ptrdiff_t>(j),
                     wanted.begin() + static_cast<std::ptrdiff_t>(k));
        endInsertRows();
        at += k - j;
        j = k;
    }
}

double SelectedTrialsModel::sortValue(std::size_t tableRow, int column) const
{
    switch (column) {
    case StudyColumn: return static_cast<double>(table_->studyOf(tableRow));
    case TrialColumn: return static_cast<double>(table_->trial(tableRow).number);
    case StateColumn: return static_cast<double>(static_cast<int>(table_->trial(tableRow).state));
    default: return table_->columns()[columns_[static_cast<std::size_t>(column - kFixedColumns)]].values[tableRow];
    }
}

std::vector<TrialKey> SelectedTrialsModel::sorted(std::vector<TrialKey> keys) const
{
    struct Entry {
        std::size_t row;
        double value;
        TrialKey key;
    };
    std::vector<Entry> entries;
    entries.reserve(keys.size());
    for (const TrialKey key : keys) {
        const std::size_t row = *table_->rowOf(key);
        entries.push_back({row, sortColumn_ >= 0 ? sortValue(row, sortColumn_) : 0.0, key});
    }
    const bool ascending = sortOrder_ == Qt::AscendingOrder;
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
        if (sortColumn_ >= 0)
            if (const int c = compareCells(a.value, b.value, ascending); c != 0)
                return c < 0;
        return a.row < b.row;
    });
    for (std::size_t i = 0; i < entries.size(); ++i)
        keys[i] = entries[i].key;
    return keys;
}

void SelectedTrialsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount())
        return;
    sortColumn_ = column;
    sortOrder_ = order;
    reorderTo(sorted(rows_));
}

int SelectedTrialsModel::rowOf(TrialKey key) const
{
    const auto it = std::find(rows_.begin(), rows_.end(), key);
    return it == rows_.end() ? -1 : static_cast<int>(it - rows_.begin());
}

std::optional<std::size_t> SelectedTrialsModel::tableColumn(int column) const
{
    if (column < kFixedColumns || column >= columnCount())
        return std::nullopt;
    return columns_[static_cast<std::size_t>(column - kFixedColumns)];
}

int SelectedTrialsModel::objectiveColumn() const
{
    const auto objective = table_->objectiveColumn();
    return objective && !columns_.empty() && columns_.front() == *objective ? kFixedColumns : -1;
}

void SelectedTrialsModel::setHoveredKey(std::optional<TrialKey> key)
{
    if (key == hovered_)
        return;
    const std::optional<TrialKey> previous = hovered_;
    hovered_ = key;
    for (const auto& k : {previous, key})
        if (k)
            if (const int row = rowOf(*k); row >= 0)
                emit dataChanged(index(row, 0), index(row, columnCount() - 1), {Qt::BackgroundRole});
}

int SelectedTrialsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int SelectedTrialsModel::columnCount(const QModelIndex& parent) const
{
    // No shown study, no columns: a view sorting an empty model must not fix the sort column
    // before the objective is known.
    if (parent.isValid() || table_->studyCount() == 0)
        return 0;
    return kFixedColumns + static_cast<int>(columns_.size());
}

QIcon SelectedTrialsModel::studyDot(std::size_t studyIndex) const
{
    if (studyDots_.size() <= studyIndex)
        studyDots_.resize(studyIndex + 1);
    QIcon& icon = studyDots_[studyIndex];
    if (icon.isNull())
        icon = colorDot(studyColor(studyIndex));
    return icon;
}

QVariant SelectedTrialsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrialKey key = rows_[static_cast<std::size_t>(index.row())];
    const auto tableRow = table_->rowOf(key);
    if (!tableRow)
        return {};
    switch (role) {
    case KeyRole: return static_cast<qulonglong>(key);
    case SortRole: return sortValue(*tableRow, index.column());
    // Colours from the application's palette, asked for at every repaint: they follow the theme.
    case Qt::BackgroundRole:
        return hovered_ == key ? QVariant(PlotColors::of(QGuiApplication::palette()).hoverBackground) : QVariant();
    default: break;
    }
    if (index.column() < kFixedColumns)
        return fixedData(*tableRow, index.column(), role);
    return valueData(*tableRow, index.column(), role);
}

QVariant SelectedTrialsModel::fixedData(std::size_t tableRow, int column, int role) const
{
    const Trial& trial = table_->trial(tableRow);
    const Study& study = table_->study(table_->studyOf(tableRow));
    switch (column) {
    case StudyColumn:
        switch (role) {
        case Qt::DisplayRole: return qstr(study.name);
        case Qt::DecorationRole: return studyDot(table_->studyOf(tableRow));
        case Qt::ToolTipRole: return tr("%1 · %2").arg(qstr(study.name), algorithmLabel(study.algorithm.name));
        case Qt::TextAlignmentRole: return kTextAlignment;
        default: return {};
        }
    case TrialColumn:
        switch (role) {
        case Qt::DisplayRole: return qstr(trial.id);
        case Qt::ToolTipRole: return tr("Trial %1, number %2").arg(qstr(trial.id)).arg(trial.number);
        case Qt::TextAlignmentRole: return kTextAlignment;
        default: return {};
        }
    case StateColumn:
        switch (role) {
        case Qt::DisplayRole: return stateLabel(trial.state);
        case Qt::DecorationRole: return stateDot(trial.state);
        case Qt::ToolTipRole: return trial.error.empty() ? stateLabel(trial.state) : qstr(trial.error);
        case Qt::TextAlignmentRole: return kTextAlignment;
        default: return {};
        }
    default: return {};
    }
}

QString SelectedTrialsModel::cellText(std::size_t tableRow, int column, bool exact) const
{
    if (column < kFixedColumns) {
        const Trial& trial = table_->trial(tableRow);
        switch (column) {
        case StudyColumn: return qstr(table_->study(table_->studyOf(tableRow)).name);
        case TrialColumn: return qstr(trial.id);
        default: return exact ? qstr(toString(trial.state)) : stateLabel(trial.state);
        }
    }
    const TableColumn& c = table_->columns()[columns_[static_cast<std::size_t>(column - kFixedColumns)]];
    const double v = c.values[tableRow];
    const Trial& trial = table_->trial(tableRow);
    if (c.kind == TableColumn::Kind::Metric) {
        if (std::isnan(v))
            return trial.metric(c.name) ? QStringLiteral("NaN") : QString();  // reported NaN, or missing
        return exact ? formatExact(v) : formatCompact(v);
    }
    if (c.categorical)
        return qstr(c.label(v));
    if (const Value* value = trial.param(c.name); value && !value->isNull())
        return exact ? qstr(value->toString()) : formatValue(*value);
    return std::isnan(v) ? QString() : (exact ? formatExact(v) : formatCompact(v));
}

QVariant SelectedTrialsModel::valueData(std::size_t tableRow, int column, int role) const
{
    const TableColumn& c = table_->columns()[columns_[static_cast<std::size_t>(column - kFixedColumns)]];
    switch (role) {
    case Qt::DisplayRole: return cellText(tableRow, column, false);
    case Qt::ToolTipRole: {
        const QString exact = cellText(tableRow, column, true);
        return exact.isEmpty() ? QVariant() : QVariant(exact);
    }
    case Qt::TextAlignmentRole: return c.categorical ? kTextAlignment : kNumberAlignment;
    case Qt::ForegroundRole:
        return std::isnan(c.values[tableRow]) ? QVariant(QGuiApplication::palette().color(QPalette::PlaceholderText)) : QVariant();
    default: return {};
    }
}

QVariant SelectedTrialsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < kFixedColumns) {
        static const char* const kNames[] = {QT_TR_NOOP("Study"), QT_TR_NOOP("Trial"), QT_TR_NOOP("State")};
        switch (role) {
        case Qt::DisplayRole: return tr(kNames[section]);
        case Qt::TextAlignmentRole: return kTextAlignment;
        default: return {};
        }
    }
    const TableColumn& c = table_->columns()[columns_[static_cast<std::size_t>(section - kFixedColumns)]];
    const QString name = qstr(c.name);
    const bool metric = c.kind == TableColumn::Kind::Metric;
    switch (role) {
    case Qt::DisplayRole: return metric && c.direction ? name + QLatin1Char(' ') + directionArrow(*c.direction) : name;
    case Qt::TextAlignmentRole: return c.categorical ? kTextAlignment : kNumberAlignment;
    case Qt::ToolTipRole: {
        QString text = section == objectiveColumn() ? tr("Objective %1").arg(name)
            : metric                                ? tr("Metric %1").arg(name)
                                                    : tr("Parameter %1").arg(name);
        if (c.direction)
            text += QStringLiteral(": ")
                + (*c.direction == Direction::Maximize ? tr("higher is better") : tr("lower is better"));
        return text;
    }
    default: return {};
    }
}

QString SelectedTrialsModel::toCsv(const std::vector<int>& rows) const
{
    QString out;
    const int columns = columnCount();
    QStringList header;
    header << QStringLiteral("study") << QStringLiteral("trial") << QStringLiteral("state");
    for (int c = kFixedColumns; c < columns; ++c)
        header << csvCell(qstr(table_->columns()[columns_[static_cast<std::size_t>(c - kFixedColumns)]].name));
    out += header.join(u',') + u'\n';
    const auto writeRow = [&](int row) {
        const std::size_t tableRow = *table_->rowOf(rows_[static_cast<std::size_t>(row)]);
        QStringList cells;
        for (int c = 0; c < columns; ++c)
            cells << csvCell(cellText(tableRow, c, true));
        out += cells.join(u',') + u'\n';
    };
    if (rows.empty())
        for (int r = 0; r < rowCount(); ++r)
            writeRow(r);
    else
        for (const int r : rows)
            if (r >= 0 && r < rowCount())
                writeRow(r);
    return out;
}

} // namespace tendril::app::selected
