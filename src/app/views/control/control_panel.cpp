#include "views/control/control_panel.hpp"

#include "runner/run_types.hpp"
#include "session/latest_job.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "views/control/control_colors.hpp"
#include "views/control/refine_config.hpp"
#include "views/control/run_progress_list.hpp"
#include "views/control/study_dialog.hpp"
#include "views/control/study_run_controller.hpp"
#include "views/control/study_tree_delegate.hpp"
#include "views/control/study_tree_model.hpp"

#include "tendril/io/format_error.hpp"

#include <QAction>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace tendril::app {

namespace {

bool mayHaveBeenInterrupted(const StudySummary& s)
{
    const auto count = [&](TrialState state) { return s.states[static_cast<std::size_t>(state)]; };
    return count(TrialState::Failed) > 0 || count(TrialState::Running) > 0 || count(TrialState::Queued) > 0;
}

QString finishWords(runner::FinishReason reason)
{
    switch (reason) {
    case runner::FinishReason::BudgetSpent: return QStringLiteral("its trial budget was spent");
    case runner::FinishReason::SearchFinished: return QStringLiteral("the search had nothing more to run");
    case runner::FinishReason::TimeBudget: return QStringLiteral("its time budget ran out");
    case runner::FinishReason::Stopped: return QStringLiteral("it was stopped");
    case runner::FinishReason::Error: return QStringLiteral("of an error");
    }
    return {};
}

} // namespace

ControlPanel::ControlPanel(ProjectSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      controller_(StudyRunController::of(session)),
      model_(new StudyTreeModel(this)),
      tree_(new QTreeView(this)),
      emptyHint_(new QLabel(this)),
      banner_(new QWidget(this)),
      bannerText_(new QLabel(banner_)),
      progress_(new RunProgressList(controller_, this)),
      statusJob_(new LatestJob(this))
{
    setObjectName(QStringLiteral("controlPanel"));
    buildActions();

    tree_->setObjectName(QStringLiteral("studyTree"));
    tree_->setModel(model_);
    tree_->setItemDelegate(new StudyTreeDelegate(tree_));
    tree_->setUniformRowHeights(true);
    tree_->setIndentation(16);
    tree_->setAllColumnsShowFocus(true);
    tree_->setExpandsOnDoubleClick(false);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);
    tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree_->setMouseTracking(true);
    tree_->setFrameShape(QFrame::NoFrame);
    tree_->setContextMenuPolicy(Qt::ActionsContextMenu);
    tree_->addActions({refineAction_, resumeAction_, stopAction_});
    // One column of two-line rows (StudyTreeDelegate): it reads at any dock width. The model's
    // other columns feed the rows and stay hidden.
    tree_->setHeaderHidden(true);
    for (int column = 1; column < StudyTreeModel::ColumnCount; ++column)
        tree_->setColumnHidden(column, true);
    tree_->header()->setStretchLastSection(true);

    emptyHint_->setText(tr("No studies yet.\nNew study… runs one from a configuration."));
    emptyHint_->setAlignment(Qt::AlignCenter);

    banner_->setObjectName(QStringLiteral("controlBanner"));
    banner_->setAttribute(Qt::WA_StyledBackground);
    bannerText_->setWordWrap(true);
    bannerText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(banner_);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &ControlPanel::hideBanner);
    auto* bannerLayout = new QHBoxLayout(banner_);
    bannerLayout->setContentsMargins(10, 6, 4, 6);
    bannerLayout->addWidget(bannerText_, 1);
    bannerLayout->addWidget(close, 0, Qt::AlignTop);
    banner_->hide();

    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->addAction(newAction_);
    toolbar->addAction(refineAction_);
    toolbar->addSeparator();
    toolbar->addAction(resumeAction_);
    toolbar->addAction(stopAction_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(toolbar);
    layout->addWidget(banner_);
    layout->addWidget(tree_, 1);
    layout->addWidget(emptyHint_);
    layout->addWidget(progress_);

    connect(&session_, &ProjectSession::studiesChanged, this, &ControlPanel::reloadStudies);
    connect(&session_, &ProjectSession::selectionChanged, this,
            [this](const QStringList& shown) { model_->setShown(shown); });
    connect(model_, &StudyTreeModel::shownEdited, this,
            [this](const QStringList& shown) { session_.setSelectedStudies(shown); });
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this, &ControlPanel::updateActions);
    connect(&controller_, &StudyRunController::runStarted, this, &ControlPanel::showStarted);
    connect(&controller_, &StudyRunController::progressChanged, this,
            [this](const QString& study, const runner::RunProgress& p) {
                model_->setStatus(study, RunStatus::Running, tr("Running in this window: %1").arg(formatRunProgress(p)));
            });
    connect(&controller_, &StudyRunController::runFinished, this,
            [this](const QString& study, runner::FinishReason reason, const QString& message) {
                known_.remove(study);
                if (reason == runner::FinishReason::Error)
                    showBanner(tr("The run of %1 stopped because of an error: %2").arg(study, message));
                refreshStatuses();
                updateActions();
            });

    applyColors();
    reloadStudies();
    setCurrentStudy(session_.currentStudyName());
}

