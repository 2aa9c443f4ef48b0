#include "startup/launcher.hpp"

#include "main_window/main_window.hpp"
#include "main_window/workspace.hpp"
#include "session/demo_project.hpp"
#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "session/recent_projects.hpp"
#include "startup/command_line.hpp"
#include "style/app_style.hpp"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDockWidget>
#include <QFileInfo>
#include <QPixmap>
#include <QStatusBar>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

namespace tendril::app {

namespace {

constexpr int kBadInput = 1;
constexpr int kUsageError = 2;

int fail(int code, const QString& message)
{
    QTextStream(stderr) << "error: " << message << Qt::endl;
    return code;
}

// The project the command line asks for: PROJECT, the demo, or (with neither) the last one opened.
// Returns false after printing the error when the asked-for project cannot be provided.
bool chooseProject(const LaunchOptions& options, QString& path, bool& explicitRequest, int& exitCode)
{
    explicitRequest = options.demo || !options.project.isEmpty();
    if (options.demo) {
        path = defaultDemoProjectPath();
        try {
            ensureDemoProject(path);
        } catch (const std::exception& e) {
            exitCode = fail(kBadInput, QString::fromStdString(e.what()));
            return false;
        }
        return true;
    }
    if (!options.project.isEmpty()) {
        if (!QFileInfo(options.project).isFile()) {
            exitCode = fail(kBadInput, QStringLiteral("%1: no such project file").arg(options.project));
            return false;
        }
        path = options.project;
        return true;
    }
    const QStringList recent = RecentProjects::list();
    if (!recent.isEmpty() && QFileInfo(recent.first()).isFile())
        path = recent.first();
    return true;
}

// Views with work in the background (importance, cached layers drawn off the GUI thread) say so
// through a "busy" property; a screenshot waits for them, so it shows what a user would see.
void waitForViews(QWidget& window, ProjectSession& session)
{
    const QDeadlineTimer deadline(30000);
    const auto anyBusy = [&window] {
        const QList<QObject*> objects = window.findChildren<QObject*>();
        return std::any_of(objects.begin(), objects.end(),
                           [](const QObject* o) { return o->property("busy").toBool(); });
    };
    const auto serviceBusy = [&session] {
        const QList<ImportanceService*> services = session.findChildren<ImportanceService*>();
        return std::any_of(services.begin(), services.end(), [](const ImportanceService* s) { return s->busy(); });
    };
    while ((anyBusy() || serviceBusy()) && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    // Plots that draw their layers on a worker deliver them a moment after the last resize; give
    // them that moment (the demo's layers take well under it).
    const QDeadlineTimer settle(600);
    while (!settle.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

} // namespace

int runApplication(QApplication& app)
{
    const ParsedCommandLine parsed = parseCommandLine(app.arguments());
    if (!parsed.options) {
        if (parsed.exitCode == 0)
            QTextStream(stdout) << parsed.output << Qt::flush;
        else
            QTextStream(stderr) << parsed.output << Qt::endl;
        return parsed.exitCode;
    }
    const LaunchOptions& options = *parsed.options;
    const bool screenshot = !options.screenshot.isEmpty();

    QString path;
    bool explicitRequest = false;
    int exitCode = 0;
    if (!chooseProject(options, path, explicitRequest, exitCode))
        return exitCode;

    if (const auto theme = themeFromName(options.theme))
        setTheme(*theme, /*remember=*/false);
    MainWindow window(MainWindow::Options{.rememberState = !screenshot});
    if (!path.isEmpty()) {
        const QString error = window.openProject(path);
        if (!error.isEmpty()) {
            if (explicitRequest)
                return fail(kBadInput, error);
            // The last project went bad since; the welcome page is the right place to start over.
            window.statusBar()->showMessage(error);
        }
    }

    ProjectSession* session = window.session();
    if (!options.studies.isEmpty()) {
        if (!session)
            return fail(kUsageError, QStringLiteral("--study needs a project: give PROJECT or --demo"));
        for (const QString& name : options.studies)
            if (!session->hasStudy(name))
                return fail(kBadInput, QStringLiteral("%1: no study named \"%2\" (the project has: %3)")
                                           .arg(session->path(), name, session->studyNames().join(QStringLiteral(", "))));
        session->setSelectedStudies(options.studies);
    }

    QWidget* view = nullptr;
    if (!options.view.isEmpty()) {
        if (!window.workspace())
            return fail(kUsageError, QStringLiteral("--view %1 needs a project: give PROJECT or --demo").arg(options.view));
        view = window.workspace()->view(options.view);
        if (!view)
            return fail(kUsageError, QStringLiteral("--view: unknown view \"%1\"; expected one of %2")
                                         .arg(options.view, window.workspace()->viewNames().join(QStringLiteral(", "))));
        if (auto* dock = qobject_cast<QDockWidget*>(view)) {
            dock->show();
            dock->raise();
        }
    }

    if (options.size)
        window.resize(*options.size);
    else if (screenshot)
        window.resize(LaunchOptions::kDefaultScreenshotSize);
    window.show();
    // A view's screenshot shows the view at the size asked for, not at whatever its dock gets in
    // the window's arrangement.
    if (auto* dock = qobject_cast<QDockWidget*>(view); dock && screenshot) {
        dock->setFloating(true);
        dock->resize(options.size.value_or(LaunchOptions::kDefaultScreenshotSize));
        dock->show();
    }
    if (!screenshot)
        return app.exec();

    QTimer::singleShot(0, &window, [&] {
        // The shown studies load on a worker thread; wait for them, then let queued layout and
        // model updates run, so the picture is what a user would see.
        if (ProjectSession* session = window.session()) {
            session->waitUntilLoaded();
            session->hub().flush();
            waitForViews(window, *session);
        }
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        const QPixmap picture = (view ? view : static_cast<QWidget*>(&window))->grab();
        if (!picture.save(options.screenshot, "PNG")) {
            app.exit(fail(kBadInput, QStringLiteral("%1: cannot write the screenshot").arg(options.screenshot)));
            return;
        }
        app.exit(0);
    });
    return app.exec();
}

} // namespace tendril::app
