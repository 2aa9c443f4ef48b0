// tendril: the desktop application (shared/spec/cli.md, "tendril").
#include "startup/allocator_settings.hpp"
#include "startup/launcher.hpp"
#include "style/app_style.hpp"

#include <QApplication>

int main(int argc, char* argv[])
{
    tendril::app::configureAllocator();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tendril"));
    QApplication::setApplicationName(QStringLiteral("tendril"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tendril"));
    QApplication::setApplicationVersion(QStringLiteral(TENDRIL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tendril"));
    tendril::app::applyAppStyle(app);
    return tendril::app::runApplication(app);
}
