// The studies of a project as a tree: each study under the one it was refined from. Columns: the
// study (with the show/hide check box and, when shown, its colour in the views), algorithm, run
// status, trial counts and best value. Checking studies edits which are shown; the model reports
// the checked ones in tree order and never changes the session itself.
#pragma once

#include "tendril/store/project.hpp"
#include "views/control/run_state.hpp"

#include <QAbstractItemModel>
#include <QHash>
#include <QStringList>

#include <vector>

namespace tendril::app {

class StudyTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, AlgorithmColumn, StatusColumn, TrialsColumn, BestColumn, ColumnCount };
    enum Role {
        StudyNameRole = Qt::UserRole + 1,  // QString
        StateCountsRole,                   // QList<qint64>, indexed like kAllTrialStates
        TrialCountRole,                    // qint64
        RunStatusRole,                     // int: RunStatus
        ShownRole,                         // bool
    };

    explicit StudyTreeModel(QObject* parent = nullptr);

    // Rebuilds the tree when studies or parents changed, else updates the rows in place (so the
    // view keeps its current row and scroll position while a run adds trials).
    void setSummaries(const std::vector<StudySummary>& summaries);
    // The shown studies in the session's order: a study's colour is studyColor(its position).
    void setShown(const QStringList& shown);
    void setStatus(const QString& study, RunStatus status, const QString& detail);

    // Every study, depth first: parents before their refinements, siblings in project order.
    QStringList treeOrder() const;
    QModelIndex indexOf(const QString& study, int column = NameColumn) const;
    const StudySummary* summaryOf(const QModelIndex& index) const;
    RunStatus statusOf(const QString& study) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // The user checked or unchecked a study: the studies to show now, in tree order.
    void shownEdited(const QStringList& shownInTreeOrder);

private:
    struct Node {
        StudySummary summary;
        int parent = -1;  // node index, -1 for a root
        int row = 0;      // position among its siblings
        std::vector<int> children;
    };
    struct Status {
        RunStatus status = RunStatus::Finished;
        QString detail;
    };

    const Node* nodeOf(const QModelIndex& index) const;
    QVariant nameData(const Node& node, int role) const;
    QVariant statusData(const Node& node, int role) const;
    QString tooltip(const Node& node) const;
    void emitRowsChanged(const std::vector<int>& nodes);

    std::vector<Node> nodes_;
    std::vector<int> roots_;
    QStringList shown_;
    QHash<QString, Status> statuses_;
};

} // namespace tendril::app
