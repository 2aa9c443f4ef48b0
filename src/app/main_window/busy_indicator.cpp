#include "main_window/busy_indicator.hpp"

#include "session/project_session.hpp"
#include "views/control/study_run_controller.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace tendril::app {

BusyIndicator::BusyIndicator(QWidget* parent)
    : QWidget(parent), label_(new QLabel(this)), bar_(new QProgressBar(this))
{
    setObjectName(QStringLiteral("busyIndicator"));
    label_->setObjectName(QStringLiteral("busyLabel"));
    bar_->setObjectName(QStringLiteral("busyBar"));
    bar_->setFixedSize(110, 12);
    bar_->setTextVisible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    hide();
}

void BusyIndicator::setSession(ProjectSession* session)
{
    if (session_)
        disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    if (session) {
        connect(session, &ProjectSession::loadingChanged, this, &BusyIndicator::refresh);
        connect(session, &ProjectSession::shownStudiesLoaded, this, &BusyIndicator::refresh);
        StudyRunController& runs = StudyRunController::of(*session);
        connect(&runs, &StudyRunController::runStarted, this, &BusyIndicator::refresh);
        connect(&runs, &StudyRunController::progressChanged, this, &BusyIndicator::refresh);
        connect(&runs, &StudyRunController::runFinished, this, &BusyIndicator::refresh);
    }
    refresh();
}

void BusyIndicator::setImport(const QString& text)
{
    import_ = text;
    refresh();
}

QString BusyIndicator::text() const
{
    return isHidden() ? QString() : label_->text();
}

std::pair<int, int> BusyIndicator::progress() const
{
    return {bar_->value(), bar_->maximum()};
}

void BusyIndicator::refresh()
{
    QString text;
    int value = 0;
    int maximum = 0;  // indeterminate unless a run knows its trial budget
    if (!import_.isEmpty()) {
        text = import_;
    } else if (session_ && session_->loading()) {
        const qsizetype shown = session_->selectedStudies().size();
        text = session_->curvesLoading() ? tr("Loading learning curves…")
                                         : (shown == 1 ? tr("Loading %1…").arg(session_->selectedStudies().first())
                                                       : tr("Loading %1 studies…").arg(shown));
    } else if (session_) {
        const StudyRunController& runs = StudyRunController::of(*session_);
        const QStringList running = runs.runningStudies();
        if (running.size() == 1) {
            const auto p = runs.progress(running.first());
            text = tr("Running %1").arg(running.first());
            if (p) {
                text += tr(" · %1 done, %2 running").arg(p->done()).arg(p->running);
                if (p->maxTrials && *p->maxTrials > 0) {
                    maximum = static_cast<int>(*p->maxTrials);
                    value = static_cast<int>(std::min<std::int64_t>(p->done(), *p->maxTrials));
                }
            }
        } else if (running.size() > 1) {
            text = tr("Running %1 studies").arg(running.size());
        }
    }
    label_->setText(text);
    bar_->setRange(0, maximum);
    bar_->setValue(value);
    setVisible(!text.isEmpty());
}

} // namespace tendril::app
