// A command's fixed arguments as one line of text in the study dialog, and back. No shell is
// involved, so the rules are few: spaces and tabs separate arguments; double quotes keep one
// together and may be empty (""); inside quotes \" is a quote and \\ a backslash. Every argument
// list survives joinArguments then splitArguments unchanged.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tendril::app {

QString joinArguments(const QStringList& args);
// nullopt with *error set when a quote is not closed.
std::optional<QStringList> splitArguments(const QString& text, QString* error);

} // namespace tendril::app
