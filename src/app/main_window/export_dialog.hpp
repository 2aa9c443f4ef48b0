// Asks what to export (the selected studies or all of them), in which format, and where.
#pragma once

#include "session/export_studies.hpp"

#include <QDialog>

#include <memory>

namespace Ui {
class ExportDialog;
}

namespace tendril::app {

class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(const QStringList& selectedStudies, const QStringList& allStudies, const QString& folder,
                 QWidget* parent = nullptr);
    ~ExportDialog() override;

    QStringList studies() const;
    ExportFormat format() const;
    QString path() const;

private:
    void browse();
    void formatChosen();
    void updateOk();

    std::unique_ptr<Ui::ExportDialog> ui_;
    QStringList selected_;
    QStringList all_;
};

} // namespace tendril::app
