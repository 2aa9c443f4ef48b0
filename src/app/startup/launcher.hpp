// From the command line to a running window, or to a screenshot and an exit code.
#pragma once

class QApplication;

namespace tendril::app {

// Parses app.arguments(), opens what they ask for and runs the event loop (or takes the screenshot).
// Returns the process exit code: 0, 1 for bad input (unknown study, unreadable project) with one
// "error: ..." line on stderr, 2 for a usage error.
int runApplication(QApplication& app);

} // namespace tendril::app
