// The studies of a project as a list: one row per study, refined studies right after their parent.
#pragma once

#include "tendril/store/project.hpp"

#include <QAbstractListModel>

#include <vector>

namespace tendril::app {

class StudiesModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1,  // QString (also the display text)
        AlgorithmRole,                // QString, as the user reads it ("TPE")
        TrialCountRole,               // qint64
        StateCountsRole,              // QList<qint64>, indexed like kAllTrialStates
        ObjectiveRole,                // QString: metric name
        DirectionRole,                // int: Direction
        BestValueRole,                // double, or invalid when no trial completed
        BestTrialRole,                // QString trial id, or empty
        ParentRole,                   // QString: the study it was refined from, or empty
        DepthRole,                    // int: 0, or how many refinements below a root study
        CreatedRole,                  // QString, ISO-8601
    };

    explicit StudiesModel(QObject* parent = nullptr);

    void setSummaries(std::vector<StudySummary> summaries);
    const StudySummary& summaryAt(int row) const { return rows_[static_cast<std::size_t>(row)].summary; }
    // -1 when there is no such study.
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row {
        StudySummary summary;
        int depth = 0;
    };
    std::vector<Row> rows_;
};

} // namespace tendril::app