void ControlPanel::buildActions()
{
    newAction_ = new QAction(style()->standardIcon(QStyle::SP_FileIcon), tr("New study…"), this);
    newAction_->setToolTip(tr("Run a new study from a configuration: command, search space, algorithm, budget"));
    refineAction_ = new QAction(style()->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Refine…"), this);
    refineAction_->setToolTip(tr("Run the next batch: the current study's configuration with its space narrowed "
                                 "to the brushes on the views"));
    resumeAction_ = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Resume"), this);
    resumeAction_->setToolTip(tr("Continue the interrupted study with the configuration stored with it"));
    stopAction_ = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), this);
    stopAction_->setToolTip(tr("Stop the run: running trials are recorded as interrupted, and Resume continues them"));
    connect(newAction_, &QAction::triggered, this, &ControlPanel::newStudy);
    connect(refineAction_, &QAction::triggered, this, &ControlPanel::refine);
    // Other views ask for Refine through the session ("Refine from brushes"); the action's own
    // checks (a current study with a stored configuration) still apply.
    connect(&session_, &ProjectSession::refineRequested, this, [this] {
        if (refineAction_->isEnabled())
            refine();
    });
    connect(resumeAction_, &QAction::triggered, this, &ControlPanel::resume);
    connect(stopAction_, &QAction::triggered, this, &ControlPanel::stop);
}

QSize ControlPanel::sizeHint() const
{
    return {fontMetrics().horizontalAdvance(QLatin1Char('x')) * 56, 600};
}

QSize ControlPanel::minimumSizeHint() const
{
    return {fontMetrics().horizontalAdvance(QLatin1Char('x')) * 34, 240};
}

QString ControlPanel::currentStudy() const
{
    const QModelIndex current = tree_->currentIndex();
    return current.isValid() ? current.data(StudyTreeModel::StudyNameRole).toString() : QString();
}

void ControlPanel::setCurrentStudy(const QString& study)
{
    const QModelIndex index = model_->indexOf(study);
    if (!index.isValid())
        return;
    tree_->setCurrentIndex(index);
    tree_->scrollTo(index);
}

QString ControlPanel::bannerText() const
{
    return banner_->isHidden() ? QString() : bannerText_->text();
}

void ControlPanel::showBanner(const QString& message)
{
    bannerText_->setText(message);
    banner_->show();
}

void ControlPanel::hideBanner()
{
    banner_->hide();
}

