// The "Studies" view: every study of the project, filterable; choosing studies here selects them in
// the session, and the session's selection is shown here.
#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace tendril::app {

class ProjectSession;
class StudiesModel;

class StudiesView : public QWidget {
    Q_OBJECT

public:
    explicit StudiesView(ProjectSession& session, QWidget* parent = nullptr);

    StudiesModel* model() const { return model_; }
    QListView* listView() const { return list_; }

private:
    void reloadStudies();
    void showSessionSelection();
    void pushSelectionToSession();

    ProjectSession& session_;
    StudiesModel* model_;
    QSortFilterProxyModel* filter_;
    QLineEdit* filterEdit_;
    QListView* list_;
    bool syncing_ = false;  // set while the view mirrors the session, so it does not echo back
};

} // namespace tendril::app
