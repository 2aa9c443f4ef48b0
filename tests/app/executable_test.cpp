// The real `tendril` program, run as a subprocess the way scripts and the docs run it.
#include "startup/command_line.hpp"
#include "test_support.hpp"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace tendril::app;

namespace {

struct ProcessResult {
    int exitCode = -1;
    QString out;
    QString err;
};

class ExecutableTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(home_.isValid());
        program_ = QDir(test::binDir()).filePath(QStringLiteral("tendril"));
        ASSERT_TRUE(QFileInfo(program_).isExecutable()) << program_.toStdString();
    }

    // Runs tendril with a home of its own, so the demo project is created fresh and no settings leak in.
    ProcessResult run(const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home_.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home_.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home_.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home_.path());
        process.setProcessEnvironment(env);
        process.start(program_, arguments);
        ProcessResult result;
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
            ADD_FAILURE() << "tendril did not finish: " << arguments.join(QLatin1Char(' ')).toStdString();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QString path(const QString& name) const { return home_.filePath(name); }

    static int distinctColours(const QImage& image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        return static_cast<int>(colours.size());
    }

    QTemporaryDir home_;
    QString program_;
};

} // namespace

TEST_F(ExecutableTest, DemoScreenshotOfTheWholeWindow)
{
    const QString png = path(QStringLiteral("window.png"));
    const ProcessResult r = run({QStringLiteral("--demo"), QStringLiteral("--screenshot"), png});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(QFileInfo::exists(path(QStringLiteral("data/Tendril/tendril/demo.tendril"))));
    const QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), LaunchOptions::kDefaultScreenshotSize);
    // Text, state dots and the state bars give hundreds of colours; a blank or failed paint has a few.
    EXPECT_GT(distinctColours(image), 100);
}

TEST_F(ExecutableTest, ScreenshotOfOneViewAtAGivenSize)
{
    const QString png = path(QStringLiteral("overview.png"));
    const ProcessResult r = run({QStringLiteral("--demo"), QStringLiteral("--study"), QStringLiteral("digits-pbt"),
                       QStringLiteral("--view"), QStringLiteral("overview"), QStringLiteral("--size"),
                       QStringLiteral("900x700"), QStringLiteral("--screenshot"), png});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QImage image(png);
    ASSERT_FALSE(image.isNull());
    // The view alone, at the size asked for, whatever room its dock has in the window.
    EXPECT_EQ(image.size() / image.devicePixelRatio(), QSize(900, 700));
    EXPECT_GT(distinctColours(image), 50);
}

TEST_F(ExecutableTest, UnknownStudyExitsOneNamingIt)
{
    const ProcessResult r = run({QStringLiteral("--demo"), QStringLiteral("--study"), QStringLiteral("digits-random"),
                       QStringLiteral("--study"), QStringLiteral("no-such-study"), QStringLiteral("--screenshot"),
                       path(QStringLiteral("x.png"))});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("error: "))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("\"no-such-study\""))) << r.err.toStdString();
    EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << "one line: " << r.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(path(QStringLiteral("x.png"))));
}

TEST_F(ExecutableTest, UnknownViewIsAUsageError)
{
    const ProcessResult r = run({QStringLiteral("--demo"), QStringLiteral("--view"), QStringLiteral("galaxy"),
                       QStringLiteral("--screenshot"), path(QStringLiteral("x.png"))});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("galaxy"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("control, overview, tradeoff, space, importance, exploration, curves, selected, trials"))) << r.err.toStdString();
}

TEST_F(ExecutableTest, MissingProjectFileExitsOne)
{
    const ProcessResult r = run({path(QStringLiteral("nowhere.tendril")), QStringLiteral("--screenshot"), path(QStringLiteral("x.png"))});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("nowhere.tendril"))) << r.err.toStdString();
}

TEST_F(ExecutableTest, WithoutAProjectTheWelcomePageIsShown)
{
    const QString png = path(QStringLiteral("welcome.png"));
    const ProcessResult r = run({QStringLiteral("--screenshot"), png, QStringLiteral("--size"), QStringLiteral("900x600")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QImage image(png);
    EXPECT_EQ(image.size(), QSize(900, 600));
    EXPECT_GT(distinctColours(image), 50);
}

TEST_F(ExecutableTest, HelpAndVersion)
{
    const ProcessResult help = run({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    for (const char* option : {"--demo", "--view", "--study", "--screenshot", "--size"})
        EXPECT_TRUE(help.out.contains(QLatin1String(option))) << option;
    const ProcessResult version = run({QStringLiteral("--version")});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.contains(QStringLiteral("0."))) << version.out.toStdString();
}