void ControlPanel::reloadStudies()
{
    const QString current = currentStudy();
    model_->setSummaries(session_.summaries());
    tree_->expandAll();
    model_->setShown(session_.selectedStudies());
    if (currentStudy().isEmpty() && !current.isEmpty())  // a rebuilt tree loses its current row
        setCurrentStudy(current);
    const bool empty = session_.summaries().empty();
    emptyHint_->setVisible(empty);
    tree_->setVisible(!empty);
    // Studies this panel started are shown as soon as the session lists them.
    for (auto it = pendingShow_.begin(); it != pendingShow_.end();) {
        if (!session_.hasStudy(*it)) {
            ++it;
            continue;
        }
        const QString study = *it;
        it = pendingShow_.erase(it);
        QStringList shown;
        for (const QString& name : model_->treeOrder())
            if (name == study || session_.selectedStudies().contains(name))
                shown << name;
        session_.setSelectedStudies(shown);
        setCurrentStudy(study);
    }
    refreshStatuses();
    updateActions();
}

void ControlPanel::refreshStatuses()
{
    const QString projectPath = session_.path();
    std::vector<std::pair<QString, KnownStatus>> toRead;
    for (const StudySummary& s : session_.summaries()) {
        const QString name = qstr(s.name);
        if (controller_.isRunning(name)) {
            const std::optional<runner::RunProgress> p = controller_.progress(name);
            model_->setStatus(name, RunStatus::Running,
                              tr("Running in this window: %1").arg(p ? formatRunProgress(*p) : QString()));
            continue;
        }
        if (const std::optional<qint64> pid = otherRunnerPid(projectPath, name)) {
            model_->setStatus(name, RunStatus::RunningElsewhere,
                              tr("Another process (pid %1) is running this study; its trials arrive here live").arg(*pid));
            continue;
        }
        const KnownStatus key{s.id, s.trials, s.states, RunStatus::Finished};
        const auto known = known_.constFind(name);
        if (known != known_.constEnd() && known->id == key.id && known->trials == key.trials && known->states == key.states) {
            statusesLoaded({{name, known->status}});
            continue;
        }
        if (!mayHaveBeenInterrupted(s)) {
            KnownStatus k = key;
            k.status = s.trials == 0 ? RunStatus::NoTrials : RunStatus::Finished;
            known_.insert(name, k);
            statusesLoaded({{name, k.status}});
            continue;
        }
        toRead.emplace_back(name, key);
    }
    if (toRead.empty())
        return;
    // Telling an interrupted study from a finished one needs its trials (not their curves): read
    // on the pool with a connection of its own.
    const std::string file = projectPath.toStdString();
    statusJob_->run(
        [file, toRead]() mutable {
            Project reader(file, OpenMode::ReadOnly);
            LoadOptions options;
            options.curves = false;
            options.notes = false;
            for (auto& [name, known] : toRead)
                known.status = recordedRunStatus(reader.loadStudy(name.toStdString(), options));
            return toRead;
        },
        [this](const std::vector<std::pair<QString, KnownStatus>>& read) {
            QHash<QString, RunStatus> statuses;
            for (const auto& [name, known] : read) {
                known_.insert(name, known);
                statuses.insert(name, known.status);
            }
            statusesLoaded(statuses);
        },
        [this](const QString& message) { showBanner(tr("Could not read the studies' trials: %1").arg(message)); });
}

void ControlPanel::statusesLoaded(const QHash<QString, RunStatus>& statuses)
{
    for (auto it = statuses.constBegin(); it != statuses.constEnd(); ++it) {
        const QString& study = it.key();
        if (controller_.isRunning(study))
            continue;  // started while the trials were being read
        const std::optional<RunEnding> ending = controller_.lastEnding(study);
        QString detail;
        switch (it.value()) {
        case RunStatus::Interrupted:
            detail = tr("Its last run ended before the study did. Resume continues it; interrupted trials go on "
                        "from their checkpoints where the algorithm allows.");
            break;
        case RunStatus::Finished:
            detail = ending ? tr("Finished because %1: %2").arg(finishWords(ending->reason), ending->message)
                            : tr("Every run of this study ended");
            break;
        case RunStatus::NoTrials: detail = tr("No trials recorded"); break;
        default: break;
        }
        if (it.value() == RunStatus::Interrupted && ending)
            detail += QLatin1Char('\n') + ending->message;
        model_->setStatus(study, it.value(), detail);
    }
    updateActions();
}

