#include "startup/command_line.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

namespace tendril::app {

namespace {

constexpr int kUsageError = 2;
constexpr int kMinSide = 200;
constexpr int kMaxSide = 10000;

ParsedCommandLine usageError(const QString& message)
{
    return {std::nullopt, kUsageError, QStringLiteral("error: ") + message};
}

} // namespace

ParsedCommandLine parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Tendril: visual analytics for hyperparameter optimization.\n"
        "Opens PROJECT, or the last project, or a welcome page."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the bundled demo project."));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("With --screenshot, capture only this view (control, overview, tradeoff, space, importance, exploration, curves, selected, trials)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption study(QStringLiteral("study"),
                                   QStringLiteral("Select this study; repeat for more. The first is shown in "
                                                  "the trials table."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window (or --view) to this PNG file and exit."),
                                        QStringLiteral("PNG"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size, e.g. 1400x900 (the default for screenshots)."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("Use the light or dark theme for this run (the View menu's choice is kept)."),
                                   QStringLiteral("light|dark"));
    parser.addOptions({demo, view, study, screenshot, size, theme});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A Tendril project file (.tendril)."),
                                 QStringLiteral("[PROJECT]"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help))
        return {std::nullopt, 0, parser.helpText()};
    if (parser.isSet(version))
        return {std::nullopt, 0,
                QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion()};

    LaunchOptions options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(QStringLiteral("expected at most one PROJECT, got %1: %2")
                              .arg(positional.size())
                              .arg(positional.join(QStringLiteral(" "))));
    options.project = positional.value(0);
    options.demo = parser.isSet(demo);
    if (options.demo && !options.project.isEmpty())
        return usageError(QStringLiteral("--demo opens the demo project; do not also give PROJECT (%1)")
                              .arg(options.project));
    options.view = parser.value(view);
    options.studies = parser.values(study);
    options.screenshot = parser.value(screenshot);
    if (parser.isSet(size)) {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$"));
        const auto match = pattern.match(parser.value(size));
        const int width = match.hasMatch() ? match.captured(1).toInt() : 0;
        const int height = match.hasMatch() ? match.captured(2).toInt() : 0;
        if (width < kMinSide || height < kMinSide || width > kMaxSide || height > kMaxSide)
            return usageError(QStringLiteral("--size: expected WIDTHxHEIGHT with each side from %1 to %2, got \"%3\"")
                                  .arg(kMinSide)
                                  .arg(kMaxSide)
                                  .arg(parser.value(size)));
        options.size = QSize(width, height);
    }
    if (parser.isSet(theme)) {
        options.theme = parser.value(theme);
        if (options.theme != QLatin1String("light") && options.theme != QLatin1String("dark"))
            return usageError(QStringLiteral("--theme: expected light or dark, got \"%1\"").arg(options.theme));
    }
    return {options, 0, {}};
}

} // namespace tendril::app
