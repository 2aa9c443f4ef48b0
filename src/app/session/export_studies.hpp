// Writing studies of the open project to a tendril/1 JSON file or a CSV table.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tendril::app {

class ProjectSession;

enum class ExportFormat { Native, Csv };

// The format a file name asks for by its extension (.json, .csv), if any.
std::optional<ExportFormat> exportFormatForPath(const QString& path);

// Writes the named studies with all their trials, curves and notes. Throws (FormatError, StoreError
// or std::runtime_error) with one line naming the file or study at fault.
void exportStudies(ProjectSession& session, const QStringList& names, const QString& path,
                   ExportFormat format);

} // namespace tendril::app
