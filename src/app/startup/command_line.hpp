// The desktop application's command line (shared/spec/cli.md, "tendril").
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace tendril::app {

struct LaunchOptions {
    QString project;       // "" when none was given
    bool demo = false;
    QString view;          // "" for the whole window
    QStringList studies;   // in the order given; the first is shown in the trials table
    QString screenshot;    // PNG path; "" to run interactively
    std::optional<QSize> size;
    QString theme;         // "light" or "dark" for this run only; "" keeps the user's choice

    static constexpr QSize kDefaultScreenshotSize{1400, 900};
};

struct ParsedCommandLine {
    std::optional<LaunchOptions> options;  // empty when the program should exit right away
    int exitCode = 0;                      // then: 0 after --help/--version, 2 for a usage error
    QString output;                        // what to print: help or version text (stdout), or the error (stderr)
};

// Parses the arguments (argv[0] first). Never exits the process, so it can be tested directly.
ParsedCommandLine parseCommandLine(const QStringList& arguments);

} // namespace tendril::app
