// tendril: the desktop application (shared/spec/cli.md, "tendril").
#include "startup/launcher.hpp"
#include "style/app_style.hpp"

#include <QApplication>

#include <malloc.h>

int main(int argc, char* argv[])
{
    // The app frees and reloads whole studies (100,000 trials are ~100 MB of small objects) when
    // the selection changes. Keeping freed memory instead of trimming it back to the system spares
    // the reload from faulting every page in again, which halves its time on virtual machines.
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tendril"));
    QApplication::setApplicationName(QStringLiteral("tendril"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tendril"));
    QApplication::setApplicationVersion(QStringLiteral(TENDRIL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tendril"));
    tendril::app::applyAppStyle(app);
    return tendril::app::runApplication(app);
}
