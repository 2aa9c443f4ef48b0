#include "views/studies/studies_model.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/state_style.hpp"

#include <functional>
#include <set>

namespace tendril::app {

StudiesModel::StudiesModel(QObject* parent) : QAbstractListModel(parent) {}

void StudiesModel::setSummaries(std::vector<StudySummary> summaries)
{
    // Depth-first from the root studies (no parent, or a parent not in this project), keeping the
    // project's order among siblings, so a refinement sits under the study it came from.
    std::vector<Row> ordered;
    ordered.reserve(summaries.size());
    std::set<std::string> names;
    for (const StudySummary& s : summaries)
        names.insert(s.name);
    std::vector<bool> placed(summaries.size(), false);
    std::function<void(const std::string&, int)> placeChildren = [&](const std::string& parent, int depth) {
        for (std::size_t i = 0; i < summaries.size(); ++i) {
            if (placed[i] || summaries[i].parent != parent)
                continue;
            placed[i] = true;
            ordered.push_back({summaries[i], depth});
            placeChildren(summaries[i].name, depth + 1);
        }
    };
    for (std::size_t i = 0; i < summaries.size(); ++i) {
        if (placed[i] || (!summaries[i].parent.empty() && names.count(summaries[i].parent)))
            continue;
        placed[i] = true;
        ordered.push_back({summaries[i], 0});
        placeChildren(summaries[i].name, 1);
    }
    for (std::size_t i = 0; i < summaries.size(); ++i)  // parent cycles: keep them visible
        if (!placed[i])
            ordered.push_back({summaries[i], 0});

    beginResetModel();
    rows_ = std::move(ordered);
    endResetModel();
}

int StudiesModel::rowOf(const QString& name) const
{
    const std::string key = name.toStdString();
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].summary.name == key)
            return static_cast<int>(i);
    return -1;
}

int StudiesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant StudiesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const StudySummary& s = row.summary;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return qstr(s.name);
    case AlgorithmRole: return algorithmLabel(s.algorithm);
    case TrialCountRole: return static_cast<qint64>(s.trials);
    case StateCountsRole: {
        QList<qint64> counts;
        for (const auto n : s.states)
            counts << static_cast<qint64>(n);
        return QVariant::fromValue(counts);
    }
    case ObjectiveRole: return qstr(s.objective.metric);
    case DirectionRole: return static_cast<int>(s.objective.direction);
    case BestValueRole: return s.best ? QVariant(s.best->value) : QVariant();
    case BestTrialRole: return s.best ? qstr(s.best->trial) : QString();
    case ParentRole: return qstr(s.parent);
    case DepthRole: return row.depth;
    case CreatedRole: return qstr(s.created);
    case Qt::ToolTipRole: {
        QStringList lines;
        lines << QStringLiteral("<b>%1</b>").arg(qstr(s.name).toHtmlEscaped());
        lines << QStringLiteral("%1 · objective %2 %3")
                     .arg(algorithmLabel(s.algorithm), qstr(s.objective.metric).toHtmlEscaped(),
                          directionWord(s.objective.direction));
        QStringList states;
        for (const TrialState state : kAllTrialStates)
            if (const auto n = s.states[static_cast<std::size_t>(state)])
                states << QStringLiteral("%1 %2").arg(n).arg(stateLabel(state).toLower());
        lines << QStringLiteral("%1 trials: %2").arg(s.trials).arg(states.join(QStringLiteral(", ")));
        if (s.best)
            lines << QStringLiteral("best %1 = %2 (trial %3)")
                         .arg(qstr(s.objective.metric).toHtmlEscaped(), formatExact(s.best->value),
                              qstr(s.best->trial).toHtmlEscaped());
        if (!s.parent.empty())
            lines << QStringLiteral("refined from %1").arg(qstr(s.parent).toHtmlEscaped());
        if (!s.created.empty())
            lines << QStringLiteral("created %1").arg(qstr(s.created));
        return lines.join(QStringLiteral("<br>"));
    }
    default: return {};
    }
}

QHash<int, QByteArray> StudiesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(AlgorithmRole, "algorithm");
    names.insert(TrialCountRole, "trialCount");
    names.insert(StateCountsRole, "stateCounts");
    names.insert(ObjectiveRole, "objective");
    names.insert(DirectionRole, "direction");
    names.insert(BestValueRole, "bestValue");
    names.insert(BestTrialRole, "bestTrial");
    names.insert(ParentRole, "parent");
    names.insert(DepthRole, "depth");
    names.insert(CreatedRole, "created");
    return names;
}

} // namespace tendril::app
