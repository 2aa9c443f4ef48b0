#include "views/trials/trials_model.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/state_style.hpp"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
constexpr int kNumberAlignment = int(Qt::AlignRight) | int(Qt::AlignVCenter);
constexpr int kTextAlignment = int(Qt::AlignLeft) | int(Qt::AlignVCenter);

bool contains(const std::vector<std::string>& names, const std::string& name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

QString lineageText(const Trial& t)
{
    QStringList parts;
    parts << QStringLiteral("trial %1 (number %2)").arg(qstr(t.id)).arg(t.number);
    if (t.iteration)
        parts << QStringLiteral("iteration %1").arg(*t.iteration);
    if (!t.parent.empty())
        parts << QStringLiteral("parent %1").arg(qstr(t.parent));
    if (t.startStep)
        parts << QStringLiteral("from step %1").arg(formatCompact(*t.startStep));
    if (t.bracket)
        parts << QStringLiteral("bracket %1").arg(*t.bracket);
    if (t.rung)
        parts << QStringLiteral("rung %1").arg(*t.rung);
    if (t.budget)
        parts << QStringLiteral("budget %1").arg(formatCompact(*t.budget));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

TrialsModel::TrialsModel(QObject* parent) : QAbstractTableModel(parent) {}

void TrialsModel::setStudy(std::shared_ptr<const Study> study)
{
    beginResetModel();
    study_ = std::move(study);
    params_.clear();
    metrics_.clear();
    best_ = nullptr;
    if (study_) {
        for (const Param& p : study_->space.params)
            params_.push_back(p.name);
        if (!study_->objective.metric.empty())
            metrics_.push_back(study_->objective.metric);
        for (const MetricSpec& m : study_->metrics)
            if (!contains(metrics_, m.name))
                metrics_.push_back(m.name);
        // Whatever the trials report beyond the declaration still gets a column.
        for (const Trial& t : study_->trials) {
            for (const auto& [name, value] : t.params)
                if (!contains(params_, name))
                    params_.push_back(name);
            for (const auto& [name, value] : t.metrics)
                if (!contains(metrics_, name))
                    metrics_.push_back(name);
        }
        best_ = study_->bestTrial();
    }
    endResetModel();
}

TrialsModel::ColumnKind TrialsModel::columnKind(int column) const
{
    switch (column) {
    case IdColumn: return ColumnKind::Id;
    case NumberColumn: return ColumnKind::Number;
    case StateColumn: return ColumnKind::State;
    default: return column < kFixedColumns + static_cast<int>(metrics_.size()) ? ColumnKind::Metric : ColumnKind::Param;
    }
}

QString TrialsModel::columnName(int column) const
{
    if (column < kFixedColumns || column >= columnCount())
        return {};
    switch (columnKind(column)) {
    case ColumnKind::Metric: return qstr(metrics_[static_cast<std::size_t>(column - kFixedColumns)]);
    case ColumnKind::Param: {
        const auto param = static_cast<std::size_t>(column - kFixedColumns) - metrics_.size();
        return param < params_.size() ? qstr(params_[param]) : QString();
    }
    default: return {};
    }
}

int TrialsModel::columnOf(ColumnKind kind, const QString& name) const
{
    const std::string key = name.toStdString();
    if (kind == ColumnKind::Param || kind == ColumnKind::Metric) {
        const auto& names = kind == ColumnKind::Param ? params_ : metrics_;
        const auto it = std::find(names.begin(), names.end(), key);
        if (it == names.end())
            return -1;
        const int offset = kind == ColumnKind::Metric ? kFixedColumns : kFixedColumns + static_cast<int>(metrics_.size());
        return offset + static_cast<int>(it - names.begin());
    }
    return kind == ColumnKind::Id ? IdColumn : kind == ColumnKind::Number ? NumberColumn : StateColumn;
}

const Trial* TrialsModel::trialAt(int row) const
{
    if (!study_ || row < 0 || row >= static_cast<int>(study_->trials.size()))
        return nullptr;
    return &study_->trials[static_cast<std::size_t>(row)];
}

int TrialsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !study_ ? 0 : static_cast<int>(study_->trials.size());
}

int TrialsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !study_ ? 0 : kFixedColumns + static_cast<int>(params_.size() + metrics_.size());
}

