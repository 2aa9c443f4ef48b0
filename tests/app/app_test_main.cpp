// One QApplication for every test, on the offscreen platform, with settings and data folders in a
// temporary directory so no test reads or writes the user's own.
#include "style/app_style.hpp"

#include <QApplication>
#include <QTemporaryDir>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    // ctest sets this; it is repeated here so the binary also runs by hand and during test discovery.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tendril"));
    QApplication::setApplicationName(QStringLiteral("tendril-tests"));
    tendril::app::applyAppStyle(app);

    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
