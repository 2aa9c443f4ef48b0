#include "views/control/run_progress_list.hpp"

#include "style/number_format.hpp"
#include "style/labels.hpp"
#include "style/plot_colors.hpp"
#include "views/control/control_colors.hpp"
#include "views/control/study_run_controller.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace tendril::app {

QString formatElapsed(double seconds)
{
    const auto total = static_cast<qint64>(std::max(0.0, std::floor(seconds)));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600, 2, 10, QLatin1Char('0'))
        .arg((total / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString formatRunProgress(const runner::RunProgress& p)
{
    QStringList parts;
    parts << (p.maxTrials ? QStringLiteral("%1/%2 trials").arg(p.done()).arg(*p.maxTrials)
                          : QStringLiteral("%1 trials").arg(p.done()));
    parts << QStringLiteral("%1 running").arg(p.running);
    parts << QStringLiteral("%1 failed").arg(p.failed);
    parts << (p.bestTrial.empty() ? QStringLiteral("best —")
                                  : QStringLiteral("best %1 (%2)").arg(formatCompact(p.bestValue), qstr(p.bestTrial)));
    parts << formatElapsed(p.elapsedSeconds);
    return parts.join(QStringLiteral(" · "));
}

RunProgressList::RunProgressList(StudyRunController& controller, QWidget* parent)
    : QWidget(parent), controller_(controller), rowsLayout_(new QVBoxLayout), title_(new QLabel(tr("Runs"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(4);
    layout->addWidget(title_);
    rowsLayout_->setContentsMargins(0, 0, 0, 0);
    rowsLayout_->setSpacing(8);
    layout->addLayout(rowsLayout_);

    connect(&controller_, &StudyRunController::runStarted, this, &RunProgressList::syncRows);
    connect(&controller_, &StudyRunController::runFinished, this, &RunProgressList::syncRows);
    connect(&controller_, &StudyRunController::progressChanged, this, &RunProgressList::showProgress);
    connect(&tick_, &QTimer::timeout, this, &RunProgressList::refreshAll);
    tick_.setInterval(1000);
    syncRows();
    applyColors();
}

void RunProgressList::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void RunProgressList::applyColors()
{
    const PlotColors plot = PlotColors::of(*this);
    title_->setStyleSheet(QStringLiteral("font-weight: 600; color: %1;").arg(plot.ink.name()));
    const QString detail = QStringLiteral("color: %1;").arg(ControlColors::of(palette()).muted.name());
    for (const Row& row : rows_)
        row.detail->setStyleSheet(detail);
}

QString RunProgressList::lineOf(const QString& study) const
{
    const auto it = rows_.constFind(study);
    return it == rows_.constEnd() ? QString() : it->detail->text();
}

void RunProgressList::syncRows()
{
    const QStringList running = controller_.runningStudies();
    for (auto it = rows_.begin(); it != rows_.end();) {
        if (running.contains(it.key())) {
            ++it;
            continue;
        }
        it->box->deleteLater();
        it = rows_.erase(it);
    }
    for (const QString& study : running) {
        if (rows_.contains(study))
            continue;
        Row row;
        row.box = new QWidget(this);
        auto* box = new QVBoxLayout(row.box);
        box->setContentsMargins(0, 0, 0, 0);
        box->setSpacing(3);
        auto* head = new QHBoxLayout;
        auto* name = new QLabel(study, row.box);
        name->setStyleSheet(QStringLiteral("font-weight: 600;"));
        auto* stop = new QPushButton(tr("Stop"), row.box);
        stop->setObjectName(QStringLiteral("stopRunButton"));
        stop->setToolTip(tr("Stop %1: running trials are recorded as interrupted; Resume continues them").arg(study));
        stop->setFlat(true);
        connect(stop, &QPushButton::clicked, this, [this, study, stop] {
            stop->setEnabled(false);
            stop->setText(tr("Stopping…"));
            controller_.stop(study);
        });
        head->addWidget(name, 1);
        head->addWidget(stop);
        row.bar = new QProgressBar(row.box);
        row.bar->setTextVisible(false);
        row.bar->setFixedHeight(6);
        row.detail = new QLabel(row.box);
        row.detail->setObjectName(QStringLiteral("runProgressLine"));
        row.detail->setStyleSheet(QStringLiteral("color: %1;").arg(ControlColors::of(palette()).muted.name()));
        row.detail->setWordWrap(true);
        box->addLayout(head);
        box->addWidget(row.bar);
        box->addWidget(row.detail);
        rowsLayout_->addWidget(row.box);
        rows_.insert(study, row);
        if (const std::optional<runner::RunProgress> p = controller_.progress(study))
            showProgress(study, *p);
    }
    setVisible(!rows_.isEmpty());
    if (rows_.isEmpty())
        tick_.stop();
    else if (!tick_.isActive())
        tick_.start();
}

void RunProgressList::showProgress(const QString& study, const runner::RunProgress& progress)
{
    const auto it = rows_.constFind(study);
    if (it == rows_.constEnd())
        return;
    if (progress.maxTrials) {
        it->bar->setRange(0, static_cast<int>(std::min<std::int64_t>(*progress.maxTrials, 1 << 30)));
        it->bar->setValue(static_cast<int>(std::min(progress.done(), *progress.maxTrials)));
    } else {
        it->bar->setRange(0, 0);  // no trial budget: a busy bar
    }
    it->detail->setText(formatRunProgress(progress));
}

void RunProgressList::refreshAll()
{
    for (auto it = rows_.constBegin(); it != rows_.constEnd(); ++it)
        if (const std::optional<runner::RunProgress> p = controller_.progress(it.key()))
            showProgress(it.key(), *p);
}

} // namespace tendril::app
