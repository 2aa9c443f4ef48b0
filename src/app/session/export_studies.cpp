#include "session/export_studies.hpp"

#include "session/project_session.hpp"
#include "tendril/io/csv_format.hpp"
#include "tendril/io/native_format.hpp"

#include <QFileInfo>

#include <stdexcept>

namespace tendril::app {

std::optional<ExportFormat> exportFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return ExportFormat::Native;
    if (suffix == QLatin1String("csv"))
        return ExportFormat::Csv;
    return std::nullopt;
}

void exportStudies(ProjectSession& session, const QStringList& names, const QString& path,
                   ExportFormat format)
{
    if (names.isEmpty())
        throw std::runtime_error(path.toStdString() + ": no studies to export");
    NativeDocument document;
    document.projectName = session.displayName().toStdString();
    for (const QString& name : names) {
        QString error;
        const auto study = session.study(name, &error);
        if (!study)
            throw std::runtime_error(error.toStdString());
        document.studies.push_back(*study);
    }
    if (format == ExportFormat::Native)
        writeNativeFile(path.toStdString(), document);
    else
        writeCsvFile(path.toStdString(), document.studies);
}

} // namespace tendril::app
