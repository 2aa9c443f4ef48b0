#include "views/control/argument_text.hpp"

namespace tendril::app {

namespace {

bool isSeparator(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

bool needsQuotes(const QString& arg)
{
    if (arg.isEmpty())
        return true;
    for (const QChar c : arg)
        if (isSeparator(c) || c == QLatin1Char('"') || c == QLatin1Char('\n'))
            return true;
    return false;
}

} // namespace

QString joinArguments(const QStringList& args)
{
    QStringList parts;
    for (const QString& arg : args) {
        if (!needsQuotes(arg)) {
            parts << arg;
            continue;
        }
        QString escaped = arg;
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        parts << QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    return parts.join(QLatin1Char(' '));
}

std::optional<QStringList> splitArguments(const QString& text, QString* error)
{
    QStringList args;
    QString current;
    bool inArgument = false;  // an argument has begun (a quoted one may still be empty)
    bool inQuotes = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == QLatin1Char('\\') && i + 1 < text.size()
                && (text[i + 1] == QLatin1Char('"') || text[i + 1] == QLatin1Char('\\'))) {
                current += text[++i];
            } else if (c == QLatin1Char('"')) {
                inQuotes = false;
            } else {
                current += c;
            }
            continue;
        }
        if (isSeparator(c)) {
            if (inArgument)
                args << current;
            current.clear();
            inArgument = false;
        } else if (c == QLatin1Char('"')) {
            inQuotes = true;
            inArgument = true;
        } else {
            current += c;
            inArgument = true;
        }
    }
    if (inQuotes) {
        if (error)
            *error = QStringLiteral("a double quote is not closed");
        return std::nullopt;
    }
    if (inArgument)
        args << current;
    return args;
}

} // namespace tendril::app