void ControlPanel::updateActions()
{
    const QString study = currentStudy();
    const bool running = !study.isEmpty() && controller_.isRunning(study);
    refineAction_->setEnabled(!study.isEmpty());
    stopAction_->setEnabled(running);
    resumeAction_->setEnabled(!study.isEmpty() && !running && model_->statusOf(study) == RunStatus::Interrupted);
}

void ControlPanel::openDialog(StudyDialog* dialog)
{
    if (!dialog)
        return;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal and non-blocking: the views keep updating while the user edits.
    dialog->open();
}

QString ControlPanel::startRun(const StudyConfig& config)
{
    hideBanner();
    try {
        controller_.start(config);
        return {};
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
}

StudyDialog* ControlPanel::createNewStudyDialog()
{
    auto* dialog = new StudyDialog(StudyDialog::Purpose::NewStudy, session_.studyNames(),
                                   QFileInfo(session_.path()).absolutePath(), this);
    dialog->setStartHandler([this](const StudyConfig& config) { return startRun(config); });
    return dialog;
}

StudyDialog* ControlPanel::createRefineDialog()
{
    const QString study = currentStudy();
    QString error;
    const std::shared_ptr<const Study> parent = session_.study(study, &error);
    if (!parent) {
        showBanner(tr("Cannot refine %1: %2").arg(study, error));
        return nullptr;
    }
    std::vector<std::string> taken;
    for (const QString& name : session_.studyNames())
        taken.push_back(name.toStdString());
    const QString folder = QFileInfo(session_.path()).absolutePath();
    RefinedConfig refined;
    try {
        refined = refinedConfig(*parent, session_.hub().table().get(), session_.hub().brushes(), taken,
                                folder.toStdString());
    } catch (const FormatError& e) {
        showBanner(tr("Cannot refine %1: %2").arg(study, QString::fromUtf8(e.what())));
        return nullptr;
    }
    auto* dialog = new StudyDialog(StudyDialog::Purpose::Refine, session_.studyNames(), folder, this);
    dialog->setConfig(refined.config);
    dialog->setNarrowingNotes(refined.notes);
    dialog->setStartHandler([this](const StudyConfig& config) { return startRun(config); });
    return dialog;
}

void ControlPanel::newStudy()
{
    openDialog(createNewStudyDialog());
}

void ControlPanel::refine()
{
    openDialog(createRefineDialog());
}

void ControlPanel::resume()
{
    const QString study = currentStudy();
    hideBanner();
    try {
        controller_.resume(study);
    } catch (const std::exception& e) {
        showBanner(tr("Could not resume %1: %2").arg(study, QString::fromUtf8(e.what())));
    }
    updateActions();
}

void ControlPanel::stop()
{
    controller_.stop(currentStudy());
    stopAction_->setEnabled(false);
}

void ControlPanel::showStarted(const QString& study)
{
    pendingShow_ << study;
    known_.remove(study);
    reloadStudies();
}

void ControlPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void ControlPanel::applyColors()
{
    const ControlColors colors = ControlColors::of(palette());
    emptyHint_->setStyleSheet(QStringLiteral("color: %1; padding: 24px;").arg(colors.muted.name()));
    banner_->setStyleSheet(QStringLiteral("#controlBanner { background: %1; border: 1px solid %2; border-radius: 4px; } "
                                          "QLabel { color: %3; }")
                               .arg(colors.bannerBackground.name(), colors.bannerBorder.name(), colors.bannerText.name()));
}

void ControlPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Closing the application window with studies running asks first (and stops them cleanly).
    QWidget* window = this->window();
    if (window != this && window != guardedWindow_ && window->inherits("QMainWindow")) {
        if (guardedWindow_)
            guardedWindow_->removeEventFilter(this);
        window->installEventFilter(this);
        guardedWindow_ = window;
    }
}

bool ControlPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == guardedWindow_ && event->type() == QEvent::Close
        && !controller_.confirmStopBeforeClosing(guardedWindow_)) {
        event->ignore();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tendril::app
