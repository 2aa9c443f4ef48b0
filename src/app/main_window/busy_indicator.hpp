// The right end of the status bar: what the window is busy with, and how far along it is. One
// line for the most pressing thing: an import, then reading the shown studies (trials, then their
// learning curves), then the studies this window runs with their trial counts.
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace tendril::app {

class ProjectSession;

class BusyIndicator : public QWidget {
    Q_OBJECT

public:
    explicit BusyIndicator(QWidget* parent = nullptr);

    // Follows this session's loading and runs; nullptr when no project is open.
    void setSession(ProjectSession* session);
    // The import under way ("" when none).
    void setImport(const QString& text);

    // What the indicator says now; "" when hidden.
    QString text() const;
    // The bar: (value, maximum); maximum 0 when it is indeterminate.
    std::pair<int, int> progress() const;

private:
    void refresh();

    QPointer<ProjectSession> session_;
    QString import_;
    QLabel* label_;
    QProgressBar* bar_;
};

} // namespace tendril::app
