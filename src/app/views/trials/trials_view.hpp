// The "Trials" view: the current study's trials as a sortable table under a one-line summary.
//
// The study is the one the session loaded off the GUI thread for every view (the first study of
// the hub's table), so showing it reads nothing; and the table is filled only while the view is
// on screen, because sorting and measuring thousands of rows for a tab behind another would delay
// the views the user is looking at.
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QShowEvent;
class QStackedWidget;
class QTableView;

namespace tendril {
struct Study;
}

namespace tendril::app {

class ProjectSession;
class TrialsModel;
class TrialsSortProxy;

class TrialsView : public QWidget {
    Q_OBJECT

public:
    explicit TrialsView(ProjectSession& session, QWidget* parent = nullptr);

    TrialsModel* model() const { return model_; }
    TrialsSortProxy* proxy() const { return proxy_; }
    QTableView* table() const { return table_; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    // The session changed what the view should show. Read only while the view is on screen: a
    // tab behind another catches up when it is brought to the front.
    void studyChanged();
    void showCurrentStudy();
    void showSummary(const Study& study);

    ProjectSession& session_;
    TrialsModel* model_;
    TrialsSortProxy* proxy_;
    QStackedWidget* pages_;
    QLabel* placeholder_;
    QLabel* title_;
    QLabel* subtitle_;
    QLabel* best_;
    QTableView* table_;
    bool stale_ = true;
    QString failure_;  // why the shown studies could not be read, until the choice changes
};

} // namespace tendril::app
