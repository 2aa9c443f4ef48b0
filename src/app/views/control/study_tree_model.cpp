#include "views/control/study_tree_model.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "views/control/algorithm_options.hpp"
#include "views/control/control_colors.hpp"

#include <QGuiApplication>
#include <QPalette>
#include <QPainter>
#include <QPixmap>

#include <functional>
#include <map>

namespace tendril::app {

namespace {

constexpr int kSwatchSize = 12;

// Asked for at every repaint, from the application's palette: it follows the theme.
QColor mutedText()
{
    return ControlColors::of(QGuiApplication::palette()).muted;
}

QIcon paintSwatch(const QColor& fill, bool filled)
{
    const qreal ratio = qGuiApp ? qGuiApp->devicePixelRatio() : 1.0;
    QPixmap pixmap(QSize(kSwatchSize, kSwatchSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box(1, 1, kSwatchSize - 2, kSwatchSize - 2);
    if (filled) {
        painter.setPen(QPen(fill.darker(120), 1.0));
        painter.setBrush(fill);
        painter.drawRoundedRect(box, 2.5, 2.5);
    }
    return QIcon(pixmap);
}

// Swatches are asked for on every repaint of a row; ten colours and one hollow box cover them all.
QIcon swatch(const QColor& fill, bool filled)
{
    static std::map<std::pair<QRgb, bool>, QIcon> cache;
    const auto key = std::make_pair(fill.rgba(), filled);
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.emplace(key, paintSwatch(fill, filled)).first;
    return it->second;
}

QIcon statusDot(RunStatus status)
{
    static std::map<RunStatus, QIcon> cache;
    auto it = cache.find(status);
    if (it == cache.end()) {
        const qreal ratio = qGuiApp ? qGuiApp->devicePixelRatio() : 1.0;
        QPixmap pixmap(QSize(10, 10) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor c = runStatusColor(status);
        painter.setPen(QPen(c.darker(115), 1.0));
        // A ring for a run somewhere else: it is running, but not something this window controls.
        // Hollow, so it shows the row behind it in either theme.
        painter.setBrush(status == RunStatus::RunningElsewhere ? QBrush(Qt::NoBrush) : QBrush(c));
        painter.drawEllipse(QRectF(1.5, 1.5, 7, 7));
        it = cache.emplace(status, QIcon(pixmap)).first;
    }
    return it->second;
}

QString shortAlgorithm(const std::string& name)
{
    static const std::map<std::string, QString, std::less<>> labels = {
        {"grid", QStringLiteral("Grid")}, {"random", QStringLiteral("Random")}, {"sh", QStringLiteral("SH")}};
    const auto it = labels.find(name);
    return it == labels.end() ? algorithmLabel(name) : it->second;
}

// The effective structure: for every study its name and the study it hangs under.
std::vector<std::pair<std::string, std::string>> structureOf(const std::vector<StudySummary>& summaries)
{
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(summaries.size());
    for (const StudySummary& s : summaries)
        out.emplace_back(s.name, s.parent);
    return out;
}

} // namespace

StudyTreeModel::StudyTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void StudyTreeModel::setSummaries(const std::vector<StudySummary>& summaries)
{
    std::vector<StudySummary> current;
    current.reserve(nodes_.size());
    for (const Node& n : nodes_)
        current.push_back(n.summary);
    if (structureOf(current) == structureOf(summaries)) {
        std::vector<int> all;
        for (std::size_t i = 0; i < summaries.size(); ++i) {
            nodes_[i].summary = summaries[i];
            all.push_back(static_cast<int>(i));
        }
        emitRowsChanged(all);
        return;
    }

    beginResetModel();
    nodes_.assign(summaries.size(), Node{});
    roots_.clear();
    std::map<std::string, int> byName;
    for (std::size_t i = 0; i < summaries.size(); ++i) {
        nodes_[i].summary = summaries[i];
        byName.emplace(summaries[i].name, static_cast<int>(i));
    }
    std::vector<bool> placed(summaries.size(), false);
    std::function<void(int, int)> place = [&](int node, int parent) {
        placed[static_cast<std::size_t>(node)] = true;
        Node& n = nodes_[static_cast<std::size_t>(node)];
        n.parent = parent;
        std::vector<int>& siblings = parent < 0 ? roots_ : nodes_[static_cast<std::size_t>(parent)].children;
        n.row = static_cast<int>(siblings.size());
        siblings.push_back(node);
        for (std::size_t j = 0; j < summaries.size(); ++j)
            if (!placed[j] && summaries[j].parent == n.summary.name)
                place(static_cast<int>(j), node);
    };
    for (std::size_t i = 0; i < summaries.size(); ++i)
        if (!placed[i] && (summaries[i].parent.empty() || !byName.count(summaries[i].parent)))
            place(static_cast<int>(i), -1);
    for (std::size_t i = 0; i < summaries.size(); ++i)  // parent cycles: keep them visible as roots
        if (!placed[i])
            place(static_cast<int>(i), -1);
    endResetModel();
}

void StudyTreeModel::emitRowsChanged(const std::vector<int>& nodes)
{
    for (const int i : nodes) {
        const Node& n = nodes_[static_cast<std::size_t>(i)];
        emit dataChanged(createIndex(n.row, 0, static_cast<quintptr>(i)),
                         createIndex(n.row, ColumnCount - 1, static_cast<quintptr>(i)));
    }
}

void StudyTreeModel::setShown(const QStringList& shown)
{
    if (shown == shown_)
        return;
    shown_ = shown;
    std::vector<int> all(nodes_.size());
    for (std::size_t i = 0; i < nodes_.size(); ++i)
        all[i] = static_cast<int>(i);
    emitRowsChanged(all);
}

void StudyTreeModel::setStatus(const QString& study, RunStatus status, const QString& detail)
{
    const auto it = statuses_.constFind(study);
    if (it != statuses_.constEnd() && it->status == status && it->detail == detail)
        return;
    statuses_.insert(study, Status{status, detail});
    const QModelIndex index = indexOf(study);
    if (index.isValid())
        emit dataChanged(index, this->index(index.row(), ColumnCount - 1, index.parent()));
}

RunStatus StudyTreeModel::statusOf(const QString& study) const
{
    const auto it = statuses_.constFind(study);
    if (it != statuses_.constEnd())
        return it->status;
    // Until the panel has looked at the trials: what the counts alone say.
    for (const Node& n : nodes_) {
        if (qstr(n.summary.name) != study)
            continue;
        if (n.summary.trials == 0)
            return RunStatus::NoTrials;
        return n.summary.states[static_cast<std::size_t>(TrialState::Running)] > 0 ? RunStatus::Interrupted
                                                                                    : RunStatus::Finished;
    }
    return RunStatus::NoTrials;
}

QStringList StudyTreeModel::treeOrder() const
{
    QStringList names;
    std::function<void(int)> visit = [&](int node) {
        names << qstr(nodes_[static_cast<std::size_t>(node)].summary.name);
        for (const int child : nodes_[static_cast<std::size_t>(node)].children)
            visit(child);
    };
    for (const int root : roots_)
        visit(root);
    return names;
}

QModelIndex StudyTreeModel::indexOf(const QString& study, int column) const
{
    const std::string key = study.toStdString();
    for (std::size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].summary.name == key)
            return createIndex(nodes_[i].row, column, static_cast<quintptr>(i));
    return {};
}

const StudyTreeModel::Node* StudyTreeModel::nodeOf(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() >= nodes_.size())
        return nullptr;
    return &nodes_[static_cast<std::size_t>(index.internalId())];
}

const StudySummary* StudyTreeModel::summaryOf(const QModelIndex& index) const
{
    const Node* n = nodeOf(index);
    return n ? &n->summary : nullptr;
}

QModelIndex StudyTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const std::vector<int>* children = &roots_;
    if (parent.isValid()) {
        const Node* p = nodeOf(parent);
        if (!p)
            return {};
        children = &p->children;
    }
    if (row >= static_cast<int>(children->size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>((*children)[static_cast<std::size_t>(row)]));
}

QModelIndex StudyTreeModel::parent(const QModelIndex& child) const
{
    const Node* n = nodeOf(child);
    if (!n || n->parent < 0)
        return {};
    return createIndex(nodes_[static_cast<std::size_t>(n->parent)].row, 0, static_cast<quintptr>(n->parent));
}

int StudyTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(roots_.size());
    if (parent.column() != 0)
        return 0;
    const Node* n = nodeOf(parent);
    return n ? static_cast<int>(n->children.size()) : 0;
}

int StudyTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString StudyTreeModel::tooltip(const Node& node) const
{
    const StudySummary& s = node.summary;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(qstr(s.name).toHtmlEscaped());
    lines << QStringLiteral("%1 · objective %2 %3")
                 .arg(qstr(algorithmTitle(s.algorithm)).toHtmlEscaped(), qstr(s.objective.metric).toHtmlEscaped(),
                      directionWord(s.objective.direction));
    QStringList states;
    for (const TrialState state : kAllTrialStates)
        if (const auto n = s.states[static_cast<std::size_t>(state)])
            states << QStringLiteral("%1 %2").arg(n).arg(stateLabel(state).toLower());
    lines << QStringLiteral("%1 trials%2").arg(s.trials).arg(states.isEmpty() ? QString() : QStringLiteral(": ") + states.join(QStringLiteral(", ")));
    if (s.best)
        lines << QStringLiteral("best %1 = %2 (trial %3)")
                     .arg(qstr(s.objective.metric).toHtmlEscaped(), formatExact(s.best->value),
                          qstr(s.best->trial).toHtmlEscaped());
    if (!s.parent.empty())
        lines << QStringLiteral("refined from %1").arg(qstr(s.parent).toHtmlEscaped());
    const QString name = qstr(s.name);
    const auto status = statuses_.constFind(name);
    lines << QStringLiteral("<b>%1</b>%2").arg(runStatusLabel(statusOf(name)),
                                               status != statuses_.constEnd() && !status->detail.isEmpty()
                                                   ? QStringLiteral(": ") + status->detail.toHtmlEscaped()
                                                   : QString());
    lines << (shown_.contains(qstr(s.name)) ? tr("Shown in the views; uncheck to hide")
                                            : tr("Hidden from the views; check to show"));
    return lines.join(QStringLiteral("<br>"));
}

QVariant StudyTreeModel::nameData(const Node& node, int role) const
{
    const QString name = qstr(node.summary.name);
    const qsizetype position = shown_.indexOf(name);
    switch (role) {
    case Qt::DisplayRole: return name;
    case Qt::CheckStateRole: return position >= 0 ? Qt::Checked : Qt::Unchecked;
    case Qt::DecorationRole:
        // A hidden study keeps an empty slot, so names stay aligned whatever is shown.
        return position >= 0 ? swatch(studyColor(static_cast<std::size_t>(position)), true) : swatch(Qt::transparent, false);
    case Qt::ToolTipRole: return tooltip(node);
    default: return {};
    }
}

QVariant StudyTreeModel::statusData(const Node& node, int role) const
{
    const QString name = qstr(node.summary.name);
    const RunStatus status = statusOf(name);
    switch (role) {
    case Qt::DisplayRole: return runStatusLabel(status);
    case Qt::DecorationRole: return statusDot(status);
    case Qt::ToolTipRole: {
        const auto it = statuses_.constFind(name);
        return it != statuses_.constEnd() && !it->detail.isEmpty() ? it->detail : runStatusLabel(status);
    }
    case Qt::ForegroundRole: return status == RunStatus::NoTrials ? QVariant(mutedText()) : QVariant();
    default: return {};
    }
}

QVariant StudyTreeModel::data(const QModelIndex& index, int role) const
{
    const Node* node = nodeOf(index);
    if (!node)
        return {};
    const StudySummary& s = node->summary;
    switch (role) {
    case StudyNameRole: return qstr(s.name);
    case StateCountsRole: {
        QList<qint64> counts;
        for (const auto n : s.states)
            counts << static_cast<qint64>(n);
        return QVariant::fromValue(counts);
    }
    case TrialCountRole: return static_cast<qint64>(s.trials);
    case RunStatusRole: return static_cast<int>(statusOf(qstr(s.name)));
    case ShownRole: return shown_.contains(qstr(s.name));
    default: break;
    }
    switch (index.column()) {
    case NameColumn: return nameData(*node, role);
    case AlgorithmColumn:
        if (role == Qt::DisplayRole)
            return shortAlgorithm(s.algorithm);
        if (role == Qt::ToolTipRole)
            return qstr(algorithmTitle(s.algorithm));
        return {};
    case StatusColumn: return statusData(*node, role);
    case TrialsColumn:
        if (role == Qt::DisplayRole)
            return static_cast<qint64>(s.trials);
        if (role == Qt::ToolTipRole)
            return tooltip(*node);
        return {};
    case BestColumn:
        if (role == Qt::DisplayRole)
            return s.best ? formatCompact(s.best->value) : QStringLiteral("—");
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return s.best ? QStringLiteral("%1 %2 = %3 (trial %4)")
                                .arg(tr("best"), qstr(s.objective.metric), formatExact(s.best->value), qstr(s.best->trial))
                          : tr("No complete trial yet");
        if (role == Qt::ForegroundRole && !s.best)
            return mutedText();
        return {};
    default: return {};
    }
}

bool StudyTreeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const Node* node = nodeOf(index);
    if (!node || index.column() != NameColumn || role != Qt::CheckStateRole)
        return false;
    const QString name = qstr(node->summary.name);
    const bool show = value.value<Qt::CheckState>() == Qt::Checked;
    QStringList shown;
    for (const QString& study : treeOrder())
        if (study == name ? show : shown_.contains(study))
            shown << study;
    setShown(shown);
    emit shownEdited(shown);
    return true;
}

Qt::ItemFlags StudyTreeModel::flags(const QModelIndex& index) const
{
    if (!nodeOf(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant StudyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Study");
        case AlgorithmColumn: return tr("Algorithm");
        case StatusColumn: return tr("State");
        case TrialsColumn: return tr("Trials");
        case BestColumn: return tr("Best");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && section == NameColumn)
        return tr("Checked studies are shown in the views, each in its colour; refinements sit under their study");
    if (role == Qt::TextAlignmentRole && section == BestColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tendril::app
