// The "Trials" view: the current study's trials as a sortable table under a one-line summary.
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
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

signals:
    // A study could not be read from the project; the message names the file and study.
    void loadFailed(const QString& message);

private:
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
};

} // namespace tendril::app
