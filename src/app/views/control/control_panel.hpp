// The control panel (HyperTendril 5.1): the studies of the project as a tree of refinements, which
// of them the views show, and the runs: New study…, Refine…, Resume and Stop, with a live progress
// line for every study this window runs. Refine starts from the current study's configuration and
// narrows its space to the brushes on the views.
#pragma once

#include "tendril/io/study_config.hpp"
#include "views/control/run_state.hpp"

#include <QHash>
#include <QPointer>
#include <QWidget>


class QAction;
class QLabel;
class QToolButton;
class QTreeView;

namespace tendril::app {

class LatestJob;
class ProjectSession;
class RunProgressList;
class StudyDialog;
class StudyRunController;
class StudyTreeModel;

class ControlPanel : public QWidget {
    Q_OBJECT

public:
    explicit ControlPanel(ProjectSession& session, QWidget* parent = nullptr);

    StudyTreeModel* model() const { return model_; }
    QTreeView* treeView() const { return tree_; }
    StudyRunController& controller() const { return controller_; }
    RunProgressList* progressList() const { return progress_; }
    // The study the actions apply to (the tree's current row); "" when none.
    QString currentStudy() const;
    void setCurrentStudy(const QString& study);
    // The message shown in the banner, "" when it is hidden.
    QString bannerText() const;

    // The dialogs, built as the actions show them; exposed so they can be driven without exec().
    StudyDialog* createNewStudyDialog();
    // nullptr with the reason in the banner when the current study cannot be read.
    StudyDialog* createRefineDialog();

    // A dock wide enough for a study's name, its best value and the bar of its trials.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    QAction* newStudyAction() const { return newAction_; }
    QAction* refineAction() const { return refineAction_; }
    QAction* resumeAction() const { return resumeAction_; }
    QAction* stopAction() const { return stopAction_; }

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyColors();
    void buildActions();
    void reloadStudies();
    void refreshStatuses();
    void statusesLoaded(const QHash<QString, RunStatus>& statuses);
    void updateActions();
    void showBanner(const QString& message);
    void hideBanner();
    void openDialog(StudyDialog* dialog);
    void newStudy();
    void refine();
    void resume();
    void stop();
    void showStarted(const QString& study);
    QString startRun(const StudyConfig& config);

    ProjectSession& session_;
    StudyRunController& controller_;
    StudyTreeModel* model_;
    QTreeView* tree_;
    QLabel* emptyHint_;
    QWidget* banner_;
    QLabel* bannerText_;
    RunProgressList* progress_;
    LatestJob* statusJob_;
    QAction* newAction_ = nullptr;
    QAction* refineAction_ = nullptr;
    QAction* resumeAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    // What the trials said about each study, kept while its counts stay the same.
    struct KnownStatus {
        std::int64_t id = 0;
        std::int64_t trials = 0;
        StateCounts states{};
        RunStatus status = RunStatus::Finished;
    };
    QHash<QString, KnownStatus> known_;
    QPointer<QWidget> guardedWindow_;
    QStringList pendingShow_;  // started here, to be shown once the session lists them
};

} // namespace tendril::app
