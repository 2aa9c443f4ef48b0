// What the window shows when no project is open: start a project, open one, or open the demo.
#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class WelcomePage;
}

namespace tendril::app {

class WelcomePage : public QWidget {
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);
    ~WelcomePage() override;

    // Shows these project files (most recent first); files that no longer exist are left out.
    void setRecentProjects(const QStringList& paths);
    QStringList shownRecentProjects() const;

signals:
    void newProjectRequested();
    void openProjectRequested();
    void openDemoRequested();
    void recentProjectRequested(const QString& path);

private:
    std::unique_ptr<Ui::WelcomePage> ui_;
};

} // namespace tendril::app
