// The "Runs" part of the control panel: one line per study this window is running, with a bar of
// trials done over the budget and what the runner last reported (running, failed, best, elapsed).
#pragma once

#include "runner/run_types.hpp"

#include <QMap>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QVBoxLayout;

namespace tendril::app {

class StudyRunController;

// "12/40 trials · 2 running · 1 failed · best 0.9312 (t7) · 00:01:23"; without a trial budget
// "12 trials · ...".
QString formatRunProgress(const runner::RunProgress& progress);
// "00:01:23", "26:03:09".
QString formatElapsed(double seconds);

class RunProgressList : public QWidget {
    Q_OBJECT

public:
    explicit RunProgressList(StudyRunController& controller, QWidget* parent = nullptr);

    // The progress line shown for a running study; "" when it is not running.
    QString lineOf(const QString& study) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        QWidget* box = nullptr;
        QProgressBar* bar = nullptr;
        QLabel* detail = nullptr;
    };

    void syncRows();
    void showProgress(const QString& study, const runner::RunProgress& progress);
    void refreshAll();
    void applyColors();

    StudyRunController& controller_;
    QLabel* title_;
    QVBoxLayout* rowsLayout_;
    QMap<QString, Row> rows_;
    QTimer tick_;  // elapsed time moves between reports
};

} // namespace tendril::app