QVariant TrialsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Trial& t = *trialAt(index.row());
    if (role == TrialIdRole)
        return qstr(t.id);
    if (role == Qt::FontRole && &t == best_) {
        QFont font;
        font.setWeight(QFont::DemiBold);
        return font;
    }
    const int column = index.column();
    switch (columnKind(column)) {
    case ColumnKind::Id:
        switch (role) {
        case Qt::DisplayRole:
        case SortRole: return qstr(t.id);
        case Qt::ToolTipRole: return lineageText(t) + (&t == best_ ? QStringLiteral(" · best trial") : QString());
        case Qt::TextAlignmentRole: return kTextAlignment;
        default: return {};
        }
    case ColumnKind::Number:
        switch (role) {
        case Qt::DisplayRole: return static_cast<qlonglong>(t.number);
        case SortRole: return static_cast<double>(t.number);
        case Qt::TextAlignmentRole: return kNumberAlignment;
        default: return {};
        }
    case ColumnKind::State:
        switch (role) {
        case Qt::DisplayRole: return stateLabel(t.state);
        case SortRole: return static_cast<double>(static_cast<int>(t.state));
        case Qt::DecorationRole: return stateDot(t.state);
        case Qt::ToolTipRole: return t.error.empty() ? stateLabel(t.state) : qstr(t.error);
        case Qt::TextAlignmentRole: return kTextAlignment;
        default: return {};
        }
    case ColumnKind::Metric: return metricData(t, static_cast<std::size_t>(column - kFixedColumns), role);
    case ColumnKind::Param:
        return paramData(t, static_cast<std::size_t>(column - kFixedColumns) - metrics_.size(), role);
    }
    return {};
}

QVariant TrialsModel::paramData(const Trial& t, std::size_t param, int role) const
{
    const Value* value = t.param(params_[param]);
    switch (role) {
    case Qt::DisplayRole: return value ? formatValue(*value) : QString();
    case SortRole:
        if (!value || value->isNull())
            return kMissing;
        if (value->isString())
            return qstr(value->asString());
        return value->toDouble();
    case Qt::ToolTipRole:
        if (value && value->isReal())
            return formatExact(value->asReal());
        return {};
    case Qt::TextAlignmentRole:
        return value && value->isString() ? kTextAlignment : kNumberAlignment;
    default: return {};
    }
}

QVariant TrialsModel::metricData(const Trial& t, std::size_t metric, int role) const
{
    const std::optional<double> value = t.metric(metrics_[metric]);
    switch (role) {
    case Qt::DisplayRole: return value ? formatCompact(*value) : QString();
    case SortRole: return value ? *value : kMissing;
    case Qt::ToolTipRole: return value ? formatExact(*value) : QVariant();
    case Qt::TextAlignmentRole: return kNumberAlignment;
    case Qt::ForegroundRole:
        if (value && std::isnan(*value))
            return QGuiApplication::palette().color(QPalette::PlaceholderText);  // follows the theme
        return {};
    default: return {};
    }
}

QVariant TrialsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const ColumnKind kind = columnKind(section);
    switch (role) {
    case Qt::DisplayRole:
        switch (kind) {
        case ColumnKind::Id: return tr("Trial");
        case ColumnKind::Number: return QStringLiteral("#");
        case ColumnKind::State: return tr("State");
        case ColumnKind::Param: return columnName(section);
        case ColumnKind::Metric: {
            const QString name = columnName(section);
            const auto direction = study_->directionOf(name.toStdString());
            return direction ? name + QLatin1Char(' ') + directionArrow(*direction) : name;
        }
        }
        return {};
    case ColumnKindRole: return static_cast<int>(kind);
    case Qt::ToolTipRole: return headerTooltip(section);
    case Qt::TextAlignmentRole:
        if (kind == ColumnKind::Number || kind == ColumnKind::Metric)
            return kNumberAlignment;
        if (kind == ColumnKind::Param) {
            const Param* p = study_->space.find(columnName(section).toStdString());
            const bool numeric = !p || p->isNumeric()
                || std::all_of(p->choices.begin(), p->choices.end(), [](const Value& v) { return v.isNumber(); });
            return numeric ? kNumberAlignment : kTextAlignment;
        }
        return kTextAlignment;
    default: return {};
    }
}

QVariant TrialsModel::headerTooltip(int column) const
{
    const QString name = columnName(column);
    switch (columnKind(column)) {
    case ColumnKind::Id: return tr("Trial id, unique within the study");
    case ColumnKind::Number: return tr("Creation order");
    case ColumnKind::State: return tr("How the trial ended");
    case ColumnKind::Param: {
        const Param* p = study_->space.find(name.toStdString());
        if (!p)
            return tr("Parameter %1 (not declared in the search space)").arg(name);
        if (p->type == ParamType::Categorical) {
            QStringList choices;
            for (const Value& v : p->choices)
                choices << formatValue(v);
            return tr("Parameter %1: one of %2").arg(name, choices.join(QStringLiteral(", ")));
        }
        return tr("Parameter %1: %2 from %3 to %4%5")
            .arg(name, qstr(toString(p->type)), formatCompact(p->low), formatCompact(p->high),
                 p->log ? tr(", log scale") : QString());
    }
    case ColumnKind::Metric: {
        const auto direction = study_->directionOf(name.toStdString());
        const bool objective = study_->objective.metric == name.toStdString();
        QString text = objective ? tr("Objective %1").arg(name) : tr("Metric %1").arg(name);
        if (direction)
            text += QStringLiteral(": ") + (*direction == Direction::Maximize ? tr("higher is better") : tr("lower is better"));
        return text;
    }
    }
    return {};
}

} // namespace tendril::app
